#!/bin/sh
# docs/examples/graph_feed.c on this folder's documents: the same answer to
# "whom did Blinken meet" as the RDF and Cypher stores give.
#   feed.sh GRAPH_FEED SOURCE_DIR
set -u
feed=$1 src=$2
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../golden/lib.sh"
python3 -c '
import json, sys
for line in open(sys.argv[1], encoding="utf-8"):
    if line.startswith("{"):
        print(json.loads(line)["text"].replace("\n", " "))
' "$here/news.jsonl" > "$tmp/docs.txt"
"$feed" "$src" "بلينكن" < "$tmp/docs.txt" > "$tmp/answer"
if cmp -s "$tmp/answer" "$here/blinken.expected"; then ok
else ko "graph_feed: whom did Blinken meet"; cat "$tmp/answer"; fi
finish
