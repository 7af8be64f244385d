"""rawi serve: the records of rawi extract over HTTP, under a bounded load
of concurrent clients, its limits, and malformed requests it must survive.
Every server listens on a free loopback port and is stopped at the end."""
import contextlib
import http.client
import json
import select
import socket
import subprocess
import threading
import time

import pytest

from conftest import run_extract

HOST = "127.0.0.1"


class Server:
    def __init__(self, cli, *args):
        self.proc = subprocess.Popen([cli, "serve", "--port", "0", *args],
                                     stderr=subprocess.PIPE)
        line = self.proc.stderr.readline().decode()
        if "serving http://" not in line:
            self.proc.kill()
            raise AssertionError("rawi serve did not start: %r" % line)
        self.port = int(line.split(HOST + ":")[1].split("/")[0])

    def request(self, method, path, body=None, headers=None):
        c = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            c.request(method, path, body=body, headers=headers or {})
            r = c.getresponse()
            return r.status, dict(r.getheaders()), r.read().decode()
        finally:
            c.close()

    def raw(self, data, read=True):
        """Send bytes as they are; what comes back before the close."""
        with socket.create_connection((HOST, self.port), timeout=30) as s:
            try:
                s.sendall(data)
                if not read:
                    return b""
                s.shutdown(socket.SHUT_WR)
            except OSError:  # the server answered and closed before the end
                pass
            chunks = []
            while True:
                try:
                    b = s.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not b:
                    break
                chunks.append(b)
            return b"".join(chunks)

    def alive(self):
        return self.proc.poll() is None and \
            self.request("GET", "/health")[0] == 200

    def stop(self):
        self.proc.terminate()
        try:
            rc = self.proc.wait(timeout=60)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
        self.proc.stderr.close()
        return rc


@pytest.fixture(scope="module")
def server(rawi_cli):
    """The shipped packs; silent connections are dropped after 2 s: some
    malformed requests leave the server waiting for a body or a next
    request that never comes (raw() reads until the server closes)."""
    s = Server(rawi_cli, "-j", "4", "--idle-timeout", "2")
    yield s
    assert s.stop() == 0


@pytest.fixture
def empty_pack(tmp_path):
    """A pack with no lists and no rules: loads at once (the limits need
    no entities)."""
    (tmp_path / "gazetteers").mkdir()
    return str(tmp_path)


JSON = {"Content-Type": "application/json"}
JSONL = {"Content-Type": "application/x-ndjson"}
TEXT = {"Content-Type": "text/plain; charset=utf-8"}


def test_health_and_version(server):
    assert server.request("GET", "/health")[::2] == (200, '{"status":"ok"}\n')
    status, _, body = server.request("GET", "/version")
    v = json.loads(body)
    assert status == 200 and "jsonl" in v["formats"] and v["rawi"]


def test_one_document_is_rawi_extracts_record(server, docs, expected):
    for doc, line in zip(docs, expected):
        status, headers, body = server.request(
            "POST", "/extract", json.dumps(doc).encode(), JSON)
        assert (status, body) == (200, line)
        assert headers["Content-Type"].startswith("application/x-ndjson")


def test_text_and_batch(server, rawi_cli, docs, expected):
    text = "Blinken visited Chile and Peru."
    status, _, body = server.request("POST", "/extract?id=t1",
                                     text.encode(), TEXT)
    want = run_extract(rawi_cli, [{"id": "t1", "text": text}])
    assert (status, body) == (200, want[0])
    batch = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    status, headers, body = server.request("POST", "/extract",
                                           batch.encode(), JSONL)
    assert (status, body) == (200, "".join(expected))
    assert headers["X-Rawi-Failed"] == "0"


