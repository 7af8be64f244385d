#!/bin/sh
# Batch extraction: every input document gives exactly one record, in input
# order, the same for any number of threads; gzip, directories, CoNLL,
# JSONL fields, error records, --resume and signals.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

same() { cmp -s "$1" "$2"; }
lines() { wc -l < "$1" | tr -d ' '; }
# every line of a file is a whole JSON object
whole_records() {
  python3 -c 'import json,sys
for l in open(sys.argv[1], encoding="utf-8"): json.loads(l)' "$1" 2>/dev/null
}

# 240 documents: the relation test sentences, six times, with fresh ids,
# and English ones written for this test.
python3 - "$here/relations/ar.jsonl" > "$tmp/docs.jsonl" <<'EOF'
import json, sys
ar = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")][:40]
en = ["Secretary of State Antony Blinken met President Gustavo Petro in Bogota on Tuesday.",
      "Reuters reported that Emmanuel Macron will travel to Berlin next week."]
n = 0
for rnd in range(6):
    for i, t in enumerate(ar):
        text = t if (i + rnd) % 7 else t + " " + en[(i + rnd) % 2]
        print(json.dumps({"id": f"doc-{n:04d}", "source": {"round": rnd}, "text": text},
                         ensure_ascii=False))
        n += 1
EOF
run() { "$rawi" extract "$@" 2> "$tmp/err"; }

# threads: byte-identical output in input order
run -j 1 "$tmp/docs.jsonl" > "$tmp/j1.jsonl"
check "j1 exit status" [ $? = 0 ]
check "one record per document" [ "$(lines "$tmp/j1.jsonl")" = 240 ]
check "summary line" grep -q '^rawi: 240 documents, [0-9]* entities, [0-9]* relations, 0 errors, ' "$tmp/err"
for j in 2 8; do
  run -j $j "$tmp/docs.jsonl" > "$tmp/j$j.jsonl"
  check "-j $j output equals -j 1" same "$tmp/j1.jsonl" "$tmp/j$j.jsonl"
done
python3 -c 'import json,sys
ids=[json.loads(l)["id"] for l in open(sys.argv[1])]
assert ids==["doc-%04d"%i for i in range(240)], ids[:3]' "$tmp/j1.jsonl"
check "records in input order" [ $? = 0 ]

# gzip, from a file and from stdin
gzip -c "$tmp/docs.jsonl" > "$tmp/docs.jsonl.gz"
run -j 2 "$tmp/docs.jsonl.gz" > "$tmp/gz.jsonl"
check ".jsonl.gz read directly" same "$tmp/j1.jsonl" "$tmp/gz.jsonl"
run --input-format jsonl < "$tmp/docs.jsonl.gz" > "$tmp/gzin.jsonl"
check "gzip on stdin" same "$tmp/j1.jsonl" "$tmp/gzin.jsonl"

# JSONL fields: dotted paths, meta, file:line when there is no id
printf '%s\n' '{"doc":{"body":"زار الرئيس إيمانويل ماكرون برلين.","key":"a-1"},"site":"x"}' \
  '{"doc":{"body":"وصل أنتوني بلينكن إلى ليما."},"site":"y"}' > "$tmp/nested.jsonl"
run --text-field doc.body --id-field doc.key --keep-fields "$tmp/nested.jsonl" > "$tmp/nested.out"
python3 - "$tmp/nested.out" "$tmp/nested.jsonl" <<'EOF'
import json, sys
a, b = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert a["id"] == "a-1" and b["id"] == sys.argv[2] + ":2", (a["id"], b["id"])
assert a["meta"] == {"doc": {}, "site": "x"}, a["meta"]
assert b["meta"] == {"doc": {}, "site": "y"}, b["meta"]
assert any(e["id"] == "person/emmanuel-macron" for e in a["entities"]), a["entities"]
EOF
check "dotted fields and --keep-fields" [ $? = 0 ]

# an escaped NUL in a JSON text neither cuts the text nor moves offsets
printf '%s\n' '{"id":"nul","text":"وصل أنتوني بلينكن إلى ليما\u0000 ثم زار بوغوتا."}' > "$tmp/nul.jsonl"
run "$tmp/nul.jsonl" > "$tmp/nul.out"
python3 - "$tmp/nul.out" "$tmp/nul.jsonl" <<'EOF'
import json, sys
rec = json.loads(open(sys.argv[1], encoding="utf-8").read())
text = json.loads(open(sys.argv[2], encoding="utf-8").read())["text"]
spans = {m["text"]: (m["start"], m["end"]) for e in rec["entities"] for m in e["mentions"]}
assert "بوغوتا" in spans, spans
s, e = spans["بوغوتا"]
assert text[s:e] == "بوغوتا", (s, e)
EOF
check "an escaped NUL in a JSON text" [ $? = 0 ]

