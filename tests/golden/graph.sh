#!/bin/sh
# rawi graph on the JSONL results in tests/golden/graph/results.jsonl: the
# output of rawi extract on tests/graph/corpus.jsonl and on sentences
# written for this test, with a planned meeting, a short form known only in
# English ("Blinken", person/blinken), a record of a document that failed,
# a line cut short and a relation naming an entity its record lacks.
#   graph.sh RAWI
# With RAWI_UPDATE_GOLDEN=1 the expected files are rewritten.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$here/graph
cd "$d" || exit 1
in=results.jsonl

# compare stdout of a run with an expected file (or rewrite it)
golden() { # EXPECTED ARGS...
  expected=$1
  shift
  "$rawi" graph "$@" > "$tmp/out" 2> "$tmp/err"
  if [ "${RAWI_UPDATE_GOLDEN:-0}" = 1 ]; then
    cp "$tmp/out" "$expected"
    ok
  elif diff -u "$expected" "$tmp/out" > "$tmp/diff"; then ok
  else ko "rawi graph $* differs from $expected"; head -40 "$tmp/diff"; fi
}

# 1. The whole graph, pinned byte for byte: merged short form, counts,
#    first and last documents, planned apart from asserted, evidence.
golden results.cypher --format cypher "$in"
golden results-no-merge.kuzu --format kuzu --no-merge "$in"
golden results-min2.nt --min-count 2 "$in"

# what the pinned files say, in words
c=results.cypher
grep -q "{id: 'person/antony-blinken'}) SET .*e.names = \['أنتوني بلينكن', 'Antony Blinken', 'Blinken'\].*e.mentions = 13, e.documents = 13, e.merged_from = \['person/blinken'\]" $c &&
  ok || ko "merged: Blinken's names, mentions, documents and merged_from"
grep -q "(o:Entity {id: 'person/gustavo-petro'}) MERGE (s)-\[r:MET_WITH {id: '[0-9a-f]*'}\]->(o) SET r.modality = 'asserted', r.count = 3, r.first_document = 'run-01', r.last_document = 'run-14', r.confidence = 0.90;" $c &&
  ok || ko "a fact seen in three documents"
grep -q "SET r.modality = 'planned', r.count = 1, r.first_document = 'run-13'" $c &&
  ok || ko "a planned meeting is a fact of its own"
grep -q "(s:Entity {id: 'person/antony-blinken'}), (o:Entity {id: 'person/conan-o\\\\'brien'})" $c &&
  ok || ko "an edge of the short form moves to the full name"
grep -q "person/blinken'})" $c && ko "person/blinken is still a node" || ok
grep -q "^MERGE (d:Document {id: 'corpus.jsonl:13'}) SET d.error_code = 'bad_record', d.error_message = 'line is not valid JSON';" $c &&
  ok || ko "the failed document is a document node with its error"
n=$(grep -c "^MATCH (d:Document .* MERGE (v:Evidence" $c)
[ "$n" = 12 ] && ok || ko "every relation is a piece of evidence ($n)"
k=results-no-merge.kuzu
grep -q "^MERGE (e:Entity {id: 'person/blinken'}) SET .*e.mentions = 2, e.documents = 2" $k &&
  ok || ko "--no-merge keeps the short form apart"
grep -q "^CREATE REL TABLE IF NOT EXISTS MET_WITH(FROM Entity TO Entity" $k &&
  ok || ko "kuzu: the tables come first"
m=results-min2.nt
[ "$(grep -c 'vocab/count>' $m)" = 1 ] && ok || ko "--min-count 2 keeps one fact"
[ "$(grep -c 'vocab/evidenceOf>' $m)" = 3 ] && ok || ko "--min-count 2 keeps that fact's evidence only"
grep -q '<https://example.org/rawi/entity/person/blinken> <http://www.w3.org/2002/07/owl#sameAs> <https://example.org/rawi/entity/person/antony-blinken> .' $m &&
  ok || ko "owl:sameAs records the merge"
grep -q 'entity/person/antony-blinken> <https://example.org/rawi/vocab/met_with> <https://example.org/rawi/entity/person/gustavo-petro>' $m &&
  ok || ko "an asserted fact is also a direct triple"
"$rawi" graph "$in" 2> /dev/null | grep -q 'vocab/met_with> .*"planned"' && ko "planned as a direct triple" || ok

