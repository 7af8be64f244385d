#!/bin/sh
# Adding an entity type and a predicate is one row each: RAWI_EXTENDED is
# rawi compiled with types.def (EVENT) and predicates.def (attended)
# appended to src/doc/'s tables; over a pack that uses them (names.tsv,
# events.rules) and a sentence written for this test, every output must
# carry the new type and predicate: JSONL (type, derived id prefix,
# predicate), HTML (colour, legend, marks, relation cells), N-Triples and
# Turtle (schema.org class, property), and rawi graph (RDF class, HTML
# colour, Cypher label and relationship type). A writer that still spelled
# the types out would miss them. RAWI, the ordinary build, must refuse the
# pack: the test is about the rows, not about the pack.
#   extend.sh RAWI_EXTENDED RAWI
set -u
ext=$1
plain=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../golden/lib.sh"
cd "$here" || exit 1
RAWI_PACK=$(dirname "$(dirname "$here")")
export RAWI_PACK

# has FILE TEXT: FILE holds TEXT (a fixed string) on some line
has() {
  if grep -qF -- "$2" "$1"; then ok; else ko "$(basename "$1") lacks: $2"; fi
}
run() {
  fmt=$1
  out=$2
  "$ext" extract --gazetteer names.tsv --rules events.rules --format "$fmt" \
    input.jsonl > "$out" 2> "$tmp/err" && ok || {
    ko "extract --format $fmt"
    cat "$tmp/err"
  }
}
iri=https://example.org/rawi
rdf_type='<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>'

# without the rows the pack is refused
"$plain" extract --gazetteer names.tsv input.jsonl > /dev/null 2> "$tmp/err"
[ $? != 0 ] && ok || ko "the ordinary build took type EVENT"
has "$tmp/err" "names.tsv:4:"
has "$tmp/err" "unknown type 'EVENT'"

run jsonl "$tmp/out.jsonl"
has "$tmp/out.jsonl" '{"id":"event/lantern-forum","type":"EVENT","name":"Lantern Forum"'
# a rule's name: its id from the row's prefix
has "$tmp/out.jsonl" '{"id":"event/harbour-lights-festival","type":"EVENT"'
has "$tmp/out.jsonl" '"subject":"person/mara-quill","predicate":"attended","object":"event/lantern-forum"'
has "$tmp/out.jsonl" '"predicate":"attended","object":"event/harbour-lights-festival"'

run html "$tmp/out.html"
has "$tmp/out.html" '.t-EVENT{--c:#8a63d2;--s:#e4dafa}.t-OTHER{'
has "$tmp/out.html" '.rels td.t-EVENT,.rels td.t-OTHER{'
has "$tmp/out.html" '<span class="t-EVENT">events</span><span class="t-OTHER">'
has "$tmp/out.html" '<mark class="t-EVENT" tabindex="0" data-tip="event/lantern-forum (EVENT)'
has "$tmp/out.html" 'attended'

run ntriples "$tmp/out.nt"
has "$tmp/out.nt" "<$iri/entity/event/lantern-forum> $rdf_type <http://schema.org/Event> ."
has "$tmp/out.nt" "<$iri/entity/person/mara-quill> <$iri/vocab/attended> <$iri/entity/event/lantern-forum> ."

run turtle "$tmp/out.ttl"
has "$tmp/out.ttl" "<$iri/entity/event/harbour-lights-festival> rdf:type schema:Event ;"
has "$tmp/out.ttl" "<$iri/entity/person/mara-quill> rawi:attended <$iri/entity/event/lantern-forum> ."

# rawi graph reads the JSONL back
"$ext" graph "$tmp/out.jsonl" > "$tmp/graph.nt" 2> "$tmp/err" && ok || ko "graph"
has "$tmp/graph.nt" "<$iri/entity/event/lantern-forum> $rdf_type <http://schema.org/Event> ."
has "$tmp/graph.nt" "<$iri/entity/person/mara-quill> <$iri/vocab/attended> <$iri/entity/event/harbour-lights-festival> ."
"$ext" graph --format html "$tmp/out.jsonl" > "$tmp/graph.html" 2> "$tmp/err" && ok || ko "graph --format html"
has "$tmp/graph.html" '.t-EVENT{--c:#8a63d2;--s:#e4dafa}'
has "$tmp/graph.html" '<span class="t-EVENT">events</span>'
has "$tmp/graph.html" 'class="t-EVENT"><bdi>Lantern Forum'
"$ext" graph --format cypher "$tmp/out.jsonl" > "$tmp/graph.cypher" 2> "$tmp/err" && ok || ko "graph --format cypher"
has "$tmp/graph.cypher" "e.type = 'EVENT', e.name = 'Lantern Forum'"
has "$tmp/graph.cypher" "MERGE (s)-[r:ATTENDED {id:"
finish