# error records: one per bad document, the rest goes on, exit status 2
printf '%s\n' '{"id":"ok-1","text":"التقى جو بايدن المستشار أولاف شولتس."}' 'not json' '[1,2]' \
  '{"id":"no-text"}' '{"id":"num-text","text":42}' '' \
  '{"id":"ok-2","text":"وصل أنتوني بلينكن إلى بوغوتا."}' > "$tmp/bad.jsonl"
printf '{"id":"cut","text":"بلا نهاية' >> "$tmp/bad.jsonl"
run "$tmp/bad.jsonl" > "$tmp/bad.out"
check "bad records: exit 2" [ $? = 2 ]
python3 - "$tmp/bad.out" "$tmp/bad.jsonl" <<'EOF'
import json, sys
f = sys.argv[2]
got = [(r["id"], r.get("error", {}).get("message")) for r in map(json.loads, open(sys.argv[1]))]
want = [("ok-1", None), (f + ":2", "line is not valid JSON: unexpected 'n' at byte 0 (expected a value)"),
        (f + ":3", "line is not a JSON object"), ("no-text", "no text field 'text'"),
        ("num-text", "text field 'text' is not a string"), ("ok-2", None),
        (f + ":8", "line is not valid JSON: the string that starts at byte 19 is not closed before the end of the line")]
assert got == want, got
EOF
check "bad JSONL records" [ $? = 0 ]
check "bad records: summary counts errors" grep -q ' 5 errors,' "$tmp/err"

printf 'زار ماكرون \377 برلين' > "$tmp/utf8.txt"
printf 'وصل بلينكن إلى ليما' > "$tmp/big.txt"
run --max-doc-bytes 33 "$tmp/utf8.txt" "$tmp/missing.txt" "$tmp/big.txt" > "$tmp/err.out"
check "file errors: exit 2" [ $? = 2 ]
python3 - "$tmp/err.out" "$tmp" <<'EOF'
import json, sys
t = sys.argv[2]
got = [(r["id"], r["error"]["code"], r["error"]["message"], r["error"].get("byte_offset"))
       for r in map(json.loads, open(sys.argv[1]))]
want = [(t + "/utf8.txt", "invalid_utf8", "invalid utf-8 at byte 20: invalid lead byte", 20),
        (t + "/missing.txt", "io", "cannot open: No such file or directory", None),
        (t + "/big.txt", "too_big", "document is longer than --max-doc-bytes (33 bytes)", None)]
assert got == want, got
EOF
check "invalid UTF-8, missing file, --max-doc-bytes" [ $? = 0 ]

