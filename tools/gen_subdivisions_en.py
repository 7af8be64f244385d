#!/usr/bin/env python3
"""Generate gazetteers/en/subdivisions-iso.tsv: the provinces, states and
regions of the world (Anhui, Umbria, British Columbia, Bavaria, Gujarat)
from ISO 3166-2 as Debian's iso-codes package ships it.

usage: gen_subdivisions_en.py ISO_3166-2.json EN.mo GAZETTEER_DIR WORDS
                              > gazetteers/en/subdivisions-iso.tsv

ISO_3166-2.json is /usr/share/iso-codes/json/iso_3166-2.json and EN.mo
/usr/share/locale/en/LC_MESSAGES/iso_3166-2.mo (its English names, where
they differ: Bayern is Bavaria), both from the package iso-codes (LGPL-2.1+).
GAZETTEER_DIR is gazetteers/en; WORDS is /usr/share/dict/words (Debian's
wamerican).

Kept: the first-level divisions (provinces, states, regions, prefectures,
autonomous regions and communities, Länder, cantons, governorates, union
territories, two-tier counties) of the countries international news
reports from most (KEEP below), not municipalities, districts and
parishes, whose names are those of towns or words, nor names that are
first something else (NOT_PLACES: Batman, Tata, Lazio). Names are written as English news writes them: the Chinese
suffixes Sheng, Shi and Zizhiqu dropped, accents also written in ASCII
(Gujarāt, Gujarat). Left out: names that are not one to four capitalised
words (Russian names such as "Amurskaja oblast'"), names of fewer than
five letters, names that rawi's English lists already hold (any type:
cities, countries, given names, titles), one-word names that are ordinary
English words (Centre, Western, Victoria as a given name is already a
list entry), names made only of ordinary words (North West), and names
that two countries share. Every line carries case=exact.
Output is deterministic (sorted by country code, then name).
"""
import gettext
import json
import os
import re
import sys
import unicodedata

# The countries whose first-level divisions international news names, and
# the kinds of division kept for each (Italy's and Spain's provinces are
# named like their towns; France's departments like rivers and words).
KEEP = {
    'af': {'Province'}, 'ar': {'Province'}, 'at': {'State'}, 'au': {'State', 'Territory'},
    'be': {'Region', 'Province'}, 'br': {'State'}, 'ca': {'Province', 'Territory'},
    'cd': {'Province'}, 'ch': {'Canton'}, 'cl': {'Region'}, 'cn': {'Province',
    'Autonomous region', 'Special administrative region'}, 'co': {'Department'},
    'de': {'Land'}, 'es': {'Autonomous community'}, 'et': {'Regional state'},
    'fr': {'Metropolitan region'}, 'gb': {'Two-tier county'}, 'id': {'Province'},
    'ie': {'Province'}, 'in': {'State', 'Union territory'}, 'iq': {'Governorate'},
    'ir': {'Province'}, 'it': {'Region'}, 'jp': {'Prefecture'}, 'ke': {'County'},
    'kr': {'Province'}, 'mm': {'State', 'Region'}, 'mx': {'State'}, 'ng': {'State'},
    'nl': {'Province'}, 'nz': {'Region'}, 'pk': {'Province'}, 'sd': {'State'},
    'so': {'Region'}, 'ss': {'State'}, 'za': {'Province'},
}
# Names that are first something else in English news: a superhero, a
# company, a singer, a football club, people's surnames, a sauce.
NOT_PLACES = {'Batman', 'Balkan', 'Tata', 'Bono', 'Latina', 'Granma', 'Lazio', 'Mila',
              'Para', 'Nord', 'Norte', 'Sud', 'Leste', 'Litoral', 'Volta', 'Zaire',
              'Formosa', 'Toledo', 'Herrera', 'Guerrero', 'Morelos', 'Quezon', 'Rizal',
              'Trujillo', 'Tabasco', 'Canterbury', 'Alger', 'Centrale', 'Principe', 'Sila',
              'Shan', 'Surin', 'Trang', 'Yala', 'Loreto', 'Bolivar', 'Sucre', 'Santander',
              'Kent', 'Marlborough', 'Nelson', 'Tasman', 'Northland', 'Southland', 'North-West'}
SUFFIX = re.compile(r" (?:Sheng|Shi|SAR|(?:[A-Z][a-z']+ )?Zizhiqu)$")
NAME = re.compile(r"^[A-Z][A-Za-z.'-]+(?: (?:[A-Z][A-Za-z.'-]+|and|of|de|del|do|da|la))*$")


def ascii_fold(s):
    return ''.join(c for c in unicodedata.normalize('NFD', s)
                   if unicodedata.category(c) != 'Mn')


def slug(s):
    return re.sub('[^a-z0-9]+', '-', ascii_fold(s).lower()).strip('-')


def known_surfaces(directory, own):
    """Every surface the pack's other lists hold, case-folded."""
    known = set()
    for f in sorted(os.listdir(directory)):
        if not f.endswith('.tsv') or f == own:
            continue
        with open(os.path.join(directory, f), encoding='utf-8') as fh:
            for line in fh:
                if line.strip() and not line.startswith('#'):
                    known.add(line.split('\t')[0].lower())
    return known


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    iso_path, mo_path, directory, words_path = sys.argv[1:]
    divisions = json.load(open(iso_path, encoding='utf-8'))['3166-2']
    with open(mo_path, 'rb') as f:
        english = gettext.GNUTranslations(f)
    words = set()
    for w in open(words_path, encoding='utf-8'):
        w = w.strip()
        if w and w == w.lower():
            words.add(w.removesuffix("'s"))
    known = known_surfaces(directory, 'subdivisions-iso.tsv')

    def ordinary(w):
        w = w.lower()
        return w in words or (w.endswith('s') and w[:-1] in words)

    names = {}  # surface -> set of (country, canonical)
    for d in divisions:
        cc = d['code'].split('-')[0].lower()
        if d['type'] not in KEEP.get(cc, ()) or '[' in d['name'] or ',' in d['name']:
            continue
        canonical = SUFFIX.sub('', english.gettext(d['name']).strip().rstrip('*'))
        for surface in {canonical, ascii_fold(canonical)}:
            names.setdefault(surface, set()).add((cc, ascii_fold(canonical)))

    rows = []
    for surface, owners in names.items():
        parts = surface.split(' ')
        if len({cc for cc, _ in owners}) > 1 or not NAME.match(surface) or len(parts) > 4:
            continue
        if len(surface) < 5 or surface.lower() in known or surface in NOT_PLACES:
            continue
        if len(parts) == 1 and ordinary(surface):
            continue
        if all(ordinary(p) or p in ('and', 'of') for p in parts):
            continue
        (cc, canonical), = owners
        rows.append((cc, surface, f'{surface}\tLOCATION\tlocation/{slug(canonical)}-{cc}'
                                  f'\tcountry={cc};case=exact'))
    rows.sort()
    print('# rawi gazetteer: provinces, states and regions of the world (en), from ISO 3166-2 as')
    print('# the Debian package iso-codes ships it (iso_3166-2.json and its English names;')
    print('# LGPL-2.1+). Ordinary English words and names other lists hold are left out.')
    print('# GENERATED by tools/gen_subdivisions_en.py; do not edit by hand.')
    print('# Columns: surface<TAB>type<TAB>id[<TAB>key=value;key=value]')
    for _, _, line in rows:
        print(line)


if __name__ == '__main__':
    main()
