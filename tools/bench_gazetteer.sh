#!/usr/bin/env bash
# Benchmark large user gazetteers: compile time, image size, load time, peak
# memory and extraction throughput with synthetic lists of 10k, 200k and 1M
# entries, against `rawi extract` without a list and `grep -F -f`.
#
# usage: tools/bench_gazetteer.sh RAWI_BINARY [MB]
#
# Generates MB megabytes (default 20; 1 MB = 1,000,000 bytes) of text with
# tools/gen_news_text.py into a temporary directory (removed on exit) and
# cuts it into JSONL documents of about 2 KB (whole paragraphs). Lists come
# from tools/gen_synthetic_gazetteer.py --from-text (about 10% of the
# entries are word sequences of that text, the rest random Arabic words).
# tools/bench_gz_load.c is compiled against librawi_core.a (internal names
# visible) from the binary's build directory to time gz_image_map. Extraction runs use an empty --pack
# directory, so only the synthetic list is loaded.
#
# The lists match more of the text as they grow (more of its sequences are
# in them), so one more list separates the cost of size from the cost of
# matches: the smallest list plus (largest - smallest) entries that can
# never match (--unmatchable), e.g. 1M = 10k + 990k. It finds exactly what
# the smallest list finds.
#
# Timed commands run once untimed as a warm-up, then RUNS times (default 5)
# in interleaved rounds (every command once per round) to spread the noise
# of a shared machine over all of them. Medians are reported.
#
# Environment: RAWI_BENCH_RUNS (default 5), RAWI_BENCH_COMPILE_RUNS
# (default 3), RAWI_BENCH_SIZES (default "10000 200000 1000000"; the grep
# comparison uses 200000 when listed, else the middle size), CC (default cc).
# See docs/benchmarks.md.
set -euo pipefail

RUNS=${RAWI_BENCH_RUNS:-5}
COMPILE_RUNS=${RAWI_BENCH_COMPILE_RUNS:-3}
read -r -a SIZES <<<"${RAWI_BENCH_SIZES:-10000 200000 1000000}"
LOAD_RUNS=11

