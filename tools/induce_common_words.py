#!/usr/bin/env python3
"""Induce a STOPWORD list (common words that are never names) from
IOB2-annotated CoNLL data (ANERcorp format).

usage: induce_common_words.py CONLL --skip-last-sixth [--min-count N]
                              [--keep LIST.tsv ...] > common.tsv

A token (as written, normalised, proclitics kept: the matcher reads وعودة
as عودة too) becomes a STOPWORD line when it occurs at least --min-count
times (default 2) and never inside an annotated name (PERS, LOC, ORG or
MISC). Words that any --keep list names (given names, persons, places,
organisations, titles: each word of a surface) are left out, so a name
that is also a common word stays available to the rules. Only Arabic
letter words are kept. --skip-last-sixth leaves out the last sixth of the
sentences: rawi's development split, from which nothing may be induced.

The rules use STOPWORD to stop a name before the words around it
(الرئيس ... فارس [تزايد]) and to refuse a title's object that is a common
noun (رئيس [فريق]); the list never makes an entity.
"""
import re
import sys
from collections import Counter

from evalkit import norm, option, read_conll

ARABIC_WORD = re.compile('^[\u0621-\u064a]+$')


def main():
    a = sys.argv[1:]
    if not a:
        sys.exit(__doc__)
    path = a[0]
    min_count = option(a, '--min-count', 2)
    keep = set()
    for i, x in enumerate(a):
        if x == '--keep':
            for line in open(a[i + 1], encoding='utf-8'):
                if line.startswith('#') or '\t' not in line:
                    continue
                for w in line.split('\t')[0].split():
                    keep.add(norm(w))
    sents = read_conll(path)
    if '--skip-last-sixth' not in a:
        sys.exit('induce_common_words.py: --skip-last-sixth is required '
                 '(the last sixth is the development split)')
    sents = sents[:len(sents) - len(sents) // 6]
    seen, inside = Counter(), Counter()
    for s in sents:
        for tok, lab in s:
            w = norm(tok)
            seen[w] += 1
            if lab != 'O':
                inside[w] += 1
    words = sorted(w for w, n in seen.items()
                   if n >= min_count and not inside[w] and w not in keep
                   and ARABIC_WORD.match(w) and len(w) > 1)
    print('# rawi gazetteer: STOPWORD class (ar), common words of news induced from')
    print('# annotated text: words seen at least %d times and never inside a name.' % min_count)
    print('# Induced by tools/induce_common_words.py from ANERcorp (CAMeL Lab train split)')
    print("# without its last sixth, which is rawi's development split; words that rawi's")
    print('# name lists hold are left out. Licence: CC BY-SA 4.0, as the corpus; cite')
    print('# Benajiba, Rosso & Benedi 2007 (ANERsys: an Arabic named entity recognition')
    print('# system based on maximum entropy) and Obeid et al. 2020 (CAMeL Tools, CAMeL Lab).')
    print('# Surfaces are written normalised (no hamza on alef, ه for ة, ي for ى), as the')
    print('# matcher folds them. Regenerate with:')
    print('#   cd tools && ./induce_common_words.py PATH/anercorp/train.txt --skip-last-sixth --min-count 2 \\')
    print('#     $(for f in ../gazetteers/ar/*.tsv; do case $f in *stopwords*|*common*) ;; \\')
    print('#     *) printf -- "--keep %s " $f;; esac; done) > ../gazetteers/ar/common-words-anercorp.tsv')
    print('# Columns: surface<TAB>type<TAB>id')
    for i, w in enumerate(words, 1):
        print(f'{w}\tSTOPWORD\tstop/ar-common-{i}')
    print(f'kept {len(words)} of {len(seen)} words', file=sys.stderr)


if __name__ == '__main__':
    main()
