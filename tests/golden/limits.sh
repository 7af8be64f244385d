#!/bin/sh
# Large and hostile inputs that once cost quadratic time or unbounded
# memory, each run here at a size where the old cost was minutes: ctest's
# TIMEOUT is the guard (no timed assertion; the figures are printed).
#   limits.sh RAWI
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

# --- relations: one document, 185 000 distinct edges ------------------------
# "PERSON arrived in COUNTRY" for pairs of the shipped lists' people and
# countries, every sentence written twice: the edges are kept once, in
# time linear in their number (a scan of the edges kept so far took 29 s
# for 200 000 of them).
python3 - "$root/gazetteers/ar" "$tmp/rel.txt" "$tmp/rel2.txt" <<'PY'
import random, sys
d, once, twice = sys.argv[1:]
def names(f, typ, words):
    out = []
    for l in open(f"{d}/{f}", encoding="utf-8"):
        c = l.rstrip("\n").split("\t")
        if len(c) >= 3 and not l.startswith("#") and c[1] == typ and (" " in c[0]) == words:
            out.append(c[0])
    return out
people, countries = names("persons.tsv", "PERSON", True), names("countries.tsv", "COUNTRY", False)
pairs = [(p, c) for p in people for c in countries]
random.Random(17).shuffle(pairs)
sentences = ["وصل %s إلى %s." % pc for pc in pairs[:200000]]
open(once, "w", encoding="utf-8").write(" ".join(sentences))
open(twice, "w", encoding="utf-8").write(" ".join(s + " " + s for s in sentences))
PY
measure "$tmp/rel.jsonl" "$rawi" extract "$tmp/rel.txt"
echo "relations, once: $(figures)"
measure "$tmp/rel2.jsonl" "$rawi" extract "$tmp/rel2.txt"
echo "relations, every sentence twice: $(figures)"
python3 - "$tmp/rel.jsonl" "$tmp/rel2.jsonl" <<'PY'
import json, sys
a, b = (json.loads(open(f, encoding="utf-8").read()) for f in sys.argv[1:])
edges = lambda r: sorted((e["subject"], e["predicate"], e["object"]) for e in r["relations"])
assert len(a["relations"]) > 150000, len(a["relations"])
assert edges(a) == edges(b), (len(a["relations"]), len(b["relations"]))
assert len(set(edges(a))) == len(a["relations"])
PY
check "relations: each edge once, the same twice over" [ $? = 0 ]

# --- the HTML view of those relations ----------------------------------------
# each relation's evidence visited every mention of the document, and each
# edge counted the edges before it: 100 000 relations took 143 s
measure "$tmp/rel.html" "$rawi" extract --format html "$tmp/rel.txt"
echo "HTML of those relations: $(figures)"
n=$(grep -o '<tr class="rel">' "$tmp/rel.html" | wc -l)
m=$(grep -o '<g class="edge">' "$tmp/rel.html" | wc -l)
want=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["relations"]))' "$tmp/rel.jsonl")
check "HTML: a row and an edge per relation ($n, $m, $want)" [ "$n" = "$want" -a "$m" = "$want" ]
rm -f "$tmp"/rel*

# --- a long JSON line with many escapes ------------------------------------------
# the reader looked for the string's closing quote again after every
# escape: 20 MB with a \n every 100 bytes would have taken hours
python3 -c 'import json; print(json.dumps({"id": "esc", "text": ("abcdefghi " * 10 + "\n") * 200000}))' > "$tmp/esc.jsonl"
measure "$tmp/esc.out" "$rawi" extract --lang en "$tmp/esc.jsonl"
echo "a 20 MB JSON line with 200 000 escapes: $(figures)"
check "many escapes: one record" [ "$(grep -c '"id":"esc","lang":"en"' "$tmp/esc.out")" = 1 ]
rm -f "$tmp"/esc*

# --- a rule just under PCRE2's limit at every position ---------------------------
# PCRE2 counts its match limit per start position: this rule costs tens of
# thousands of steps at each of 300 000 positions, a minute; its budget per
# sentence stops it, reported like any limit
{ printf 'aaaa '; head -c 300000 /dev/zero | tr '\0' 'a'; printf ' !\n'; } > "$tmp/slow.txt"
measure "$tmp/slow.out" "$rawi" extract --lang en --rules "$here/rules/slow.rules" "$tmp/slow.txt"
echo "a rule under the limit at 300 000 positions: $(figures)"
check "rule budget: a warning, the document kept" grep -q '"warnings":\[{"code":"limit","message":"rule org.slow hit a PCRE2 limit and was skipped on 1 sentence"}\]' "$tmp/slow.out"

finish