def test_formats(server, rawi_cli, docs):
    few = docs[:4]
    batch = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in few)
    # (every format is compared with rawi extract in test_model.py; these
    # two have a header, and a footer, around the records)
    for fmt in ("turtle", "html"):
        status, _, body = server.request("POST", "/extract?format=" + fmt,
                                         batch.encode(), JSONL)
        assert status == 200
        assert body == "".join(run_extract(rawi_cli, few, "--format", fmt))
    status, _, body = server.request("POST", "/extract?format=neo4j",
                                     b"x", TEXT)
    assert status == 400 and json.loads(body)["error"]["code"] == \
        "bad_parameter"


def test_bounded_load(server, docs, expected):
    """8 clients, 40 requests each on one connection: all answered, each
    with rawi extract's record for its document."""
    clients, per_client = 8, 40
    failures = []

    def client(k):
        c = http.client.HTTPConnection(HOST, server.port, timeout=120)
        try:
            for i in range(per_client):
                n = (k * per_client + i) % len(docs)
                c.request("POST", "/extract", json.dumps(docs[n]).encode(),
                          JSON)
                r = c.getresponse()
                body = r.read().decode()
                if r.status != 200 or body != expected[n]:
                    failures.append((k, i, r.status, body[:200]))
        except OSError as e:
            failures.append((k, "error", repr(e)))
        finally:
            c.close()

    ts = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert failures == []


def test_bad_documents(server):
    status, _, body = server.request("POST", "/extract", b"ab\xffcd", TEXT)
    rec = json.loads(body)
    assert status == 422
    assert rec == {"id": "body", "error": {
        "code": "invalid_utf8", "byte_offset": 2,
        "message": "invalid utf-8 at byte 2: invalid lead byte"}}
    status, _, body = server.request("POST", "/extract", b"{not json", JSON)
    assert status == 422
    assert json.loads(body)["error"]["message"].startswith("line is not valid JSON: ")
    status, _, body = server.request("POST", "/extract", b'{"txt": 1}', JSON)
    assert status == 422
    assert json.loads(body)["error"]["message"] == "no text field 'text'"
    status, h, body = server.request("POST", "/extract",
                                     b'{"id":"a","text":"x"}\n[1]\n', JSONL)
    assert status == 200 and h["X-Rawi-Failed"] == "1"
    assert json.loads(body.splitlines()[1])["error"]["message"] == \
        "line is not a JSON object"


def test_request_errors(server):
    cases = [
        ("GET", "/extract", None, {}, 405, "method_not_allowed"),
        ("POST", "/health", b"x", TEXT, 405, "method_not_allowed"),
        ("GET", "/nothing", None, {}, 404, "not_found"),
        ("POST", "/extract", b"x", {"Content-Type": "image/png"}, 415,
         "unsupported_media_type"),
        ("POST", "/extract?lang=fr", b"x", TEXT, 400, "bad_parameter"),
        ("POST", "/extract?format=yaml", b"x", TEXT, 400, "bad_parameter"),
    ]
    for method, path, body, headers, status, code in cases:
        got, h, text = server.request(method, path, body, headers)
        assert (got, json.loads(text)["error"]["code"]) == (status, code), \
            (method, path)
        assert h["Content-Type"] == "application/json"


def test_limits(rawi_cli, empty_pack):
    s = Server(rawi_cli, "--pack", empty_pack, "-j", "2", "--max-body",
               "1000", "--max-docs", "3", "--time-budget", "1")
    try:
        status, _, body = s.request("POST", "/extract", b"x" * 1001, TEXT)
        assert status == 413
        assert json.loads(body)["error"] == {
            "code": "too_large",
            "message": "the body is longer than 1000 bytes"}
        lines = b'{"text":"a"}\n' * 4
        status, _, body = s.request("POST", "/extract", lines, JSONL)
        assert status == 413
        assert json.loads(body)["error"]["code"] == "too_many_documents"
        # the body comes 50 ms after the headers: over a 1 ms budget
        head = (b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Type: "
                b"application/x-ndjson\r\nContent-Length: 13\r\n"
                b"Connection: close\r\n\r\n")
        with socket.create_connection((HOST, s.port), timeout=30) as c:
            c.sendall(head)
            time.sleep(0.05)
            c.sendall(b'{"text":"a"}\n')
            got = c.makefile("rb").read().decode()
        assert got.startswith("HTTP/1.1 503")
        assert '"code":"time_budget"' in got
        assert s.alive()
    finally:
        assert s.stop() == 0


