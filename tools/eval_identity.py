#!/usr/bin/env python3
"""Node identity of rawi on a news gold set (news-dev.jsonl format): are
the mentions of one real-world entity under one id, and is each id one
real-world entity?

usage: eval_identity.py RAWI GOLD.jsonl [--half even|odd|all]
                        [--verbose] [--system OUT.jsonl]

Each mention rawi outputs (names and demonyms alike) is given to the gold
entity of its document one of whose written forms ("a|b" alternatives)
it matches after normalisation; a person mention that keeps a title
("Mr Blair", "الرئيس ترامب") is tried again without its first words. A
mention that matches no gold form, or the forms of two gold entities, is
left out: it says nothing about identity. Then, per language and half:

  split   gold entities whose mentions rawi puts under two or more ids
          (mentions: those outside the id that holds most of them)
  wrong   rawi ids whose mentions belong to two or more gold entities
          (mentions: those outside the gold entity most of them name)

--verbose lists every case of the chosen half (tune on the even half:
documents are numbered by the number their id ends in; the odd half is
the held-out check). --system reads an existing output instead of
running rawi.
"""
import json
import re
import sys
from collections import Counter, defaultdict

from eval_news import half_of, run_rawi
from evalkit import usage_args

DIAC = re.compile('[\u064B-\u065F\u0670\u0640]')


def norm(s):
    """The gold scorer's normalisation (shared/gold/score.py)."""
    s = DIAC.sub('', s or '')
    s = re.sub('[\u0622\u0623\u0625\u0671]', '\u0627', s)
    s = s.replace('\u0649', '\u064A').replace('\u0629', '\u0647')
    s = re.sub(r'[«»"\'()\[\]]', '', s)
    return ' '.join(s.split()).casefold()


def gold_index(doc):
    """Normalised written form -> the gold entities (indices) it names."""
    forms = defaultdict(set)
    names = []
    for i, (surface, _type) in enumerate(doc['entities'] + doc.get('optional_entities', [])):
        alts = [norm(a) for a in surface.split('|')]
        names.append(alts[0])
        for a in alts:
            forms[a].add(i)
    return forms, names


def gold_of(mention, person, forms):
    """The one gold entity a mention names, or None."""
    cands = [norm(mention.get('text')), norm(mention.get('norm'))]
    if person:  # a kept title: "Mr Blair" is tried as "Blair"
        for c in list(cands):
            words = c.split()
            cands += [' '.join(words[k:]) for k in range(1, min(len(words), 4))]
    for c in cands:
        hit = forms.get(c)
        if hit:
            return next(iter(hit)) if len(hit) == 1 else None
    return None


def identity(doc, out):
    """(split, wrong) cases of one document: lists of (what, detail)."""
    forms, names = gold_index(doc)
    by_gold = defaultdict(Counter)   # gold entity -> Counter(rawi id)
    by_id = defaultdict(Counter)     # rawi id -> Counter(gold entity)
    texts = defaultdict(list)        # (gold, id) -> mention texts
    for e in out.get('entities', []) or []:
        for m in e.get('mentions', []) or []:
            g = gold_of(m, e.get('type') == 'PERSON', forms)
            if g is None:
                continue
            by_gold[g][e['id']] += 1
            by_id[e['id']][g] += 1
            texts[(g, e['id'])].append(m.get('text'))
    split, wrong = [], []
    for g, ids in by_gold.items():
        if len(ids) > 1:
            top = ids.most_common(1)[0][0]
            extra = sum(n for i, n in ids.items() if i != top)
            detail = '; '.join(f'{i}: {"|".join(texts[(g, i)])}' for i in ids)
            split.append((names[g], extra, detail))
    for i, gs in by_id.items():
        if len(gs) > 1:
            top = gs.most_common(1)[0][0]
            extra = sum(n for g, n in gs.items() if g != top)
            detail = '; '.join(f'{names[g]}: {"|".join(texts[(g, i)])}' for g in gs)
            wrong.append((i, extra, detail))
    return split, wrong


def main():
    a = usage_args(__doc__, 2)
    rawi, gold_path = a[0], a[1]
    want = a[a.index('--half') + 1] if '--half' in a else None
    gold = [json.loads(l) for l in open(gold_path, encoding='utf-8') if l.strip()]
    if '--system' in a:
        system = [json.loads(l) for l in open(a[a.index('--system') + 1], encoding='utf-8')
                  if l.strip()]
    else:
        system = run_rawi(rawi, gold_path)
    by_id = {d.get('id'): d for d in system}
    halves = [want] if want else ['even', 'odd', 'all']
    print('| lang | half | docs | split entities (mentions) | wrong ids (mentions) |')
    print('|---|---|---|---|---|')
    details = []
    for lang in sorted({d['lang'] for d in gold}):
        for half in halves:
            docs = [d for d in gold if d['lang'] == lang and half in ('all', half_of(d['id']))]
            s_ent = s_men = w_ent = w_men = 0
            for d in docs:
                split, wrong = identity(d, by_id.get(d['id'], {}))
                s_ent += len(split)
                s_men += sum(x[1] for x in split)
                w_ent += len(wrong)
                w_men += sum(x[1] for x in wrong)
                if '--verbose' in a and half != 'all':
                    details += [f'{d["id"]} SPLIT {n} ({k}): {t}' for n, k, t in split]
                    details += [f'{d["id"]} WRONG {n} ({k}): {t}' for n, k, t in wrong]
            print(f'| {lang} | {half} | {len(docs)} | {s_ent} ({s_men}) | {w_ent} ({w_men}) |')
    if details:
        print()
        print('\n'.join(details))


if __name__ == '__main__':
    main()
