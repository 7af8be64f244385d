#!/bin/sh
# Print rawi's accuracy tables on the corpora it is measured on
# (docs/accuracy.md). The corpora are not part of rawi: give their paths.
#
#   tools/accuracy.sh RAWI [ANERCORP=train.txt] [CONLL04=dev.json]
#                          [CONLL04_TRAIN=train.json] [SEED_GOLD=seed.jsonl]
#   make accuracy ANERCORP=... CONLL04=... SEED_GOLD=...
#
# ANERCORP    ANERcorp train split (CAMeL Lab); its last sixth is the
#             development split, scored PERS/LOC/ORG and micro (MISC is not
#             scored) with `rawi eval`, ten sentences a document
# CONLL04     CoNLL04 in SpERT's JSON (dev.json): strict NER and relations
#             (tools/eval_conll04.py: rawi eval has no SpERT reader)
# CONLL04_TRAIN  the same on the training split, to watch overfitting
# SEED_GOLD   shared/gold/seed.jsonl: entities and relations, `rawi eval`
# A table whose path is not given is skipped.
set -eu
[ $# -ge 1 ] || { sed -n '2,16p' "$0"; exit 1; }
rawi=$1
shift
ANERCORP= CONLL04= CONLL04_TRAIN= SEED_GOLD=
for arg in "$@"; do
  case $arg in
  ANERCORP=*|CONLL04=*|CONLL04_TRAIN=*|SEED_GOLD=*) eval "${arg%%=*}=\${arg#*=}" ;;
  *) echo "accuracy.sh: unknown argument '$arg'" >&2; exit 1 ;;
  esac
done
tools=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

if [ -n "$ANERCORP" ]; then
  echo "== ANERcorp development split (last sixth of $ANERCORP), MISC not scored"
  # sentences are blank-line separated blocks; keep the last len // 6
  awk 'BEGIN { RS = "" } { s[NR] = $0 } END {
         first = NR - int(NR / 6) + 1
         for (i = first; i <= NR; i++) print s[i] "\n" }' "$ANERCORP" > "$tmp/dev.conll"
  "$rawi" eval --gold "$tmp/dev.conll" --lang ar --doc-sentences 10
  echo
fi
if [ -n "$CONLL04" ]; then
  echo "== CoNLL04 $CONLL04 (strict)"
  python3 "$tools/eval_conll04.py" "$rawi" "$CONLL04"
  echo
fi
if [ -n "$CONLL04_TRAIN" ]; then
  echo "== CoNLL04 $CONLL04_TRAIN (strict; the training split, for comparison)"
  python3 "$tools/eval_conll04.py" "$rawi" "$CONLL04_TRAIN"
  echo
fi
if [ -n "$SEED_GOLD" ]; then
  echo "== seed articles $SEED_GOLD"
  "$rawi" eval --gold "$SEED_GOLD"
fi