# directories: sorted, recursive, ids relative to the argument, --glob
mkdir -p "$tmp/tree/b" "$tmp/tree/a"
printf 'زار ماكرون برلين.' > "$tmp/tree/b/2.txt"
printf 'وصل بلينكن إلى ليما.' > "$tmp/tree/a/1.txt"
printf 'Petro met Blinken.' > "$tmp/tree/z.md"
printf 'x' > "$tmp/tree/.hidden.txt"
run "$tmp/tree" > "$tmp/tree.out"
check "directory walk order and ids" [ "$(python3 -c 'import json,sys
print(" ".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$tmp/tree.out")" = "a/1.txt b/2.txt z.md" ]
run --glob '*.txt' "$tmp/tree" > "$tmp/glob.out"
check "--glob on file names" [ "$(lines "$tmp/glob.out")" = 2 ]
run --glob 'b/*' "$tmp/tree" > "$tmp/glob2.out"
check "--glob with a slash matches relative paths" grep -q '"id":"b/2.txt"' "$tmp/glob2.out"

# CoNLL: documents between -DOCSTART- lines, ids file:line
printf -- '-DOCSTART- O\n\nالتقى O\nجو B-PERS\nبايدن I-PERS\nشولتس B-PERS\n\nفي O\nبرلين B-LOC\n-DOCSTART- O\n\nوصل O\nبلينكن B-PERS\nإلى O\nليما B-LOC\n' > "$tmp/a.conll"
run "$tmp/a.conll" > "$tmp/conll.out"
python3 - "$tmp/conll.out" "$tmp/a.conll" <<'EOF'
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert [r["id"] for r in recs] == [sys.argv[2] + ":3", sys.argv[2] + ":12"], recs
names = {e["name"] for e in recs[0]["entities"]}
assert "جو بايدن" in names and "برلين" in names, names
assert {e["name"] for e in recs[1]["entities"]} >= {"ليما"}, recs[1]
EOF
check "CoNLL input" [ $? = 0 ]

# --resume: a cut output file is completed to the uninterrupted one (the
# settings of the run that wrote it come along)
run -o "$tmp/full.jsonl" "$tmp/docs.jsonl"
head -c 30000 "$tmp/j1.jsonl" > "$tmp/part.jsonl"
cp "$tmp/full.jsonl.run.json" "$tmp/part.jsonl.run.json"
run --resume -o "$tmp/part.jsonl" -j 2 "$tmp/docs.jsonl" > /dev/null
check "--resume completes a cut output" same "$tmp/j1.jsonl" "$tmp/part.jsonl"
check "--resume reports what it skipped" grep -q 'already done (resumed)' "$tmp/err"
sed 's/doc-0001/other/' "$tmp/docs.jsonl" > "$tmp/changed.jsonl"
head -c 30000 "$tmp/j1.jsonl" > "$tmp/part2.jsonl"
cp "$tmp/full.jsonl.run.json" "$tmp/part2.jsonl.run.json"
run --resume -o "$tmp/part2.jsonl" "$tmp/changed.jsonl" > /dev/null
check "--resume on another input: exit 1" [ $? = 1 ]
check "--resume names the mismatch" grep -q 'record 2 of the output has the id "doc-0001" and input document 2 the id "other" (as JSON writes them; they differ from byte 0 on)' "$tmp/err"
run --resume "$tmp/docs.jsonl" > /dev/null
check "--resume needs -o" [ "$(cat "$tmp/err")" = "rawi: error: --resume needs an output file (-o FILE)" ]

# Signals: reading stops, the documents in flight are written whole, the
# exit status is 128 + the signal, and --resume finishes the job.
mkfifo "$tmp/fifo"
# stopped SIGNAL OUT [OPTIONS]: a run reading a stream that goes quiet
# (documents, then nothing for 30 s), sent SIGNAL after a second; sets status
stopped() {
  sig=$1 out=$2
  shift 2
  ( cat "$tmp/docs.jsonl"; sleep 30 ) > "$tmp/fifo" &
  feeder=$!
  "$rawi" extract --input-format jsonl -o "$out" "$@" < "$tmp/fifo" 2> "$out.err" &
  pid=$!
  # a background job of sh ignores SIGINT until rawi catches it (bit 2 of
  # SigCgt), which it does from its first steps; wait for that, then for a
  # few documents
  for i in $(seq 100); do
    cgt=$(awk '/^SigCgt:/ { print $2 }' /proc/$pid/status 2> /dev/null)
    [ -n "$cgt" ] && [ $(( 0x$cgt & 2 )) != 0 ] && break
    sleep 0.1
  done
  sleep 1
  kill -"$sig" $pid
  wait $pid
  status=$?
  kill $feeder 2>/dev/null
}
stopped INT "$tmp/int.jsonl" -j 2
check "SIGINT: exit 130" [ $status = 130 ]
check "SIGINT: summary says so" grep -q 'interrupted (SIGINT)$' "$tmp/int.jsonl.err"
check "SIGINT: whole records only" whole_records "$tmp/int.jsonl"
run --resume -o "$tmp/int.jsonl" "$tmp/docs.jsonl" > /dev/null
check "SIGINT then --resume equals one run" same "$tmp/j1.jsonl" "$tmp/int.jsonl"
stopped TERM "$tmp/term.jsonl"
check "SIGTERM: exit 143" [ $status = 143 ]
check "SIGTERM: summary says so" grep -q 'stopped (SIGTERM)$' "$tmp/term.jsonl.err"
check "SIGTERM: whole records only" whole_records "$tmp/term.jsonl"

# progress: forced on, with a total known in advance (an ETA) or not
run --progress "$tmp/docs.jsonl" > /dev/null
check "--progress: a status line with rates and ETA" grep -q 'docs/s, .* MB/s, .*%, ETA ' "$tmp/err"
run --progress < "$tmp/docs.jsonl" --input-format jsonl > /dev/null
check "--progress on stdin: no ETA" sh -c "grep -q 'docs/s' '$tmp/err' && ! grep -q ETA '$tmp/err'"
run "$tmp/docs.jsonl" > /dev/null
check "no progress when stderr is not a terminal" sh -c "! grep -q 'docs/s' '$tmp/err'"

# output that cannot be written
run -o "$tmp/no/such/dir/out.jsonl" "$tmp/docs.jsonl"
check "unwritable output: exit 1" [ $? = 1 ]
check "unwritable output: message" grep -q "^rawi: error: $tmp/no/such/dir/out.jsonl: cannot write: No such file or directory" "$tmp/err"
if [ -w /dev/full ]; then
  run -o /dev/full "$tmp/docs.jsonl"
  check "disk full: exit 1" [ $? = 1 ]
  check "disk full: message" grep -q "^rawi: error: /dev/full: write error: No space left on device" "$tmp/err"
fi
finish
