#!/bin/sh
# Damaged and unusual inputs: gzip cut short or damaged, directory entries
# that cannot be read, records arriving on a stream, what stdin holds.
# Every record completed before damage is processed; what cannot be read
# gives an error record naming the file and the offset; nothing is skipped
# without a record.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

run() { "$rawi" extract "$@" 2> "$tmp/err"; }
# ids of the records of a run, and the error of the last one
ids() { python3 -c 'import json,sys,signal
signal.signal(signal.SIGPIPE, signal.SIG_DFL)
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    print(r["id"], r["error"]["message"] + "|" + str(r["error"].get("byte_offset")) if "error" in r else "")' "$1"; }

# 20 000 short documents, gzip-compressed
python3 -c 'import json
for i in range(20000): print(json.dumps({"id": "d%05d" % i, "text": "Paris %d" % i}))' > "$tmp/docs.jsonl"
gzip -c "$tmp/docs.jsonl" > "$tmp/docs.jsonl.gz"
size=$(wc -c < "$tmp/docs.jsonl.gz")

# --- a gzip file cut short ----------------------------------------------------
# was: exit 0, the records before the cut and a last one "not valid JSON"
# (a text file: a shortened document); now the records before the cut and
# an error record naming the file and the byte where it ends
head -c 40000 "$tmp/docs.jsonl.gz" > "$tmp/cut.jsonl.gz"
run "$tmp/cut.jsonl.gz" > "$tmp/out"
check "cut gzip: exit 2" [ $? = 2 ]
ids "$tmp/out" > "$tmp/got"
last=$(tail -1 "$tmp/got")
n=$(grep -c '^d' "$tmp/got")
check "cut gzip: the records before the cut, in order" \
  [ "$(head -n "$n" "$tmp/got")" = "$(head -n "$n" "$tmp/docs.jsonl" | sed 's/.*"id": "\([^"]*\)".*/\1 /')" ]
check "cut gzip: error record: $last" [ "$last" = "$tmp/cut.jsonl.gz gzip data cut short: the file ends at byte 40000, inside the compressed stream, after line $n|40000" ]
gzip -c "$here/../../docs/examples/sample-ar.txt" | head -c 400 > "$tmp/cut.txt.gz"
run "$tmp/cut.txt.gz" > "$tmp/out"
check "cut gzip text: exit 2" [ $? = 2 ]
check "cut gzip text: an error, not a shortened document: $(cut -c1-300 "$tmp/out")" \
  grep -q '"error":{"code":"io","message":"gzip data cut short: the file ends at byte 400, inside the compressed stream","byte_offset":400}' "$tmp/out"

# --- a CRC error, damage inside the stream ------------------------------------
# a CRC error dropped the records decoded in the same 256 KiB read (10 311
# of 20 000 came out here); damage in the middle dropped all of them. The
# damaged stream is written in two halves, the compressor flushed between
# them, and the block after the flush given an invalid type: every record
# of the first half is intact.
python3 - "$tmp/docs.jsonl" "$tmp/docs.jsonl.gz" "$tmp" <<'PY'
import sys, zlib
lines = open(sys.argv[1], "rb").readlines()
d = bytearray(open(sys.argv[2], "rb").read())
crc = bytearray(d); crc[-8] ^= 0xFF
open(sys.argv[3] + "/crc.jsonl.gz", "wb").write(crc)
z = zlib.compressobj(6, zlib.DEFLATED, 31)
first = z.compress(b"".join(lines[:10000])) + z.flush(zlib.Z_FULL_FLUSH)
rest = bytearray(z.compress(b"".join(lines[10000:])) + z.flush())
rest[0] = 0x06  # BFINAL 0, BTYPE 11: no such block type
open(sys.argv[3] + "/mid.jsonl.gz", "wb").write(first + rest)
print(len(first) + 1, file=open(sys.argv[3] + "/mid.at", "w"))
PY
run "$tmp/crc.jsonl.gz" > "$tmp/out"
check "CRC error: exit 2" [ $? = 2 ]
check "CRC error: all 20 000 records, then the error" [ "$(grep -c '"lang"' "$tmp/out")" = 20000 ]
at=$((size - 4)) # where the CRC ends (the length follows)
tail -1 "$tmp/out" | grep -q "\"message\":\"damaged gzip data at byte $at: incorrect data check, after line 20000\",\"byte_offset\":$at" &&
  ok || ko "CRC error record: $(tail -1 "$tmp/out")"
run "$tmp/mid.jsonl.gz" > "$tmp/out"
check "damage mid-stream: exit 2" [ $? = 2 ]
ids "$tmp/out" > "$tmp/got"
{ head -n 10000 "$tmp/docs.jsonl" | sed 's/.*"id": "\([^"]*\)".*/\1 /'
  echo "$tmp/mid.jsonl.gz damaged gzip data at byte $(cat "$tmp/mid.at"): invalid block type, after line 10000|$(cat "$tmp/mid.at")"; } > "$tmp/want"
check "damage mid-stream: the 10 000 records before it, then the error: $(diff "$tmp/want" "$tmp/got" | head -5)" cmp -s "$tmp/got" "$tmp/want"
# bytes after the stream, and two streams one after the other
{ cat "$tmp/docs.jsonl.gz"; printf 'trailing'; } > "$tmp/trail.jsonl.gz"
run "$tmp/trail.jsonl.gz" > "$tmp/out"
check "data after the stream: exit 2" [ $? = 2 ]
tail -1 "$tmp/out" | grep -q "\"message\":\"data that is not gzip after the compressed stream, at byte $size, after line 20000\"" &&
  ok || ko "data after the stream: $(tail -1 "$tmp/out")"
cat "$tmp/docs.jsonl.gz" "$tmp/docs.jsonl.gz" > "$tmp/two.jsonl.gz"
run "$tmp/two.jsonl.gz" > "$tmp/out"
check "two gzip members: exit 0, 40 000 records" [ $? = 0 -a "$(grep -c '"lang"' "$tmp/out")" = 40000 ]

# --- directory entries that cannot be read -------------------------------------
# each was skipped without a record, exit 0: a directory without search
# permission, a path over 4096 bytes, a dangling symbolic link; and a FIFO
mkdir -p "$tmp/walk/noexec" "$tmp/walk/ok"
echo "Paris" > "$tmp/walk/ok/a.txt"
echo "Berlin" > "$tmp/walk/noexec/b.txt"
ln -s nowhere "$tmp/walk/dangling.txt"
mkfifo "$tmp/walk/fifo"
python3 - "$tmp/walk/deep" <<'PY'
import os, sys
os.makedirs(sys.argv[1])
fd = os.open(sys.argv[1], os.O_RDONLY)
for i in range(18):  # 18 x 251 bytes: past PATH_MAX
    os.mkdir("x" * 250, dir_fd=fd)
    nfd = os.open("x" * 250, os.O_RDONLY, dir_fd=fd)
    os.close(fd)
    fd = nfd
f = os.open("doc.txt", os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=fd)
os.write(f, b"Rome")
os.close(f)
PY
chmod -R a+rX "$tmp/walk"
chmod 644 "$tmp/walk/noexec" # readable, not searchable
chmod 755 "$tmp"
# root passes every permission check: run as nobody when root
as_user() { if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi; }
as_user "$rawi" extract --lang en "$tmp/walk" > "$tmp/out" 2> "$tmp/err"
check "unreadable entries: exit 2" [ $? = 2 ]
ids "$tmp/out" | sed 's/x\{250\}/X/g' > "$tmp/got"
cat > "$tmp/want" <<'EOF2'
dangling.txt dangling symbolic link|None
deep/X/X/X/X/X/X/X/X/X/X/X/X/X/X/X/X/X cannot read: File name too long|None
fifo not a regular file or directory|None
noexec/b.txt cannot read: Permission denied|None
ok/a.txt 
EOF2
check "unreadable entries: a record each: $(diff "$tmp/want" "$tmp/got")" cmp -s "$tmp/want" "$tmp/got"
chmod 755 "$tmp/walk/noexec"
rm -rf "$tmp/walk"

# --- records arriving on a stream -----------------------------------------------
# stdin was read in 256 KiB blocks: records already sent waited for the
# block to fill, and SIGINT dropped them. Two records go down a pipe that
# then stays open: both come out (written and flushed while rawi waits);
# SIGINT then ends the run with both kept, and a half-sent third dropped.
mkfifo "$tmp/fifo"
for j in 1 2; do
  rm -f "$tmp/stream.out"
  "$rawi" extract -j $j --lang en -o "$tmp/stream.out" < "$tmp/fifo" 2> "$tmp/err" &
  pid=$!
  exec 7> "$tmp/fifo"
  printf '%s\n' '{"id":"a","text":"Paris"}' '{"id":"b","text":"Berlin"}' >&7
  printf '{"id":"c","text":"Ro' >&7
  for i in $(seq 600); do # up to a minute: a wait, not a timing
    [ -f "$tmp/stream.out" ] && [ "$(wc -l < "$tmp/stream.out")" = 2 ] && break
    sleep 0.1
  done
  check "-j $j: records out while the stream is open" [ "$(wc -l < "$tmp/stream.out")" = 2 ]
  kill -INT $pid
  wait $pid
  status=$?
  exec 7>&-
  check "-j $j: SIGINT keeps them (exit $status)" [ $status = 130 -a "$(ids "$tmp/stream.out" | tr '\n' ,)" = "a ,b ," ]
done

# --- what stdin holds -----------------------------------------------------------
# JSON Lines on stdin were one text document unless --input-format said
# otherwise; now the first byte tells (gzip was recognised already)
printf '%s\n' '{"id":"p","text":"Paris"}' '{"id":"q","text":"Berlin"}' > "$tmp/two.jsonl"
run --lang en < "$tmp/two.jsonl" > "$tmp/out"
check "JSONL on stdin: two records" [ "$(ids "$tmp/out" | tr '\n' ,)" = "p ,q ," ]
gzip -c "$tmp/two.jsonl" | run --lang en > "$tmp/out"
check "gzip JSONL on stdin: two records" [ "$(ids "$tmp/out" | tr '\n' ,)" = "p ,q ," ]
printf -- '-DOCSTART- O\n\nParis B-LOC\n\n-DOCSTART- O\n\nBerlin B-LOC\n' | run --lang en > "$tmp/out"
check "CoNLL on stdin: two records" [ "$(ids "$tmp/out" | tr '\n' ,)" = "stdin:3 ,stdin:7 ," ]
printf 'Paris {not json}\n{"id":"x"}\n' | run --lang en > "$tmp/out"
check "text on stdin: one record" [ "$(ids "$tmp/out" | tr '\n' ,)" = "stdin ," ]
printf '{"id":"t","text":"Paris"}\n' | run --input-format text --lang en > "$tmp/out"
check "--input-format text wins" [ "$(ids "$tmp/out" | tr '\n' ,)" = "stdin ," ]

# --- JSON Lines: what is wrong, and fields passed through exactly -------------------
# valid JSON with a lone surrogate escape, or nested 1000 deep, was "not
# valid JSON"; each mistake now says what and where
python3 - "$tmp/json.jsonl" <<'PY'
import sys
lines = ['{"id":"s1","text":"\\ud800 Paris"}', '{"id":"s2\\udc00","text":"Paris"}',
         '{"id":"deep","text":"x","n":' + "[" * 1001 + "]" * 1001 + "}",
         '{"id":"ok","text":"x","n":' + "[" * 999 + "]" * 999 + "}",
         '{"id":"e","text":"a\\qb"}', '{"id":"c","text":"x",}', '{"id":"n","text":"x","v":01}',
         '{"id":"m","text":"x"} {"more":1}']
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
run --lang en "$tmp/json.jsonl" > "$tmp/out"
python3 - "$tmp/out" "$tmp/json.jsonl" <<'PY'
import json, sys
f = sys.argv[2]
got = [(r["id"], r.get("error", {}).get("message")) for r in map(json.loads, open(sys.argv[1], encoding="utf-8"))]
want = [("s1", "text field 'text' holds a lone surrogate escape (\\ud800) at byte 19 of the line, which is no character"),
        (f + ":2", "id field 'id' holds a lone surrogate escape (\\udc00) at byte 9, which is no character"),
        (f + ":3", "line is not valid JSON: arrays and objects nested deeper than 1000 levels, at byte 1027"),
        ("ok", None),
        (f + ":5", "line is not valid JSON: invalid escape '\\q' at byte 19"),
        (f + ":6", "line is not valid JSON: unexpected '}' at byte 21 (expected a key in double quotes)"),
        (f + ":7", "line is not valid JSON: unexpected '1' at byte 26 (expected ',' or '}')"),
        (f + ":8", "line is not valid JSON: more after the JSON value, at byte 22")]
assert got == want, "\n".join(map(str, got))
PY
check "JSON mistakes are named" [ $? = 0 ]

# --keep-fields wrote raw bytes that are not UTF-8 into the output, and
# rewrote numbers (1e400 became null, big integers lost digits): fields are
# now passed through as written, or the record is refused
printf '%s\n' '{"id":"k","text":"Paris","big":1790000000000000001,"huge":1e400,"s":"\u00e9\ud83d\ude00","o":{"id":1, "x": [1.50, -0]}}' > "$tmp/keep.jsonl"
printf '{"id":"b","text":"Paris","bad":"x\377y"}\n' >> "$tmp/keep.jsonl"
printf '{"id":"t","text":"Paris","raw":"tab\there"}\n' >> "$tmp/keep.jsonl"
printf '{"id":"u","text":"Paris","k \\ud800":1}\n' >> "$tmp/keep.jsonl"
run --lang en --keep-fields "$tmp/keep.jsonl" > "$tmp/out"
check "--keep-fields: exit 2 for the field that is not UTF-8" [ $? = 2 ]
head -1 "$tmp/out" | grep -qF ',"meta":{"big":1790000000000000001,"huge":1e400,"s":"\u00e9\ud83d\ude00","o":{"id":1, "x": [1.50, -0]}}}' &&
  ok || ko "--keep-fields: passed through as written: $(head -1 "$tmp/out")"
sed -n 2p "$tmp/out" | grep -qF '{"id":"b","error":{"code":"invalid_utf8","message":"a field --keep-fields would copy is not utf-8 (invalid lead byte at byte 33 of the line)","byte_offset":33}}' &&
  ok || ko "--keep-fields: bytes that are not UTF-8: $(sed -n 2p "$tmp/out")"
# a raw tab inside a string: valid for rawi's reading, not JSON to copy
sed -n 3p "$tmp/out" | grep -qF '{"id":"t","error":{"code":"bad_record","message":"a field --keep-fields would copy holds a control character (0x09) that JSON must escape, at byte 35 of the line","byte_offset":35}}' &&
  ok || ko "--keep-fields: a raw control character: $(sed -n 3p "$tmp/out")"
# a lone surrogate escape: valid JSON, refused by many readers (cJSON, serde)
tail -1 "$tmp/out" | grep -qF '{"id":"u","error":{"code":"bad_record","message":"a field --keep-fields would copy holds a lone surrogate escape (\\ud800) at byte 28 of the line, which is no character","byte_offset":28}}' &&
  ok || ko "--keep-fields: a lone surrogate: $(tail -1 "$tmp/out")"

finish
