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
finish() {
  echo "$passes passed, $fails failed"
  [ "$fails" = 0 ]
}
