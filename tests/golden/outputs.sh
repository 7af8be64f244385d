#!/bin/sh
# What rawi may write over, and what --resume may go on with: -o never
# empties an input, never writes over earlier results unless told to
# (--force), and --resume goes on only with rawi's own records made with
# the same settings, touching nothing otherwise.
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

run() { "$rawi" extract "$@" 2> "$tmp/err"; }
sum() { cksum < "$1"; }
err_is() { [ "$(cat "$tmp/err")" = "$1" ] || { echo "  stderr: $(cat "$tmp/err")"; false; }; }

cd "$tmp"
printf '%s\n' '{"id":"a","text":"زار بلينكن بوغوتا."}' '{"id":"b","text":"Paris"}' \
  '{"id":"c","text":"وصل ماكرون إلى برلين."}' > docs.jsonl
before=$(sum docs.jsonl)

# --- -o naming an input --------------------------------------------------------
# opening it for writing emptied it, and the run read nothing: exit 0
run -o docs.jsonl docs.jsonl > /dev/null
check "-o X X: exit 1" [ $? = 1 ]
check "-o X X: says why" err_is "rawi: error: -o docs.jsonl: it is also the input docs.jsonl; writing it would destroy it"
check "-o X X: the input is intact" [ "$(sum docs.jsonl)" = "$before" ]
run --force -o docs.jsonl docs.jsonl > /dev/null
check "-o X X --force: refused all the same" [ $? = 1 -a "$(sum docs.jsonl)" = "$before" ]
ln docs.jsonl hardlink.jsonl
run --force -o hardlink.jsonl docs.jsonl > /dev/null
check "-o a hard link to the input: refused" [ $? = 1 -a "$(sum docs.jsonl)" = "$before" ]
run --force --input-format jsonl -o docs.jsonl < docs.jsonl > /dev/null
check "-o X < X: refused" [ $? = 1 -a "$(sum docs.jsonl)" = "$before" ]
check "-o X < X: says why" err_is "rawi: error: -o docs.jsonl: it is also the input (stdin); writing it would destroy it"
mkdir -p in/sub && cp docs.jsonl in/sub/
run -o in/out.jsonl in > /dev/null
check "output inside a walked input: exit 2" [ $? = 2 ]
grep -q '^{"id":"out.jsonl","error":{"code":"io","message":"the output (-o): not read as input"}}$' in/out.jsonl &&
  [ "$(grep -c '"lang"' in/out.jsonl)" = 3 ] && ok || ko "output inside a walked input: $(cat in/out.jsonl)"
run --format neo4j -o in in > /dev/null
check "neo4j -o DIR DIR: refused" [ $? = 1 -a ! -e in/nodes.csv ]

# --- earlier results ----------------------------------------------------------------
echo 'results of an earlier run' > old.jsonl
run -o old.jsonl docs.jsonl > /dev/null
check "-o a non-empty file: exit 1" [ $? = 1 ]
check "-o a non-empty file: says what to do" err_is "rawi: error: -o old.jsonl: the file is not empty; --resume goes on with it, --force writes over it"
check "-o a non-empty file: untouched" [ "$(cat old.jsonl)" = 'results of an earlier run' ]
run --force -o old.jsonl docs.jsonl > /dev/null
check "--force writes over it" [ $? = 0 -a "$(grep -c '"lang"' old.jsonl)" = 3 ]
: > empty.jsonl
run -o empty.jsonl docs.jsonl > /dev/null
check "-o an empty file: written" [ $? = 0 -a "$(grep -c '"lang"' empty.jsonl)" = 3 ]
run --format neo4j -o graph docs.jsonl > /dev/null
run --format neo4j -o graph docs.jsonl > /dev/null
check "neo4j -o a directory with results: refused" [ $? = 1 ] && err_is "rawi: error: -o graph: the directory is not empty; --resume goes on with it, --force writes over it"
run --format neo4j --force -o graph docs.jsonl > /dev/null
check "neo4j --force" [ $? = 0 ]
run --resume --force -o old.jsonl docs.jsonl > /dev/null
check "--resume --force: choose one" [ $? = 1 ]

