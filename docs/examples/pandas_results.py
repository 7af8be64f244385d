#!/usr/bin/env python3
"""rawi's records in pandas: one table of entities, one of relations.

    python3 docs/examples/pandas_results.py [RESULTS.jsonl]

With a file, its records (rawi extract's output) are read; without one,
the bundled sample (docs/examples/sample-ar.txt) is extracted with the
rawi Python package. Prints the entities per type, the most named
entities and the relations. Needs pandas (Debian: python3-pandas); without
it the script says so and stops, successfully.
"""
import json
import os
import sys


def records(argv):
    if len(argv) > 1:
        with open(argv[1], encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]
    import rawi
    sample = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "sample-ar.txt")
    with open(sample, encoding="utf-8") as f:
        return [rawi.Model().extract(f.read(), id="sample-ar")]


def tables(recs):
    """(entities, relations) DataFrames of a list of records; documents
    that failed (an "error" instead of results) are left out."""
    import pandas as pd
    ents, rels = [], []
    for r in recs:
        if "error" in r:
            continue
        names = {}
        for e in r["entities"]:
            names[e["id"]] = e["name"]
            ents.append({"doc": r["id"], "id": e["id"], "type": e["type"],
                         "name": e["name"], "mentions": len(e["mentions"])})
        for x in r["relations"]:
            rels.append({"doc": r["id"], "subject": names.get(x["subject"]),
                         "predicate": x["predicate"],
                         "object": names.get(x["object"]),
                         "modality": x.get("modality"),
                         "confidence": x["confidence"]})
    return (pd.DataFrame(ents, columns=["doc", "id", "type", "name",
                                        "mentions"]),
            pd.DataFrame(rels, columns=["doc", "subject", "predicate",
                                        "object", "modality", "confidence"]))


def main(argv):
    try:
        import pandas as pd
    except ImportError:
        print("pandas is not installed (Debian: python3-pandas); skipped")
        return 0
    ents, rels = tables(records(argv))
    with pd.option_context("display.width", 120, "display.max_columns", 10):
        print("entities per type:")
        print(ents.groupby("type").size().to_string())
        print("\nmost named:")
        top = ents.groupby(["id", "name"])["mentions"].sum()
        print(top.sort_values(ascending=False).head(10).to_string())
        print("\nrelations:")
        print(rels.to_string(index=False) if len(rels) else "(none)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
