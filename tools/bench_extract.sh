#!/usr/bin/env bash
# Benchmark extraction on a realistic workload, against grep and the text
# stage, in the same run (docs/benchmarks.md, "Extraction").
#
# usage: tools/bench_extract.sh RAWI_BINARY ANERCORP_TRAIN [CONLL04_JSON] [MB]
#
# Arabic: ANERcorp's train text (one sentence a line) repeated to MB
# megabytes (default 20) as JSONL documents of 25 sentences; a user list of
# 200,000 multi-word names: every PERS name of the corpus (about 1,700),
# the rest random pairs and triples of corpus words, so that mentions are
# as sparse as in a real sanctions or people list. The list is compiled
# once with `rawi compile` (not timed); grep reads the same surface forms
# (its pattern compiling is timed: it has no other way). Printed: rawi -j 1
# and -j 2 against `grep -F -o -f`, against `rawi tokenize --count`, and
# peak RSS.
#
# English (when CONLL04_JSON is given, and node is installed): CoNLL04
# sentences repeated to MB/4 megabytes as documents of 20 sentences,
# `rawi extract --lang en -j 1` against the npm package compromise
# (people, places, organisations; tools/bench-en, installed with npm ci
# on first use).
#
# Runs are interleaved (each command once per round, RAWI_BENCH_RUNS
# rounds, default 5, after a warm-up); medians, and ratios as the median
# of per-round ratios (of wall times; CPU s is user + system time, which a
# loaded machine inflates less). RAWI_BENCH_DIR: build the workload in that folder
# and keep it there (docs.jsonl, list.gaz, en.jsonl, ...).
set -euo pipefail

