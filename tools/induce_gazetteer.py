#!/usr/bin/env python3
"""Induce a gazetteer from IOB2-annotated CoNLL data (ANERcorp format).

usage: induce_gazetteer.py CONLL [--skip-last-sixth] [--min-count N]
                           [--min-ratio R] [--source NAME] > list.tsv

Every annotated entity string (PERS, LOC, ORG; MISC is left out) becomes a
list line with its majority type when
  - it was annotated at least --min-count times (default 1),
  - its majority type covers at least 70% of its annotations,
  - and, for one-word strings, the word is inside an entity in at least
    --min-ratio (default 0.5) of its occurrences, so that common words
    annotated now and then stay out.
--skip-last-sixth leaves out the last sixth of the sentences: rawi's
development split, from which nothing may be induced.
Ids are derived as rawi derives ids of names no list knows (type prefix +
normalised name), so a name induced here and one found by a rule agree.
"""
import re
import sys
from collections import Counter, defaultdict

from evalkit import read_conll

TYPES = {'PERS': 'PERSON', 'LOC': 'LOCATION', 'ORG': 'ORGANIZATION'}
PREFIX = {'PERSON': 'person', 'LOCATION': 'location', 'ORGANIZATION': 'org'}
DIAC = re.compile('[\u0610-\u061a\u064b-\u065f\u0670\u0640]')


def norm(s):
    s = DIAC.sub('', s)
    s = re.sub('[\u0622\u0623\u0625\u0671]', '\u0627', s)
    return s.replace('\u0649', '\u064a').replace('\u0629', '\u0647').casefold()


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    path = a[0]
    min_count = int(a[a.index('--min-count') + 1]) if '--min-count' in a else 1
    min_ratio = float(a[a.index('--min-ratio') + 1]) if '--min-ratio' in a else 0.5
    source = a[a.index('--source') + 1] if '--source' in a else path
    sents = read_conll(path)
    if '--skip-last-sixth' in a:
        sents = sents[:len(sents) - len(sents) // 6]
    types = defaultdict(Counter)
    inside, seen = Counter(), Counter()
    for s in sents:
        i = 0
        for tok, lab in s:
            seen[tok] += 1
            if lab != 'O' and lab[2:] in TYPES:
                inside[tok] += 1
        while i < len(s):
            lab = s[i][1]
            if not lab.startswith('B-'):
                i += 1
                continue
            j = i + 1
            while j < len(s) and s[j][1] == 'I-' + lab[2:]:
                j += 1
            if lab[2:] in TYPES:
                types[' '.join(t for t, _ in s[i:j])][TYPES[lab[2:]]] += 1
            i = j
    print('# rawi gazetteer: names induced from annotated news (ar)')
    print(f'# Induced by tools/induce_gazetteer.py from {source}')
    print('# (ANERcorp, CAMeL Lab train split, without its last sixth, which is')
    print("# rawi's development split). Licence: CC BY-SA 4.0, as the corpus;")
    print('# cite Benajiba, Rosso & Benedi 2007 (ANERsys) and Obeid et al. 2020')
    print('# (CAMeL Tools). Regenerate with:')
    print('#   tools/induce_gazetteer.py train.txt --skip-last-sixth --source')
    print('#   "ANERcorp train (CAMeL Lab)" > gazetteers/ar/induced-anercorp.tsv')
    print('# Columns: surface<TAB>type<TAB>id')
    kept = 0
    for surface, c in sorted(types.items()):
        total = sum(c.values())
        typ, n = c.most_common(1)[0]
        if total < min_count or n / total < 0.7:
            continue
        words = surface.split()
        if len(words) == 1 and inside[surface] / seen[surface] < min_ratio:
            continue
        if not any(ch.isalpha() for ch in surface):
            continue
        ident = PREFIX[typ] + '/' + norm(surface).replace(' ', '-')
        print(f'{surface}\t{typ}\t{ident}')
        kept += 1
    print(f'kept {kept} of {len(types)} strings', file=sys.stderr)


if __name__ == '__main__':
    main()
