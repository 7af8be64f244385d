#!/bin/sh
# rawi graph's output of a multi-document run in real stores. The run is
# rawi extract over tests/graph/corpus.jsonl (Arabic and English documents
# written for this test, and a line that is not JSON); each store must give
# the same answers (graph-*.expected, values separated by tabs) to:
#   met        whom did Blinken meet, across all documents, how often
#   khelaifi   how many distinct people are named الخليفي
#   documents  in how many documents is Blinken named ("Blinken" alone in
#              an English document is merged into Antony Blinken)
#   evidence   where each of those meetings is said (document, offsets)
#   graph_run.sh RAWI rdf       rapper reads N-Triples and Turtle; roqet asks
#   graph_run.sh RAWI virtuoso  the N-Triples loaded into Virtuoso
#   graph_run.sh RAWI kuzu      the Kùzu script, run once and twice
# Exit 77 (skipped, with a message) when a store is not installed.
set -u
rawi=$1 what=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../golden/lib.sh"
questions="met khelaifi documents evidence"

need() {
  command -v "$1" > /dev/null && return 0
  echo "SKIP: $1 is not installed (Debian package $2; tools/install-deps.sh --test)"
  exit 77
}

# The run's results, then its graph in FORMAT into OUT (extra options after)
graph() { # FORMAT OUT [OPTION...]
  fmt=$1 out=$2
  shift 2
  if [ ! -s "$tmp/run.jsonl" ]; then
    "$rawi" extract --no-progress "$here/corpus.jsonl" > "$tmp/run.jsonl" 2> /dev/null
  fi
  "$rawi" graph --format "$fmt" -o "$out" "$@" "$tmp/run.jsonl" 2> "$tmp/graph.err" ||
    { ko "rawi graph --format $fmt:"; cat "$tmp/graph.err"; }
}

same() { # QUESTION ANSWER-FILE STORE
  if cmp -s "$here/graph-$1.expected" "$2"; then ok
  else ko "$3: $1"; diff "$here/graph-$1.expected" "$2"; fi
}

# roqet writes CSV with a header; isql pads columns with spaces: both
# become values separated by tabs
from_csv() { tail -n +2 | tr -d '\r' | tr ',' '\t'; }
from_isql() { sed 's/   */\t/g; s/[[:space:]]*$//'; }

check_rdf() {
  need rapper raptor2-utils
  need roqet rasqal-utils
  graph ntriples "$tmp/g.nt"
  graph turtle "$tmp/g.ttl"
  for f in nt:ntriples ttl:turtle; do
    ext=${f%%:*} syntax=${f#*:}
    if rapper -q -i "$syntax" -c "$tmp/g.$ext" > "$tmp/rapper.out" 2>&1; then ok
    else ko "rapper $syntax:"; cat "$tmp/rapper.out"; fi
    for q in $questions; do
      roqet -q -r csv -D "$tmp/g.$ext" "$here/graph-$q.rq" 2>&1 | from_csv > "$tmp/$q.$ext"
      same "$q" "$tmp/$q.$ext" "roqet on $syntax"
    done
  done
  # the English "Blinken" alone is the listed Antony Blinken already in
  # rawi extract (one listed person of that family name and rank), so
  # merging adds nothing here (tests/golden/graph.sh tests --no-merge)
  graph ntriples "$tmp/nomerge.nt" --no-merge
  roqet -q -r csv -D "$tmp/nomerge.nt" "$here/graph-documents.rq" | from_csv > "$tmp/nm"
  printf '9\t9\n' | cmp -s - "$tmp/nm" && ok || ko "--no-merge: Blinken in 9 documents ($(cat "$tmp/nm"))"
}

check_virtuoso() {
  graph ntriples "$tmp/g.nt"
  set --
  for q in $questions; do set -- "$@" "$here/graph-$q.rq" "$tmp/$q.isql"; done
  "$here/virtuoso.sh" "$tmp/g.nt" "$@"
  rc=$?
  [ $rc = 77 ] && exit 77
  [ $rc = 0 ] || { ko "virtuoso: loading or querying failed"; return; }
  for q in $questions; do
    from_isql < "$tmp/$q.isql" > "$tmp/$q.v"
    same "$q" "$tmp/$q.v" virtuoso
  done
}

check_kuzu() {
  need node nodejs
  if ! (cd "$here" && node -e 'require("kuzu")' 2> /dev/null); then
    echo "SKIP: the npm package kuzu is not installed in tests/graph (tools/install-deps.sh --test)"
    exit 77
  fi
  graph kuzu "$tmp/g.cypher"
  k() { (cd "$here" && node kuzu_graph.js "$@" > "$tmp/kuzu.err" 2>&1) || { ko "kuzu:"; cat "$tmp/kuzu.err"; }; }
  k "$tmp/once.db" graph-queries.cypher "$tmp/once" "$tmp/g.cypher"
  k "$tmp/twice.db" graph-queries.cypher "$tmp/twice" "$tmp/g.cypher" "$tmp/g.cypher"
  for q in $questions; do same "$q" "$tmp/once.$q" kuzu; done
  # every statement is a MERGE: the script run twice gives the same graph
  if [ -s "$tmp/once.totals" ] && cmp -s "$tmp/once.totals" "$tmp/twice.totals"; then ok
  else ko "kuzu: the script run twice ($(cat "$tmp/once.totals") / $(cat "$tmp/twice.totals"))"; fi
}

case $what in
rdf) check_rdf ;;
virtuoso) check_virtuoso ;;
kuzu) check_kuzu ;;
*) echo "usage: graph_run.sh RAWI rdf|virtuoso|kuzu" >&2; exit 2 ;;
esac
finish