# shellcheck source=tools/bench_common.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench_common.sh"
bench_args "$@"
[[ -x /usr/bin/time ]] || { echo "$0: /usr/bin/time is required (GNU time)" >&2; exit 2; }

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
rawi=$(cd "$(dirname "$rawi")" && pwd)/$(basename "$rawi")
lib=$(dirname "$rawi")/librawi_core.a
[[ -f $lib ]] || { echo "$0: $lib not found (build the release preset)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rawi-gzbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/empty-pack"

label() { # 10000 -> 10k, 1000000 -> 1M
  awk -v n="$1" 'BEGIN { if (n >= 1e6 && n % 1e6 == 0) printf "%dM", n / 1e6;
    else if (n >= 1e3 && n % 1e3 == 0) printf "%dk", n / 1e3; else printf "%d", n }'
}
minmax() { sort -g | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.2f-%.2f", lo, hi }'; }

grep_size=${SIZES[$((${#SIZES[@]} / 2))]}
for n in "${SIZES[@]}"; do [[ $n == 200000 ]] && grep_size=200000; done

# --- inputs ------------------------------------------------------------------

echo "generating ${mb} MB of text and ${#SIZES[@]} lists ..." >&2
text=$tmp/news.txt
jsonl=$tmp/news.jsonl
python3 "$here/gen_news_text.py" "$mb" >"$text"
python3 -c '
import json, sys
doc, size, k = [], 0, 0
with open(sys.argv[2], "w", encoding="utf-8") as out:
    def emit():
        global doc, size, k
        k += 1
        out.write(json.dumps({"id": "d%d" % k, "text": "\n\n".join(doc)}, ensure_ascii=False) + "\n")
        doc, size = [], 0
    for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n"):
        if p.strip():
            doc.append(p); size += len(p.encode())
            if size >= 2000: emit()
    if doc: emit()
' "$text" "$jsonl"
bytes=$(wc -c <"$text")
jbytes=$(wc -c <"$jsonl")
ndocs=$(wc -l <"$jsonl")

for n in "${SIZES[@]}"; do
  python3 "$here/gen_synthetic_gazetteer.py" "$n" --from-text "$text" \
    -o "$tmp/syn$n.tsv" --surfaces "$tmp/surf$n.txt"
done

first=${SIZES[0]}
last=${SIZES[-1]}
pad=$((last - first))
padname="$(label "$last") = $(label "$first") + $(label "$pad") unmatched"
if ((pad > 0)); then
  python3 "$here/gen_synthetic_gazetteer.py" "$pad" --seed 7 --unmatchable \
    --id-prefix pad/ -o "$tmp/pad.tsv"
  cat "$tmp/syn$first.tsv" "$tmp/pad.tsv" >"$tmp/padded.tsv"
  "$rawi" compile -o "$tmp/padded.gaz" "$tmp/padded.tsv" 2>"$tmp/compile.err" ||
    { cat "$tmp/compile.err" >&2; exit 1; }
fi

# shellcheck disable=SC2046 # pkg-config output is meant to be split
"${CC:-cc}" -O2 -I"$root/include" -I"$root/src" "$here/bench_gz_load.c" "$lib" \
  $(pkg-config --libs icu-uc icu-i18n libpcre2-8 libcjson) -o "$tmp/bench_gz_load"

cat "$text" "$jsonl" "$tmp"/syn*.tsv "$tmp"/surf*.txt >/dev/null # page cache

# --- compile -----------------------------------------------------------------

echo "compiling ($COMPILE_RUNS rounds) ..." >&2
declare -A ctimes crss cinfo
for ((r = 0; r < COMPILE_RUNS; r++)); do
  for n in "${SIZES[@]}"; do
    t0=$(now)
    /usr/bin/time -f %M -o "$tmp/rss" "$rawi" compile -o "$tmp/syn$n.gaz" "$tmp/syn$n.tsv" 2>"$tmp/compile.err" ||
      { cat "$tmp/compile.err" >&2; exit 1; }
    t1=$(now)
    ctimes[$n]+="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }') "
    crss[$n]=$(tail -n 1 "$tmp/rss")
    cinfo[$n]=$(head -n 1 "$tmp/compile.err")
  done
done

# --- load --------------------------------------------------------------------

echo "loading ..." >&2
declare -A load
for n in "${SIZES[@]}"; do
  "$tmp/bench_gz_load" "$tmp/syn$n.gaz" "$LOAD_RUNS" >"$tmp/load$n.txt"
  load[$n]=$(awk '$1 == "load_ms" { print $2 }' "$tmp/load$n.txt")
done

# --- extraction and grep, interleaved ----------------------------------------

# job NAME: run one command of the comparison, output discarded; sets
# job_rss (KiB) and job_note (entities found, or grep's match count).
# grep writes to a file: GNU grep stops at the first match when its output
# is /dev/null, which would time nothing but the pattern compilation.
jobs=("no gazetteer")
for n in "${SIZES[@]}"; do jobs+=("gazetteer $(label "$n")"); done
((pad > 0)) && jobs+=("gazetteer $padname")
jobs+=("grep -F $(label "$grep_size")" "grep -F $(label "$grep_size"), empty input")
job() {
  local name=$1 n rc=0 out=/dev/null
  local -a cmd
  case $name in
    "no gazetteer") cmd=("$rawi" extract --pack "$tmp/empty-pack" "$jsonl") ;;
    "gazetteer $padname")
      cmd=("$rawi" extract --pack "$tmp/empty-pack" --gazetteer "$tmp/padded.gaz" "$jsonl") ;;
    "gazetteer "*)
      for n in "${SIZES[@]}"; do [[ $name == "gazetteer $(label "$n")" ]] && break; done
      cmd=("$rawi" extract --pack "$tmp/empty-pack" --gazetteer "$tmp/syn$n.gaz" "$jsonl") ;;
    *"empty input")
      cmd=(env LC_ALL=C.UTF-8 grep -F -o -f "$tmp/surf$grep_size.txt" /dev/null)
      out=$tmp/grep.out ;;
    "grep -F "*)
      cmd=(env LC_ALL=C.UTF-8 grep -F -o -f "$tmp/surf$grep_size.txt" "$text")
      out=$tmp/grep.out ;;
  esac
  /usr/bin/time -f %M -o "$tmp/rss" "${cmd[@]}" >"$out" 2>"$tmp/job.err" || rc=$?
  if [[ $rc -ne 0 && ! ($name == grep* && $rc -eq 1) ]]; then
    echo "$0: '$name' failed (exit $rc):" >&2
    cat "$tmp/job.err" >&2
    exit 1
  fi
  job_rss=$(tail -n 1 "$tmp/rss")
  if [[ $name == grep* ]]; then
    job_note="$(wc -l <"$out") matches"
  else
    job_note="$(grep -o '[0-9]* entities' "$tmp/job.err" | head -n 1)"
  fi
}

echo "extracting (1 warm-up + $RUNS rounds of ${#jobs[@]} commands) ..." >&2
bench_rounds "$RUNS" "${jobs[@]}"

med() { tr ' ' '\n' <<<"$1" | grep . | median; }
spread() { tr ' ' '\n' <<<"$1" | grep . | minmax; }
# Median over rounds of the per-round ratio a/b (robust to slow rounds).
ratio() {
  paste <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
    awk '{ print $1 / $2 }' | median
}

# --- report ------------------------------------------------------------------

echo "input: $(awk -v b="$bytes" 'BEGIN { printf "%d bytes (%.2f MB)", b, b / 1e6 }') of text (tools/gen_news_text.py $mb)," \
  "as $ndocs JSONL documents of ~2 KB ($jbytes bytes)"
echo "lists: tools/gen_synthetic_gazetteer.py N --from-text (~10% of entries are sequences of the text)"
echo "runs: compile median of $COMPILE_RUNS; load median of $LOAD_RUNS; extract and grep median of $RUNS interleaved rounds after 1 warm-up"
echo "MB/s: text bytes / median wall time, for rawi and grep alike"
echo

base=$(med "${bench_times["no gazetteer"]}")
t_first=$(med "${bench_times["gazetteer $(label "$first")"]}")
printf '%-6s %8s %8s %8s %10s %9s %8s %9s %7s %7s %9s %9s %s\n' \
  list entries words nodes "compile s" "image MB" "load ms" "extract s" "MB/s" \
  "x $(label "$first")" "gaz s" "RSS MiB" entities
printf '%-6s %8s %8s %8s %10s %9s %8s %9.2f %7.1f %7s %9s %9.1f %s\n' \
  none - - - - - - "$base" "$(awk -v b="$bytes" -v s="$base" 'BEGIN { print b / 1e6 / s }')" \
  - - "$(awk -v k="${bench_rss["no gazetteer"]}" 'BEGIN { print k / 1024 }')" "${bench_note["no gazetteer"]% entities}"
for n in "${SIZES[@]}"; do
  name="gazetteer $(label "$n")"
  t=$(med "${bench_times[$name]}")
  read -r words nodes size < <(awk '{ for (i = 1; i <= NF; i++) { if ($i ~ /^words,?$/) w = $(i - 1);
      if ($i == "trie") t = $(i - 1); if ($i == "bytes,") s = $(i - 1) } } END { print w, t, s }' <<<"${cinfo[$n]}")
  printf '%-6s %8d %8d %8d %10.3f %9.1f %8.1f %9.2f %7.1f %7.2f %9.2f %9.1f %s\n' \
    "$(label "$n")" "$n" "$words" "$nodes" "$(med "${ctimes[$n]}")" \
    "$(awk -v s="$size" 'BEGIN { print s / 1e6 }')" "${load[$n]}" "$t" \
    "$(awk -v b="$bytes" -v s="$t" 'BEGIN { print b / 1e6 / s }')" \
    "$(awk -v a="$t" -v b="$t_first" 'BEGIN { print a / b }')" \
    "$(awk -v a="$t" -v b="$base" 'BEGIN { print a - b }')" \
    "$(awk -v k="${bench_rss[$name]}" 'BEGIN { print k / 1024 }')" "${bench_note[$name]% entities}"