# 2. Bad lines: each told with its file and line, exit 2, the rest kept
"$rawi" graph "$in" > /dev/null 2> "$tmp/err"
rc=$?
sed 's/, [0-9.]* s$/, T s/' "$tmp/err" > "$tmp/err.t"
if [ "${RAWI_UPDATE_GOLDEN:-0}" = 1 ]; then cp "$tmp/err.t" results.stderr; fi
[ $rc = 2 ] && ok || ko "exit status $rc with bad lines (expected 2)"
diff -u results.stderr "$tmp/err.t" && ok || ko "messages for bad lines"
head -n 16 "$in" > "$tmp/good.jsonl"
"$rawi" graph "$tmp/good.jsonl" > /dev/null 2>&1
rc=$?
[ $rc = 0 ] && ok || ko "exit status $rc for good lines and a failed document (expected 0)"

# 3. The same graph from gzip, stdin, two files, or any -o
"$rawi" graph --format cypher "$in" > "$tmp/plain" 2> /dev/null
gzip -c "$in" > "$tmp/r.jsonl.gz"
"$rawi" graph --format cypher "$tmp/r.jsonl.gz" > "$tmp/gz" 2> "$tmp/gz.err"
cmp -s "$tmp/plain" "$tmp/gz" && ok || ko "gzip input gives the same graph"
grep -q "r.jsonl.gz:17: line is not valid JSON (line skipped)" "$tmp/gz.err" &&
  ok || ko "gzip input: line numbers in messages"
"$rawi" graph --format cypher < "$in" > "$tmp/stdin" 2> "$tmp/stdin.err"
cmp -s "$tmp/plain" "$tmp/stdin" && ok || ko "stdin gives the same graph"
grep -q "^rawi: warning: stdin:17:" "$tmp/stdin.err" && ok || ko "stdin: named in messages"
head -n 9 "$in" > "$tmp/a.jsonl"
tail -n +10 "$in" > "$tmp/b.jsonl"
"$rawi" graph --format cypher "$tmp/a.jsonl" "$tmp/b.jsonl" > "$tmp/two" 2> /dev/null
cmp -s "$tmp/plain" "$tmp/two" && ok || ko "two files give one run's graph"
"$rawi" graph --format cypher -o "$tmp/o.cypher" "$in" 2> /dev/null
cmp -s "$tmp/plain" "$tmp/o.cypher" && ok || ko "-o FILE"
"$rawi" graph --format cypher --tmpdir "$tmp" "$in" > "$tmp/t" 2> /dev/null
cmp -s "$tmp/plain" "$tmp/t" && [ -z "$(ls "$tmp" | grep rawi-graph)" ] &&
  ok || ko "--tmpdir, and no temporary file left"

# 4. N-Triples and Turtle are one graph; rapper reads both
"$rawi" graph "$in" > "$tmp/g.nt" 2> /dev/null
"$rawi" graph --format turtle "$in" > "$tmp/g.ttl" 2> /dev/null
if command -v rapper > /dev/null; then
  rapper -q -i ntriples -o ntriples "$tmp/g.nt" 2> "$tmp/r.err" | sort -u > "$tmp/nt"
  rapper -q -i turtle -o ntriples "$tmp/g.ttl" 2>> "$tmp/r.err" | sort -u > "$tmp/ttl"
  [ -s "$tmp/nt" ] && [ ! -s "$tmp/r.err" ] && cmp -s "$tmp/nt" "$tmp/ttl" &&
    ok || ko "rapper: N-Triples and Turtle are the same graph"
  [ "$(sort -u "$tmp/g.nt" | wc -l)" = "$(wc -l < "$tmp/nt")" ] &&
    ok || ko "rapper reads every triple"
else
  echo "note: rapper is not installed (raptor2-utils): RDF syntax not checked"
fi

# 5. neo4j-admin files: headers, row widths, every end a node
"$rawi" graph --format neo4j -o "$tmp/csv" "$in" 2> /dev/null
if python3 "$here/graph_csv.py" "$here/../graph/csv_check.py" "$tmp/csv" > "$tmp/csv.out"; then ok
else ko "neo4j files:"; cat "$tmp/csv.out"; fi
grep -q '^"person/antony-blinken","Entity;Person","PERSON","أنتوني بلينكن","أنتوني بلينكن	Antony Blinken	Blinken","ar	en",13,13,"person/blinken"$' "$tmp/csv/nodes.csv" &&
  ok || ko "neo4j: lists separated by tabs"

# 6. The corpus view: every edge links to its evidence; text stays text
"$rawi" graph --format html -o "$tmp/g.html" "$in" 2> /dev/null
links=$(grep -o 'href="#fact-[0-9a-f]*"' "$tmp/g.html" | sort -u | sed 's/href="#//; s/"//')
n=0
for l in $links; do
  n=$((n + 1))
  grep -q "<section class=\"fact\" id=\"$l\">" "$tmp/g.html" || ko "no evidence for edge $l"
