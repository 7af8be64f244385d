#!/bin/sh
# Print rawi's accuracy tables on the corpora it is measured on
# (docs/accuracy.md). The corpora are not part of rawi: give their paths.
#
#   tools/accuracy.sh RAWI [ANERCORP=train.txt] [CONLL04=dev.json]
#                          [CONLL04_TRAIN=train.json] [SEED_GOLD=seed.jsonl]
#                          [NEWS_DEV=news-dev.jsonl]
#   make accuracy ANERCORP=... CONLL04=... SEED_GOLD=... NEWS_DEV=...
#
# ANERCORP    ANERcorp train split (CAMeL Lab): 6-fold cross-validation,
#             each sixth scored with the lists induced from annotated data
#             made again from the other five (tools/eval_anercorp.py
#             --folds 6), ten sentences a document, PERS/LOC/ORG and micro
#             (MISC is not scored): each part, the mean and the lowest
# CONLL04     CoNLL04 in SpERT's JSON (dev.json): strict NER and relations
#             (tools/eval_conll04.py: rawi eval has no SpERT reader)
# CONLL04_TRAIN  the same on the training split, to watch overfitting
# SEED_GOLD   shared/gold/seed.jsonl: entities and relations, `rawi eval`
# NEWS_DEV    shared/gold/news-dev.jsonl, scored by the score.py next to it
#             per language and half (tools/eval_news.py)
# A table whose path is not given is skipped.
set -eu
[ $# -ge 1 ] || { sed -n '2,22p' "$0"; exit 1; }
rawi=$1
shift
ANERCORP= CONLL04= CONLL04_TRAIN= SEED_GOLD= NEWS_DEV=
for arg in "$@"; do
  case $arg in
  ANERCORP=*|CONLL04=*|CONLL04_TRAIN=*|SEED_GOLD=*|NEWS_DEV=*) eval "${arg%%=*}=\${arg#*=}" ;;
  *) echo "accuracy.sh: unknown argument '$arg'" >&2; exit 1 ;;
  esac
done
tools=$(cd "$(dirname "$0")" && pwd)

if [ -n "$ANERCORP" ]; then
  echo "== ANERcorp $ANERCORP, 6-fold cross-validation"
  python3 "$tools/eval_anercorp.py" "$rawi" "$ANERCORP" --folds 6 --doc-sentences 10
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
if [ -n "$NEWS_DEV" ]; then
  echo
  echo "== news articles $NEWS_DEV (entities and relations per language and half)"
  python3 "$tools/eval_news.py" "$rawi" "$NEWS_DEV" "$(dirname "$NEWS_DEV")/score.py"
fi
