"""What rawi's evaluation and list tools share: reading CoNLL files, turning
token lists into documents with offsets, running rawi, P/R/F1, and a
conlleval-style scorer.

Run as a program, it scores a CoNLL system file against a CoNLL gold file
the way `rawi eval --gold GOLD SYSTEM` does, printing the same table, so the
two can be compared figure for figure:

    tools/evalkit.py GOLD SYSTEM [--types PERS,LOC,ORG|all]
"""
import json
import re
import subprocess
import sys


def usage_args(doc, n=2):
    """The command line's arguments; the usage text unless n are given."""
    args = sys.argv[1:]
    if len(args) < n:
        sys.exit(doc)
    return args


def option(args, name, default):
    """The integer after --name, or default."""
    return int(args[args.index(name) + 1]) if name in args else default


DIAC = re.compile('[\u0610-\u061a\u064b-\u065f\u0670\u0640]')


def norm(s):
    """Arabic words as rawi's lists compare them: no diacritics or tatweel,
    one alef, ya for alef maqsura, ha for ta marbuta, case folded."""
    s = DIAC.sub('', s)
    s = re.sub('[\u0622\u0623\u0625\u0671]', '\u0627', s)
    return s.replace('\u0649', '\u064a').replace('\u0629', '\u0647').casefold()


def read_conll(path):
    """Sentences of (token, label) from `token ... LABEL` lines, blank lines
    between sentences, -DOCSTART- lines skipped."""
    sents, cur = [], []
    for line in open(path, encoding='utf-8'):
        parts = line.split()
        if not parts:
            if cur:
                sents.append(cur)
                cur = []
        elif parts[0] != '-DOCSTART-':
            cur.append((parts[0], parts[-1]))
    if cur:
        sents.append(cur)
    return sents


def join_tokens(tokens):
    """Text of the tokens joined by spaces, and each token's (start, end)."""
    text, offs = '', []
    for tok in tokens:
        if text:
            text += ' '
        offs.append((len(text), len(text) + len(tok)))
        text += tok
    return text, offs


def run_rawi(rawi, lang, texts, extra=()):
    """rawi extract over texts (one JSONL document each); its output lines."""
    lines = [json.dumps({'id': str(i), 'text': t}, ensure_ascii=False)
             for i, t in enumerate(texts)]
    res = subprocess.run([rawi, 'extract', '--lang', lang, '--input-format', 'jsonl',
                          *extra], input='\n'.join(lines) + '\n',
                         capture_output=True, text=True, check=False)
    if res.returncode not in (0, 2):
        sys.exit(res.stderr)
    return res.stdout.splitlines()


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def chunks(labels, starts):
    """conlleval's entity chunks (type, start, end) of IOB2 labels; starts[i]
    is true where a sentence begins (a sentence end closes a chunk). An I-
    after O or after another type starts a chunk; labels other than B-/I-
    count as O."""
    out, open_, prev, ptype = [], 0, 'O', ''
    for i in range(len(labels) + 1):
        lab = labels[i] if i < len(labels) else 'O'
        tag, typ = (lab[0], lab[2:]) if lab[:2] in ('B-', 'I-') else ('O', '')
        if i < len(labels) and i and starts[i]:
            if prev != 'O':
                out.append((ptype, open_, i))
            prev, ptype = 'O', ''
        same = ptype == typ
        if prev != 'O' and (tag in 'BO' or not same):
            out.append((ptype, open_, i))
        if tag == 'B' or (tag == 'I' and (prev == 'O' or not same)):
            open_ = i
        prev, ptype = tag, typ
    return out


def conll_score(gold, system, types=None):
    """Per-type Counter dicts tp/fp/fn of system against gold, both lists of
    sentences of (token, label); types None scores every type."""
    from collections import Counter
    labels_g = [lab for s in gold for _, lab in s]
    labels_s = [lab for s in system for _, lab in s]
    starts = [j == 0 for s in gold for j in range(len(s))]
    g = set(chunks(labels_g, starts))
    p = set(chunks(labels_s, starts))
    tp, fp, fn = Counter(), Counter(), Counter()
    seen = {x[0] for x in g | p} if types is None else set(types)
    for t in seen:
        tp[t] = len({x for x in g & p if x[0] == t})
        fp[t] = len({x for x in p - g if x[0] == t})
        fn[t] = len({x for x in g - p if x[0] == t})
    return sorted(seen), tp, fp, fn


def main():
    args = usage_args(__doc__)
    gold, system = read_conll(args[0]), read_conll(args[1])
    types = 'PERS,LOC,ORG'
    if '--types' in args:
        types = args[args.index('--types') + 1]
    types = None if types == 'all' else [t for t in types.split(',') if t]
    names, tp, fp, fn = conll_score(gold, system, types)
    ntok = sum(len(s) for s in gold)
    print(f'{len(gold)} sentences, {ntok} tokens; scored: ' + ' '.join(names))
    print(f'{"type":6} {"P":>6} {"R":>6} {"F1":>6} {"tp":>6} {"fp":>6} {"fn":>6}')
    for t in names:
        p, r, f = prf(tp[t], fp[t], fn[t])
        print(f'{t:6} {p:6.3f} {r:6.3f} {f:6.3f} {tp[t]:6} {fp[t]:6} {fn[t]:6}')
    a, b, c = (sum(x[t] for t in names) for x in (tp, fp, fn))
    p, r, f = prf(a, b, c)
    print(f'{"micro":6} {p:6.3f} {r:6.3f} {f:6.3f} {a:6} {b:6} {c:6}')


if __name__ == '__main__':
    main()
