#!/bin/sh
# rawi eval, rawi extract --format conll and rawi gazetteer induce on small
# files written for these tests (tests/golden/eval/).
set -u
rawi=$1
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
d=$here/eval
cd "$d" || exit 1

# 1. CoNLL gold against a CoNLL system, conlleval's reading: a boundary
#    error costs a miss and a false alarm; an I- without B- starts a chunk
#    (Quito is right); a sentence end closes one (Lima Peru | Rivera);
#    MISC is not scored unless --types all.
"$rawi" eval --gold gold.conll system.conll --errors > "$tmp/out" 2>&1
diff -u conll.expected "$tmp/out" && ok || ko "conll eval differs"
"$rawi" eval --gold gold.conll system.conll --types all > "$tmp/out" 2>&1
diff -u conll-all.expected "$tmp/out" && ok || ko "conll eval --types all differs"
"$rawi" eval --gold gold.conll system.conll --json > "$tmp/out"
grep -q '"micro":{"p":0.3333,"r":0.3333,"f1":0.3333,"tp":2,"fp":4,"fn":4}' "$tmp/out" &&
  ok || ko "conll --json: $(cat "$tmp/out")"

# 2. the Python scorer of tools/evalkit.py gives the same table
if command -v python3 > /dev/null; then
  for types in PERS,LOC,ORG all; do
    python3 "$here/../../tools/evalkit.py" gold.conll system.conll --types $types > "$tmp/py"
    "$rawi" eval --gold gold.conll system.conll --types $types > "$tmp/c"
    diff -u "$tmp/py" "$tmp/c" && ok || ko "evalkit.py and rawi eval differ ($types)"
  done
fi

# 3. JSONL gold (shared/gold/seed.jsonl format) as score.py scores it:
#    alternatives, optional relations, met_with either way, duplicates,
#    demonyms, a line that is not JSON, a document the system lacks
"$rawi" eval --gold gold.jsonl system.jsonl --errors > "$tmp/out" 2>&1
diff -u jsonl.expected "$tmp/out" && ok || ko "jsonl eval differs"
"$rawi" eval --gold gold.jsonl system.jsonl --json > "$tmp/out"
grep -q '"relations":{"p":0.7500,"r":0.7500,"f1":0.7500,"tp":3,"fp":1,"fn":1}' "$tmp/out" &&
  ok || ko "jsonl --json: $(cat "$tmp/out")"

# 4. extract --format conll: aligned line by line, -DOCSTART- and blank
#    lines kept, a clitic stays on its token (وبغداد), --label-map
"$rawi" extract --input-format conll --format conll text.conll > "$tmp/sys" 2>/dev/null
[ "$(wc -l < "$tmp/sys")" = "$(wc -l < text.conll)" ] && ok || ko "line counts differ"
cut -f1 "$tmp/sys" | sed 's/ .*//' > "$tmp/a"
sed 's/ .*//' text.conll > "$tmp/b"
diff "$tmp/a" "$tmp/b" > /dev/null && ok || ko "tokens not aligned"
grep -q "$(printf 'وبغداد\tB-LOC')" "$tmp/sys" && ok || ko "clitic token: $(cat "$tmp/sys")"
# consecutive -DOCSTART- lines and several blank lines before a document
# are lines too (they were dropped, and the lines after them shifted)
printf -- '\n-DOCSTART- -X- O O\n\n-DOCSTART- -X- O O\n\n\nزار O\nبلينكن B-PERS\nليما B-LOC\n\n-DOCSTART- -X- O O\n-DOCSTART- -X- O O\nPeru B-LOC\n' > "$tmp/ds.conll"
"$rawi" extract --format conll "$tmp/ds.conll" > "$tmp/ds.out" 2>/dev/null
sed 's/ .*//' "$tmp/ds.conll" > "$tmp/b"
cut -f1 "$tmp/ds.out" > "$tmp/a"
diff "$tmp/a" "$tmp/b" > /dev/null && ok || ko "consecutive -DOCSTART- lines: $(diff "$tmp/a" "$tmp/b")"
grep -q "$(printf 'Obama\tI-PERS')" "$tmp/sys" && ok || ko "I- label"
"$rawi" extract --input-format conll --format conll --label-map PERSON=PER text.conll 2>/dev/null |
  grep -q "$(printf 'Barack\tB-PER$')" && ok || ko "--label-map"
echo "Barack Obama visited Paris." | "$rawi" extract --lang en --format conll --label-map PERSON=PER 2>/dev/null |
  grep -q "$(printf 'Paris\tB-LOCATION')" && ok || ko "text input, type without a mapping"
"$rawi" extract --format conll --label-map PERSON 2> "$tmp/err" < /dev/null
[ "$(cat "$tmp/err")" = "rawi: error: --label-map: expected TYPE=LABEL,... (at most 16 pairs), got 'PERSON'" ] &&
  ok || ko "bad label map: $(cat "$tmp/err")"

