"""The Dask recipe of docs/scaling.md (docs/examples/rawi_dask.py) on a
LocalCluster of 2 worker processes: a bag of JSONL files mapped through
rawi, one model per worker, gives rawi extract's records."""
import json
import os
import subprocess
import sys

import pytest

rawi = pytest.importorskip("rawi")
pytest.importorskip("distributed", reason="Debian: python3-distributed")

from conftest import TESTS, read_docs  # noqa: E402

EXAMPLES = os.path.join(os.path.dirname(TESTS), "docs", "examples")


@pytest.fixture(scope="module")
def cluster_client():
    from distributed import Client, LocalCluster
    # the workers import the recipe and rawi by name: give them the paths
    path = [EXAMPLES] + [p for p in sys.path if p]
    os.environ["PYTHONPATH"] = os.pathsep.join(path)
    sys.path.insert(0, EXAMPLES)
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


def test_bag_of_jsonl_files_like_rawi_extract(cluster_client, rawi_cli,
                                               tmp_path):
    import rawi_dask
    docs = read_docs()
    files = []
    for k in range(4):  # four files, a partition each
        f = tmp_path / ("in-%d.jsonl" % k)
        part = docs[k::4]
        f.write_text("".join(json.dumps(d, ensure_ascii=False) + "\n"
                             for d in part), encoding="utf-8")
        files.append(str(f))
    parts = rawi_dask.extract_files(cluster_client, files,
                                    str(tmp_path / "out"))
    got = "".join(open(p, encoding="utf-8").read() for p in sorted(parts))
    want = subprocess.run([rawi_cli, "extract", "--no-progress", *files],
                          stdout=subprocess.PIPE, check=True).stdout.decode()
    assert len(parts) == 4
    assert got == want
    # then the run's graph: the parts give what rawi extract's output gives
    r = subprocess.run([rawi_cli, "graph", "--help"], check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if r.returncode == 0:
        single = tmp_path / "single.jsonl"
        single.write_text(want, encoding="utf-8")
        want_graph = subprocess.run([rawi_cli, "graph", str(single)],
                                    stdout=subprocess.PIPE,
                                    check=True).stdout.decode()
        assert rawi.graph(sorted(parts), program=rawi_cli) == want_graph
    # one model per worker: each worker process built exactly one
    counts = cluster_client.run(lambda: len(rawi._shared))
    assert sorted(counts.values()) == [1, 1]
