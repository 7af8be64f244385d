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

# --- ids as given --------------------------------------------------------------
# a number was written with %.17g: 1790000000000000001 and ...002 were both
# "1.79e+18", 9007199254740993 became ...992, and N-Triples gave the two
# documents one node; a number is now its own digits
printf '%s\n' '{"id":1790000000000000001,"text":"a"}' '{"id":1790000000000000002,"text":"b"}' \
  '{"id":9007199254740993,"text":"c"}' '{"id":-0.5e+3,"text":"d"}' '{"id":12,"text":"e"}' > "$tmp/num.jsonl"
run "$tmp/num.jsonl" > "$tmp/out"
check "numeric ids: exit 0" [ $? = 0 ]
check "numeric ids keep their digits: $(cut -c1-30 "$tmp/out" | tr '\n' ' ')" [ "$(cut -d, -f1 "$tmp/out" | tr '\n' ' ')" = '{"id":"1790000000000000001" {"id":"1790000000000000002" {"id":"9007199254740993" {"id":"-0.5e+3" {"id":"12" ' ]
run --format ntriples "$tmp/num.jsonl" > "$tmp/out"
check "numeric ids: a node each" [ "$(grep -o '^<[^>]*/doc/[^>]*>' "$tmp/out" | sort -u | wc -l)" = 5 ]

# one id given to two documents: a warning on the later record
printf '%s\n' '{"id":"x","text":"Paris"}' '{"id":"y","text":"Paris"}' '{"id":7,"text":"Rome"}' \
  '{"id":"x","text":"Berlin"}' '{"id":"7","text":"Lima"}' > "$tmp/dup.jsonl"
run --lang en "$tmp/dup.jsonl" > "$tmp/out"
check "duplicate ids: exit 0" [ $? = 0 ]
python3 - "$tmp/out" <<'PY'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
warn = [[w["message"] for w in r.get("warnings", []) if w["code"] == "duplicate_id"] for r in recs]
assert warn == [[], [], [], ["this id is also the id of input document 1 of the run"],
                ["this id is also the id of input document 3 of the run"]], warn
PY
check "duplicate ids: warned on the later records" [ $? = 0 ]
check "duplicate ids: counted in the summary" grep -q ', 2 with warnings, ' "$tmp/err"
mkdir -p "$tmp/d1" "$tmp/d2" && echo Paris > "$tmp/d1/x.txt" && echo Rome > "$tmp/d2/x.txt"
run --lang en "$tmp/d1" "$tmp/d2" > "$tmp/out"
check "two directories with one relative path: warned" grep -q '"id":"x.txt".*"duplicate_id"' "$tmp/out"

# --- ids round-trip -------------------------------------------------------------
# an id holding \u0000 came out cut at the NUL (cJSON) or as a space, and
# one with a byte that is not UTF-8 as U+FFFD: --resume compared the
# decoded forms and could never go on after a kill ("'bad?' but 'bad?'")
printf '{"id":"a\\u0000b","text":"x"}\n{"id":"a b","text":"y"}\n{"id":"bad\377","text":"z"}\n{"id":"q","text":"w"}\n' > "$tmp/odd.jsonl"
run -o "$tmp/odd.out" "$tmp/odd.jsonl"
check "odd ids: the NUL kept, escaped" [ "$(head -c 17 "$tmp/odd.out")" = '{"id":"a\u0000b",' ]
head -n 3 "$tmp/odd.out" > "$tmp/part.out"
cp "$tmp/odd.out.run.json" "$tmp/part.out.run.json"
run --resume -o "$tmp/part.out" "$tmp/odd.jsonl"
check "odd ids: --resume goes on ($(cat "$tmp/err"))" cmp -s "$tmp/part.out" "$tmp/odd.out"
sed 's/a\\u0000b/a\\u0001b/' "$tmp/odd.jsonl" > "$tmp/odd2.jsonl"
head -n 3 "$tmp/odd.out" > "$tmp/part.out"
run --resume -o "$tmp/part.out" "$tmp/odd2.jsonl"
check "odd ids: a changed input is told, with the difference shown" grep -qF 'record 1 of the output has the id "a\u0000b" and input document 1 the id "a\u0001b" (as JSON writes them; they differ from byte 6 on)' "$tmp/err"

# --- long ids ----------------------------------------------------------------------
# a 5 MB id became 1.7 GB of N-Triples: ids are at most 4096 bytes
python3 -c 'import json; print(json.dumps({"id": "x" * 5000000, "text": "Paris"})); print(json.dumps({"id": "y" * 4096, "text": "Paris"}))' > "$tmp/long.jsonl"
run --format ntriples "$tmp/long.jsonl" > "$tmp/out"
check "long id: exit 2" [ $? = 2 ]
check "long id: an error record under file:line" grep -qF "<https://example.org/rawi/doc/$tmp/long.jsonl:1> <https://example.org/rawi/vocab/errorMessage> \"id field 'id' is 5000000 bytes long; ids are at most 4096 bytes\" ." "$tmp/out"
check "long id: output stays small" [ "$(wc -c < "$tmp/out")" -lt 100000 ]
check "an id of 4096 bytes is taken" grep -q "/doc/$(python3 -c 'print("y" * 4096)')>" "$tmp/out"

finish
