#!/bin/sh
# The manual pages (docs/man) render with groff's man macros without a
# warning (-ww: every warning), and each has its NAME and SYNOPSIS.
#   man.sh DIR
set -u
dir=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
skip_without groff "groff is not installed (Debian package groff-base)"
for page in "$dir"/rawi.1 "$dir"/librawi.3; do
  name=$(basename "$page")
  if groff -man -Tutf8 -ww -z "$page" > "$tmp/err" 2>&1 && [ ! -s "$tmp/err" ]; then ok
  else ko "$name: groff warns"; cat "$tmp/err"; fi
  groff -man -Tutf8 -P-cbou "$page" 2> /dev/null > "$tmp/out"
  grep -q '^NAME' "$tmp/out" && grep -q '^SYNOPSIS' "$tmp/out" && ok ||
    ko "$name: no NAME or SYNOPSIS section"
done
finish
