#!/usr/bin/env bash
# Benchmark rawi graph: peak memory and time for a run's JSONL results of
# growing size (docs/scaling.md, "rawi graph").
#
# usage: tools/bench_graph.sh RAWI_BINARY [MB] [ANERCORP_TRAIN]
#
# Documents: ANERcorp's training file (CoNLL tokens, eight sentences to a
# document) when its path is given, else 20 MB of tools/gen_news_text.py
# text. rawi extract -j 2 turns them into results once; the results are
# then repeated, each copy under other document ids, to about MB megabytes
# (default 1000) and to a tenth of that:
#
#   same graph   only the document ids differ between copies: the graph
#                stays the size of one copy while the documents grow
#   larger graph entity ids differ too: every copy adds its own entities
#                and facts, so the graph grows with the documents
#
# For each, `rawi graph --format ntriples` and `--format neo4j` write to
# files in the temporary directory; printed: input size, documents, wall
# time, peak RSS (GNU time's %M), output size. Needs /usr/bin/time.
set -euo pipefail

rawi=${1:?usage: $0 RAWI_BINARY [MB] [ANERCORP_TRAIN]}
mb=${2:-1000}
anercorp=${3:-}
[[ -x /usr/bin/time ]] || { echo "$0: /usr/bin/time is required (GNU time)" >&2; exit 2; }
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
rawi=$(cd "$(dirname "$rawi")" && pwd)/$(basename "$rawi")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rawi-graphbench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

echo "documents ..." >&2
if [[ -n $anercorp ]]; then
  python3 - "$anercorp" >"$tmp/docs.jsonl" <<'EOF'
import json, sys
sentences, words, k = [], [], 0
def flush_doc():
    global sentences, k
    if sentences:
        k += 1
        print(json.dumps({"id": f"a{k}", "text": " ".join(sentences)}, ensure_ascii=False))
        sentences = []
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if not parts:
        continue
    words.append(parts[0])
    if parts[0] in (".", "!", "?", "؟"):
        sentences.append(" ".join(words))
        words = []
        if len(sentences) == 8:
            flush_doc()
if words:
    sentences.append(" ".join(words))
flush_doc()
EOF
else
  python3 "$here/gen_news_text.py" 20 >"$tmp/news.txt"
  python3 "$here/text_to_jsonl.py" "$tmp/news.txt" >"$tmp/docs.jsonl"
fi
"$rawi" extract --no-progress -j 2 "$tmp/docs.jsonl" >"$tmp/one.jsonl" 2>/dev/null
one=$(wc -c <"$tmp/one.jsonl")
echo "one copy: $(wc -l <"$tmp/docs.jsonl") documents, $((one / 1000000)) MB of results" >&2

# COPIES MODE OUT: the results repeated; copy c gets ~c after the document
# ids (same) or after every id (larger)
repeat() {
  awk -v copies="$1" -v mode="$2" '
    { lines[NR] = $0 }
    END {
      for (c = 1; c <= copies; c++)
        for (i = 1; i <= NR; i++) {
          line = lines[i]
          if (mode == "same")
            sub(/^\{"id":"[^"]*/, "&~" c, line)
          else
            gsub(/"(id|subject|object)":"[^"]*/, "&~" c, line)
          print line
        }
    }' "$tmp/one.jsonl" >"$3"
}

printf '%-13s %9s %10s %8s %10s %10s %s\n' graph "input MB" documents format "seconds" "peak MB" "output MB"
for mode in same larger; do
  for size in $((mb / 10)) "$mb"; do
    copies=$(((size * 1000000 + one - 1) / one))
    repeat "$copies" "$mode" "$tmp/in.jsonl"
    cat "$tmp/in.jsonl" >/dev/null # page cache
    in_mb=$(($(wc -c <"$tmp/in.jsonl") / 1000000))
    docs=$(wc -l <"$tmp/in.jsonl")
    for fmt in ntriples neo4j; do
      rm -rf "$tmp/out"
      /usr/bin/time -f "%e %M" -o "$tmp/time" \
        "$rawi" graph --format "$fmt" -o "$tmp/out" --tmpdir "$tmp" "$tmp/in.jsonl" 2>"$tmp/err" ||
        { cat "$tmp/err" >&2; exit 1; }
      read -r secs rss <"$tmp/time"
      out_mb=$(($(du -sb "$tmp/out" | cut -f1) / 1000000))
      printf '%-13s %9s %10s %8s %10s %10s %s\n' "$mode" "$in_mb" "$docs" "$fmt" "$secs" \
        "$((rss / 1024))" "$out_mb"
    done
    tail -n 1 "$tmp/err" >&2
  done
done
