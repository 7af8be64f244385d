#!/usr/bin/env python3
"""Entity-level P/R/F1 of rawi on ANERcorp-style CoNLL data (PERS, LOC, ORG).

usage: eval_anercorp.py RAWI CONLL [--folds N [--fold K]] [--dev-sixth]
                        [--errors N] [--doc-sentences K] [--classes]
                        [--show CLASS] [--sources] [--gazetteer FILE]
                        [--rules FILE] [--pack DIR]

CONLL holds `token TAG` lines (IOB2), blank lines between sentences.

--folds N is cross-validation, the measure rawi's Arabic rules are judged
by: the sentences are cut into N equal parts in order, and each part is
scored in turn with the lists induced from annotated data (the common
words of gazetteers/ar/common-words-anercorp.tsv and the ambiguous given
names of rules/ar/ambiguous-names-anercorp.rules) induced again from the
other N-1 parts by tools/induce_common_words.py, in a copy of the pack
(--pack DIR, default the source tree) where only those two files differ.
So no part is scored with lists made from its own labels. It prints each
part's table, then the mean and the lowest part's micro F1 and the
per-type figures of all parts together. --fold K scores only part K (1..N)
and is what --classes, --show and --errors then read.

--dev-sixth scores only the last sixth of the sentences with the shipped
lists (the old development split; those lists are induced from all the
sentences, so its figures flatter rawi). The official test split is never
used for tuning. Sentences are joined with spaces into
documents of K sentences (default 1), run through `rawi extract --lang ar`,
and every token takes the label of the mention covering its stem, as in
ANERcorp where clitics stay attached to tokens. rawi's COUNTRY and LOCATION
map to LOC, PERSON to PERS, ORGANIZATION to ORG; MISC is not scored. Scoring
follows conlleval: an entity counts when type and token span both match.

--classes sorts every error into one class and counts them:
  type       a predicted span equal to a gold one, with another type
  boundary   overlapping spans of one type that differ (one error per gold span)
  bnd+type   overlapping spans that differ in both span and type
  clitic     a gold name missed whose first token, without its proclitic
             (و ف ب ك ل), is found as a name elsewhere in the data
  missed     a gold name no prediction overlaps
  spur-misc  a prediction overlapping only a MISC name
  spurious   a prediction no gold name overlaps
--show CLASS lists that class's errors with the words around them.
--sources counts, for each rule or list that made a predicted name, how
many of its names are right (span and type) and how many wrong, summed
over the parts scored (with --folds, all parts or only --fold K): the
rules and lists to repair first are those with many wrong names.
"""
import json
import os
import re
import tempfile
from collections import Counter

import induce_common_words as induce
from evalkit import join_tokens, option, prf, read_conll, run_rawi, usage_args

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

MAP = {'PERSON': 'PERS', 'ORGANIZATION': 'ORG', 'COUNTRY': 'LOC', 'LOCATION': 'LOC'}
TYPES = ('PERS', 'LOC', 'ORG')


def spans(labels):
    """Entity spans (type, start, end) from IOB2 labels, MISC left out."""
    return [x for x in spans_all(labels) if x[0] in TYPES]


def spans_all(labels):
    """Entity spans (type, start, end) from IOB2 labels, MISC included."""
    out, start, typ = [], None, None
    for i, lab in enumerate(labels + ['O']):
        if start is not None and (lab == 'O' or lab.startswith('B-') or lab[2:] != typ):
            out.append((typ, start, i))
            start = typ = None
        if lab.startswith('B-') or (lab.startswith('I-') and start is None):
            start, typ = i, lab[2:]
    return out


def overlap(x, y):
    return x[1] < y[2] and y[1] < x[2]


def classify(g, p, misc):
    """(class, gold span or None, predicted span or None) for each error."""
    out, used = [], set()
    for x in sorted(g - p):
        hit = [y for y in p - g if overlap(x, y)]
        if not hit:
            out.append(('missed', x, None))
            continue
        y = next((y for y in hit if y[0] == x[0]), hit[0])
        used.update(hit)
        if (y[1], y[2]) == (x[1], x[2]):
            out.append(('type', x, y))
        elif y[0] == x[0]:
            out.append(('boundary', x, y))
        else:
            out.append(('bnd+type', x, y))
    for y in sorted(p - g - used):
        if any(y[0] != x[0] and (y[1], y[2]) == (x[1], x[2]) for x in g):
            continue  # counted as a type error
        if any(overlap(y, x) for x in g):
            continue  # a second piece of a boundary error
        cls = 'spur-misc' if any(overlap(y, m) for m in misc) else 'spurious'
        out.append((cls, None, y))
    return out


