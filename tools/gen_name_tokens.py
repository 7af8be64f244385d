#!/usr/bin/env python3
"""Generate gazetteers/ar/name-tokens.tsv: words attested in people's
names (class NAME_TOKEN), for the Arabic person rules to use as evidence.

usage: gen_name_tokens.py NETRANSLIT.tsv GOOGLE_AR2EN.tsv GAZETTEER_DIR
                          > gazetteers/ar/name-tokens.tsv

NETRANSLIT.tsv and GOOGLE_AR2EN.tsv are shared/data/lists'
netranslit_tokens.tsv (Arabic tokens of Wikidata's person labels, CC0)
and google_ar2en_tokens.tsv (transliteration pairs of name tokens,
google/transliteration, Apache-2.0): `surface<TAB>lang<TAB>type<TAB>id<TAB>
source` with a header line. GAZETTEER_DIR is gazetteers/ar.

Both files hold ordinary words as well as names (في، من، رئيس، ملك): a
token is kept only when it is
- one word of Arabic letters, three to fifteen of them;
- not an Arabic dictionary word: Debian's Arabic hunspell dictionary
  (hunspell-ar, Ayaspell) rejects it under every way of writing its
  hamzas, final yaa and taa marbuta (الاسرائيلي is الإسرائيلي, a word);
  so what stays is mostly foreign and rare names (موغيريني، فيرغوسن،
  البرادعي) and Arabic given names (محمد، نزار) go, being words the
  dictionary knows and lists rawi has;
- not a word of rawi's lists of another class or of one-word names
  (stop words, titles, triggers, cue words, given names, demonyms,
  countries, places, organisations).
The generator needs the `hunspell` and `hunspell-ar` packages; the list
it writes does not.
"""
import itertools
import os
import re
import subprocess
import sys

from evalkit import norm

ARABIC = re.compile('^[\u0621-\u064a]{3,15}$')
MARKS = re.compile('[\u064b-\u065f\u0670\u0640]')


def read_tokens(path):
    """Arabic surfaces of a lists/ file, each with its English forms."""
    out = {}
    with open(path, encoding='utf-8') as f:
        next(f)
        for line in f:
            cols = line.rstrip('\n').split('\t')
            if len(cols) < 4 or cols[1] != 'ar':
                continue
            word = MARKS.sub('', cols[0])
            if ARABIC.match(word):
                out.setdefault(word, set()).add(cols[3])
    return out


def spellings(word):
    """The ways a dictionary may write a word that news writes without
    hamzas: each of its first three alefs as ا أ إ آ, a final ي as ى or ئ,
    a final ه as ة."""
    plain = re.sub('[أإآ]', 'ا', word)
    alefs = [i for i, c in enumerate(plain) if c == 'ا'][:3]
    out = set()
    for combo in itertools.product('اأإآ', repeat=len(alefs)):
        chars = list(plain)
        for i, c in zip(alefs, combo):
            chars[i] = c
        w = ''.join(chars)
        out.add(w)
        if w.endswith('ي'):
            out.update((w[:-1] + 'ى', w[:-1] + 'ئ'))
        if w.endswith('ه'):
            out.add(w[:-1] + 'ة')
    return out


def dictionary_words(words):
    """The words hunspell's Arabic dictionary knows in some spelling."""
    forms = {}
    for w in words:
        for s in spellings(w):
            forms.setdefault(s, set()).add(w)
    text = '\n'.join(sorted(forms)) + '\n'
    try:
        res = subprocess.run(['hunspell', '-d', 'ar', '-l'], input=text,
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError) as e:
        sys.exit(f'gen_name_tokens.py: hunspell with the Arabic dictionary is needed '
                 f'(apt-get install hunspell hunspell-ar): {e}')
    unknown = set(res.stdout.split())
    known = set()
    for s, ws in forms.items():
        if s not in unknown:
            known |= ws
    return known


def list_entries(directory, skip):
    """(surface, type) of every entry of the lists in directory, but those
    of the files whose name starts with skip (the list being made)."""
    for name in sorted(os.listdir(directory)):
        if not name.endswith('.tsv') or name.startswith(skip):
            continue
        with open(os.path.join(directory, name), encoding='utf-8') as f:
            for line in f:
                if line.startswith('#') or '\t' not in line:
                    continue
                surface, typ = line.split('\t')[:2]
                yield surface, typ


def listed_words(directory):
    """Normalised words rawi's lists hold: every word of class entries and
    of one-word names."""
    out = set()
    for surface, typ in list_entries(directory, 'name-tokens'):
        words = surface.split()
        if len(words) == 1 or typ not in ('PERSON', 'ORGANIZATION', 'COUNTRY', 'LOCATION'):
            out.update(norm(w) for w in words)
    return out


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    wikidata = read_tokens(sys.argv[1])
    google = read_tokens(sys.argv[2])
    listed = listed_words(sys.argv[3])
    every = set(wikidata) | set(google)
    known = dictionary_words(every)
    kept = {}
    for w in sorted(every):
        n = norm(w)
        if w in known or n in listed or n in kept:
            continue
        kept[n] = 'wikidata' if w in wikidata else 'google'
    print('# rawi gazetteer: NAME_TOKEN class (ar): words attested in people\'s names.')
    print('# GENERATED by tools/gen_name_tokens.py; do not edit by hand. Regenerate with')
    print('#   apt-get install hunspell hunspell-ar')
    print('#   cd tools && ./gen_name_tokens.py PATH/lists/netranslit_tokens.tsv \\')
    print('#     PATH/lists/google_ar2en_tokens.tsv ../gazetteers/ar > ../gazetteers/ar/name-tokens.tsv')
    print('# Sources: source=wikidata lines are Arabic tokens of Wikidata person labels as mined by')
    print('# github steveash/NETransliteration-COLING2018 @ 5d5f59e (data/), CC0 1.0 (Wikidata\'s')
    print('# licence). source=google lines come from github google/transliteration @ b2265a6,')
    print('# ar2en.txt, Copyright Google LLC, Apache License 2.0')
    print('# (https://www.apache.org/licenses/LICENSE-2.0); this file is a filtered, normalised')
    print('# derivative of it. Filtered: one word of 3-15 Arabic letters, no word the Arabic')
    print('# hunspell dictionary (hunspell-ar) knows in any hamza spelling, no word of another rawi')
    print('# list. Written normalised (no hamza on alef, ه for ة, ي for ى).')
    print('# Evidence only: the person rules accept these words next to a title, a given name,')
    print('# a verb of speech or a nationality; the class never makes an entity.')
    print('# Columns: surface<TAB>type<TAB>id<TAB>attributes')
    for i, (n, src) in enumerate(sorted(kept.items()), 1):
        print(f'{n}\tNAME_TOKEN\ttoken/ar-{i}\tsource={src}')
    print(f'kept {len(kept)} of {len(every)} tokens', file=sys.stderr)


if __name__ == '__main__':
    main()
