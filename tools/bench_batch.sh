#!/usr/bin/env bash
# Benchmark batch extraction: rawi extract -j 1 and -j 2 with the shipped
# Arabic pack plus a 200k-entry synthetic list, next to grep -F -o -f with
# the same 200k surface forms on the same text, in the same run; then peak
# memory when the same documents stream through stdin 1x and Kx.
#
# usage: tools/bench_batch.sh RAWI_BINARY [MB]
#
# MB (default 50) of tools/gen_news_text.py text, cut into JSONL documents
# of ~2 KB (tools/text_to_jsonl.py) for rawi; grep reads the text itself.
# Runs are interleaved (each command once per round, RAWI_BENCH_RUNS rounds,
# default 5, after a warm-up); medians are reported, and ratios as the
# median of per-round ratios. RAWI_BENCH_STREAM (default "1 10") lists the
# repetition counts of the streaming-memory runs (-j 2, input via stdin).
# RAWI_BENCH_BASELINE=OTHER_RAWI adds "base -j 1", another build (an
# earlier revision) in the same rounds, with its own compiled list, and
# prints the throughput of this one relative to it.
# See docs/benchmarks.md.
set -euo pipefail

RUNS=${RAWI_BENCH_RUNS:-5}
read -r -a STREAM <<<"${RAWI_BENCH_STREAM:-1 10}"
LIST=200000

# shellcheck source=tools/bench_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench_common.sh"
bench_args "$@"
mb=${2:-50}
[[ -x /usr/bin/time ]] || { echo "$0: /usr/bin/time is required (GNU time)" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rawi=$(cd "$(dirname "$rawi")" && pwd)/$(basename "$rawi")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rawi-batchbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

calc() { awk "BEGIN { print $1 }"; }

echo "generating ${mb} MB of text and a ${LIST}-entry list ..." >&2
text=$tmp/news.txt
jsonl=$tmp/news.jsonl
python3 "$here/gen_news_text.py" "$mb" >"$text"
python3 "$here/text_to_jsonl.py" "$text" >"$jsonl"
python3 "$here/gen_synthetic_gazetteer.py" "$LIST" --from-text "$text" \
  -o "$tmp/syn.tsv" --surfaces "$tmp/surf.txt"
"$rawi" compile -o "$tmp/syn.gaz" "$tmp/syn.tsv" 2>/dev/null
base=${RAWI_BENCH_BASELINE:-}
if [[ -n $base ]]; then
  "$base" compile -o "$tmp/syn-base.gaz" "$tmp/syn.tsv" 2>/dev/null
fi
bytes=$(wc -c <"$text")
ndocs=$(wc -l <"$jsonl")
cat "$text" "$jsonl" "$tmp/syn.gaz" "$tmp/surf.txt" >/dev/null # page cache

jobs=("rawi -j 1" "rawi -j 2" "grep -F")
[[ -n $base ]] && jobs+=("base -j 1")
job() { # NAME: run it, output to a file; sets job_rss (KiB)
  local -a cmd
  case $1 in
    "rawi -j "*) cmd=("$rawi" extract --no-progress -j "${1#rawi -j }" --gazetteer "$tmp/syn.gaz" "$jsonl") ;;
    "base -j 1") cmd=("$base" extract --no-progress -j 1 --gazetteer "$tmp/syn-base.gaz" "$jsonl") ;;
    "grep -F") cmd=(env LC_ALL=C.UTF-8 grep -F -o -f "$tmp/surf.txt" "$text") ;;
  esac
  # grep writes to a file: to /dev/null it stops at the first match
  /usr/bin/time -f %M -o "$tmp/rss" "${cmd[@]}" >"$tmp/out" 2>"$tmp/err" || {
    [[ $1 == grep* && $? -eq 1 ]] || { cat "$tmp/err" >&2; exit 1; }
  }
  job_rss=$(tail -n 1 "$tmp/rss")
}

echo "timing (1 warm-up + $RUNS rounds of ${#jobs[@]} commands) ..." >&2
bench_rounds "$RUNS" "${jobs[@]}"
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
ratio() { # median over rounds of a/b
  paste <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
    awk '{ print $1 / $2 }' | median
}

echo "streaming: the documents through stdin ${STREAM[*]} times (-j 2) ..." >&2
declare -A srss stime
for k in "${STREAM[@]}"; do
  t0=$(now)
  for ((i = 0; i < k; i++)); do cat "$jsonl"; done |
    /usr/bin/time -f %M -o "$tmp/rss" "$rawi" extract --no-progress -j 2 \
      --gazetteer "$tmp/syn.gaz" --input-format jsonl >/dev/null 2>"$tmp/err"
  t1=$(now)
  srss[$k]=$(tail -n 1 "$tmp/rss")
  stime[$k]=$(calc "$t1 - $t0")
done

echo "input: $(calc "$bytes / 1e6") MB of text (tools/gen_news_text.py $mb), $ndocs JSONL documents"
echo "rawi: shipped packs + --gazetteer of $LIST synthetic entries; grep: the same $LIST surface forms"
echo "median of $RUNS interleaved rounds; MB/s = text MB / wall time"
echo
printf '%-12s %9s %8s %9s %9s\n' command "median s" "MB/s" "docs/s" "RSS MiB"
for name in "${jobs[@]}"; do
  t=$(med "${bench_times[$name]}")
  printf '%-12s %9.2f %8.2f %9s %9.1f\n' "$name" "$t" "$(calc "$bytes / 1e6 / $t")" \
    "$([[ $name == rawi* || $name == base* ]] && calc "int($ndocs / $t)" || echo -)" "$(calc "${bench_rss[$name]} / 1024")"
done
echo
for k in "${STREAM[@]}"; do
  printf 'stream %3dx (%7.1f MB of JSONL): peak RSS %6.1f MiB, %.1f s\n' "$k" \
    "$(calc "$k * $(wc -c <"$jsonl") / 1e6")" "$(calc "${srss[$k]} / 1024")" "${stime[$k]}"
done
echo
j1_grep=$(ratio "${bench_times["grep -F"]}" "${bench_times["rawi -j 1"]}")
j2_j1=$(ratio "${bench_times["rawi -j 1"]}" "${bench_times["rawi -j 2"]}")
peak=$(for k in "${!srss[@]}"; do echo "${srss[$k]}"; done; echo "${bench_rss["rawi -j 1"]}"; echo "${bench_rss["rawi -j 2"]}")
peak=$(sort -g <<<"$peak" | tail -n 1)
verdict() { [[ $(calc "($1)") == 1 ]] && echo met || echo MISSED; }
echo "targets:"
printf '  %-36s %8.2fx  %s\n' "rawi -j 1 speed / grep -F speed >= 2" "$j1_grep" "$(verdict "$j1_grep >= 2")"
printf '  %-36s %8.2fx  %s\n' "rawi -j 2 speed / -j 1 speed >= 1.8" "$j2_j1" "$(verdict "$j2_j1 >= 1.8")"
printf '  %-36s %8.1f MiB  %s\n' "peak RSS <= 200 MB" "$(calc "$peak / 1024")" "$(verdict "$peak * 1024 <= 200e6")"
if [[ -n $base ]]; then
  vs_base=$(ratio "${bench_times["base -j 1"]}" "${bench_times["rawi -j 1"]}")
  printf '  %-36s %8.2fx  %s\n' "rawi -j 1 speed / base -j 1 >= 0.9" "$vs_base" "$(verdict "$vs_base >= 0.9")"
fi
