#!/usr/bin/env python3
"""Print each document's entities as 'doc | id: mention, mention; ...'
(mentions as written, in text order, '~' before an alias), from rawi's
JSONL on stdin: a stable, readable form for the golden identity test."""
import json
import sys

for line in sys.stdin:
    d = json.loads(line)
    ents = []
    for e in d.get('entities', []):
        ms = ', '.join(('~' if m['source'].startswith('alias:') else '') + m['text']
                       + ('/dem' if m['kind'] == 'demonym' else '')
                       for m in e['mentions'])
        ents.append(f"{e['id']}: {ms}")
    print(d['id'], '|', '; '.join(ents))
