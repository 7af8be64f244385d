#!/bin/sh
# Peak memory of one large document: FILE's text repeated to MB megabytes
# (default 50), extracted as a single document by rawi extract, one thread.
# Prints the peak resident size (GNU time), the JSONL record's size and
# their ratio to the document (docs/scaling.md, "On one machine").
#
# usage: tools/bench_memory.sh RAWI FILE [MB] [EXTRACT OPTIONS...]
#   python3 tools/gen_news_text.py 50 > news.txt
#   tools/bench_memory.sh build/release/rawi news.txt 50
#   tools/bench_memory.sh build/release/rawi conll04-sentences.txt 50 --lang en
set -eu
rawi=$1 file=$2 mb=${3:-50}
shift 2
[ $# -gt 0 ] && shift
[ -x /usr/bin/time ] || { echo "$0: /usr/bin/time is required (GNU time)" >&2; exit 2; }
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rawi-membench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cat "$file" > "$tmp/one.txt"
[ -s "$tmp/one.txt" ] || { echo "$0: $file is empty" >&2; exit 2; }
want=$((mb * 1000000))
: > "$tmp/doc.txt"
while [ "$(wc -c < "$tmp/doc.txt")" -lt "$want" ]; do
  cat "$tmp/one.txt" >> "$tmp/doc.txt"
done
size=$(wc -c < "$tmp/doc.txt")
/usr/bin/time -f '%e %M' -o "$tmp/time" "$rawi" extract --no-progress \
  --max-doc-bytes "$((size + 1))" "$@" "$tmp/doc.txt" > "$tmp/out.jsonl" 2> "$tmp/err"
read -r secs kb < "$tmp/time"
out=$(wc -c < "$tmp/out.jsonl")
echo "document: $size bytes; $(tail -1 "$tmp/err")"
awk -v s="$size" -v kb="$kb" -v o="$out" -v t="$secs" 'BEGIN {
  printf "peak RSS %.0f MB (%.1f times the document), JSONL record %.0f MB, %s s\n",
         kb / 1024, kb * 1024 / s, o / 1e6, t }'
