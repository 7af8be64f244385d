#!/bin/sh
# The HTML report in a real browser: headless Chromium loads a generated
# page, and the DOM it built is checked against the JSONL output of the same
# input (check_dom.py); hostile names and texts (markup, quotes, bidi
# overrides) must stay text. Saves a screenshot.
#   browser.sh RAWI SCREENSHOT.png          documents written for the test
#   browser.sh RAWI SCREENSHOT.png large    10,000 documents: size, parse, index
# Without Chromium the page as written is still checked, then the test is
# skipped (exit 77) with a message saying so.
set -u
rawi=$1 shot=$2 mode=${3:-small}
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../golden/lib.sh"

# The flags of a machine with no network: no background connections.
browse() {
  timeout 600 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
    --no-first-run --disable-background-networking --disable-component-update \
    --disable-sync --hide-scrollbars --user-data-dir="$tmp/profile" "$@" 2> "$tmp/chromium.log"
}

# Names and text that try to break out: a gazetteer entry that is a script
# tag, one with an ampersand, one with a right-to-left override inside it;
# a document id that closes its attribute.
rlo=$(printf '\342\200\256') pdf=$(printf '\342\200\254')
fsi=$(printf '\342\201\250') pdi=$(printf '\342\201\251')
{
  printf 'Zorb & Quill\tORGANIZATION\torg/zorb-quill\n'
  printf '<script>alert(1)</script>\tORGANIZATION\torg/script-tag\n'
  printf 'Dana %sQuill\tPERSON\tperson/dana-quill\n' "$rlo"
} > "$tmp/hostile.tsv"
hostile_doc() {
  printf '{"id": "x\\"><script>alert(3)</script>", "text": "Zorb & Quill hired Dana %sQuill in Paris.\\nAnalysts at <script>alert(1)</script> in Tulsa said O\\"Brien'"'"'s <b>shop</b> grew. Dana %sQuill%s of Tulsa was hurt. %sx%s"}\n' \
    "$rlo" "$rlo" "$pdf" "$fsi" "$pdi"
}

if [ "$mode" = large ]; then
  python3 - "$here/docs.jsonl" > "$tmp/in.jsonl" <<'PY'
import json, sys
texts = []
for line in open(sys.argv[1], encoding="utf-8"):
    try:
        texts.append(json.loads(line)["text"])
    except ValueError:
        pass
for n in range(10000):
    print(json.dumps({"id": f"doc-{n:05d}", "text": texts[n % len(texts)]}, ensure_ascii=False))
PY
else
  { hostile_doc; cat "$here/docs.jsonl"; } > "$tmp/in.jsonl"
fi

"$rawi" extract -j 2 --gazetteer "$tmp/hostile.tsv" "$tmp/in.jsonl" > "$tmp/out.jsonl" 2> /dev/null
"$rawi" extract -j 2 --gazetteer "$tmp/hostile.tsv" --format html -o "$tmp/report.html" "$tmp/in.jsonl" 2> /dev/null
if [ -s "$tmp/report.html" ]; then ok; else ko "rawi wrote no report"; fi
if [ "$mode" = small ]; then # records do not depend on the thread count
  "$rawi" extract -j 1 --gazetteer "$tmp/hostile.tsv" --format html "$tmp/in.jsonl" 2> /dev/null > "$tmp/j1.html"
  if cmp -s "$tmp/j1.html" "$tmp/report.html"; then ok; else ko "-j 1 and -j 2 pages differ"; fi
  # the writer's own markup is well-formed, before any browser repairs it
  # (on 10,000 documents the browser's DOM is checked only)
  if python3 "$here/check_dom.py" --static "$tmp/out.jsonl" "$tmp/report.html" "$tmp/in.jsonl" > "$tmp/static.log" 2>&1; then
    ok
  else
    ko "page as written:"; head -20 "$tmp/static.log"
  fi
fi
if grep -Eq '(src|href)="(https?:)?//' "$tmp/report.html"; then ko "page refers to the network"; else ok; fi

if [ "$mode" = large ]; then
  size=$(wc -c < "$tmp/report.html")
  echo "10000 documents: $size bytes"
  # about 3 KB a document of two sentences: a page a browser opens
  if [ "$size" -lt 40000000 ]; then ok; else ko "page of $size bytes"; fi
fi

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  finish || exit 1
  echo "SKIP: Chromium is not installed (tools/install-deps.sh --test installs Debian's chromium)"
  exit 77
fi
browse --dump-dom "file://$tmp/report.html" > "$tmp/dom.html"
if [ -s "$tmp/dom.html" ]; then ok; else ko "chromium rendered nothing: $(tail -3 "$tmp/chromium.log")"; fi
if python3 "$here/check_dom.py" "$tmp/out.jsonl" "$tmp/dom.html" "$tmp/in.jsonl" > "$tmp/dom.log" 2>&1; then
  ok
else
  ko "DOM differs from JSONL:"; head -20 "$tmp/dom.log"
fi
tail -1 "$tmp/dom.log"

if [ "$mode" = small ]; then
  if command -v fc-list > /dev/null && [ -z "$(fc-list :lang=ar)" ]; then
    ko "no Arabic font installed (tools/install-deps.sh --test installs fonts-noto-core)"
  else ok; fi
  rm -f "$shot"
  browse --window-size=1200,1400 --screenshot="$shot" "file://$tmp/report.html" > /dev/null
  if [ "$(head -c 4 "$shot" 2> /dev/null | tail -c 3)" = PNG ] && [ "$(wc -c < "$shot")" -gt 20000 ]; then
    ok; echo "screenshot: $shot"
  else
    ko "no screenshot: $(tail -3 "$tmp/chromium.log")"
  fi
fi
finish