CLITIC = re.compile('^(?:و|ف)?(?:ب|ل|ك)?')
INDUCED = ('gazetteers/ar/common-words-anercorp.tsv', 'rules/ar/ambiguous-names-anercorp.rules')


def fold_pack(pack, train, tmp, label):
    """A copy of the pack (symbolic links) whose induced lists come from
    the sentences train only."""
    for sub in ('gazetteers', 'rules'):
        for lang in sorted(os.listdir(os.path.join(pack, sub))):
            src = os.path.join(pack, sub, lang)
            if not os.path.isdir(src):
                continue
            os.makedirs(os.path.join(tmp, sub, lang))
            for name in os.listdir(src):
                if os.path.join(sub, lang, name) not in INDUCED:
                    os.symlink(os.path.join(src, name), os.path.join(tmp, sub, lang, name))
    ar = os.path.join(pack, 'gazetteers', 'ar')
    keep, given = induce.read_keep(induce.keep_lists(ar))
    with open(os.path.join(tmp, INDUCED[0]), 'w', encoding='utf-8') as f:
        induce.write_common(f, induce.common_words(train, keep, 2), 2, label)
    with open(os.path.join(tmp, INDUCED[1]), 'w', encoding='utf-8') as f:
        induce.write_ambiguous(f, induce.ambiguous_names(train, given, 2), 2, label)


def source_name(source):
    """A mention's source, short: person.title, alias:person.title,
    cities.tsv:832."""
    parts = source.split(':')
    alias = 'alias:' if parts[0] == 'alias' else ''
    if 'gazetteer' in parts:
        return alias + ':'.join(parts[-2:]).split('/')[-1]
    return alias + parts[-1]


def source_kind(name):
    """A source without its line: cities.tsv:832 is cities.tsv."""
    return re.sub(r'(\.tsv|\.gaz|\.txt):\d+$', r'\1', name)


def score(rawi, sents, k, extra):
    """rawi on the sentences, k a document: per-type tp/fp/fn Counters and
    what the error listings need."""
    docs = [sents[i:i + k] for i in range(0, len(sents), k)]
    texts, offsets = [], []
    for doc in docs:
        text, offs = join_tokens([tok for s in doc for tok, _ in s])
        texts.append(text)
        offsets.append(offs)
    out = run_rawi(rawi, 'ar', texts, extra)
    tp, fp, fn = Counter(), Counter(), Counter()
    errors, shown, names, missed_first = [], [], set(), []
    classes, by_source = Counter(), Counter()
    for d, line in enumerate(out):
        rec = json.loads(line)
        offs = offsets[d]
        pred = ['O'] * len(offs)
        src = {}
        for e in rec.get('entities', []):
            typ = MAP.get(e['type'])
            for m in e['mentions']:
                if not typ or m['kind'] != 'name':
                    continue
                cover = [i for i, (a, b) in enumerate(offs) if a < m['end'] and m['start'] < b]
                for j, i in enumerate(cover):
                    pred[i] = ('B-' if j == 0 else 'I-') + typ
                if cover:
                    src[cover[0]] = source_name(m.get('source', ''))
        gold = [lab for s in docs[d] for _, lab in s]
        toks = [t for s in docs[d] for t, _ in s]
        g, p = set(spans(gold)), set(spans(pred))
        for t in TYPES:
            tp[t] += len({x for x in g & p if x[0] == t})
            fp[t] += len({x for x in p - g if x[0] == t})
            fn[t] += len({x for x in g - p if x[0] == t})
        for y in p:
            by_source[(source_kind(src.get(y[1], '?')), y in g)] += 1
        misc = [x for x in spans_all(gold) if x[0] == 'MISC']
        for x in p | g:
            names.add(toks[x[1]])
        for cls, x, y in classify(g, p, misc):
            if cls == 'missed':
                missed_first.append((toks[x[1]], x, toks, cls, y, ''))
                continue
            classes[cls] += 1
            shown.append((cls, x, y, toks, src.get(y[1], '') if y else ''))
        for typ, a, b in sorted(g - p):
            errors.append(f'MISS  {typ} {" ".join(toks[a:b])}')
        for typ, a, b in sorted(p - g):
            errors.append(f'EXTRA {typ} {" ".join(toks[a:b])}')
    for first, x, toks, cls, y, how in missed_first:
        bare = CLITIC.sub('', first)
        if bare != first and bare in names:
            cls = 'clitic'
        classes[cls] += 1
        shown.append((cls, x, y, toks, how))
    return (tp, fp, fn), (len(docs), classes, shown, errors, by_source)


