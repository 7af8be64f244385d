#!/usr/bin/env python3
"""rawi on a news gold set in the seed-gold JSONL format (news-dev.jsonl),
scored by that set's own scorer, per language, per half and per predicate.

usage: eval_news.py RAWI GOLD.jsonl SCORE.py [--half even|odd|all]
                    [--verbose] [--system OUT.jsonl]

Documents are numbered by the number their id ends in (d-ar-07 is odd).
Rules are tuned on the even half and the odd half is the check of
generalisation; the table gives both, and all. --verbose prints the
scorer's misses and extras for the chosen half. --system scores an
existing output instead of running rawi.

Per-predicate rows keep only that predicate in the gold (required,
optional and forbidden) and in the output, so each row is the scorer's
own figure restricted to one edge type.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from evalkit import usage_args


def half_of(doc_id):
    m = re.search(r'(\d+)$', doc_id)
    return 'even' if m and int(m.group(1)) % 2 == 0 else 'odd'


def run_rawi(rawi, gold_path):
    out = subprocess.run([rawi, 'extract', '--input-format', 'jsonl', gold_path],
                         capture_output=True, check=False)
    if out.returncode not in (0, 2):
        sys.exit(f'eval_news: rawi failed: {out.stderr.decode(errors="replace")}')
    return [json.loads(l) for l in out.stdout.decode().splitlines() if l.strip()]


def only_predicate(doc, pred, gold):
    d = dict(doc)
    if gold:
        d['entities'] = []
        d['optional_entities'] = []
        for k in ('relations', 'optional', 'forbidden'):
            d[k] = [r for r in doc.get(k, []) if len(r) == 3 and r[1] == pred]
    else:
        d['relations'] = [r for r in doc.get('relations', []) if r.get('predicate') == pred]
    return d


def score(score_py, gold, system, verbose=False):
    with tempfile.TemporaryDirectory() as tmp:
        g, s = os.path.join(tmp, 'g.jsonl'), os.path.join(tmp, 's.jsonl')
        for path, docs in ((g, gold), (s, system)):
            with open(path, 'w', encoding='utf-8') as f:
                f.writelines(json.dumps(d, ensure_ascii=False) + '\n' for d in docs)
        args = [sys.executable, score_py, g, s] + (['--verbose'] if verbose else [])
        text = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    figs = {}
    for name, key in (('entities strict', 'ent'), ('relations', 'rel')):
        m = re.search(name + r'\s+P=([\d.]+) R=([\d.]+) F1=([\d.]+) \(tp=(\d+) fp=(\d+) fn=(\d+)\)', text)
        figs[key] = tuple(float(x) for x in m.groups()[:3]) + tuple(int(x) for x in m.groups()[3:])
    return figs, text


def row(label, f):
    p, r, f1, tp, fp, fn = f
    return f'| {label} | {p:.3f} | {r:.3f} | **{f1:.3f}** | {tp} | {fp} | {fn} |'


def main():
    a = usage_args(__doc__, 3)
    rawi, gold_path, score_py = a[0], a[1], a[2]
    want = a[a.index('--half') + 1] if '--half' in a else None
    gold = [json.loads(l) for l in open(gold_path, encoding='utf-8') if l.strip()]
    if '--system' in a:
        system = [json.loads(l) for l in open(a[a.index('--system') + 1], encoding='utf-8') if l.strip()]
    else:
        system = run_rawi(rawi, gold_path)
    by_id = {d.get('id'): d for d in system}
    preds = sorted({r[1] for d in gold for k in ('relations', 'optional') for r in d.get(k, [])
                    if len(r) == 3})
    halves = [want] if want else ['even', 'odd', 'all']
    for lang in sorted({d['lang'] for d in gold}):
        for half in halves:
            gs = [d for d in gold if d['lang'] == lang and half in ('all', half_of(d['id']))]
            ss = [by_id.get(d['id'], {'id': d['id']}) for d in gs]
            figs, text = score(score_py, gs, ss, '--verbose' in a)
            if '--verbose' in a:
                print(text)
            print(f'\n### {lang}, {half} articles ({len(gs)})\n')
            print('| measure | P | R | F1 | tp | fp | fn |\n|---|---|---|---|---|---|---|')
            print(row('entities', figs['ent']))
            print(row('relations', figs['rel']))
            for p in preds:
                pg = [only_predicate(d, p, True) for d in gs]
                if not any(d['relations'] for d in pg) and not any(
                        r.get('predicate') == p for d in ss for r in d.get('relations', [])):
                    continue
                pf, _ = score(score_py, pg, [only_predicate(d, p, False) for d in ss])
                print(row(f'  {p}', pf['rel']))


if __name__ == '__main__':
    main()
