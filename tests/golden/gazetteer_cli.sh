#!/bin/sh
# rawi compile and --gazetteer: malformed lists, lenient loading, and
# corrupt, truncated, foreign-version and stale images.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# 1. every malformed line reported with file:line:column and a caret
(cd "$here/gazetteer" && "$rawi" compile -o "$tmp/bad.img" bad.tsv 2> "$tmp/err")
[ $? = 1 ] && ok || ko "compile bad.tsv should exit 1"
diff -u "$here/gazetteer/bad.expected" "$tmp/err" && ok || ko "compile errors differ"
[ ! -e "$tmp/bad.img" ] && ok || ko "a rejected list must not be written"

# 2. --lenient skips them with warnings and keeps the good line
(cd "$here/gazetteer" && "$rawi" compile --lenient -o "$tmp/lenient.img" bad.tsv 2> "$tmp/err")
[ $? = 0 ] && ok || ko "compile --lenient should succeed"
[ "$(grep -c '^rawi: warning: bad.tsv:' "$tmp/err")" = 9 ] && ok || ko "9 warnings expected"
echo "سافر الوفد إلى البيرو." > "$tmp/doc.txt"
"$rawi" extract --pack "$tmp" --gazetteer "$tmp/lenient.img" "$tmp/doc.txt" > "$tmp/out" 2>/dev/null
grep -q '"id":"country/pe"' "$tmp/out" && ok || ko "lenient image should find البيرو"

# 3. strict loading through extract: the first error and a count
"$rawi" extract --pack "$tmp" --gazetteer "$here/gazetteer/bad.tsv" "$tmp/doc.txt" > /dev/null 2> "$tmp/err"
[ $? = 1 ] && ok || ko "extract with a bad list should exit 1"
grep -q "bad.tsv:3:15: expected 3 or 4 tab-separated columns (surface, type, id, attributes), found 2 (and 8 more malformed lines)" "$tmp/err" && ok || ko "extract strict message: $(cat "$tmp/err")"

# 3b. surface forms and ids past their length: one entry of 5 000 words
#     made a 400 KB document take a minute and 1.9 GB
python3 - "$tmp" <<'PY'
import sys
d = sys.argv[1]
open(d + "/huge.tsv", "w").write(" ".join(["alpha"] * 5000) + "\tPERSON\tperson/a\n")
open(d + "/wide.tsv", "w").write("x" * 1025 + "\tPERSON\tperson/b\n")
open(d + "/longid.tsv", "w").write("Alpha\tPERSON\tperson/" + "c" * 1100 + "\n")
PY
for f in huge:"surface form is 29999 bytes long; at most 1024" wide:"surface form is 1025 bytes long; at most 1024" \
         longid:"id is 1107 bytes long; at most 1024"; do
  "$rawi" compile -o "$tmp/x.img" "$tmp/${f%%:*}.tsv" 2> "$tmp/err"
  [ $? = 1 ] && grep -qF "${f#*:}" "$tmp/err" && ok || ko "${f%%:*}: $(head -c 300 "$tmp/err")"
done

# 4. images: good, then damaged copies
printf 'البيرو\tCOUNTRY\tcountry/pe\nبغداد\tLOCATION\tlocation/baghdad\n' > "$tmp/good.tsv"
"$rawi" compile -o "$tmp/good.img" "$tmp/good.tsv" 2> /dev/null && ok || ko "compile good.tsv"
"$rawi" extract --pack "$tmp" --gazetteer "$tmp/good.img" "$tmp/doc.txt" > "$tmp/out" 2>/dev/null
grep -q '"source":"gazetteer:'"$tmp"'/good.tsv:1"' "$tmp/out" && ok || ko "image cites its source: $(cat "$tmp/out")"

expect_load_error() { # NAME IMAGE MESSAGE
  "$rawi" extract --pack "$tmp" --gazetteer "$2" "$tmp/doc.txt" > /dev/null 2> "$tmp/err"
  code=$?
  [ $code = 1 ] && [ "$(cat "$tmp/err")" = "rawi: error: $2: $3" ] && ok ||
    ko "$1: exit $code, $(cat "$tmp/err")"
}
size=$(wc -c < "$tmp/good.img")
cp "$tmp/good.img" "$tmp/flip.img"
printf '\377' | dd of="$tmp/flip.img" bs=1 seek=$((size - 20)) conv=notrunc 2> /dev/null
expect_load_error flipped "$tmp/flip.img" "corrupt gazetteer image: checksum mismatch"
head -c $((size - 8)) "$tmp/good.img" > "$tmp/short.img"
expect_load_error truncated "$tmp/short.img" "corrupt gazetteer image: truncated or padded file"
cp "$tmp/good.img" "$tmp/version.img"
printf '\011' | dd of="$tmp/version.img" bs=1 seek=8 conv=notrunc 2> /dev/null
expect_load_error version "$tmp/version.img" "gazetteer image has format version 9, this rawi reads version 4: compile it again"
head -c 8 "$tmp/good.img" > "$tmp/tiny.img"
expect_load_error tiny "$tmp/tiny.img" "corrupt gazetteer image: truncated or padded file"
printf 'كربلاء\tLOCATION\tlocation/karbala\n' >> "$tmp/good.tsv"
expect_load_error stale "$tmp/good.img" "stale gazetteer image: its sources changed since it was compiled; run rawi compile again"

finish
