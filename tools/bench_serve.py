#!/usr/bin/env python3
"""rawi serve under load: requests/s and latency percentiles, against
rawi extract over the same documents.

usage: bench_serve.py RAWI_BINARY [--docs N] [--clients C] [--threads J]
                      [--rounds R]

Starts `rawi serve -j J` on a free loopback port, then C clients (threads,
each with one keep-alive connection) send the N documents, one per POST
/extract as application/json, all of them once per round; every answer
must be 200 and the record rawi extract writes for that document (checked
on the first round). The documents are short synthetic news items
(gen_news_text.py, a paragraph of about 1 KB each). Printed: per round and as
medians, requests/s, latency p50, p90, p99 and max (from sending a
request to reading its whole answer, as the client sees it); and the time
rawi extract -j J takes over the same documents as one JSONL file. The
server is stopped at the end. Targets (docs/serving.md): 1,000 items, 8
clients, p99 under 50 ms.
"""
import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench_common import median, news_docs, percentile  # noqa: E402

HOST = "127.0.0.1"


def start(rawi, threads):
    p = subprocess.Popen([rawi, "serve", "--port", "0", "-j", str(threads)],
                         stderr=subprocess.PIPE)
    line = p.stderr.readline().decode()
    if "serving http://" not in line:
        p.kill()
        sys.exit("bench_serve: rawi serve did not start: " + line)
    return p, int(line.split(HOST + ":")[1].split("/")[0])


def one_round(port, bodies, clients, expected):
    """Send every body once from clients threads; latencies in ms."""
    lat = [0.0] * len(bodies)
    bad = []
    nxt = [0]
    lock = threading.Lock()

    def client():
        c = http.client.HTTPConnection(HOST, port, timeout=60)
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= len(bodies):
                break
            t = time.perf_counter()
            c.request("POST", "/extract", bodies[i],
                      {"Content-Type": "application/json"})
            r = c.getresponse()
            body = r.read()
            lat[i] = (time.perf_counter() - t) * 1e3
            if r.status != 200 or (expected and body != expected[i]):
                bad.append((i, r.status))
        c.close()

    t0 = time.perf_counter()
    ts = [threading.Thread(target=client) for _ in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return time.perf_counter() - t0, sorted(lat), bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("rawi")
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rounds", type=int, default=5)
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "docs.jsonl")
        news_docs(path, a.docs * 0.0013 + 0.2, 500)
        with open(path, "rb") as f:
            lines = f.read().splitlines(keepends=True)[:a.docs]
        if len(lines) < a.docs:
            sys.exit("bench_serve: only %d documents generated" % len(lines))
        with open(path, "wb") as f:
            f.writelines(lines)
        cli = [a.rawi, "extract", "--input-format", "jsonl", "--no-progress",
               "-j", str(a.threads), path]
        expected = subprocess.run(cli, stdout=subprocess.PIPE, check=True,
                                  stderr=subprocess.DEVNULL).stdout
        expected = expected.splitlines(keepends=True)
        cli_times = []
        proc, port = start(a.rawi, a.threads)
        try:
            rounds = []
            for r in range(a.rounds + 1):  # round 0 warms up and checks
                wall, lat, bad = one_round(port, lines, a.clients,
                                           expected if r == 0 else None)
                if bad:
                    sys.exit("bench_serve: %d bad answers, first %r"
                             % (len(bad), bad[0]))
                if r:
                    rounds.append((len(lines) / wall, lat))
                    print("round %d: %.0f req/s, p50 %.1f ms, p90 %.1f ms, "
                          "p99 %.1f ms, max %.1f ms"
                          % (r, len(lines) / wall, percentile(lat, 50),
                             percentile(lat, 90), percentile(lat, 99),
                             lat[-1]))
                t = time.perf_counter()
                subprocess.run(cli, stdout=subprocess.DEVNULL, check=True,
                               stderr=subprocess.DEVNULL)
                cli_times.append(time.perf_counter() - t)
        finally:
            proc.terminate()
            proc.wait(timeout=60)
        size = sum(len(x) for x in lines) / len(lines)
        print("%d documents (%.0f bytes of JSON each on average), %d "
              "clients, rawi serve -j %d, %d rounds (medians):"
              % (len(lines), size, a.clients, a.threads, a.rounds))
        print("  rawi serve: %.0f req/s, p50 %.1f ms, p90 %.1f ms, "
              "p99 %.1f ms, max %.1f ms"
              % (median([x[0] for x in rounds]),
                 median([percentile(x[1], 50) for x in rounds]),
                 median([percentile(x[1], 90) for x in rounds]),
                 median([percentile(x[1], 99) for x in rounds]),
                 median([x[1][-1] for x in rounds])))
        t = median(cli_times)
        print("  rawi extract -j %d over the same file: %.2f s, %.0f docs/s "
              "(model load included)" % (a.threads, t, len(lines) / t))


if __name__ == "__main__":
    main()