# --- --resume: the run's settings ---------------------------------------------------
run -o full.jsonl docs.jsonl > /dev/null
check "a run records its settings" python3 -c 'import json,sys
s = json.load(open("full.jsonl.run.json"))
assert s["--format"] == "jsonl" and s["--text-field"] == "text" and s["--keep-fields"] is None, s
assert len(s["lists and rules (checksum)"]) == 16 and s["rawi"], s'
head -n 1 full.jsonl > part.jsonl
cp full.jsonl.run.json part.jsonl.run.json
cut=$(sum part.jsonl)
run --resume --keep-fields -o part.jsonl docs.jsonl > /dev/null
check "--resume with other options: exit 1" [ $? = 1 ]
check "--resume with other options: says which" err_is "rawi: error: --resume: part.jsonl was written with --keep-fields (not given), this run has --keep-fields 'yes'; resume with the same settings, or start over with --force"
printf 'ابو الدرداء\tPERSON\tperson/abu-al-darda\n' > extra.tsv
run --resume --gazetteer extra.tsv -o part.jsonl docs.jsonl > /dev/null
check "--resume with other lists: exit 1" [ $? = 1 ]
grep -q "^rawi: error: --resume: part.jsonl was written with lists and rules (checksum) '[0-9a-f]*', this run has lists and rules (checksum) '[0-9a-f]*'" "$tmp/err" &&
  ok || ko "--resume with other lists: $(cat "$tmp/err")"
check "--resume refused: the output untouched" [ "$(sum part.jsonl)" = "$cut" ]
run --resume -o part.jsonl docs.jsonl > /dev/null
check "--resume with the same settings goes on" [ $? = 0 ] && cmp -s part.jsonl full.jsonl
rm part.jsonl.run.json
head -n 1 full.jsonl > part.jsonl
run --resume -o part.jsonl docs.jsonl > /dev/null
check "--resume without the settings file: exit 1" [ $? = 1 ]
check "--resume without the settings file: says so" err_is "rawi: error: --resume: part.jsonl.run.json: No such file or directory, so the settings part.jsonl was written with are unknown; start it over with --force"

# --- --resume on a file that is not rawi's output --------------------------------------
# its last line was cut before anything was checked
printf 'notes of the day\nthe last line, without its newline' > notes.txt
cp full.jsonl.run.json notes.txt.run.json
notes=$(sum notes.txt)
run --resume -o notes.txt docs.jsonl > /dev/null
check "--resume on other data: exit 1" [ $? = 1 ]
check "--resume on other data: says so" err_is "rawi: error: --resume: notes.txt does not hold rawi's JSON Lines records; it is left as it is"
check "--resume on other data: untouched" [ "$(sum notes.txt)" = "$notes" ]
{ head -n 1 full.jsonl; printf 'not a record\n'; } > mixed.jsonl
cp full.jsonl.run.json mixed.jsonl.run.json
mixed=$(sum mixed.jsonl)
run --resume -o mixed.jsonl docs.jsonl > /dev/null
check "--resume: a last line that is no record: refused, untouched" [ $? = 1 -a "$(sum mixed.jsonl)" = "$mixed" ]
{ cat full.jsonl; printf '{"id":"d","lang":"en","ent'; } > killed.jsonl
cp full.jsonl.run.json killed.jsonl.run.json
printf '%s\n' '{"id":"d","text":"Rome"}' >> docs.jsonl
run --resume -o killed.jsonl docs.jsonl > /dev/null
check "--resume after a kill: the cut record is cut and made again" [ $? = 0 -a "$(tail -1 killed.jsonl | cut -c1-29)" = '{"id":"d","lang":"en","entiti' -a "$(wc -l < killed.jsonl)" = 4 ]

# --- neo4j on a full disk ---------------------------------------------------------------
# left nodes.csv and errors.csv without headers and relationships.csv cut
# inside a row; now every file is cut back to the last document written
# whole. A file size limit stands in for the full disk (SIGXFSZ ignored,
# so the write fails with EFBIG).
python3 - "$here/../../gazetteers/ar" > many.jsonl <<'PY'
import json, sys
d = sys.argv[1]
def names(f, typ):
    return [c[0] for c in (l.rstrip("\n").split("\t") for l in open(f"{d}/{f}", encoding="utf-8"))
            if len(c) >= 3 and c[1] == typ and " " in c[0]]
