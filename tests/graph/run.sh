#!/bin/sh
# The graph outputs on sentences written for this test:
#   run.sh RAWI rdf      rapper parses N-Triples and Turtle with no error;
#                        roqet answers "whom did Blinken meet"
#   run.sh RAWI shards   two halves give the graph of one run (N-Triples,
#                        JSONL, neo4j CSV, Cypher text); CSV headers follow
#                        the neo4j-admin grammar
#   run.sh RAWI virtuoso the N-Triples loaded into Virtuoso, same query
#   run.sh RAWI kuzu     the Cypher run twice in Kùzu, and two shards, same
#                        answer and same graph
# Exit 77 (skipped, with a message) when a store is not installed.
set -u
rawi=$1 what=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../golden/lib.sh"
news=$here/news.jsonl
expected=$here/blinken.expected

need() {
  command -v "$1" > /dev/null && return 0
  echo "SKIP: $1 is not installed (Debian package $2; tools/install-deps.sh --test)"
  exit 77
}

# The documents in two halves, without the line that is not JSON (its
# error record is named after its file and line, which a split changes).
halves() {
  grep '^{' "$news" > "$tmp/valid.jsonl"
  head -n 4 "$tmp/valid.jsonl" > "$tmp/a.jsonl"
  tail -n +5 "$tmp/valid.jsonl" > "$tmp/b.jsonl"
}

extract() { # FORMAT OUT INPUT...
  fmt=$1 out=$2
  shift 2
  "$rawi" extract --no-progress --format "$fmt" --force -o "$out" "$@" 2> "$tmp/stderr"
}

same_graph_nt() { # sorted, de-duplicated triples: an RDF graph as a set
  sort -u "$1" > "$tmp/x1" && sort -u "$2" > "$tmp/x2" && cmp -s "$tmp/x1" "$tmp/x2"
}

