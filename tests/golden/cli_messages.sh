#!/bin/sh
# Exact messages and exit codes of the rawi command.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# expect NAME EXIT_CODE EXPECTED_STDERR -- COMMAND...
expect() {
  name=$1 code=$2 want=$3
  shift 4
  "$@" > "$tmp/out" 2> "$tmp/err"
  got=$?
  if [ "$got" != "$code" ] || [ "$(cat "$tmp/err")" != "$want" ]; then
    echo "FAIL $name: exit $got (want $code), stderr:"; cat "$tmp/err"
    echo "want: $want"
    fails=$((fails + 1))
  else
    passes=$((passes + 1))
  fi
}

printf 'ab\300\257' > "$tmp/overlong.txt"
printf 'بغداد\355\240\200' > "$tmp/surrogate.txt"
expect overlong 1 "rawi: error: $tmp/overlong.txt: invalid utf-8 at byte 2: overlong encoding" -- "$rawi" tokenize "$tmp/overlong.txt"
expect surrogate 1 "rawi: error: $tmp/surrogate.txt: invalid utf-8 at byte 10: surrogate code point" -- "$rawi" tokenize "$tmp/surrogate.txt"
expect stdin_utf8 1 "rawi: error: <stdin>: invalid utf-8 at byte 2: overlong encoding" -- sh -c "\"$rawi\" tokenize < \"$tmp/overlong.txt\""
expect missing 1 "rawi: error: $tmp/nope.txt: cannot open: No such file or directory" -- "$rawi" tokenize "$tmp/nope.txt"
expect unknown_cmd 1 "rawi: error: unknown command 'tokenise'
$("$rawi" --help)" -- "$rawi" tokenise
expect bad_tokenizer 1 "rawi: error: --tokenizer: expected fast or icu, got 'spacy'
$("$rawi" tokenize --help)" -- "$rawi" tokenize --tokenizer spacy
expect version 0 "" -- "$rawi" --version
grep -q '^rawi [0-9]*\.[0-9]*\.[0-9]*$' "$tmp/out" || { echo "FAIL version output"; fails=$((fails + 1)); }
expect help 0 "" -- "$rawi" tokenize --help
grep -q '^usage: rawi tokenize' "$tmp/out" || { echo "FAIL tokenize --help output"; fails=$((fails + 1)); }
printf '' > "$tmp/empty.txt"
expect empty 0 "" -- "$rawi" tokenize "$tmp/empty.txt"
[ ! -s "$tmp/out" ] || { echo "FAIL empty input printed tokens"; fails=$((fails + 1)); }
printf 'الرئيس بيترو' > "$tmp/two.txt"
expect count 0 "" -- "$rawi" tokenize --count "$tmp/two.txt"
[ "$(cat "$tmp/out")" = "sentences 1 tokens 2 clitic_readings 2" ] || { echo "FAIL --count: $(cat "$tmp/out")"; fails=$((fails + 1)); }
if [ -w /dev/full ]; then
  expect disk_full 1 "rawi: error: write error: No space left on device" -- sh -c "\"$rawi\" tokenize \"$tmp/two.txt\" > /dev/full"
fi

# an id that is not UTF-8 still gives a JSON line (U+FFFD in its place)
printf '{"id":"a\377b","text":"\330\250\330\272\330\257\330\247\330\257"}\n' > "$tmp/badid.jsonl"
expect bad_id_utf8 0 "" -- sh -c "\"$rawi\" extract \"$tmp/badid.jsonl\" 2>/dev/null"
python3 -c 'import json,sys; d=json.loads(open(sys.argv[1]).read()); assert d["id"]=="a\ufffdb", d["id"]' "$tmp/out" ||
  { echo "FAIL bad id not repaired: $(cat "$tmp/out")"; fails=$((fails + 1)); }

finish
