#!/bin/sh
# Byte-exact output of every rawi extract --format: the documents of
# formats/input.jsonl (written for this test: Arabic and English, a planned
# relation, names and ids that need escaping, two error records) with the
# list formats/names.tsv, written as FORMAT and compared byte for byte with
# formats/FORMAT/expected (a file, or a directory for formats that write
# one, such as neo4j). Adding a format adds one directory.
#   formats.sh RAWI FORMAT
# With RAWI_UPDATE_GOLDEN=1 the expected output is rewritten.
set -u
rawi=$1
format=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
# relative paths: the error record of a bad line and a mention's source
# name the files as given
cd "$here/formats" || exit 1
expected=$format/expected
if [ -d "$expected" ]; then out=$tmp/out; else out=$tmp/out.txt; fi

"$rawi" extract --gazetteer names.tsv --format "$format" -o "$out" input.jsonl 2> "$tmp/err"
rc=$?
# two records are errors: the run says so in its exit status
[ "$rc" = 2 ] && ok || { ko "exit status $rc, not 2"; cat "$tmp/err"; }

if [ "${RAWI_UPDATE_GOLDEN:-0}" = 1 ]; then
  rm -rf "$expected"
  cp -R "$out" "$expected"
  ok
elif diff -ru "$expected" "$out" > "$tmp/diff"; then ok
else
  ko "formats/$expected differs (RAWI_UPDATE_GOLDEN=1 to accept)"
  head -60 "$tmp/diff"
fi
finish
