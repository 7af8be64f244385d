#!/bin/sh
# rawi extract on the sentences of DIR/LANG.jsonl (written for the test),
# shown by DIR/show.py in a stable, readable form (the relations, the
# entity ids and their mentions), compared with DIR/LANG.expected
# (RAWI_UPDATE_GOLDEN=1 rewrites it).
#
# usage: extract_golden.sh RAWI DIR [LANG]   (LANG: ar, the default, or en)
set -eu
rawi=$1
dir=$(cd "$2" && pwd)
lang=${3:-ar}
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$rawi" extract "$dir/$lang.jsonl" 2>/dev/null | python3 "$dir/show.py" > "$out"
if [ "${RAWI_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$out" "$dir/$lang.expected"
  exit 0
fi
if diff -u "$dir/$lang.expected" "$out"; then
  echo "$(wc -l < "$out") passed, 0 failed"
else
  echo "$(basename "$dir")/$lang.expected differs (RAWI_UPDATE_GOLDEN=1 to accept)" >&2
  exit 1
fi