# 5. eval without SYSTEM runs rawi as extract --format conll does
"$rawi" eval --gold text.conll --json > "$tmp/self"
"$rawi" eval --gold text.conll "$tmp/sys" --json > "$tmp/file"
diff "$tmp/self" "$tmp/file" > /dev/null && ok || ko "self-run differs from extract output"

# 6. misaligned system, missing --gold
head -5 system.conll > "$tmp/short.conll"
"$rawi" eval --gold gold.conll "$tmp/short.conll" > /dev/null 2> "$tmp/err"
[ $? = 1 ] && grep -q "has 3 tokens, gold.conll has 24" "$tmp/err" && ok || ko "short system: $(cat "$tmp/err")"
"$rawi" eval system.conll > /dev/null 2> "$tmp/err"
[ $? = 1 ] && grep -q "rawi: error: eval: --gold FILE is required" "$tmp/err" && ok || ko "no --gold"

# 7. gazetteer induce: majority type, thresholds, stop list
"$rawi" gazetteer induce induce.conll --types PER=PERSON,LOC=LOCATION,ORG=ORGANIZATION \
  --source "test data" --min-count 2 --stop stop.txt > "$tmp/out" 2> /dev/null
diff -u induce.expected "$tmp/out" && ok || ko "induce differs"
"$rawi" gazetteer induce induce.conll --types PER=PERSON,LOC=LOCATION,ORG=ORGANIZATION \
  > "$tmp/out" 2> /dev/null
grep -q "$(printf '^Cusco\tLOCATION\tlocation/cusco$')" "$tmp/out" && ok || ko "induce: I- starts a name"
grep -q '^Lima' "$tmp/out" && ko "Lima is LOC 2 of 3: under --min-share 0.7" || ok
"$rawi" compile -o "$tmp/induced.img" "$tmp/out" 2> /dev/null && ok || ko "induced list compiles"
# a person's id is the key resolution gives the name (no article on the
# family name, hamza seats folded), so rules' variants of it agree
printf 'قال O\nكريم B-PERS\nالدباغ I-PERS\n\nوأكد O\nكريم B-PERS\nالدباغ I-PERS\n\n' > "$tmp/ar.conll"
"$rawi" gazetteer induce "$tmp/ar.conll" > "$tmp/out" 2> /dev/null
grep -q "$(printf '^كريم الدباغ\tPERSON\tperson/كريم-دباغ$')" "$tmp/out" && ok || ko "induce: person id from the name key: $(tail -1 "$tmp/out")"
# a corpus without names: an empty list, not undefined behaviour (UBSan
# stopped at qsort given a NULL array)
printf 'The O\ncat O\n\nsat O\n' > "$tmp/nonames.conll"
"$rawi" gazetteer induce "$tmp/nonames.conll" > "$tmp/out" 2> "$tmp/err"
[ $? = 0 ] && ! grep -qv '^#' "$tmp/out" && ok || ko "induce without names: $(cat "$tmp/err")"
"$rawi" gazetteer frobnicate > /dev/null 2>&1
[ $? = 1 ] && ok || ko "unknown gazetteer subcommand"

# 8. cross-validation: a part's lists are induced from the other parts only.
#    نمر is a name in part 1 and a common word twice in part 2; أمل, a
#    given name, is a word twice in part 2 and never a name.
if command -v python3 > /dev/null; then
  tools=$here/../../tools
  python3 "$tools/induce_common_words.py" folds.conll --leave-out 1/2 --keep folds-keep.tsv \
    --ambiguous "$tmp/amb1.rules" > "$tmp/common1.tsv" 2> /dev/null
  python3 "$tools/induce_common_words.py" folds.conll --leave-out 2/2 --keep folds-keep.tsv \
    --ambiguous "$tmp/amb2.rules" > "$tmp/common2.tsv" 2> /dev/null
  python3 "$tools/induce_common_words.py" folds.conll > "$tmp/common.tsv" 2> /dev/null
  grep -q "$(printf '^نمر\tSTOPWORD')" "$tmp/common1.tsv" && ok || ko "part 2 alone: نمر is common"
  grep -q '^نمر' "$tmp/common2.tsv" && ko "part 1 alone: نمر is a name there" || ok
  grep -q '^نمر' "$tmp/common.tsv" && ko "all parts: نمر is inside a name" || ok
  grep -q '^define AMBIG = (?:.*|امل|' "$tmp/amb1.rules" && ok || ko "part 2 alone: أمل is ambiguous"
  grep -q '|امل|' "$tmp/amb2.rules" && ko "part 1 alone: أمل never seen" || ok
  python3 "$tools/eval_anercorp.py" "$rawi" folds.conll --folds 2 > "$tmp/cv" 2>&1
  grep -q '^== part 2 of 2: sentences 3-5, 3 documents' "$tmp/cv" && grep -q '^mean ' "$tmp/cv" &&
    ok || ko "eval_anercorp.py --folds: $(cat "$tmp/cv")"
fi

finish
