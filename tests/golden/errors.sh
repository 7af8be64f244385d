#!/bin/sh
# The catalogue of bad inputs (docs/errors.md) not already tested by
# batch.sh, rules_cli.sh, gazetteer_cli.sh or cli_messages.sh: invalid
# UTF-8 of each kind, NUL bytes, empty documents, a 100 MB document
# without spaces, a million mentions of one entity, a catastrophic pattern
# on a long input, and the regressions the fuzzers found.
#   errors.sh RAWI [SANITIZED]   SANITIZED=1: no memory bound (ASan's shadow)
set -u
rawi=$1
sanitized=${2:-0}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

# the records of a run, one line each: id, then the error code, message
# and byte offset, or the entity ids and the number of mentions
summary() {
  python3 -c 'import json, sys
for l in open(sys.argv[1], encoding="utf-8"):
    r = json.loads(l)
    if "error" in r:
        e = r["error"]
        print(r["id"], e["code"], e["message"], e.get("byte_offset"), sep="|")
    else:
        print(r["id"], " ".join("%s:%d" % (e["id"], len(e["mentions"])) for e in r["entities"]),
              "warnings" if "warnings" in r else "", sep="|")' "$1"
}
run() { "$rawi" extract "$@" 2> "$tmp/err"; }

# invalid UTF-8: overlong, surrogate, truncated at the end and inside the
# text; in a text file and in a JSON string (cJSON passes bytes through)
cd "$tmp"
printf 'ab \300\257' > overlong.txt
printf 'ab \355\240\200' > surrogate.txt
printf 'ab \330' > truncated.txt
printf 'ab \342\202 cd' > cut.txt
printf '{"id":"j","text":"ab \355\240\200"}\n' > utf8.jsonl
run overlong.txt surrogate.txt truncated.txt cut.txt utf8.jsonl > out.jsonl
check "invalid utf-8: exit 2" [ $? = 2 ]
summary out.jsonl > got
cat > want <<'EOF2'
overlong.txt|invalid_utf8|invalid utf-8 at byte 3: overlong encoding|3
surrogate.txt|invalid_utf8|invalid utf-8 at byte 3: surrogate code point|3
truncated.txt|invalid_utf8|invalid utf-8 at byte 3: truncated sequence|3
cut.txt|invalid_utf8|invalid utf-8 at byte 3: truncated sequence|3
j|invalid_utf8|invalid utf-8 at byte 3: surrogate code point|3
EOF2
check "invalid utf-8 records: $(diff want got)" cmp -s want got
check "invalid utf-8: summary" grep -q '^rawi: 5 documents, 0 entities, 0 relations, 5 errors' err

# NUL bytes separate tokens; an escaped NUL in JSON (\u0000) does not cut
# the text short
printf 'He left Paris\000\000for France.' > nul.txt
printf '{"id":"n","text":"x\\u0000 France"}\n{"id":"m","text":"\\\\u0000 France"}\n' > nul.jsonl
run --lang en nul.txt nul.jsonl > out.jsonl
check "NUL bytes: exit 0" [ $? = 0 ]
summary out.jsonl > got
printf '%s\n' 'nul.txt|location/paris:1 country/fr:1|' 'n|country/fr:1|' 'm|country/fr:1|' > want
check "NUL bytes: $(diff want got)" cmp -s want got
check "NUL bytes: offsets" grep -q '"text":"France","norm":"france","kind":"name","start":19,"end":25' out.jsonl

# empty documents: an empty file, blanks only, an empty JSON text; each
# gets its record (a -DOCSTART- with no token lines is no document)
: > empty.txt
printf ' \n\t\n' > blank.txt
printf '{"id":"e","text":""}\n' > empty.jsonl
printf -- '-DOCSTART- O\n\n-DOCSTART- O\nParis B-LOC\n' > empty.conll
run empty.txt blank.txt empty.jsonl empty.conll > out.jsonl
check "empty documents: exit 0" [ $? = 0 ]
summary out.jsonl > got
printf '%s\n' 'empty.txt||' 'blank.txt||' 'e||' 'empty.conll:4|location/paris:1|' > want
check "empty documents: $(diff want got)" cmp -s want got

