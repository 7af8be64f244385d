#!/usr/bin/env python3
"""Generate a deterministic synthetic Arabic gazetteer for benchmarks.

usage: gen_synthetic_gazetteer.py N [--seed S] [--from-text FILE]
                                  [-o TSV] [--surfaces FILE]
                                  [--id-prefix P] [--unmatchable]
                                  [--surfaces-only]

Writes N lines of gazetteer TSV (docs/gazetteers.md) to stdout, or to TSV
with -o:

    surface <TAB> PERSON|ORGANIZATION|LOCATION <TAB> syn/LINE

Each surface has 1-4 words. A word is 3-9 letters drawn from Arabic
letter frequencies (position-aware: ة and ى only at the end, hamza-alef
forms mostly at the start), with an occasional ال prefix (one word in five). Every line is its
own entity (id syn/1, syn/2, ...).

--from-text FILE   about 10% of the lines are real 1-3-word sequences taken
                   from FILE (runs of Arabic words between punctuation), so
                   that a benchmark on that text finds matches; each such
                   sequence is used once while distinct ones remain.
--surfaces FILE    also write the surface forms alone, one per line, in the
                   same order (a pattern file for `grep -F -f`).
--surfaces-only    write only the surface forms (to stdout or -o), no TSV.
--seed S           random seed (default 20240611).
--id-prefix P      ids are P1, P2, ... (default syn/).
--unmatchable      start every random word with ظظ, which no Arabic word
                   does: the list then matches no real text (to measure
                   the cost of list size alone, with a matching list
                   appended).

The same arguments always give byte-identical output.
"""

import bisect
import random
import re
import sys

# Approximate letter frequencies (per cent) of Arabic running text with the
# article counted separately; ة/ى are word-final only and hamza-alef forms
# mostly initial (see initial/medial/final weights below).
LETTERS = {
    "ا": 11.0, "ل": 7.5, "ي": 6.8, "م": 6.2, "و": 5.8, "ن": 5.6, "ر": 4.7,
    "ت": 4.4, "ب": 3.9, "ع": 3.5, "ه": 2.6, "د": 2.6, "ف": 2.4, "ق": 2.1,
    "س": 2.3, "ك": 1.8, "ح": 1.7, "ج": 1.2, "ش": 0.9, "ص": 0.8, "ط": 0.7,
    "خ": 0.6, "ض": 0.5, "ز": 0.6, "ث": 0.5, "ذ": 0.5, "غ": 0.4, "ظ": 0.2,
    "أ": 2.0, "إ": 0.8, "آ": 0.1, "ء": 0.3, "ئ": 0.3, "ؤ": 0.1, "ة": 2.5,
    "ى": 0.6,
}
FINAL_ONLY = set("ةى")
INITIAL_BOOST = {"أ": 6.0, "إ": 3.0, "آ": 0.4, "ا": 0.3, "ء": 0.0, "ئ": 0.0,
                 "ؤ": 0.0}
MEDIAL_CUT = {"أ": 0.15, "إ": 0.05, "آ": 0.1}
FINAL_BOOST = {"ة": 5.0, "ى": 4.0, "ي": 2.0, "ن": 1.6, "ه": 1.5, "ء": 2.0,
               "أ": 0.1, "إ": 0.0, "آ": 0.0, "ؤ": 0.1}

# Word length (letters, article not counted) 3-9 and words per entry 1-4.
WORD_LEN = [(3, 14), (4, 24), (5, 24), (6, 18), (7, 11), (8, 6), (9, 3)]
ENTRY_WORDS = [(1, 20), (2, 45), (3, 25), (4, 10)]
TYPES = [("PERSON", 50), ("ORGANIZATION", 20), ("LOCATION", 30)]
ARTICLE = 0.2  # chance a word carries ال
FROM_TEXT = 0.10  # share of lines taken from --from-text

# Runs of Arabic words separated by single spaces: the candidate sequences.
RUN_RE = re.compile("[\u0621-\u064A\u064B-\u0652\u0640]+"
                    "(?: [\u0621-\u064A\u064B-\u0652\u0640]+)*")


class Table:
    """Weighted choice with bisect over cumulative weights."""

    def __init__(self, pairs):
        self.items, self.cum, total = [], [], 0.0
        for item, w in pairs:
            if w > 0:
                total += w
                self.items.append(item)
                self.cum.append(total)
        self.total = total

    def pick(self, r):
        i = bisect.bisect_right(self.cum, r.random() * self.total)
        return self.items[min(i, len(self.items) - 1)]