people = names("persons.tsv", "PERSON")[:60]
places = [l.split("\t")[0] for l in open(f"{d}/countries.tsv", encoding="utf-8") if "\tCOUNTRY\t" in l][:40]
for i in range(6000):
    text = " ".join("وصل %s إلى %s." % (people[(i + k) % 60], places[(i * 7 + k) % 40]) for k in range(4))
    print(json.dumps({"id": "doc-%04d" % i, "text": text}, ensure_ascii=False))
PY
run --format neo4j -o whole.d many.jsonl > /dev/null
check "neo4j: the whole run" [ $? = 0 ]
# a third of the whole run's relationships.csv, in the shell's 512-byte
# (or 1024-byte) blocks: past the first MiB written at once, short of all
limit=$(( $(wc -c < whole.d/relationships.csv) / 3 / 512 ))
( trap '' XFSZ; ulimit -f $limit; exec "$rawi" extract --format neo4j -o full.d many.jsonl ) > /dev/null 2> "$tmp/err"
check "neo4j, full disk: exit 1" [ $? = 1 ]
check "neo4j, full disk: says so" grep -q '^rawi: error: cannot write full.d/[a-z]*.csv: File too large$' "$tmp/err"
python3 - whole.d full.d <<'PY'
import csv, sys
def rows(d, f):
    data = open(f"{d}/{f}", encoding="utf-8", newline="").read()
    assert data.endswith("\n"), (f, data[-80:])
    r = list(csv.reader(data.splitlines(keepends=True)))
    assert all(len(x) == len(r[0]) for x in r), f
    return r
whole, cut = sys.argv[1:]
for f in ("nodes.csv", "relationships.csv", "errors.csv"):
    assert rows(cut, f)[0] == rows(whole, f)[0], f  # the header
rel_w, rel_c = rows(whole, "relationships.csv")[1:], rows(cut, "relationships.csv")[1:]
docs = sorted({r[3] for r in rel_c})
assert docs and len(docs) < len({r[3] for r in rel_w}), len(docs)
assert rel_c == rel_w[:len(rel_c)], "relationships: not whole documents"
assert rel_c == [r for r in rel_w if r[3] in docs], "a document's rows are missing"
nodes = {r[0] for r in rows(cut, "nodes.csv")[1:]}
assert {r[0] for r in rel_c} | {r[1] for r in rel_c} <= nodes, "a relationship without its nodes"
PY
check "neo4j, full disk: whole documents in every file" [ $? = 0 ]

# --- spreadsheet formulas in neo4j's CSV ------------------------------------------------
# a cell starting with = + - @ was written as it is, and a spreadsheet runs
# it: errors.csv (read by people) always gets a ' before it, the import
# files with --csv-safe
printf '=SUM Corp\tORGANIZATION\torg/sum\n' > formula.tsv
printf '%s\n' '{"id":"f","text":"=SUM Corp said so."}' '{"id":"=1+1","no":"text"}' '{"id":"@x","text":"y"}' > formula.jsonl
run --format neo4j --force -o plain.d --gazetteer formula.tsv formula.jsonl > /dev/null
check "formulas: errors.csv always safe" [ "$(tail -1 plain.d/errors.csv)" = "\"'=1+1\",\"bad_record\",\"no text field 'text'\"" ]
check "formulas: nodes.csv as it is by default" grep -q '^"org/sum","Entity;Organization","ORGANIZATION","=SUM Corp"$' plain.d/nodes.csv
run --format neo4j --csv-safe --force -o safe.d --gazetteer formula.tsv formula.jsonl > /dev/null
check "formulas: --csv-safe" grep -q "^\"org/sum\",\"Entity;Organization\",\"ORGANIZATION\",\"'=SUM Corp\"$" safe.d/nodes.csv

finish