done
[ "$n" = 10 ] && ok || ko "html: $n edges drawn (expected 10)"
grep -q 'وقال &lt;script&gt;alert(1)&lt;/script&gt; إن بلينكن' "$tmp/g.html" && ok || ko "html: evidence escaped"
[ "$(grep -c '<script' "$tmp/g.html")" = 0 ] && ok || ko "html: no script"
grep -q 'Conan O&#39;Brien' "$tmp/g.html" && ok || ko "html: names escaped"
"$rawi" graph --format html --top 2 "$in" 2> /dev/null | grep -c '<section class="fact"' > "$tmp/n"
[ "$(cat "$tmp/n")" = 2 ] && ok || ko "html --top 2: the facts between the two (got $(cat "$tmp/n"))"

# 7. One entity with 30,000 names (one per document): linear, not
#    quadratic, in the names (the test's TIMEOUT would stop a slow one)
awk 'BEGIN { a = "abcdefghijklmnopqrstuvwxyz"; for (i = 1; i <= 30000; i++)
  printf "{\"id\":\"n%d\",\"lang\":\"%s%s\",\"entities\":[{\"id\":\"org/x\",\"type\":\"ORGANIZATION\",\"name\":\"x %d\"}]}\n",
    i, substr(a, 1 + int(i % 50 / 26), 1), substr(a, 1 + i % 50 % 26, 1), i }' > "$tmp/names.jsonl"
for fmt in cypher neo4j; do
  "$rawi" graph --format $fmt -o "$tmp/names.$fmt" "$tmp/names.jsonl" 2> /dev/null
done
grep -q "e.documents = 30000, e.merged_from = \[\]" "$tmp/names.cypher" &&
  [ "$(grep -o "e.languages = \[[^]]*\]" "$tmp/names.cypher" | tr , '\n' | wc -l)" = 50 ] &&
  ok || ko "an entity with 30,000 names in 50 languages"

# 7. Usage and output errors: exit 1, one line naming what
err() { # EXPECTED-MESSAGE ARGS...
  msg=$1
  shift
  "$rawi" graph "$@" > /dev/null 2> "$tmp/e"
  rc=$?
  if [ $rc = 1 ] && grep -qF "$msg" "$tmp/e"; then ok
  else ko "rawi graph $*: exit $rc, $(head -c 300 "$tmp/e")"; fi
}
err "rawi: error: --format: expected ntriples|turtle|neo4j|cypher|kuzu|html, got 'jsonl'" --format jsonl "$in"
err "rawi: error: --format neo4j writes a directory: give -o DIR" --format neo4j "$in"
err "rawi: error: --min-count: expected a number, got 'two'" --min-count two "$in"
err "rawi: error: $tmp/none/x: cannot write: No such file or directory" -o "$tmp/none/x" "$in"
err "rawi: error: /dev/full: write error: No space left on device" -o /dev/full "$in"
err "rawi: error: cannot create a temporary file in $tmp/none: No such file or directory" --tmpdir "$tmp/none" "$in"
# -o never empties an input or earlier results; --force writes over them
cp "$in" "$tmp/in-copy.jsonl"
err "rawi: error: -o $tmp/in-copy.jsonl: it is also the input $tmp/in-copy.jsonl; writing it would destroy it" -o "$tmp/in-copy.jsonl" "$tmp/in-copy.jsonl"
cmp -s "$in" "$tmp/in-copy.jsonl" && ok || ko "-o naming the input changed it"
echo "earlier results" > "$tmp/earlier.nt"
err "rawi: error: -o $tmp/earlier.nt: the file is not empty; --force writes over it" -o "$tmp/earlier.nt" "$in"
grep -q "^earlier results$" "$tmp/earlier.nt" && ok || ko "a refused -o changed the file"
"$rawi" graph --force -o "$tmp/earlier.nt" "$in" 2> /dev/null
grep -q "rawi/vocab/" "$tmp/earlier.nt" && ok || ko "--force: the graph written over the file"
"$rawi" graph "$tmp/missing.jsonl" > /dev/null 2> "$tmp/e"
rc=$?
[ $rc = 2 ] && grep -q "missing.jsonl: cannot open: No such file or directory (input skipped)" "$tmp/e" &&
  ok || ko "a missing input: exit $rc, $(cat "$tmp/e")"
"$rawi" graph --help | grep -q "^usage: rawi graph" && ok || ko "rawi graph --help"
"$rawi" --help | grep -q "^  graph " && ok || ko "rawi --help lists graph"
finish
