#!/bin/sh
# The GNU parallel recipe of docs/scaling.md: JSON Lines cut into blocks,
# one rawi per block, merged output equal to a single run's (sorted by id).
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

skip_without parallel "GNU parallel is not installed (Debian package parallel)"
python3 - "$here/relations/ar.jsonl" > "$tmp/docs.jsonl" <<'PY'
import json, sys
texts = [json.loads(l)["text"] for l in open(sys.argv[1], encoding="utf-8")]
for n in range(400):  # ids out of order, so that sorting is what merges
    print(json.dumps({"id": f"{(n * 7919) % 400:05d}", "text": texts[n % len(texts)]},
                     ensure_ascii=False))
PY
"$rawi" extract -j 1 "$tmp/docs.jsonl" 2> /dev/null | sort > "$tmp/one.jsonl"
parallel --will-cite --pipe --block 8k -j 2 \
  "$rawi" extract --input-format jsonl 2> /dev/null < "$tmp/docs.jsonl" | sort > "$tmp/par.jsonl"
if [ "$(wc -l < "$tmp/par.jsonl")" = 400 ]; then ok; else ko "parallel: 400 records"; fi
if cmp -s "$tmp/one.jsonl" "$tmp/par.jsonl"; then ok; else ko "parallel output equals one run"; fi
blocks=$(parallel --will-cite --pipe --block 8k -j 2 wc -l < "$tmp/docs.jsonl" | wc -l)
if [ "$blocks" -gt 2 ]; then ok; else ko "input was cut into several blocks ($blocks)"; fi
finish
