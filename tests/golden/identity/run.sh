#!/bin/sh
# Entity ids and the mentions under them, for sentences written for this
# test: one document per alias or id rule (docs/rules.md, "Names and
# ids"), compared with the expected lines (RAWI_UPDATE_GOLDEN=1 rewrites
# the expected file).
set -eu
rawi=$1
lang=${2:-ar} # ar.jsonl / ar.expected, en.jsonl / en.expected
here=$(cd "$(dirname "$0")" && pwd)
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$rawi" extract --lang "$lang" "$here/$lang.jsonl" 2>/dev/null | python3 "$here/show.py" > "$out"
if [ "${RAWI_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$out" "$here/$lang.expected"
  exit 0
fi
if diff -u "$here/$lang.expected" "$out"; then
  echo "$(wc -l < "$out") passed, 0 failed"
else
  echo "identities differ (RAWI_UPDATE_GOLDEN=1 to accept)" >&2
  exit 1
fi
