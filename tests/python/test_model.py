"""The rawi Python package: records identical to rawi extract's, threads
sharing one model, extract_many's order and window, bad input as
exceptions with a location."""
import gc
import json
import os
import threading

import pytest

rawi = pytest.importorskip("rawi")

from conftest import TESTS, run_extract

DATA = os.path.join(TESTS, "data")


@pytest.fixture(scope="module")
def model():
    return rawi.Model()


def test_extract_is_rawi_extracts_record(model, docs, expected):
    for doc, line in zip(docs, expected):
        assert model.extract(doc["text"], id=doc["id"], format="jsonl") == line
        assert model.extract(doc["text"], id=doc["id"]) == json.loads(line)


def test_extract_many_in_input_order(model, docs, expected):
    many = docs * 5
    for threads in (1, 2, 8):
        got = list(model.extract_many(many, threads=threads, format="jsonl"))
        assert got == expected * 5


def test_extract_many_items(model):
    items = ["Blinken visited Chile.", ("k2", "Blinken visited Peru."),
             {"id": 7, "text": "Blinken visited Colombia."},
             {"doc": {"body": "x"}, "text": "Blinken visited Chile."}]
    got = list(model.extract_many(items, threads=2))
    assert [r["id"] for r in got] == ["1", "k2", "7", "4"]
    assert [e["id"] for e in got[1]["entities"]] == ["country/pe"]


def test_extract_many_streams(model):
    """Documents are read as records are taken: at most a window ahead."""
    taken = []

    def docs():
        for i in range(1000):
            taken.append(i)
            yield "Blinken visited Chile on day %d." % i

    it = model.extract_many(docs(), threads=2)
    first = next(it)
    assert first["id"] == "1"
    assert len(taken) <= 4 * 2 + 1
    it.close()


