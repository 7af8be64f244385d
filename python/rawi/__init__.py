"""rawi: named-entity and relation extraction for Arabic and English news.

The Python face of the rawi C library (include/rawi/rawi.h)::

    import rawi
    model = rawi.Model()                       # the shipped packs
    record = model.extract("...", id="n1")     # a dict: rawi extract's record
    for rec in model.extract_many(docs, threads=4):
        ...

A Model is compiled once and shared: any number of threads may call it at
once, and extraction runs with the GIL released. Records are the JSON Lines
schema of docs/output.md, byte for byte what ``rawi extract`` writes.
"""

import json
import os
import shutil
import subprocess
import threading

from . import _rawi
from ._rawi import (Error, FileError, FormatError, LimitError,
                    OutOfMemoryError, TooBigError, Utf8Error)

__all__ = ["Model", "shared_model", "graph", "version", "default_pack_dir", "Error",
           "Utf8Error", "FormatError", "FileError", "LimitError",
           "TooBigError", "OutOfMemoryError"]

__version__ = _rawi.version()

_LANGS = {"auto": _rawi.LANG_AUTO, None: _rawi.LANG_AUTO,
          "ar": _rawi.LANG_AR, "en": _rawi.LANG_EN}


def version():
    """The version of the C library."""
    return _rawi.version()


def default_pack_dir():
    """Where the shipped packs are found: $RAWI_PACK, share/rawi above the
    installed module, the source tree of a build tree, the configured
    prefix (rawi_default_pack_dir in rawi.h)."""
    return _rawi.default_pack_dir()


def _lang(lang):
    try:
        return _LANGS[lang]
    except (KeyError, TypeError):
        raise ValueError("lang: expected 'ar', 'en' or 'auto', got %r"
                         % (lang,)) from None


def _files(paths, what):
    """[path or (path, lang)] as [(path, lang number)]."""
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise TypeError("%s: expected a list of paths, got one path" % what)
    out = []
    for p in paths or ():
        if isinstance(p, tuple):
            path, lang = p
            out.append((os.fspath(path), _lang(lang)))
        else:
            out.append((os.fspath(p), _rawi.LANG_AUTO))
    return out


def _json_id(value):
    """An id as rawi extract writes a JSON id: a string as it is, a number
    as C's %.17g."""
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "%.17g" % value
    return None


_shared = {}
_shared_lock = threading.Lock()


def shared_model(**kwargs):
    """The Model of this process for these arguments, built on first use.

    For engines that run functions in worker processes (Dask, Spark's
    mapPartitions, multiprocessing): call it inside the function, and each
    worker process builds one model and keeps it for every task it runs,
    instead of one model per task or a model shipped over the network.
    """
    key = repr(sorted(kwargs.items()))
    with _shared_lock:
        model = _shared.get(key)
        if model is None:
            model = _shared[key] = Model(**kwargs)
        return model


class Model:
    """A compiled rawi model.

    Model(gazetteers=[], rules=[], lang="auto", pack=None, lenient=False,
          explain=False)

    gazetteers, rules: user lists (TSV or images from ``rawi compile``) and
        rule files, added to the shipped packs; an item may be a path (for
        every language) or a (path, "ar"|"en") pair (for that language's
        documents only).
    lang: the documents' language, "ar", "en" or "auto" (by script, per
        document); extract() may override it.
    pack: the pack directory (default: default_pack_dir(); "" for no pack).
    lenient: skip malformed list lines and rules (listed in .warnings)
        instead of failing.

    A list or rule file that cannot be used raises rawi.FormatError or
    rawi.FileError with .file, .line, .column and .message.
    """

    def __init__(self, gazetteers=(), rules=(), lang="auto", pack=None,
                 lenient=False, explain=False):
        self.lang = lang
        self._lang = _lang(lang)
        self.explain = bool(explain)
        self._model = _rawi.Model(
            pack=None if pack is None else os.fspath(pack),
            gazetteers=_files(gazetteers, "gazetteers"),
            rules=_files(rules, "rules"), lenient=lenient, explain=explain)

    @property
    def warnings(self):
        """The problems a lenient load skipped (rawi.Error instances)."""
        return list(self._model.warnings)

    def extract(self, text, id=None, lang=None, format=None, meta=None):
        """The record of one document.

        text: str or UTF-8 bytes. id: the record's id (default "").
        format: None for a dict (the JSONL record); "jsonl", "ntriples",
        "turtle", "cypher", "kuzu", "conll" or "html" for the text rawi
        extract writes in that format (a str). meta: a dict written as the
        record's "meta". A document that cannot be processed raises
        rawi.Error (rawi.Utf8Error for invalid UTF-8, with .byte_offset).
        """
        line = self._model.extract(
            text, "" if id is None else str(id),
            self._lang if lang is None else _lang(lang),
            format or "jsonl",
            None if meta is None else json.dumps(meta, ensure_ascii=False,
                                                 separators=(",", ":")))
        return json.loads(line) if format is None else line

    def _item(self, item, index, text_field, id_field):
        """(text, id) of an item of extract_many."""
        if isinstance(item, (str, bytes, bytearray)):
            return item, str(index)
        if isinstance(item, tuple) and len(item) == 2:
            return item[1], str(item[0])
        if isinstance(item, dict):
            if text_field not in item:
                raise KeyError("document %d has no %r field"
                               % (index, text_field))
            doc_id = _json_id(item.get(id_field))
            return item[text_field], str(index) if doc_id is None else doc_id
        raise TypeError("document %d: expected str, bytes, (id, text) or a "
                        "dict, got %s" % (index, type(item).__name__))

    def _one(self, text, doc_id, format, errors):
        line = self._model.extract(text, doc_id, self._lang, format or "jsonl",
                                   None, error_record=errors == "record")
        return json.loads(line) if format is None else line

    def extract_many(self, docs, threads=None, format=None, errors="raise",
                     text_field="text", id_field="id"):
        """Records of many documents, yielded in input order as they are
        done (a generator: documents are read as records are taken).

        docs: an iterable of str or bytes (ids "1", "2", ... by position),
        (id, text) pairs, or dicts like JSON Lines records (text_field and
        id_field name their keys; without an id, the position).
        threads: extraction threads (default: one per core); at most 4
        documents per thread are in flight, so memory does not grow with
        the input. errors: "raise" (the first document that fails raises
        its rawi.Error, when its turn comes) or "record" (it gets an error
        record, as with rawi extract). format: as for extract().
        """
        if errors not in ("raise", "record"):
            raise ValueError("errors: expected 'raise' or 'record'")
        threads = threads or os.cpu_count() or 1
        items = ((self._item(d, i, text_field, id_field))
                 for i, d in enumerate(docs, 1))
        if threads == 1:
            for text, doc_id in items:
                yield self._one(text, doc_id, format, errors)
            return
        # C threads extract; this generator feeds them and takes records
        stream = self._model.stream(threads, format or "jsonl", self._lang,
                                    errors == "record")
        window = 4 * threads
        try:
            for text, doc_id in items:
                if stream.pending() >= window:
                    line = stream.take()
                    yield json.loads(line) if format is None else line
                stream.put(text, doc_id)
            while stream.pending():
                line = stream.take()
                yield json.loads(line) if format is None else line
        finally:
            stream.close()

    def header(self, format):
        """What a format writes before its first record ("" if nothing)."""
        return self._model.header(format)

    def footer(self, format):
        """What a format writes after its last record ("" if nothing)."""
        return self._model.footer(format)