done
echo
printf '%-40s %9s %8s %11s %9s  %s\n' command "median s" "MB/s" "min-max s" "RSS MiB" "output"
for name in "${jobs[@]}"; do
  t=$(med "${bench_times[$name]}")
  printf '%-40s %9.2f %8.1f %11s %9.1f  %s\n' "$name" "$t" \
    "$(awk -v b="$bytes" -v s="$t" 'BEGIN { print b / 1e6 / s }')" "$(spread "${bench_times[$name]}")" \
    "$(awk -v k="${bench_rss[$name]}" 'BEGIN { print k / 1024 }')" "${bench_note[$name]}"
done
echo
printf '%-6s %10s %15s\n' list "compile s" "compile RSS MiB"
for n in "${SIZES[@]}"; do
  printf '%-6s %10.3f %15.1f   (runs: %s)\n' "$(label "$n")" "$(med "${ctimes[$n]}")" \
    "$(awk -v k="${crss[$n]}" 'BEGIN { print k / 1024 }')" "$(spread "${ctimes[$n]}")"
done

echo
echo "image sections (bytes, % of image), from the gz_header fields; load = map+populate + checksum + other (header and table checks: a pass over every slot)"
printf '%-22s' section
for n in "${SIZES[@]}"; do printf ' %14s %6s' "$(label "$n")" "%"; done
echo
for s in header words edges entries entities sources strings strings.words strings.entity_ids \
  strings.entity_names strings.attrs strings.surfaces strings.sources padding; do
  printf '%-22s' "$s"
  for n in "${SIZES[@]}"; do
    awk -v s="$s" '$1 == "section" && $2 == s { printf " %14d %6.1f", $3, $4 }' "$tmp/load$n.txt"
  done
  echo
