#!/bin/sh
# Document and entity ids, as every format writes them: exact (numbers
# keep their digits), unique per run (a repeated id is warned about),
# inside the base IRI whatever they hold, and of bounded length.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

run() { "$rawi" extract "$@" 2> "$tmp/err"; }

# --- dot segments stay inside the namespace ----------------------------------
# A Turtle parser resolves IRIs, removing "." and ".." segments with the
# segment before: doc/../entity/person/joe-biden was the entity's node, and
# a/../../../../x left the base IRI. N-Triples kept them apart: two graphs.
printf '%s\n' '{"id":"../entity/person/joe-biden","text":"زار الرئيس جو بايدن برلين."}' \
  '{"id":"a/../../../../x","text":"x"}' '{"id":".","text":"y"}' > "$tmp/dots.jsonl"
printf 'ابو الدرداء\tPERSON\tperson/../../doc/x\n' > "$tmp/dots.tsv"
run --format ntriples --gazetteer "$tmp/dots.tsv" "$tmp/dots.jsonl" > "$tmp/dots.nt"
check "dot segments: ntriples exit" [ $? = 0 ]
grep -q '<https://example.org/rawi/doc/%2E%2E/entity/person/joe-biden>' "$tmp/dots.nt" &&
  grep -q '<https://example.org/rawi/doc/a/%2E%2E/%2E%2E/%2E%2E/%2E%2E/x>' "$tmp/dots.nt" &&
  grep -q '<https://example.org/rawi/doc/%2E>' "$tmp/dots.nt" && ok ||
  ko "dot segments not encoded: $(grep documentId "$tmp/dots.nt")"
printf '{"id":"d","text":"قال ابو الدرداء"}\n' > "$tmp/list.jsonl"
run --format ntriples --gazetteer "$tmp/dots.tsv" "$tmp/list.jsonl" > "$tmp/list.nt"
grep -q '<https://example.org/rawi/entity/person/%2E%2E/%2E%2E/doc/x>' "$tmp/list.nt" && ok ||
  ko "a list id's dot segments: $(cat "$tmp/list.nt")"
if command -v rapper > /dev/null; then
  # resolved by a parser, Turtle and N-Triples give one graph, every node
  # under the base IRI
  cat "$tmp/dots.jsonl" "$tmp/list.jsonl" > "$tmp/all.jsonl"
  run --format turtle --gazetteer "$tmp/dots.tsv" "$tmp/all.jsonl" > "$tmp/all.ttl"
  run --format ntriples --gazetteer "$tmp/dots.tsv" "$tmp/all.jsonl" > "$tmp/all.nt"
  rapper -q -i turtle -o ntriples "$tmp/all.ttl" | sort > "$tmp/a"
  rapper -q -i ntriples -o ntriples "$tmp/all.nt" | sort > "$tmp/b"
  check "turtle and ntriples: one graph" cmp -s "$tmp/a" "$tmp/b"
  grep -o '^<[^>]*>' "$tmp/a" | grep -v '^<https://example.org/rawi/' > "$tmp/out"
  check "every subject under the base IRI: $(cat "$tmp/out")" [ ! -s "$tmp/out" ]
else
  echo "rapper not installed: Turtle resolution not checked"
fi

finish
