#!/usr/bin/env python3
"""Induce rawi's Arabic word lists that come from annotated data: common
words that are never names (a STOPWORD list) and given names that news
mostly writes as ordinary words (the AMBIG macro of a rules file), from
IOB2-annotated CoNLL data (ANERcorp format).

usage: induce_common_words.py CONLL [--min-count N] [--keep-dir DIR]
                              [--keep LIST.tsv ...] [--leave-out K/N]
                              [--ambiguous OUT.rules] > common.tsv

A token (as written, normalised, proclitics kept: the matcher reads وعودة
as عودة too) becomes a STOPWORD line when it occurs at least --min-count
times (default 2) and never inside an annotated name (PERS, LOC, ORG or
MISC). Words that any --keep list names (given names, persons, places,
organisations, titles: each word of a surface) are left out, so a name
that is also a common word stays available to the rules. --keep-dir DIR
keeps every list of DIR (gazetteers/ar) but the common-word lists
themselves, the relation cue words of cues.tsv (لم، غدا، رفض are
common words) and name-tokens.tsv (evidence that annotated text may
overrule). Only Arabic
letter words are kept.

--ambiguous writes OUT.rules, one macro: the given names of the --keep
lists (GIVEN_NAME lines) seen at least --min-count times outside any name
and at most a quarter as often inside a person's name (أفضل better, عودة
return, ملك king), with the hand lists below. The person rules let such
a word start a name only before a second given name or a nasab.

--leave-out K/N leaves out the K-th of N equal parts of the sentences
(K from 1): cross-validation (tools/eval_anercorp.py --folds) induces each
fold's lists from the other parts, so a fold is never scored with lists
made from its own labels. Without it every sentence is used.

The rules use STOPWORD to stop a name before the words around it
(الرئيس ... فارس [تزايد]) and to refuse a title's object that is a common
noun (رئيس [فريق]); neither list ever makes an entity.
"""
import os
import re
import sys
from collections import Counter

from evalkit import norm, option, read_conll

ARABIC_WORD = re.compile('^[\u0621-\u064a]+$')

# Given names that are ordinary words in news whatever a corpus counts
# (hand-written: يان a Chinese name and 'that', آيات verses, أراد wanted,
# رواد pioneers, كامل whole, أمين secretary), and given names that stay
# names though a corpus sees them more often as words: the demonym-like
# تركي (تركي بن سعود) and names of newsmakers (صباح الأحمد، نادية مراد).
# Function words (أن، علي، الآن) are left to the STOPWORD lists and the
# rules that handle على.
AMBIG_ALWAYS = ('يان', 'ايات', 'صالحه', 'اراد', 'رواد', 'كامل', 'امين')
AMBIG_NEVER = ('ان', 'علي', 'عليه', 'الان', 'باسم', 'اكبر', 'صباح', 'انا',
               'رسميه', 'راي', 'شهد', 'جو', 'تركي', 'ناديه', 'يعرب')


def part(sents, leave_out):
    """The sentences without the K-th of N parts ('K/N'), or all of them."""
    if not leave_out:
        return sents
    k, n = (int(x) for x in leave_out.split('/'))
    if not 1 <= k <= n:
        sys.exit(f'induce_common_words.py: --leave-out {leave_out}: K must be 1..N')
    a, b = (k - 1) * len(sents) // n, k * len(sents) // n
    return sents[:a] + sents[b:]


def keep_lists(directory):
    """The lists of a pack's language folder whose words stay out of the
    common words: all but the common-word lists themselves and the cue
    words of relations (cues.tsv: لم، غدا، رفض are common words)."""
    return [os.path.join(directory, f) for f in sorted(os.listdir(directory))
            if f.endswith('.tsv') and 'stopwords' not in f and 'common' not in f
            and not f.startswith('cues') and not f.startswith('name-tokens')]


def read_keep(paths):
    """Each normalised word of the lists' surfaces, and the given names."""
    keep, given = set(), set()
    for path in paths:
        for line in open(path, encoding='utf-8'):
            if line.startswith('#') or '\t' not in line:
                continue
            cols = line.rstrip('\n').split('\t')
            for w in cols[0].split():
                keep.add(norm(w))
            if len(cols) > 1 and cols[1] == 'GIVEN_NAME' and ' ' not in cols[0]:
                given.add(norm(cols[0]))
    return keep, given


