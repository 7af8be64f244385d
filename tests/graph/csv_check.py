"""Checks of the neo4j CSV output, without Neo4j.

  csv_check.py header DIR          headers follow the neo4j-admin import grammar
  csv_check.py graph DIR [DIR...]  the graph neo4j-admin would build from the
                                   directories imported together (nodes by id,
                                   --skip-duplicate-nodes), printed sorted
"""
import csv
import re
import sys

TYPES = ("int|long|float|double|boolean|byte|short|char|string|point|date|"
         "localtime|time|localdatetime|datetime|duration")
# neo4j-admin database import, "CSV header format": NAME:ID(GROUP), :LABEL,
# :START_ID(GROUP), :END_ID(GROUP), :TYPE, :IGNORE, NAME[:TYPE][[]].
FIELD = re.compile(r"^(?:(?P<name>[^:]+)?:(?P<special>ID|START_ID|END_ID)(?:\((?P<group>[^()]+)\))?"
                   r"|:(?P<bare>LABEL|TYPE|IGNORE)"
                   r"|(?P<prop>[^:]+)(?::(?P<type>" + TYPES + r")(?:\[\])?)?)$")


def header_kinds(path):
    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f))
    kinds = []
    for field in header:
        m = FIELD.match(field)
        if not m:
            sys.exit(f"{path}: header field {field!r} is not neo4j-admin syntax")
        kinds.append(m.group("special") or m.group("bare") or "property")
    return kinds


def check_headers(d):
    nodes, rels = header_kinds(f"{d}/nodes.csv"), header_kinds(f"{d}/relationships.csv")
    if nodes.count("ID") != 1 or nodes.count("LABEL") != 1 or "START_ID" in nodes:
        sys.exit(f"nodes.csv: needs one :ID and one :LABEL, got {nodes}")
    for k in ("START_ID", "END_ID", "TYPE"):
        if rels.count(k) != 1:
            sys.exit(f"relationships.csv: needs one :{k}, got {rels}")
    if "ID" in rels:
        sys.exit("relationships.csv: :ID belongs to node files")
    print("headers ok")


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        r = csv.reader(f, strict=True)
        width = len(next(r))
        for row in r:
            if len(row) != width:
                sys.exit(f"{path}: row of {len(row)} fields under {width} headers: {row}")
            yield tuple(row)


def graph(dirs):
    nodes, rels = {}, []
    for d in dirs:
        for row in rows(f"{d}/nodes.csv"):
            nodes.setdefault(row[0], row)  # the first one wins, as in neo4j-admin
        rels.extend(rows(f"{d}/relationships.csv"))
    dangling = [r for r in rels if r[0] not in nodes or r[1] not in nodes]
    if dangling:
        sys.exit(f"relationships to unknown nodes: {dangling}")
    for n in sorted(nodes.values()):
        print("node", *n, sep="\t")
    for r in sorted(rels):
        print("rel", *r, sep="\t")


if __name__ == "__main__":
    if sys.argv[1] == "header":
        check_headers(sys.argv[2])
    else:
        graph(sys.argv[2:])
