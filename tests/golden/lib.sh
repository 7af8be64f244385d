# Sourced by the golden test scripts: a temporary directory removed at exit,
# pass/fail counters, and the closing line ctest and CI read.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passes=0 fails=0
ok() { passes=$((passes + 1)); }
ko() { echo "FAIL $*"; fails=$((fails + 1)); }
# check NAME COMMAND...: a pass when the command succeeds
check() {
  name=$1
  shift
  if "$@"; then ok; else ko "$name"; fi
}
# measure OUT CMD...: run CMD (stdout to OUT, stderr to $tmp/err) and
# leave its elapsed seconds and peak kilobytes in $tmp/time, for figures a
# test prints (never asserts on: the machine is shared)
measure() {
  out=$1
  shift
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f '%e %M' -o "$tmp/time" "$@" > "$out" 2> "$tmp/err"
  else
    start=$(date +%s)
    "$@" > "$out" 2> "$tmp/err"
    echo "$(( $(date +%s) - start )) 0" > "$tmp/time"
  fi
}
# figures: "S s, K KB" from $tmp/time
figures() { read -r secs kb < "$tmp/time"; echo "$secs s, $kb KB"; }
# skip_without CMD WHAT: exit 77 (ctest's skip) saying what is missing
skip_without() {
  command -v "$1" > /dev/null && return 0
  echo "SKIP: $2"
  exit 77
}
finish() {
  echo "$passes passed, $fails failed"
  [ "$fails" = 0 ]
}
