#!/bin/sh
# The batch paths of rawi extract under valgrind memcheck: worker threads,
# gzip, CoNLL, error records, --resume, the HTML page. Patterns are interpreted (--no-jit):
# valgrind cannot follow the code PCRE2's JIT generates.
set -u
valgrind=$1 rawi=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

memcheck() { # NAME COMMAND...: no valgrind error, no leak
  name=$1
  shift
  "$valgrind" --quiet --error-exitcode=99 --leak-check=full \
    --errors-for-leak-kinds=definite,indirect "$@" > "$tmp/out" 2> "$tmp/err"
  if [ $? = 99 ]; then ko "$name"; cat "$tmp/err"; else ok; fi
}
head -12 "$here/relations/ar.jsonl" > "$tmp/docs.jsonl"
gzip -c "$tmp/docs.jsonl" > "$tmp/docs.jsonl.gz"
printf -- '-DOCSTART- O\n\nالتقى O\nبايدن B-PERS\nشولتس B-PERS\n' > "$tmp/a.conll"
printf '%s\n' 'not json' '{"id":"x"}' > "$tmp/bad.jsonl"
memcheck "threads, gzip, CoNLL, errors" "$rawi" extract --no-jit -j 3 \
  "$tmp/docs.jsonl.gz" "$tmp/a.conll" "$tmp/bad.jsonl" "$tmp/missing.txt"
memcheck "html" "$rawi" extract --no-jit -j 2 --format html \
  "$tmp/docs.jsonl" "$tmp/bad.jsonl"
"$rawi" extract --no-jit -o "$tmp/full.jsonl" "$tmp/docs.jsonl" 2> /dev/null
head -c 3000 "$tmp/full.jsonl" > "$tmp/part.jsonl"
cp "$tmp/full.jsonl.run.json" "$tmp/part.jsonl.run.json"
memcheck "--resume" "$rawi" extract --no-jit --resume -o "$tmp/part.jsonl" "$tmp/docs.jsonl"
check "--resume under memcheck completes the output" cmp -s "$tmp/full.jsonl" "$tmp/part.jsonl"
finish