def _program():
    """The rawi command: $RAWI_CLI, rawi in the build tree or prefix this
    package is in (BUILD/python/rawi, PREFIX/lib/.../rawi), else on PATH."""
    env = os.environ.get("RAWI_CLI")
    if env:
        return env
    here = os.path.dirname(os.path.abspath(__file__))
    up = here
    for _ in range(5):
        up = os.path.dirname(up)
        for cand in (os.path.join(up, "rawi"), os.path.join(up, "bin", "rawi")):
            if os.path.isfile(cand) and os.access(cand, os.X_OK):
                return cand
    found = shutil.which("rawi")
    if not found:
        raise FileError("the rawi command was not found (set RAWI_CLI, or "
                        "put rawi on PATH)")
    return found


def _feed(proc, results):
    """Write results to proc's stdin as JSON Lines, then close it."""
    try:
        for r in results:
            if isinstance(r, dict):
                r = json.dumps(r, ensure_ascii=False,
                               separators=(",", ":")) + "\n"
            elif isinstance(r, bytes):
                r = r.decode("utf-8")
            proc.stdin.write(r.encode("utf-8") if r.endswith("\n")
                             else (r + "\n").encode("utf-8"))
    except BrokenPipeError:
        pass  # rawi stopped early; its status says why
    finally:
        try:
            proc.stdin.close()
        except BrokenPipeError:
            pass


def graph(results, format="ntriples", merge=True, min_count=None,
          base_iri=None, output=None, program=None):
    """One consolidated graph of a run's records, as ``rawi graph`` makes it
    (a node per entity with all its names and documents, an edge per fact
    with its count and every piece of evidence).

    results: a path to a JSONL file of records (or a list of paths), or an
    iterable of records (dicts from extract/extract_many, or JSONL lines).
    format: "ntriples" (the default), "turtle", "cypher", "kuzu", "html",
    or "neo4j" (a directory: give output). merge=False keeps short forms
    apart (--no-merge); min_count leaves out facts seen fewer times.
    Returns the graph as a str, or None when written to output.

    Runs the rawi command (``program``, else found next to this package or
    on PATH). Its errors raise rawi.Error (rawi.FormatError when some input
    lines were not usable records), with its message.
    """
    args = [program or _program(), "graph", "--format", format]
    if not merge:
        args.append("--no-merge")
    if min_count is not None:
        args += ["--min-count", str(int(min_count))]
    if base_iri:
        args += ["--base-iri", base_iri]
    if output is not None:
        args += ["-o", os.fspath(output)]
    paths = None
    if isinstance(results, (str, bytes, os.PathLike)):
        paths = [os.fsdecode(results)]
    elif isinstance(results, (list, tuple)) and results and all(
            isinstance(r, os.PathLike) or (isinstance(r, str) and
                                           not r.lstrip().startswith("{"))
            for r in results):
        paths = [os.fsdecode(r) for r in results]
    proc = subprocess.Popen(args + (paths or []),
                            stdin=subprocess.DEVNULL if paths
                            else subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if paths:
        out, err = proc.communicate()
    else:  # results go in, the graph and messages come out, all at once
        errs = []
        threads = [threading.Thread(target=_feed, args=(proc, results)),
                   threading.Thread(target=lambda: errs.append(
                       proc.stderr.read()))]
        for t in threads:
            t.start()
        out = proc.stdout.read()
        for t in threads:
            t.join()
        proc.wait()
        err = errs[0] if errs else b""
    if proc.returncode:
        lines = [l for l in err.decode("utf-8", "replace").splitlines()
                 if "error" in l or "warning" in l] or \
            err.decode("utf-8", "replace").splitlines() or \
            ["rawi graph exited with status %d" % proc.returncode]
        cls = FormatError if proc.returncode == 2 else Error
        e = cls(lines[0])
        e.message, e.status = "\n".join(lines), -proc.returncode
        e.file = e.line = e.column = e.byte_offset = None
        raise e
    return None if output is not None else out.decode("utf-8")