@contextlib.contextmanager
def held_request(s):
    """A POST whose body is not sent yet, held in progress, and the first
    /health answer that found it so (or the last one seen). A probe counts
    as a request too: when the server read the POST's headers while a probe
    held the one place, the POST itself was told busy (its socket has an
    answer); then it is sent again."""
    for _ in range(5):
        c = socket.create_connection((HOST, s.port), timeout=30)
        c.sendall(b"POST /extract HTTP/1.1\r\nHost: x\r\n"
                  b"Content-Length: 10\r\n\r\nabc")
        # until the server has read those headers (bounded: a minute,
        # for sanitizer builds on a busy machine)
        for _ in range(600):
            status, h, body = s.request("GET", "/health")
            if status == 503 or select.select([c], [], [], 0)[0]:
                break
            time.sleep(0.1)
        if status == 503:
            break
        c.close()
    try:
        yield c, status, h, body
    finally:
        c.close()


def test_busy(rawi_cli, empty_pack):
    # the held request must stay in progress while the test looks, however
    # slow a sanitizer build on a busy machine is: no time budget or idle
    # timeout ends it first
    s = Server(rawi_cli, "--pack", empty_pack, "-j", "2", "--max-requests",
               "1", "--time-budget", "600000", "--idle-timeout", "600")
    try:
        # one request in progress (its body not sent yet): the next is busy
        with held_request(s) as (c, status, h, body):
            assert status == 503 and h["Retry-After"] == "1"
            assert json.loads(body)["error"]["code"] == "busy"
        served = False
        for _ in range(600):  # the held request is gone: served again
            if s.request("GET", "/health")[0] == 200:
                served = True
                break
            time.sleep(0.1)
        # not alive(): with --max-requests 1 its own request may still find
        # the last one counted in progress (the count drops after the answer
        # is sent) and be told busy
        assert served and s.proc.poll() is None
    finally:
        assert s.stop() == 0


MALFORMED = [
    b"\x00\x01\x02garbage\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET / HTTP/9.9\r\n\r\n",
    b"GET /health HTTP/1.1\r\n\r\n",                      # no Host
    b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\nx",
    b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\nx",
    b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: "
    b"99999999999999999999999\r\n\r\nx",
    b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nshort",
    b"POST /extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"zz\r\nabc\r\n0\r\n\r\n",
    b"POST /extract HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    b"5\r\nab",
    b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
    b"Content-Length: 4\r\n\r\nabcd",
    b"GET /" + b"a" * 100000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /health HTTP/1.1\r\nHost: x\r\nX: " + b"b" * 200000 + b"\r\n\r\n",
    b"GET /%ff%00\xff HTTP/1.1\r\nHost: x\r\n\r\n",
    b"GET /health HTTP/1.1\r\nHost: x\r\n\r\nGET /version HTTP/1.1\r\n"
    b"Host: x\r\n\r\nPOST /extract HTTP/1.1\r\nHost: x\r\n"
    b"Content-Length: 3\r\n\r\nabc",
    b"POST /extract?format HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na",
]


def test_malformed_http(server):
    for data in MALFORMED:
        reply = server.raw(data)
        assert not reply or reply.startswith(b"HTTP/1."), data[:60]
        assert server.alive(), data[:60]
    # a client that goes away in the middle of a body
    server.raw(b"POST /extract HTTP/1.1\r\nHost: x\r\nContent-Length: 1000"
               b"\r\n\r\npartial", read=False)
    assert server.alive()
