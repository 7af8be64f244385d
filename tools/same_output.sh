#!/usr/bin/env bash
# Do two rawi binaries write the same bytes? For changes that must not
# change any output (speed work: docs/benchmarks.md).
#
# usage: tools/same_output.sh REFERENCE_RAWI NEW_RAWI [PACK_DIR]
#
# Both run with the same packs (PACK_DIR, default this tree) over the seed
# articles (../shared/seeds, one text document each), news-dev
# (../shared/gold/news-dev.jsonl, as JSONL), ANERcorp train
# (../shared/data/anercorp/train.txt, as CoNLL, and its sentences as text
# documents of 25 sentences) and CoNLL04 dev (its sentences as English
# documents of 20 sentences); each in JSONL, JSONL with --explain (every
# candidate, also the ones that lost, and every relation view), and, for
# the CoNLL input, CoNLL. -j 1 and -j 2 for the large inputs. Every pair
# of outputs is compared with cmp; exit status 1 when one differs.
# RAWI_SHARED overrides ../shared.
set -euo pipefail

[[ $# -ge 2 && $# -le 3 ]] || {
  sed -n '2,16p' "$0" >&2
  exit 2
}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
ref=$1
new=$2
pack=${3:-$root}
shared=${RAWI_SHARED:-$root/../shared}
for b in "$ref" "$new"; do
  [[ -x $b ]] || { echo "$0: '$b' is not an executable" >&2; exit 2; }
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rawi-same.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# the sentences of a CoNLL file (token first, blank lines between) and of
# CoNLL04's JSON, as JSONL documents of N sentences
python3 - "$shared/data/anercorp/train.txt" "$shared/data/conll04/dev.json" \
  "$tmp" <<'EOF'
import json, sys
conll, conll04, tmp = sys.argv[1:]
def docs(sents, n, prefix, path):
    with open(path, "w", encoding="utf-8") as f:
        for k in range(0, len(sents), n):
            text = "\n".join(sents[k:k + n]) + "\n"
            f.write(json.dumps({"id": f"{prefix}{k // n}", "text": text},
                               ensure_ascii=False) + "\n")
sents, cur = [], []
for line in open(conll, encoding="utf-8"):
    parts = line.split()
    if parts:
        cur.append(parts[0])
    elif cur:
        sents.append(" ".join(cur))
        cur = []
if cur:
    sents.append(" ".join(cur))
docs(sents, 25, "a", f"{tmp}/anercorp.jsonl")
data = json.load(open(conll04, encoding="utf-8"))
docs([" ".join(s["tokens"]) for s in data], 20, "e", f"{tmp}/conll04.jsonl")
EOF

# name, then the arguments of rawi extract
cases=(
  "seeds|--input-format text $shared/seeds"
  "news-dev|--input-format jsonl $shared/gold/news-dev.jsonl"
  "anercorp-conll|--input-format conll $shared/data/anercorp/train.txt"
  "anercorp-conll-out|--input-format conll --format conll $shared/data/anercorp/train.txt"
  "anercorp-text|--input-format jsonl --lang ar $tmp/anercorp.jsonl"
  "anercorp-text-j2|-j 2 --input-format jsonl --lang ar $tmp/anercorp.jsonl"
  "conll04|--input-format jsonl --lang en $tmp/conll04.jsonl"
  "conll04-j2|-j 2 --input-format jsonl --lang en $tmp/conll04.jsonl"
)
differ=0
for c in "${cases[@]}"; do
  name=${c%%|*}
  read -r -a args <<<"${c#*|}"
  for explain in "" --explain; do
    [[ -n $explain && $name == *-conll-out ]] && continue
    label=$name${explain:+ $explain}
    for who in ref new; do
      bin=$ref
      [[ $who == new ]] && bin=$new
      rc=0
      "$bin" extract --no-progress --pack "$pack" $explain "${args[@]}" \
        >"$tmp/$who.out" 2>"$tmp/$who.err" || rc=$?
      echo "$rc" >>"$tmp/$who.out" # the exit status counts too
    done
    if cmp -s "$tmp/ref.out" "$tmp/new.out"; then
      printf '%-32s same (%s bytes)\n' "$label" "$(wc -c <"$tmp/new.out")"
    else
      printf '%-32s DIFFERENT: ' "$label"
      cmp "$tmp/ref.out" "$tmp/new.out" || true
      differ=1
    fi
  done
done
exit "$differ"
