"""Fixtures of the Python tests: the rawi command (RAWI_CLI), the package
(PYTHONPATH=BUILD/python, set by CTest) and documents written for rawi."""
import json
import os
import subprocess
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
TESTS = os.path.dirname(HERE)

# sentences written for rawi's tests (tests/golden/relations, tests/graph)
CORPORA = [os.path.join(TESTS, "golden", "relations", "ar.jsonl"),
           os.path.join(TESTS, "golden", "relations", "en.jsonl"),
           os.path.join(TESTS, "graph", "news.jsonl")]


def read_docs():
    """The documents of CORPORA, each id prefixed with its file's name so
    that no two share one (rawi extract warns of a repeated id)."""
    docs = []
    for path in CORPORA:
        stem = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            for line in f:
                try:  # news.jsonl holds a line that is not JSON on purpose
                    doc = json.loads(line)
                except ValueError:
                    continue
                if isinstance(doc, dict) and isinstance(doc.get("text"), str):
                    doc["id"] = f"{stem}/{doc.get('id')}"
                    docs.append(doc)
    return docs


@pytest.fixture(scope="session")
def rawi_cli():
    path = os.environ.get("RAWI_CLI")
    if not path or not os.access(path, os.X_OK):
        pytest.skip("RAWI_CLI does not name the rawi program")
    return path


@pytest.fixture(scope="session")
def docs():
    return read_docs()


def run_extract(cli, docs, *args):
    """rawi extract over docs as JSON Lines; its output lines."""
    data = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    out = subprocess.run([cli, "extract", "--input-format", "jsonl",
                          "--no-progress", *args], input=data.encode(),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         check=False)
    assert out.returncode in (0, 2), out.stderr.decode()
    return out.stdout.decode().splitlines(keepends=True)


@pytest.fixture(scope="session")
def expected(rawi_cli, docs):
    """rawi extract's records of docs, one line each."""
    return run_extract(rawi_cli, docs)