RUNS=${RAWI_BENCH_RUNS:-5}
LIST=200000
[[ $# -ge 2 && $# -le 4 ]] || {
  sed -n '2,27p' "$0" >&2
  exit 2
}
rawi=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
anercorp=$2
conll04=${3:-}
mb=${4:-20}
[[ -x $rawi ]] || { echo "$0: '$1' is not an executable" >&2; exit 2; }
[[ -r $anercorp ]] || { echo "$0: cannot read '$anercorp'" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "$0: /usr/bin/time is required (GNU time)" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tools/bench_common.sh
source "$here/bench_common.sh"
if [[ -n ${RAWI_BENCH_DIR:-} ]]; then # keep the workload there
  tmp=$RAWI_BENCH_DIR
  mkdir -p "$tmp"
else
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/rawi-extractbench.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
fi
calc() { awk "BEGIN { print $1 }"; }
med() { tr ' ' '\n' <<<"$1" | grep . | median; }
ratio() { # median over rounds of a/b
  paste <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
    awk '{ print $1 / $2 }' | median
}

echo "building the workload: ${mb} MB of ANERcorp text, a ${LIST}-name list ..." >&2
python3 - "$anercorp" "$mb" "$LIST" "$tmp" <<'EOF'
import json, random, sys
path, mb, n_list, tmp = sys.argv[1], float(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
sents, words, names, cur, name = [], [], [], [], []
for line in open(path, encoding="utf-8"):
    parts = line.split()
    if not parts:
        if cur:
            sents.append(" ".join(cur))
        cur = []
        continue
    tok, tag = parts[0], parts[-1]
    cur.append(tok)
    words.append(tok)
    if tag == "B-PERS" or (tag == "I-PERS" and not name):
        if len(name) > 1:
            names.append(" ".join(name))
        name = [tok]
    elif tag == "I-PERS":
        name.append(tok)
    else:
        if len(name) > 1:
            names.append(" ".join(name))
        name = []
if cur:
    sents.append(" ".join(cur))
names = list(dict.fromkeys(names))
rng = random.Random(2026)
vocab = [w for w in dict.fromkeys(words) if any("\u0621" <= c <= "\u064a" for c in w)]
surf = list(names)
seen = set(surf)
while len(surf) < n_list:
    s = " ".join(rng.choice(vocab) for _ in range(rng.choice((2, 3))))
    if s not in seen:
        seen.add(s)
        surf.append(s)
with open(f"{tmp}/list.tsv", "w", encoding="utf-8") as f:
    for i, s in enumerate(surf):
        f.write(f"{s}\tPERSON\tbench/{i}\n")
with open(f"{tmp}/surf.txt", "w", encoding="utf-8") as f:
    f.write("\n".join(surf) + "\n")
target, size, i, doc = mb * 1e6, 0, 0, 0
with open(f"{tmp}/text.txt", "w", encoding="utf-8") as t, \
        open(f"{tmp}/docs.jsonl", "w", encoding="utf-8") as j:
    while size < target:
        chunk = [sents[(i + k) % len(sents)] for k in range(25)]
        i += 25
        text = "\n".join(chunk) + "\n"
        t.write(text)
        j.write(json.dumps({"id": f"d{doc}", "text": text}, ensure_ascii=False) + "\n")
        doc += 1
        size += len(text.encode("utf-8"))
print(f"{len(names)} corpus names, {len(surf)} surfaces, {doc} documents", file=sys.stderr)
EOF
"$rawi" compile -o "$tmp/list.gaz" "$tmp/list.tsv" 2>/dev/null
bytes=$(wc -c <"$tmp/text.txt")
ndocs=$(wc -l <"$tmp/docs.jsonl")
cat "$tmp/text.txt" "$tmp/docs.jsonl" "$tmp/list.gaz" "$tmp/surf.txt" >/dev/null # page cache

jobs=("rawi -j 1" "rawi -j 2" "grep -F" "tokenize")
job() { # NAME: run it, output to a file; sets job_rss (KiB)
  local -a cmd
  case $1 in
    "rawi -j "*) cmd=("$rawi" extract --no-progress -j "${1#rawi -j }" --lang ar
                      --gazetteer "$tmp/list.gaz" "$tmp/docs.jsonl") ;;
    "grep -F") cmd=(env LC_ALL=C.UTF-8 grep -F -o -f "$tmp/surf.txt" "$tmp/text.txt") ;;
    tokenize) cmd=("$rawi" tokenize --count "$tmp/text.txt") ;;
    compromise) cmd=(node "$here/bench-en/people.js" "$tmp/en.txt") ;;
    "rawi en") cmd=("$rawi" extract --no-progress -j 1 --lang en "$tmp/en.jsonl") ;;
  esac
  # grep writes to a file: to /dev/null it stops at the first match
  /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "${cmd[@]}" >"$tmp/out" 2>"$tmp/err" || {
    [[ $1 == grep* && $? -eq 1 ]] || { cat "$tmp/err" >&2; exit 1; }
  }
  local rss user sys
  read -r rss user sys < <(tail -n 1 "$tmp/rss")
  job_rss=$rss
  bench_cpu[$1]+="$(calc "$user + $sys") " # the warm-up's first
}
declare -A bench_cpu
cpu_med() { med "$(cut -d' ' -f2- <<<"${bench_cpu[$1]}")"; }

