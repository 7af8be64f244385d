#!/bin/sh
# run_golden.sh RAWI INPUT EXPECTED SUBCOMMAND [ARGS...]
# Runs `rawi SUBCOMMAND ARGS INPUT` and compares stdout with EXPECTED.
# With RAWI_UPDATE_GOLDEN=1 the expected file is rewritten instead.
set -eu
rawi=$1 input=$2 expected=$3
shift 3
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$rawi" "$@" "$input" > "$out"
if [ "${RAWI_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$out" "$expected"
  echo "updated $expected"
  exit 0
fi
if ! diff -u "$expected" "$out"; then
  echo "golden mismatch for $input (RAWI_UPDATE_GOLDEN=1 to accept)" >&2
  exit 1
fi
