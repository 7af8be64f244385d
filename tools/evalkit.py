"""What rawi's evaluation and list tools share: reading CoNLL files, turning
token lists into documents with offsets, running rawi, and P/R/F1."""
import json
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