def table(counts):
    tp, fp, fn = counts
    print(f'{"type":6} {"P":>6} {"R":>6} {"F1":>6} {"tp":>6} {"fp":>6} {"fn":>6}')
    for t in TYPES:
        p, r, f = prf(tp[t], fp[t], fn[t])
        print(f'{t:6} {p:6.3f} {r:6.3f} {f:6.3f} {tp[t]:6} {fp[t]:6} {fn[t]:6}')
    a, b, c = sum(tp.values()), sum(fp.values()), sum(fn.values())
    p, r, f = prf(a, b, c)
    print(f'{"micro":6} {p:6.3f} {r:6.3f} {f:6.3f} {a:6} {b:6} {c:6}')
    return f


def print_sources(by_source):
    """Right and wrong names per source, most wrong first."""
    names = {s for s, _ in by_source}
    rows = sorted(names, key=lambda s: (-by_source[(s, False)], s))
    print(f'{"source":40} {"right":>6} {"wrong":>6} {"P":>6}')
    for s in rows:
        ok, bad = by_source[(s, True)], by_source[(s, False)]
        print(f'{s:40} {ok:6} {bad:6} {ok / (ok + bad):6.3f}')


def details(args, info):
    _, classes, shown, errors, _ = info
    n_err = option(args, '--errors', 0)
    if '--classes' in args:
        print('error classes: ' + ', '.join(f'{k} {v}' for k, v in classes.most_common()))
    if '--show' in args:
        want = args[args.index('--show') + 1]
        for cls, x, y, toks, how in shown:
            if want != "ALL" and cls != want:
                continue
            z = x or y
            ctx = ' '.join(toks[max(0, z[1] - 6):z[1]]) + ' [' + ' '.join(
                toks[z[1]:z[2]]) + '] ' + ' '.join(toks[z[2]:z[2] + 6])
            gs = f'gold {x[0]} {" ".join(toks[x[1]:x[2]])}' if x else ''
            ps = f'pred {y[0]} {" ".join(toks[y[1]:y[2]])}' if y else ''
            print(f'{cls:9} {gs:30} {ps:30} | {ctx}' + (f' <{how}>' if how else ''))
    if n_err:
        for line in Counter(errors).most_common(n_err):
            print(f'{line[1]:4}  {line[0]}')


def cross_validate(args, rawi, sents, k, extra):
    n = option(args, '--folds', 6)
    only = option(args, '--fold', 0)
    pack = args[args.index('--pack') + 1] if '--pack' in args else ROOT
    total, f1s, by_type = (Counter(), Counter(), Counter()), [], {t: [] for t in TYPES}
    by_source = Counter()
    for i in range(1, n + 1):
        if only and i != only:
            continue
        a, b = (i - 1) * len(sents) // n, i * len(sents) // n
        with tempfile.TemporaryDirectory() as tmp:
            fold_pack(pack, sents[:a] + sents[b:], tmp, f'{i}/{n}')
            counts, info = score(rawi, sents[a:b], k, extra + ['--pack', tmp])
        print(f'== part {i} of {n}: sentences {a + 1}-{b}, {info[0]} documents; '
              f'lists induced from the other {n - 1} parts')
        f1s.append(table(counts))
        print()
        for t in TYPES:
            by_type[t].append(prf(counts[0][t], counts[1][t], counts[2][t])[2])
        for x, y in zip(total, counts):
            x.update(y)
        by_source.update(info[4])
        if only:
            details(args, info)
            if '--sources' in args:
                print_sources(by_source)
            return
    print(f'== {n}-fold cross-validation, {len(sents)} sentences (MISC not scored)')
    print('micro F1 by part: ' + ' '.join(f'{f:.3f}' for f in f1s))
    print(f'mean {sum(f1s) / len(f1s):.3f}, lowest {min(f1s):.3f} (part {f1s.index(min(f1s)) + 1})')
    print('F1 by type, mean of the parts (lowest): ' + ', '.join(
        f'{t} {sum(v) / len(v):.3f} ({min(v):.3f})' for t, v in by_type.items()))
    print('all parts together:')
    table(total)
    if '--sources' in args:
        print_sources(by_source)


def main():
    args = usage_args(__doc__)
    rawi, path = args[0], args[1]
    k = option(args, '--doc-sentences', 1)
    sents = read_conll(path)
    extra = []
    for i, x in enumerate(args):
        if x in ('--gazetteer', '--rules'):
            extra += [x, args[i + 1]]
    if '--folds' in args:
        cross_validate(args, rawi, sents, k, extra)
        return
    if '--dev-sixth' in args:
        sents = sents[len(sents) - len(sents) // 6:]
    if '--pack' in args:
        extra += ['--pack', args[args.index('--pack') + 1]]
    counts, info = score(rawi, sents, k, extra)
    print(f'{len(sents)} sentences, {info[0]} documents (MISC not scored)')
    table(counts)
    details(args, info)
    if '--sources' in args:
        print_sources(info[4])


if __name__ == '__main__':
    main()