def test_threads_share_one_model(model, docs, expected):
    """Eight Python threads call one Model at once: same records."""
    results = [None] * 8
    errors = []

    def work(k):
        try:
            results[k] = [model.extract(d["text"], id=d["id"], format="jsonl")
                          for d in docs]
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    ts = [threading.Thread(target=work, args=(k,)) for k in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert not errors
    assert all(r == expected for r in results)


def test_gil_released_while_extracting(model):
    """Another thread runs Python while one extracts a long document."""
    text = "Blinken visited Chile and met Boric in Santiago. " * 20000
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(1)
            stop.wait(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    before = len(ticks)
    model.extract(text)
    during = len(ticks) - before
    stop.set()
    t.join()
    assert during > 1


def test_invalid_utf8_raises_with_offset(model):
    with pytest.raises(rawi.Utf8Error) as e:
        model.extract(b"Blinken \xff visited", id="b")
    assert isinstance(e.value, rawi.Error)
    assert e.value.byte_offset == 8
    assert e.value.message == "invalid utf-8 at byte 8: invalid lead byte"
    assert e.value.file is None and e.value.line is None
    # a str with a lone surrogate is the same mistake
    with pytest.raises(rawi.Utf8Error) as e:
        model.extract("ab\ud800cd")
    assert e.value.byte_offset == 2


def test_errors_as_records_like_rawi_extract(model, rawi_cli):
    text = "Blinken \udcff visited"  # undecodable byte, as Python keeps it
    raw = text.encode("utf-8", "surrogateescape")
    got = model.extract_many([("b1", raw), ("ok", "Boric.")], threads=2,
                             errors="record", format="jsonl")
    lines = list(got)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"),
                        "rawi-pytest-bad-%d.txt" % os.getpid())
    with open(path, "wb") as f:
        f.write(raw)
    try:
        import subprocess
        out = subprocess.run([rawi_cli, "extract", "--no-progress", path],
                             stdout=subprocess.PIPE, check=False)
    finally:
        os.unlink(path)
    want = out.stdout.decode().replace(json.dumps(path), '"b1"')
    assert out.returncode == 2
    assert lines[0] == want
    assert json.loads(lines[1])["id"] == "ok"
    # with errors="raise" (the default) the failure propagates in order
    it = model.extract_many([("ok", "Boric."), ("b1", raw)], threads=2)
    assert next(it)["id"] == "ok"
    with pytest.raises(rawi.Utf8Error):
        next(it)


def test_bad_items(model):
    with pytest.raises(TypeError, match="document 2: expected str"):
        list(model.extract_many(["ok", 42], threads=2))
    with pytest.raises(KeyError, match="document 1 has no 'body' field"):
        list(model.extract_many([{"text": "x"}], text_field="body"))
    with pytest.raises(TypeError):
        model.extract(None)
    with pytest.raises(ValueError, match="lang"):
        rawi.Model(lang="fr")
    with pytest.raises(ValueError, match="errors"):
        list(model.extract_many(["x"], errors="ignore"))


def test_bad_list_names_file_line_column(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# a list\nBoric\tCITY\tcity/x\n", encoding="utf-8")
    with pytest.raises(rawi.FormatError) as e:
        rawi.Model(gazetteers=[str(bad)], pack="")
    assert e.value.file == str(bad)
    assert e.value.line == 2
    assert e.value.column == 7
    assert "unknown type 'CITY'" in e.value.message
    # lenient: skipped, and listed
    m = rawi.Model(gazetteers=[bad], pack="", lenient=True)
    assert [(w.line, w.column) for w in m.warnings] == [(2, 7)]


def test_bad_rules_and_missing_files(tmp_path):
    bad = tmp_path / "bad.rules"
    bad.write_text("rule x.y\n  type: PERSON\n  pattern: (unclosed\n",
                   encoding="utf-8")
    with pytest.raises(rawi.FormatError) as e:
        rawi.Model(rules=[str(bad)], pack="")
    assert e.value.file == str(bad)
    assert e.value.line == 3
    with pytest.raises(rawi.FileError) as e:
        rawi.Model(gazetteers=[str(tmp_path / "none.tsv")], pack="")
    assert e.value.file == str(tmp_path / "none.tsv")
    with pytest.raises(rawi.FileError) as e:
        rawi.Model(pack=str(tmp_path / "nopack"))
    assert e.value.message == "pack directory not found"


def test_lists_per_language():
    places = os.path.join(DATA, "lang", "en-places.tsv")
    m = rawi.Model(gazetteers=[(places, "en")], pack="")
    text = "They met in Quillmarsh."
    assert m.extract(text, lang="en")["entities"][0]["id"] == \
        "location/quillmarsh"
    assert m.extract(text, lang="ar")["entities"] == []
    with pytest.raises(ValueError):
        rawi.Model(gazetteers=[(places, "de")])


def test_other_formats_match_rawi_extract(model, rawi_cli, docs):
    few = docs[:3]
    for fmt in ("ntriples", "conll", "cypher"):
        want = "".join(run_extract(rawi_cli, few, "--format", fmt))
        got = model.header(fmt) + "".join(
            model.extract_many(few, threads=2, format=fmt)) + \
            model.footer(fmt)
        assert got == want, fmt
    with pytest.raises(rawi.Error, match="writes a directory"):
        model.extract("x", format="neo4j")


def test_model_freed_with_its_sessions():
    m = rawi.Model(pack="")
    list(m.extract_many(["a", "b", "c"] * 10, threads=4))
    assert 1 <= m._model.idle_sessions() <= 4
    del m
    gc.collect()


def test_version_and_pack():
    assert rawi.version() == rawi.__version__
    assert os.path.isdir(os.path.join(rawi.default_pack_dir(), "gazetteers"))


def test_pandas_example(tmp_path, rawi_cli, docs):
    """docs/examples/pandas_results.py on rawi extract's output, and its
    message when pandas is missing (python3 -S: no dist-packages)."""
    import subprocess
    import sys
    script = os.path.join(os.path.dirname(TESTS), "docs", "examples",
                          "pandas_results.py")
    results = tmp_path / "out.jsonl"
    results.write_text("".join(run_extract(rawi_cli, docs)), encoding="utf-8")
    try:
        import pandas  # noqa: F401
    except ImportError:
        pandas = None
    if pandas:
        out = subprocess.run([sys.executable, script, str(results)],
                             stdout=subprocess.PIPE, check=True).stdout
        text = out.decode()
        n_person = sum(1 for line in open(results, encoding="utf-8")
                       for e in json.loads(line).get("entities", [])
                       if e["type"] == "PERSON")
        per_type = dict(line.split() for line in text.splitlines()
                        if line.split()[:1] in (["PERSON"], ["COUNTRY"]))
        assert int(per_type["PERSON"]) == n_person
        assert "met_with" in text
        # no file: the bundled sample through the package
        out = subprocess.run([sys.executable, script],
                             stdout=subprocess.PIPE, check=True).stdout
        assert "COUNTRY" in out.decode()
    out = subprocess.run([sys.executable, "-S", script, str(results)],
                         stdout=subprocess.PIPE, check=True).stdout
    assert out.decode() == \
        "pandas is not installed (Debian: python3-pandas); skipped\n"


def test_extract_many_input_error_propagates(model):
    def docs():
        yield "Blinken visited Chile."
        raise RuntimeError("the feed broke")

    it = model.extract_many(docs(), threads=2)
    with pytest.raises(RuntimeError, match="the feed broke"):
        list(it)
    # the model is still usable, its sessions back in the pool
    assert model.extract("Boric.", id="x")["id"] == "x"


def graph_available(cli):
    import subprocess
    r = subprocess.run([cli, "graph", "--help"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False)
    return r.returncode == 0


def test_graph_is_rawi_graph(model, rawi_cli, docs, tmp_path):
    """rawi.graph over records gives what rawi graph gives over the same
    run's JSONL, from dicts, lines or a file; its errors raise."""
    import subprocess
    if not graph_available(rawi_cli):
        pytest.skip("this rawi has no graph command yet")
    # (that these are rawi extract's records is tested above)
    lines = list(model.extract_many(docs, threads=2, format="jsonl"))
    path = tmp_path / "run.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    for fmt in ("ntriples", "turtle"):
        want = subprocess.run([rawi_cli, "graph", "--format", fmt,
                               str(path)], stdout=subprocess.PIPE,
                              check=True).stdout.decode()
        records = model.extract_many(docs, threads=2)
        assert rawi.graph(records, format=fmt, program=rawi_cli) == want
        assert rawi.graph(lines, format=fmt, program=rawi_cli) == want
        assert rawi.graph(str(path), format=fmt, program=rawi_cli) == want
    want = subprocess.run([rawi_cli, "graph", "--min-count", "2",
                           "--no-merge", str(path)], stdout=subprocess.PIPE,
                          check=True).stdout.decode()
    assert rawi.graph(path, min_count=2, merge=False,
                      program=rawi_cli) == want
    with pytest.raises(rawi.Error):
        rawi.graph(lines, format="yaml", program=rawi_cli)
    with pytest.raises(rawi.FormatError):
        rawi.graph(["not a record\n"] + lines, program=rawi_cli)