# a 100 MB document without a space: one token, a record, seconds and a
# bounded memory (the text, its copy and its normalised form)
head -c 100000000 /dev/zero | tr '\0' 'a' > big.txt
measure out.jsonl "$rawi" extract --lang en --max-doc-bytes 200000000 big.txt
read secs kb < "$tmp/time"
echo "100 MB without spaces: $secs s, $kb KB"
check "100 MB document: one record" [ "$(cat out.jsonl)" = '{"id":"big.txt","lang":"en","entities":[],"relations":[]}' ]
check "100 MB document: memory $kb KB" [ "$sanitized" = 1 -o "$kb" -lt 500000 ]
rm -f big.txt

# a million mentions of one entity in one sentence: linear, not quadratic
# (indexing the sentence's words once probed a run as long as the
# repetitions for every word, hours on this input)
yes France | head -n 1000000 | tr '\n' ' ' > million.txt
measure out.jsonl "$rawi" extract --lang en million.txt
read secs kb < "$tmp/time"
echo "1M mentions: $secs s, $kb KB"
check "1M mentions: one entity" [ "$(grep -o '"id":"country/fr"' out.jsonl | wc -l)" = 1 ]
check "1M mentions: every mention" [ "$(grep -o '"norm":"france"' out.jsonl | wc -l)" = 1000000 ]
rm -f million.txt out.jsonl

# (a+)+$ on a long input: the rule is skipped on that sentence (a warning
# on the document), the other sentences and documents go on; the same for
# a relation rule
printf 'rule org.catastrophic\n  type: ORGANIZATION\n  trigger: aaaa\n  pattern: (a+)+$\n' > cat.rules
{ printf 'aaaa '; head -c 5000 /dev/zero | tr '\0' 'a'; printf '! Paris is in France.\n'; } > cat1.txt
printf 'Paris is in France.\n' > cat2.txt
# (empty.txt after it: a document no rule runs on has no warning of its own)
run --lang en --rules cat.rules cat1.txt empty.txt cat2.txt > out.jsonl
check "catastrophic: exit 0" [ $? = 0 ]
summary out.jsonl > got
printf '%s\n' 'cat1.txt|location/paris:1 country/fr:1|warnings' 'empty.txt||' \
  'cat2.txt|location/paris:1 country/fr:1|' > want
check "catastrophic: $(diff want got)" cmp -s want got
check "catastrophic: summary" grep -q ', 0 errors, 1 with warnings,' err
printf 'rule meet.catastrophic\n  relation: met_with\n  trigger: aaaa\n  pattern: (?<subject>@PERSON) aaaa (?:a+)+x (?<object>@PERSON)\n' > relcat.rules
{ printf 'Joe Biden aaaa '; head -c 40 /dev/zero | tr '\0' 'a'; printf ' Keir Starmer met.\n'; } > relcat.txt
run --lang en --rules relcat.rules relcat.txt > out.jsonl
check "catastrophic relation rule: warning" grep -q '"warnings":\[{"code":"limit","message":"rule meet.catastrophic hit a PCRE2 limit and was skipped on 1 sentence"}\]' out.jsonl

# found by the fuzzers (tests/fuzz/corpus holds the inputs; the ASan run
# of this script checks for the leak and the undefined behaviour)
printf '# nothing but a comment\n' > comments.tsv
run --lang en --gazetteer comments.tsv cat2.txt > out.jsonl
check "a list of comments only loads: $(cat err)" [ $? = 0 ]
printf 'rule twice\n  type: PERSON\n  id: person/a\n  id: person/b\n  trigger: zzyzx\n  pattern: zzyzx (?<name>\\S+)\n' > twice.rules
"$rawi" check --rules twice.rules 2> err
check "a repeated id: the last counts: $(cat err)" [ $? = 0 ]

finish
