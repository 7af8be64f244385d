"""The neo4j-admin files of rawi graph, checked without Neo4j.

  graph_csv.py CSV_CHECK.py DIR

Every file's header follows the neo4j-admin grammar (the checker of
tests/graph/csv_check.py), every row has its header's width, every
relationship joins nodes of the files, ids are unique per group.
"""
import csv
import importlib.util
import sys

spec = importlib.util.spec_from_file_location("csv_check", sys.argv[1])
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)
d = sys.argv[2]

NODES = {"nodes.csv": "Entity", "documents.csv": "Document", "evidence.csv": "Evidence"}
RELS = {"relationships.csv": ("Entity", "Entity"),
        "mentioned_in.csv": ("Entity", "Document"),
        "evidence_in.csv": ("Evidence", "Document")}

ids = {}
for name, group in NODES.items():
    kinds = check.header_kinds(f"{d}/{name}")
    if kinds.count("ID") != 1 or kinds.count("LABEL") != 1:
        sys.exit(f"{name}: needs one :ID and one :LABEL, got {kinds}")
    seen = ids.setdefault(group, set())
    for row in check.rows(f"{d}/{name}"):
        if row[0] in seen:
            sys.exit(f"{name}: id {row[0]!r} twice")
        seen.add(row[0])
for name, (start, end) in RELS.items():
    kinds = check.header_kinds(f"{d}/{name}")
    for k in ("START_ID", "END_ID", "TYPE"):
        if kinds.count(k) != 1:
            sys.exit(f"{name}: needs one :{k}, got {kinds}")
    for row in check.rows(f"{d}/{name}"):
        if row[0] not in ids[start] or row[1] not in ids[end]:
            sys.exit(f"{name}: {row[:3]} joins an unknown node")
print("ok:", {g: len(v) for g, v in ids.items()})