done
printf '%-22s' "load: map+populate ms"
for n in "${SIZES[@]}"; do awk '$1 == "map_ms" { printf " %14.2f %6s", $2, "" }' "$tmp/load$n.txt"; done
echo
printf '%-22s' "load: checksum ms"
for n in "${SIZES[@]}"; do awk '$1 == "checksum_ms" { printf " %14.2f %6s", $2, "" }' "$tmp/load$n.txt"; done
echo
printf '%-22s' "load: other ms"
for n in "${SIZES[@]}"; do
  awk '$1 == "load_ms" { l = $2 } $1 == "map_ms" { m = $2 } $1 == "checksum_ms" { c = $2 }
    END { printf " %14.2f %6s", l - m - c, "" }' "$tmp/load$n.txt"
done
echo
printf '%-22s' "load: total ms"
for n in "${SIZES[@]}"; do awk '$1 == "load_ms" { printf " %14.2f %6s", $2, "" }' "$tmp/load$n.txt"; done
echo

# --- targets -----------------------------------------------------------------

gname="grep -F $(label "$grep_size")"
rname="gazetteer $(label "$grep_size")"
t_last=$(med "${bench_times["gazetteer $(label "$last")"]}")
size_last=$(awk '{ for (i = 1; i <= NF; i++) if ($i == "bytes,") print $(i - 1) }' <<<"${cinfo[$last]}")
load_max=$(for n in "${SIZES[@]}"; do echo "${load[$n]}"; done | sort -g | tail -n 1)
verdict() { awk -v ok="$1" 'BEGIN { print ok ? "met" : "MISSED" }'; }
calc() { awk "BEGIN { print $1 }"; }
target() { printf '  %-50s %-16s %s\n' "$1" "$2" "$3"; }
echo
echo "targets (ratios: of medians, and in brackets the median of per-round ratios):"
c=$(med "${ctimes[$last]}")
target "compile $(label "$last") <= 5 s" "$(printf '%.2f s' "$c")" "$(verdict "$(calc "($c <= 5)")")"
target "image $(label "$last") <= 100 MB" "$(printf '%.1f MB' "$(calc "$size_last / 1e6")")" \
  "$(verdict "$(calc "($size_last <= 100e6)")")"
target "load <= 50 ms (largest image)" "$(printf '%.1f ms' "$load_max")" "$(verdict "$(calc "($load_max <= 50)")")"
rr=$(ratio "${bench_times["gazetteer $(label "$last")"]}" "${bench_times["gazetteer $(label "$first")"]}")
target "extract time $(label "$last") <= 1.2 x $(label "$first")" \
  "$(printf '%.2f x (%.2f x)' "$(calc "$t_last / $t_first")" "$rr")" \
  "$(verdict "$(calc "($t_last / $t_first <= 1.2)")")"
if ((pad > 0)); then
  tp=$(med "${bench_times["gazetteer $padname"]}")
  pr=$(ratio "${bench_times["gazetteer $padname"]}" "${bench_times["gazetteer $(label "$first")"]}")
  target "  same, size alone ($padname)" "$(printf '%.2f x (%.2f x)' "$(calc "$tp / $t_first")" "$pr")" \
    "$(verdict "$(calc "($tp / $t_first <= 1.2)")")"
fi
tg=$(med "${bench_times[$gname]}")
tr_=$(med "${bench_times[$rname]}")
gr=$(ratio "${bench_times[$gname]}" "${bench_times[$rname]}")
target "rawi speed >= 2 x grep -F, $(label "$grep_size") list" \
  "$(printf '%.2f x (%.2f x)' "$(calc "$tg / $tr_")" "$gr")" "$(verdict "$(calc "($tg / $tr_ >= 2)")")"
