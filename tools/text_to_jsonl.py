#!/usr/bin/env python3
"""Cut a text into JSON Lines documents of whole paragraphs.

usage: text_to_jsonl.py TEXT [--doc-bytes N] > DOCS.jsonl

Paragraphs (separated by blank lines) are gathered into documents of at
least N bytes (default 2000); each line is {"id": "dK", "text": ...}. The
benchmarks use it to give rawi a batch made of the same text that grep
reads whole.
"""

import argparse
import json
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("text")
    ap.add_argument("--doc-bytes", type=int, default=2000)
    args = ap.parse_args()
    doc, size, k = [], 0, 0
    out = sys.stdout

    def emit():
        nonlocal doc, size, k
        k += 1
        out.write(json.dumps({"id": f"d{k}", "text": "\n\n".join(doc)},
                             ensure_ascii=False) + "\n")
        doc, size = [], 0

    with open(args.text, encoding="utf-8") as f:
        for p in f.read().split("\n\n"):
            if p.strip():
                doc.append(p)
                size += len(p.encode())
                if size >= args.doc_bytes:
                    emit()
    if doc:
        emit()


if __name__ == "__main__":
    main()
