"""Shared by the Python benchmarks (bench_python.py, bench_serve.py): the
documents they time, made by gen_news_text.py and text_to_jsonl.py, and
medians."""
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def news_docs(path, mb, doc_bytes):
    """Write synthetic news (a fixed seed: the same every run) as JSON Lines
    of about doc_bytes each into path; return the number of documents."""
    text = path + ".txt"
    with open(text, "wb") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "gen_news_text.py"),
                        str(mb)], stdout=f, check=True)
    with open(path, "wb") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "text_to_jsonl.py"),
                        text, "--doc-bytes", str(doc_bytes)], stdout=f,
                       check=True)
    os.unlink(text)
    with open(path, "rb") as f:
        return sum(1 for _ in f)


def median(xs):
    return statistics.median(xs)


def percentile(sorted_xs, p):
    """The p-th percentile (nearest rank) of an ascending list."""
    if not sorted_xs:
        return float("nan")
    k = max(0, min(len(sorted_xs) - 1,
                   int(round(p / 100.0 * len(sorted_xs) + 0.5)) - 1))
    return sorted_xs[k]
