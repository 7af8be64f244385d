#!/usr/bin/env python3
"""Python extract_many against rawi extract -j N on the same documents.

usage: bench_python.py RAWI_BINARY PYTHONPATH [--mb MB] [--threads N]
                       [--rounds R]

PYTHONPATH is the directory holding the rawi package (BUILD/python). The
documents are synthetic news (gen_news_text.py, about MB megabytes, in
documents of about 2 KB). Each round times, in turn, rawi extract
--input-format jsonl -j N (to /dev/null), extract_many(..., threads=N)
returning dicts, and extract_many(..., format="jsonl") returning the
lines; the figures are medians over the rounds. rawi extract's time
includes loading its model, measured on an empty input and printed
apart; the Python model is loaded once, before the rounds. Run it on a
quiet machine: figures from a shared one are noisy.
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import median, news_docs  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("rawi")
    ap.add_argument("pythonpath")
    ap.add_argument("--mb", type=float, default=8)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    sys.path.insert(0, a.pythonpath)
    import rawi

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "docs.jsonl")
        n = news_docs(path, a.mb, 2000)
        empty = os.path.join(tmp, "empty.jsonl")
        open(empty, "w").close()
        with open(path, encoding="utf-8") as f:
            docs = [json.loads(line) for line in f]
        mb = os.path.getsize(path) / 1e6
        cli = [a.rawi, "extract", "--input-format", "jsonl", "--no-progress",
               "-j", str(a.threads), "-o", "/dev/null"]
        t0 = time.perf_counter()
        model = rawi.Model()
        load = time.perf_counter() - t0

        def cpu(who):
            r = resource.getrusage(who)
            return r.ru_utime + r.ru_stime

        def run_cli(p):
            t, c = time.perf_counter(), cpu(resource.RUSAGE_CHILDREN)
            subprocess.run(cli + [p], check=True, stderr=subprocess.DEVNULL)
            return (time.perf_counter() - t,
                    cpu(resource.RUSAGE_CHILDREN) - c)

        def run_py(fmt):
            t, c = time.perf_counter(), cpu(resource.RUSAGE_SELF)
            for _ in model.extract_many(docs, threads=a.threads, format=fmt):
                pass
            return time.perf_counter() - t, cpu(resource.RUSAGE_SELF) - c

        times = {"start": [], "cli": [], "dicts": [], "lines": []}
        run_cli(path), run_py(None)  # warm the page cache and the pool
        for _ in range(a.rounds):
            times["start"].append(run_cli(empty))
            times["cli"].append(run_cli(path))
            times["dicts"].append(run_py(None))
            times["lines"].append(run_py("jsonl"))
        m = {k: median([x[0] for x in v]) for k, v in times.items()}
        c = {k: median([x[1] for x in v]) for k, v in times.items()}
        cli_work = m["cli"] - m["start"]
        print("documents: %d (%.1f MB), threads: %d, rounds: %d (medians)"
              % (n, mb, a.threads, a.rounds))
        print("rawi extract -j %d: %.2f s (model load %.2f s of it): "
              "%.0f docs/s, %.0f docs/s without the load"
              % (a.threads, m["cli"], m["start"], n / m["cli"],
                 n / cli_work))
        for k, what in (("dicts", "dicts"), ("lines", "JSONL lines")):
            print("extract_many(threads=%d) -> %s: %.2f s: %.0f docs/s, "
                  "%.0f%% of rawi extract's rate without its load"
                  % (a.threads, what, m[k], n / m[k], 100 * cli_work / m[k]))
        print("Python model load (once): %.2f s" % load)
        cli_cpu = c["cli"] - c["start"]
        print("CPU time (user + system, a steadier figure on a busy "
              "machine): rawi extract %.2f s without its load; "
              "extract_many dicts %.2f s (%.0f%%), lines %.2f s (%.0f%%)"
              % (cli_cpu, c["dicts"], 100 * cli_cpu / c["dicts"],
                 c["lines"], 100 * cli_cpu / c["lines"]))


if __name__ == "__main__":
    main()