en_jobs=()
if [[ -n $conll04 ]] && command -v node >/dev/null; then
  if [[ ! -d $here/bench-en/node_modules/compromise ]]; then
    echo "installing compromise (npm ci in tools/bench-en) ..." >&2
    (cd "$here/bench-en" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  fi
  python3 - "$conll04" "$mb" "$tmp" <<'EOF'
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
sents = [" ".join(s["tokens"]) for s in data]
target, size, i, doc = float(sys.argv[2]) / 4 * 1e6, 0, 0, 0
with open(f"{sys.argv[3]}/en.txt", "w", encoding="utf-8") as t, \
        open(f"{sys.argv[3]}/en.jsonl", "w", encoding="utf-8") as j:
    while size < target:
        text = "\n".join(sents[(i + k) % len(sents)] for k in range(20)) + "\n"
        i += 20
        t.write(text + "\f\n")
        j.write(json.dumps({"id": f"e{doc}", "text": text}) + "\n")
        doc += 1
        size += len(text)
EOF
  en_jobs=("rawi en" compromise)
elif [[ -n $conll04 ]]; then
  echo "node is not installed: the English comparison is skipped" >&2
fi

echo "timing (1 warm-up + $RUNS rounds of $((${#jobs[@]} + ${#en_jobs[@]})) commands) ..." >&2
load0=$(cut -d' ' -f1-3 /proc/loadavg)
bench_rounds "$RUNS" "${jobs[@]}" "${en_jobs[@]}"
load1=$(cut -d' ' -f1-3 /proc/loadavg)

echo "Arabic: $(calc "$bytes / 1e6") MB of ANERcorp text as $ndocs documents of 25 sentences"
echo "rawi: shipped packs + a compiled list of $LIST names; grep: the same surface forms"
echo "median of $RUNS interleaved rounds; load average $load0 before, $load1 after ($(nproc) cores)"
echo
printf '%-12s %9s %8s %9s %9s\n' command "median s" "MB/s" "CPU s" "RSS MiB"
for name in "${jobs[@]}"; do
  t=$(med "${bench_times[$name]}")
  printf '%-12s %9.2f %8.2f %9.2f %9.1f\n' "$name" "$t" "$(calc "$bytes / 1e6 / $t")" \
    "$(cpu_med "$name")" "$(calc "${bench_rss[$name]} / 1024")"
done
j1_grep=$(ratio "${bench_times["grep -F"]}" "${bench_times["rawi -j 1"]}")
j1_tok=$(ratio "${bench_times["tokenize"]}" "${bench_times["rawi -j 1"]}")
j2_j1=$(ratio "${bench_times["rawi -j 1"]}" "${bench_times["rawi -j 2"]}")
peak=$(printf '%s\n' "${bench_rss["rawi -j 1"]}" "${bench_rss["rawi -j 2"]}" | sort -g | tail -n 1)
verdict() { [[ $(calc "($1)") == 1 ]] && echo met || echo MISSED; }
echo
echo "targets:"
printf '  %-40s %8.2fx  %s\n' "rawi -j 1 speed / grep -F speed >= 2" "$j1_grep" "$(verdict "$j1_grep >= 2")"
printf '  %-40s %8.2fx  %s\n' "rawi -j 1 speed / tokenize speed >= 0.25" "$j1_tok" "$(verdict "$j1_tok >= 0.25")"
printf '  %-40s %8.2fx  %s\n' "rawi -j 2 speed / -j 1 speed >= 1.85" "$j2_j1" "$(verdict "$j2_j1 >= 1.85")"
printf '  %-40s %8.1f MiB  %s\n' "peak RSS <= 200 MB" "$(calc "$peak / 1024")" "$(verdict "$peak * 1024 <= 200e6")"
if ((${#en_jobs[@]})); then
  en_bytes=$(wc -c <"$tmp/en.txt")
  echo
  echo "English: $(calc "$en_bytes / 1e6") MB of CoNLL04 sentences, documents of 20 sentences"
  for name in "${en_jobs[@]}"; do
    t=$(med "${bench_times[$name]}")
    printf '%-12s %9.2f %8.3f %9.2f %9.1f\n' "$name" "$t" "$(calc "$en_bytes / 1e6 / $t")" \
      "$(cpu_med "$name")" "$(calc "${bench_rss[$name]} / 1024")"
  done
  en_ratio=$(ratio "${bench_times[compromise]}" "${bench_times["rawi en"]}")
  printf '  %-40s %8.1fx  %s\n' "rawi --lang en / compromise >= 100" "$en_ratio" "$(verdict "$en_ratio >= 100")"
fi
