#!/usr/bin/env python3
"""Entity-level P/R/F1 of rawi on ANERcorp-style CoNLL data (PERS, LOC, ORG).

usage: eval_anercorp.py RAWI CONLL [--dev-sixth] [--errors N] [--doc-sentences K]
                        [--gazetteer FILE] [--rules FILE]

CONLL holds `token TAG` lines (IOB2), blank lines between sentences. With
--dev-sixth only the last sixth of the sentences is used: the development
split rawi is tuned on (the rest is for inducing lists; the official test
split is never used for tuning). Sentences are joined with spaces into
documents of K sentences (default 1), run through `rawi extract --lang ar`,
and every token takes the label of the mention covering its stem, as in
ANERcorp where clitics stay attached to tokens. rawi's COUNTRY and LOCATION
map to LOC, PERSON to PERS, ORGANIZATION to ORG; MISC is not scored. Scoring
follows conlleval: an entity counts when type and token span both match.
"""
import json
import sys
from collections import Counter

from evalkit import join_tokens, option, prf, read_conll, run_rawi, usage_args

MAP = {'PERSON': 'PERS', 'ORGANIZATION': 'ORG', 'COUNTRY': 'LOC', 'LOCATION': 'LOC'}
TYPES = ('PERS', 'LOC', 'ORG')


def spans(labels):
    """Entity spans (type, start, end) from IOB2 labels, MISC left out."""
    out, start, typ = [], None, None
    for i, lab in enumerate(labels + ['O']):
        if start is not None and (lab == 'O' or lab.startswith('B-') or lab[2:] != typ):
            if typ in TYPES:
                out.append((typ, start, i))
            start = typ = None
        if lab.startswith('B-') or (lab.startswith('I-') and start is None):
            start, typ = i, lab[2:]
    return out


def main():
    args = usage_args(__doc__)
    rawi, path = args[0], args[1]
    k = option(args, '--doc-sentences', 1)
    n_err = option(args, '--errors', 0)
    sents = read_conll(path)
    if '--dev-sixth' in args:
        sents = sents[len(sents) - len(sents) // 6:]
    docs = [sents[i:i + k] for i in range(0, len(sents), k)]
    texts, offsets = [], []
    for doc in docs:
        text, offs = join_tokens([tok for s in doc for tok, _ in s])
        texts.append(text)
        offsets.append(offs)
    extra = []
    for i, x in enumerate(args):
        if x in ('--gazetteer', '--rules'):
            extra += [x, args[i + 1]]
    out = run_rawi(rawi, 'ar', texts, extra)
    tp, fp, fn = Counter(), Counter(), Counter()
    errors = []
    for d, line in enumerate(out):
        rec = json.loads(line)
        offs = offsets[d]
        pred = ['O'] * len(offs)
        for e in rec.get('entities', []):
            typ = MAP.get(e['type'])
            for m in e['mentions']:
                if not typ or m['kind'] != 'name':
                    continue
                cover = [i for i, (a, b) in enumerate(offs) if a < m['end'] and m['start'] < b]
                for j, i in enumerate(cover):
                    pred[i] = ('B-' if j == 0 else 'I-') + typ
        gold = [lab for s in docs[d] for _, lab in s]
        toks = [t for s in docs[d] for t, _ in s]
        g, p = set(spans(gold)), set(spans(pred))
        for t in TYPES:
            tp[t] += len({x for x in g & p if x[0] == t})
            fp[t] += len({x for x in p - g if x[0] == t})
            fn[t] += len({x for x in g - p if x[0] == t})
        for typ, a, b in sorted(g - p):
            errors.append(f'MISS  {typ} {" ".join(toks[a:b])}')
        for typ, a, b in sorted(p - g):
            errors.append(f'EXTRA {typ} {" ".join(toks[a:b])}')

    print(f'{len(sents)} sentences, {len(docs)} documents (MISC not scored)')
    print(f'{"type":6} {"P":>6} {"R":>6} {"F1":>6} {"tp":>6} {"fp":>6} {"fn":>6}')
    for t in TYPES:
        p, r, f = prf(tp[t], fp[t], fn[t])
        print(f'{t:6} {p:6.3f} {r:6.3f} {f:6.3f} {tp[t]:6} {fp[t]:6} {fn[t]:6}')
    a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r, f = prf(a, b, c)
    print(f'{"micro":6} {p:6.3f} {r:6.3f} {f:6.3f} {a:6} {b:6} {c:6}')
    if n_err:
        for line in Counter(errors).most_common(n_err):
            print(f'{line[1]:4}  {line[0]}')


if __name__ == '__main__':
    main()