check_rdf() {
  need rapper raptor2-utils
  need roqet rasqal-utils
  extract ntriples "$tmp/news.nt" "$news"
  if [ $? = 2 ]; then ok; else ko "ntriples: exit 2 for the record that is not JSON"; fi
  extract turtle "$tmp/news.ttl" "$news"
  for f in nt:ntriples ttl:turtle; do
    ext=${f%%:*} syntax=${f#*:}
    if rapper -q -i "$syntax" -c "$tmp/news.$ext" > "$tmp/rapper.out" 2>&1; then ok
    else ko "rapper $syntax:"; cat "$tmp/rapper.out"; fi
    roqet -q -r csv -D "$tmp/news.$ext" "$here/blinken.rq" 2>&1 | tail -n +2 | tr -d '\r' > "$tmp/answer"
    if cmp -s "$tmp/answer" "$expected"; then ok
    else ko "roqet on $syntax: whom did Blinken meet"; diff "$expected" "$tmp/answer"; fi
  done
  # the same triples, whichever syntax (both as rapper writes them)
  rapper -q -i turtle -o ntriples "$tmp/news.ttl" > "$tmp/ttl.nt" 2> /dev/null
  rapper -q -i ntriples -o ntriples "$tmp/news.nt" > "$tmp/nt.nt" 2> /dev/null
  if same_graph_nt "$tmp/ttl.nt" "$tmp/nt.nt"; then ok; else ko "turtle and ntriples: same graph"; fi
  # Arabic stays Arabic in IRIs; what RFC 3986 reserves is percent-encoded
  if grep -q '/entity/person/سمير-داوود-حمدان>' "$tmp/news.nt"; then ok; else ko "an Arabic IRI"; fi
  if grep -q '/doc/g-5%20space/%23%3F%25%22%27%5C>' "$tmp/news.nt"; then ok; else ko "a percent-encoded IRI"; fi
  if grep -q '"أنتوني بلينكن"@ar' "$tmp/news.nt"; then ok; else ko "a label with a language tag"; fi
  if grep -q 'errorMessage> "line is not valid JSON: ' "$tmp/news.nt"; then ok; else ko "the failed document is in the graph"; fi
  # --base-iri moves every IRI; a malformed one is refused
  extract ntriples "$tmp/base.nt" --base-iri 'urn:news:' "$news"
  if ! grep -q example.org "$tmp/base.nt" && grep -q '<urn:news:entity/person/antony-blinken>' "$tmp/base.nt"; then ok
  else ko "--base-iri"; fi
  if ! "$rawi" extract --format ntriples --base-iri 'not an iri' "$news" > /dev/null 2>&1; then ok
  else ko "--base-iri refuses 'not an iri'"; fi
}

check_shards() {
  halves
  for fmt in jsonl ntriples; do # ntriples last: "one" is compared below
    extract $fmt "$tmp/one" "$tmp/valid.jsonl"
    extract $fmt "$tmp/a.out" "$tmp/a.jsonl"
    extract $fmt "$tmp/b.out" "$tmp/b.jsonl"
    cat "$tmp/a.out" "$tmp/b.out" > "$tmp/cat"
    if cmp -s "$tmp/one" "$tmp/cat"; then ok; else ko "$fmt: two shards concatenated equal one run"; fi
  done
  # any thread count (JSONL's is checked by tests/golden/batch.sh)
  extract ntriples "$tmp/j2" -j 2 "$tmp/valid.jsonl"
  if cmp -s "$tmp/one" "$tmp/j2"; then ok; else ko "ntriples: -j 2 equals -j 1"; fi
  if command -v rapper > /dev/null; then # Turtle: shards repeat their prefixes
    extract turtle "$tmp/one.ttl" "$tmp/valid.jsonl"
    extract turtle "$tmp/a.ttl" "$tmp/a.jsonl"
    extract turtle "$tmp/b.ttl" "$tmp/b.jsonl"
    cat "$tmp/a.ttl" "$tmp/b.ttl" > "$tmp/cat.ttl"
    rapper -q -i turtle -o ntriples "$tmp/one.ttl" > "$tmp/one.ttl.nt" 2>&1
    rapper -q -i turtle -o ntriples "$tmp/cat.ttl" > "$tmp/cat.ttl.nt" 2>&1
    if [ -s "$tmp/one.ttl.nt" ] && same_graph_nt "$tmp/one.ttl.nt" "$tmp/cat.ttl.nt"; then ok
    else ko "turtle: two shards concatenated give one run's graph"; fi
  fi
  extract neo4j "$tmp/one.d" "$tmp/valid.jsonl"
  extract neo4j "$tmp/a.d" "$tmp/a.jsonl"
  extract neo4j "$tmp/b.d" -j 2 "$tmp/b.jsonl"
  for d in one.d a.d b.d; do
    if python3 "$here/csv_check.py" header "$tmp/$d" > /dev/null; then ok; else ko "neo4j-admin headers in $d"; fi
  done
  python3 "$here/csv_check.py" graph "$tmp/one.d" > "$tmp/g1"
  python3 "$here/csv_check.py" graph "$tmp/a.d" "$tmp/b.d" > "$tmp/g2"
  if [ -s "$tmp/g1" ] && cmp -s "$tmp/g1" "$tmp/g2"; then ok; else ko "neo4j: two shards imported equal one run"; fi
  n=$(grep -c '"person/antony-blinken"' "$tmp/one.d/nodes.csv")
  if [ "$n" = 1 ]; then ok; else ko "neo4j: an entity named by 5 documents is one node ($n)"; fi
  # the writer's own errors
  "$rawi" extract --format neo4j "$tmp/valid.jsonl" > /dev/null 2> "$tmp/err"
  if [ $? = 1 ] && grep -q 'writes a directory: give -o DIR' "$tmp/err"; then ok
  else ko "neo4j without -o"; fi
  "$rawi" extract --format neo4j --resume -o "$tmp/r.d" "$tmp/valid.jsonl" > /dev/null 2> "$tmp/err"
  if [ $? = 1 ] && grep -q 'not available with --format neo4j' "$tmp/err"; then ok
  else ko "neo4j with --resume"; fi
  # Cypher: one MERGE per entity and document, keyed as documented
  extract cypher "$tmp/one.cypher" "$tmp/valid.jsonl"
  if grep -q "^MERGE (e:Entity {id: 'person/antony-blinken'}) ON CREATE SET" "$tmp/one.cypher" &&
     grep -q "MERGE (s)-\[r:MET_WITH {document: 'g-5 space/#?%\"\\\\'\\\\\\\\'}\]->(o)" "$tmp/one.cypher"; then ok
  else ko "cypher: MERGE statements, quoted ids"; fi
}

check_virtuoso() {
  extract ntriples "$tmp/news.nt" "$news"
  "$here/virtuoso.sh" "$tmp/news.nt" "$here/blinken.rq" "$tmp/answer"
  rc=$?
  [ $rc = 77 ] && exit 77
  if [ $rc = 0 ] && cmp -s "$tmp/answer" "$expected"; then ok
  else ko "virtuoso: whom did Blinken meet"; cat "$tmp/answer" 2> /dev/null; fi
}

check_kuzu() {
  need node nodejs
  if ! (cd "$here" && node -e 'require("kuzu")' 2> /dev/null); then
    echo "SKIP: the npm package kuzu is not installed in tests/graph (tools/install-deps.sh --test)"
    exit 77
  fi
  halves
  extract kuzu "$tmp/news.cypher" "$news"
  extract kuzu "$tmp/one.cypher" "$tmp/valid.jsonl"
  extract kuzu "$tmp/a.cypher" "$tmp/a.jsonl"
  extract kuzu "$tmp/b.cypher" "$tmp/b.jsonl"
  k() { db=$1; shift; (cd "$here" && node kuzu.js "$@" > "$tmp/$db.out" 2>&1) ; }
  # the script of all documents, twice: MERGE adds nothing the second time
  k once "$tmp/once.db" "$tmp/news.cypher" && k twice "$tmp/twice.db" "$tmp/news.cypher" "$tmp/news.cypher"
  if cmp -s "$tmp/once.out" "$tmp/twice.out"; then ok; else ko "kuzu: the script run twice"; cat "$tmp/once.out" "$tmp/twice.out"; fi
  tail -n +3 "$tmp/once.out" > "$tmp/answer"
  if cmp -s "$tmp/answer" "$expected"; then ok; else ko "kuzu: whom did Blinken meet"; cat "$tmp/once.out"; fi
  k one "$tmp/one.db" "$tmp/one.cypher" && k shards "$tmp/shards.db" "$tmp/a.cypher" "$tmp/b.cypher"
  if cmp -s "$tmp/one.out" "$tmp/shards.out"; then ok; else ko "kuzu: two shards equal one run"; cat "$tmp/one.out" "$tmp/shards.out"; fi
}

case $what in
rdf) check_rdf ;;
shards) check_shards ;;
virtuoso) check_virtuoso ;;
kuzu) check_kuzu ;;
*) echo "usage: run.sh RAWI rdf|shards|virtuoso|kuzu" >&2; exit 2 ;;
esac
finish