def position_tables():
    initial, medial, final = [], [], []
    for ch, f in LETTERS.items():
        initial.append((ch, 0.0 if ch in FINAL_ONLY else
                        INITIAL_BOOST.get(ch, f)))
        medial.append((ch, 0.0 if ch in FINAL_ONLY else
                       f * MEDIAL_CUT.get(ch, 1.0)))
        final.append((ch, FINAL_BOOST.get(ch, f)))
    return Table(initial), Table(medial), Table(final)


class Gen:
    def __init__(self, seed):
        self.r = random.Random(seed)
        self.initial, self.medial, self.final = position_tables()
        self.word_len = Table(WORD_LEN)
        self.entry_words = Table(ENTRY_WORDS)
        self.types = Table(TYPES)
        self.mark = ""

    def word(self):
        r = self.r
        n = self.word_len.pick(r)
        letters = [self.initial.pick(r)]
        letters += [self.medial.pick(r) for _ in range(n - 2)]
        letters.append(self.final.pick(r))
        w = "".join(letters)
        if r.random() < ARTICLE:
            w = "ال" + w
        return self.mark + w

    def surface(self):
        return " ".join(self.word() for _ in range(self.entry_words.pick(self.r)))


def text_runs(path):
    """Runs of Arabic words from the text, as lists of words."""
    with open(path, encoding="utf-8") as f:
        data = f.read()
    return [m.group(0).split(" ") for m in RUN_RE.finditer(data)]


class TextSampler:
    def __init__(self, r, path):
        self.r = r
        self.runs = text_runs(path)
        if not self.runs:
            raise ValueError(f"{path}: no Arabic words")
        # pick runs in proportion to their word count: uniform over positions
        self.cum, total = [], 0
        for run in self.runs:
            total += len(run)
            self.cum.append(total)
        self.total = total
        self.used = set()

    def sample(self):
        r = self.r
        seq = None
        for _ in range(50):  # prefer sequences not used yet
            i = bisect.bisect_right(self.cum, r.randrange(self.total))
            run = self.runs[i]
            n = min(r.choice((1, 2, 2, 3)), len(run))
            at = r.randrange(len(run) - n + 1)
            seq = " ".join(run[at:at + n])
            if seq not in self.used:
                break
        self.used.add(seq)
        return seq


def main(argv):
    args = list(argv[1:])
    n = None
    seed = 20240611
    text = out_path = surf_path = None
    id_prefix = "syn/"
    unmatchable = False
    surfaces_only = False
    while args:
        a = args.pop(0)
        if a in ("-h", "--help"):
            print(__doc__.strip())
            return 0
        if a in ("--seed", "--from-text", "-o", "--surfaces",
                 "--id-prefix") and not args:
            print(f"gen_synthetic_gazetteer.py: {a} needs a value", file=sys.stderr)
            return 2
        if a == "--seed":
            seed = int(args.pop(0))
        elif a == "--from-text":
            text = args.pop(0)
        elif a == "-o":
            out_path = args.pop(0)
        elif a == "--surfaces":
            surf_path = args.pop(0)
        elif a == "--id-prefix":
            id_prefix = args.pop(0)
        elif a == "--unmatchable":
            unmatchable = True
        elif a == "--surfaces-only":
            surfaces_only = True
        elif n is None and a.isdigit():
            n = int(a)
        else:
            print(f"gen_synthetic_gazetteer.py: bad argument '{a}'", file=sys.stderr)
            return 2
    if n is None:
        print("usage: gen_synthetic_gazetteer.py N [--seed S] [--from-text FILE] "
              "[-o TSV] [--surfaces FILE] [--id-prefix P] [--unmatchable] "
              "[--surfaces-only]",
              file=sys.stderr)
        return 2
    g = Gen(seed)
    if unmatchable:
        g.mark = "ظظ"
    sampler = TextSampler(random.Random(seed + 1), text) if text else None
    out = open(out_path, "w", encoding="utf-8", newline="\n") if out_path \
        else sys.stdout
    surf = open(surf_path, "w", encoding="utf-8", newline="\n") if surf_path \
        else None
    lines, surfaces = [], []
    for i in range(1, n + 1):
        if sampler and g.r.random() < FROM_TEXT:
            s = sampler.sample()
        else:
            s = g.surface()
        t = g.types.pick(g.r)
        lines.append(s + "\n" if surfaces_only else f"{s}\t{t}\t{id_prefix}{i}\n")
        if surf:
            surfaces.append(s + "\n")
        if len(lines) >= 65536:
            out.write("".join(lines))
            lines = []
            if surf:
                surf.write("".join(surfaces))
                surfaces = []
    out.write("".join(lines))
    if surf:
        surf.write("".join(surfaces))
        surf.close()
    if out is not sys.stdout:
        out.close()
    else:
        out.flush()
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv))
    except BrokenPipeError:
        sys.exit(1)
