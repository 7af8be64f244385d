#!/usr/bin/env python3
"""Print each document's relations as 'id | subject predicate object; ...'
(entity names, sorted; a planned edge ends in ' (planned)'), from rawi's
JSONL on stdin: a stable, readable form for the golden relation test."""
import json
import sys

for line in sys.stdin:
    d = json.loads(line)
    names = {e['id']: e['name'] for e in d.get('entities', [])}
    rels = sorted(f"{names[r['subject']]} {r['predicate']} {names[r['object']]}"
                  + (' (planned)' if r.get('modality') == 'planned' else '')
                  for r in d.get('relations', []))
    print(d['id'], '|', '; '.join(rels))
