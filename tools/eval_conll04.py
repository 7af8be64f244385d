#!/usr/bin/env python3
"""Strict NER and relation P/R/F1 of rawi on CoNLL04 (SpERT JSON format).

usage: eval_conll04.py RAWI DATA.json [--errors N]

Each sentence (tokens joined by spaces) is one document run through
`rawi extract --lang en`. A predicted entity is right when its token span
and type match a gold one (PERSON->Peop, ORGANIZATION->Org, COUNTRY and
LOCATION->Loc; gold Other is not scored). A relation is right when its
predicate maps to the gold type (official_of and leader_of of an
organisation->Work_For, of a place->Live_In; lives_in->Live_In,
based_in->OrgBased_In, located_in->Located_In, killed->Kill) and both
ends match in span and type (SpERT's strict setting).

--errors N lists the N most frequent errors: MISS/EXTRA entities (gold not
found, found but not gold) and RMISS/REXTRA relations.
"""
import json
import sys
from collections import Counter

from evalkit import join_tokens, option, prf, run_rawi, usage_args

ETYPE = {'PERSON': 'Peop', 'ORGANIZATION': 'Org', 'COUNTRY': 'Loc', 'LOCATION': 'Loc'}
RTYPE = {'official_of': 'Work_For', 'lives_in': 'Live_In', 'based_in': 'OrgBased_In',
         'located_in': 'Located_In', 'killed': 'Kill'}


def conll_type(predicate, object_type):
    """CoNLL04's relation type for a rawi edge. rawi's leader_of is finer
    than CoNLL04's types: the head of an organisation works for it
    (Work_For), and CoNLL04 writes a person tied to a place by a role (the
    Texas governor, Norway's prime minister) as living there (Live_In), as
    it does an official of a country."""
    if predicate in ('leader_of', 'official_of'):
        return 'Work_For' if object_type == 'Org' else 'Live_In'
    return RTYPE.get(predicate)


def main():
    a = usage_args(__doc__)
    rawi, path = a[0], a[1]
    n_err = option(a, '--errors', 0)
    data = json.load(open(path, encoding='utf-8'))
    joined = [join_tokens(s['tokens']) for s in data]
    offsets = [offs for _, offs in joined]
    out = run_rawi(rawi, 'en', [text for text, _ in joined])
    et = Counter()
    rt = Counter()
    per_type = Counter()  # (relation type, 'tp'|'fp'|'fn')
    errors = []
    for i, line in enumerate(out):
        rec, gold, offs = json.loads(line), data[i], offsets[i]

        def span(m):
            cover = [k for k, (x, y) in enumerate(offs) if x < m['end'] and m['start'] < y]
            return (cover[0], cover[-1] + 1) if cover else None

        pred, first = set(), {}
        for e in rec.get('entities', []):
            typ = ETYPE.get(e['type'])
            for m in e['mentions']:
                sp = span(m)
                if typ and sp and m['kind'] == 'name':
                    pred.add((sp, typ))
                    first.setdefault(e['id'], (sp, typ))
        g = {((x['start'], x['end']), x['type']) for x in gold['entities'] if x['type'] != 'Other'}
        et['tp'] += len(g & pred)
        et['fp'] += len(pred - g)
        et['fn'] += len(g - pred)
        ents = gold['entities']
        grel = {(r['type'], (ents[r['head']]['start'], ents[r['head']]['end']), ents[r['head']]['type'],
                 (ents[r['tail']]['start'], ents[r['tail']]['end']), ents[r['tail']]['type'])
                for r in gold['relations']}
        prel = set()
        for r in rec.get('relations', []):
            if r['subject'] in first and r['object'] in first:
                (hs, ht), (ts, tt) = first[r['subject']], first[r['object']]
                t = conll_type(r['predicate'], tt)
                if t:
                    prel.add((t, hs, ht, ts, tt))
        rt['tp'] += len(grel & prel)
        rt['fp'] += len(prel - grel)
        rt['fn'] += len(grel - prel)
        for what, rels in (('tp', grel & prel), ('fp', prel - grel), ('fn', grel - prel)):
            for r in rels:
                per_type[(r[0], what)] += 1
        toks = gold['tokens']
        for sp, typ in sorted(g - pred):
            errors.append(f'MISS  {typ} {" ".join(toks[sp[0]:sp[1]])}')
        for sp, typ in sorted(pred - g):
            errors.append(f'EXTRA {typ} {" ".join(toks[sp[0]:sp[1]])}')
        def rel(r):
            return f'{r[0]} {" ".join(toks[r[1][0]:r[1][1]])} -> {" ".join(toks[r[3][0]:r[3][1]])}'
        for r in sorted(grel - prel):
            errors.append(f'RMISS  {rel(r)}')
        for r in sorted(prel - grel):
            errors.append(f'REXTRA {rel(r)}')
    print(f'{len(data)} sentences')
    for name, c in (('entities', et), ('relations', rt)):
        p, r, f = prf(c['tp'], c['fp'], c['fn'])
        print(f'{name:10} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={c["tp"]} fp={c["fp"]} fn={c["fn"]})')
    for t in sorted({t for t, _ in per_type}):
        c = {w: per_type[(t, w)] for w in ('tp', 'fp', 'fn')}
        p, r, f = prf(c['tp'], c['fp'], c['fn'])
        print(f'  {t:12} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={c["tp"]} fp={c["fp"]} fn={c["fn"]})')
    for e, n in Counter(errors).most_common(n_err):
        print(f'{n:4}  {e}')


if __name__ == '__main__':
    main()