def counts(sents):
    """How often each normalised word is seen, seen inside a name, seen
    outside any name, and seen inside a person's name."""
    seen, inside, outside, person = Counter(), Counter(), Counter(), Counter()
    for s in sents:
        for tok, lab in s:
            w = norm(tok)
            seen[w] += 1
            if lab == 'O':
                outside[w] += 1
            else:
                inside[w] += 1
            if lab.endswith('-PERS'):
                person[w] += 1
    return seen, inside, outside, person


def common_words(sents, keep, min_count):
    seen, inside, _, _ = counts(sents)
    return sorted(w for w, n in seen.items()
                  if n >= min_count and not inside[w] and w not in keep
                  and ARABIC_WORD.match(w) and len(w) > 1)


def ambiguous_names(sents, given, min_count):
    _, _, outside, person = counts(sents)
    words = {w for w in given if outside[w] >= min_count and person[w] * 4 <= outside[w]}
    return sorted((words | set(AMBIG_ALWAYS)) - set(AMBIG_NEVER))


def write_common(f, words, min_count, leave_out):
    part_text = (f'all but part {leave_out} (cross-validation)' if leave_out
                 else 'all of it')
    f.write('# rawi gazetteer: STOPWORD class (ar), common words of news induced from\n'
            f'# annotated text: words seen at least {min_count} times and never inside a name.\n'
            '# Induced by tools/induce_common_words.py from ANERcorp\'s train split (CAMeL\n'
            f'# Lab), {part_text}; words that rawi\'s name lists hold are left out.\n'
            '# Licence: CC BY-SA 4.0, as the corpus; cite Benajiba, Rosso & Benedi 2007\n'
            '# (ANERsys: an Arabic named entity recognition system based on maximum entropy)\n'
            '# and Obeid et al. 2020 (CAMeL Tools, CAMeL Lab). Surfaces are written\n'
            '# normalised (no hamza on alef, ه for ة, ي for ى), as the matcher folds them.\n'
            '# Regenerate (with rules/ar/ambiguous-names-anercorp.rules) with:\n'
            '#   tools/induce_common_words.py PATH/anercorp/train.txt --min-count 2 \\\n'
            '#     --keep-dir gazetteers/ar --ambiguous rules/ar/ambiguous-names-anercorp.rules \\\n'
            '#     > gazetteers/ar/common-words-anercorp.tsv\n'
            '# Columns: surface<TAB>type<TAB>id\n')
    for i, w in enumerate(words, 1):
        f.write(f'{w}\tSTOPWORD\tstop/ar-common-{i}\n')


def write_ambiguous(f, words, min_count, leave_out):
    part_text = (f'all but part {leave_out} (cross-validation)' if leave_out
                 else 'all of it')
    f.write('# rawi rules (ar): given names that news mostly writes as ordinary words.\n'
            '# GENERATED by tools/induce_common_words.py --ambiguous from ANERcorp\'s train\n'
            f'# split (CAMeL Lab), {part_text}: words of the given-name lists seen at least\n'
            f'# {min_count} times outside any name and at most a quarter as often inside a\n'
            "# person's name, with the script's hand lists (AMBIG_ALWAYS, AMBIG_NEVER).\n"
            '# Licence: CC BY-SA 4.0, as the corpus (see common-words-anercorp.tsv).\n'
            '# entities.rules uses AMBIG: such a word starts a name only before a second\n'
            '# given name or a nasab (عودة الأهالي is no name; أمل محمد حسن is one).\n'
            '# This file sorts before entities.rules, so the macro is defined first.\n')
    f.write('define AMBIG = (?:' + '|'.join(words) + ')\n')


def main():
    a = sys.argv[1:]
    if not a or a[0].startswith('-'):
        sys.exit(__doc__)
    min_count = option(a, '--min-count', 2)
    leave_out = a[a.index('--leave-out') + 1] if '--leave-out' in a else None
    paths = [a[i + 1] for i, x in enumerate(a) if x == '--keep']
    if '--keep-dir' in a:
        paths += keep_lists(a[a.index('--keep-dir') + 1])
    keep, given = read_keep(paths)
    sents = part(read_conll(a[0]), leave_out)
    words = common_words(sents, keep, min_count)
    write_common(sys.stdout, words, min_count, leave_out)
    print(f'kept {len(words)} common words', file=sys.stderr)
    if '--ambiguous' in a:
        amb = ambiguous_names(sents, given, min_count)
        with open(a[a.index('--ambiguous') + 1], 'w', encoding='utf-8') as f:
            write_ambiguous(f, amb, min_count, leave_out)
        print(f'kept {len(amb)} ambiguous given names', file=sys.stderr)


if __name__ == '__main__':
    main()
