#!/usr/bin/env python3
"""Check an HTML report against the JSONL output of the same input.

usage: check_dom.py [--static] RECORDS.jsonl DOM.html [INPUT.jsonl]

DOM.html is what headless Chromium serialised after loading the page (so
the index script has run), or with --static the page as rawi wrote it
(its tags must balance; the index is not built yet). Checked for every document,
in order: its id, lang and direction, one highlighted mention per JSONL
mention (focusable, with a tip naming its entity), one graph node per
entity and one edge per relation. For the page: only the tags the writer
emits (an injected <script> or <b> would show), one script, no bidi
control left, the index built by the script. With INPUT.jsonl, each
document's text as the browser shows it equals the input text with its
bidi controls replaced by U+FFFD.
Prints each failure; exit status 1 when any.
"""
import json
import re
import sys
from html.parser import HTMLParser

VOID = {"meta", "br", "img", "input", "link", "hr", "wbr", "col", "source"}
ALLOWED = {"html", "head", "meta", "title", "style", "body", "svg", "defs",
           "marker", "path", "header", "h1", "p", "span", "nav", "main",
           "details", "summary", "bdi", "div", "mark", "small", "table",
           "thead", "tbody", "tr", "th", "td", "g", "circle", "text",
           "button", "a", "script"}
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def cls(self):
        return self.attrs.get("class", "").split()

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()

    def find(self, tag=None, cls=None):
        return [n for n in self.walk() if (tag is None or n.tag == tag)
                and (cls is None or cls in n.cls())]

    def text(self):
        return "".join(c if isinstance(c, str) else c.text()
                       for c in self.children)


class Tree(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.cur = Node("#root", [], None)
        self.unbalanced = []

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        if self.cur.tag != tag:
            self.unbalanced.append(f"</{tag}> closes <{self.cur.tag}>")
            return
        self.cur = self.cur.parent

    def handle_data(self, data):
        self.cur.children.append(data)


fails = 0


def check(cond, what):
    global fails
    if not cond:
        fails += 1
        print("FAIL", what)


def check_doc(det, rec, text):
    rid = rec["id"]
    check(det.attrs.get("data-id") == rid, f"{rid}: data-id {det.attrs.get('data-id')!r}")
    if "error" in rec:
        check("failed" in det.cls(), f"{rid}: error record marked failed")
        return
    mentions = sum(len(e["mentions"]) for e in rec["entities"])
    body = det.find("div", "text")
    check(len(body) == 1, f"{rid}: one text block")
    if not body:
        return
    body = body[0]
    rtl = rec["lang"] == "ar"
    check(body.attrs.get("dir") == ("rtl" if rtl else "ltr"), f"{rid}: dir")
    check(body.attrs.get("lang") == rec["lang"], f"{rid}: lang")
    marks = body.find("mark")
    check(len(marks) == mentions, f"{rid}: {len(marks)} highlighted mentions, JSONL has {mentions}")
    ids = {e["id"] for e in rec["entities"]}
    for m in marks:
        tip = m.attrs.get("data-tip", "")
        check(m.attrs.get("tabindex") == "0", f"{rid}: mention focusable")
        check(tip.split(" ")[0] in ids, f"{rid}: tip names an entity: {tip!r}")
    got = sorted(m.text() for m in marks)
    want = sorted(BIDI.sub("\ufffd", x["text"]) for e in rec["entities"] for x in e["mentions"])
    check(got == want, f"{rid}: highlighted texts {got} != {want}")
    edges = det.find("g", "edge")
    check(len(edges) == len(rec["relations"]), f"{rid}: {len(edges)} graph edges, JSONL has {len(rec['relations'])}")
    nodes = det.find("g", "node")
    check(len(nodes) == len(rec["entities"]), f"{rid}: {len(nodes)} graph nodes, JSONL has {len(rec['entities'])}")
    rows = det.find("tr", "rel")
    check(len(rows) == len(rec["relations"]), f"{rid}: {len(rows)} relation rows")
    for row, rel in zip(rows, rec["relations"]):
        check(row.find("td", "pred")[0].text() == rel["predicate"], f"{rid}: predicate")
        check(len(row.find("mark")) >= 1, f"{rid}: evidence has a highlighted end")
    if text is not None:
        check(body.text() == BIDI.sub("\ufffd", text), f"{rid}: text shown as written")


def main():
    args = sys.argv[1:]
    static = args[0] == "--static"
    args = args[1:] if static else args
    records = [json.loads(line) for line in open(args[0], encoding="utf-8")]
    page = open(args[1], encoding="utf-8").read()
    texts = {}
    if len(args) > 2:
        for line in open(args[2], encoding="utf-8"):
            try:
                d = json.loads(line)
                texts[str(d["id"])] = d["text"]
            except ValueError:
                pass
    tree = Tree()
    tree.feed(page)
    tree.close()
    check(not tree.unbalanced, f"tags balanced: {tree.unbalanced[:3]}")
    tags = {n.tag for n in tree.root.walk()} - {"#root"}
    check(tags <= ALLOWED, f"only the writer's tags: {sorted(tags - ALLOWED)}")
    check(len(tree.root.find("script")) == 1, "one script element")
    check(not BIDI.search(page), "no bidi control in the page")
    docs = tree.root.find("details", "doc")
    check(len(docs) == len(records), f"{len(docs)} documents, JSONL has {len(records)}")
    for det, rec in zip(docs, records):
        check_doc(det, rec, texts.get(rec["id"]) if texts else None)
    if len(records) > 1 and not static:
        rows = tree.root.find("nav")[0].find("tbody")[0].find("tr")
        check(len(rows) == min(100, len(records)), f"index shows {len(rows)} rows")
    print(f"{len(records)} documents checked, {fails} failures")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
