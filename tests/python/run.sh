#!/bin/sh
# run.sh PYTHON TEST_FILE...: the pytest files of tests/python under the
# given interpreter (Debian's python3-pytest); exit 77 (skipped, with the
# reason) when that interpreter has no pytest.
py=$1
shift
if ! "$py" -c 'import pytest' 2> /dev/null; then
  echo "skipped: $py has no pytest (Debian: apt-get install python3-pytest)"
  exit 77
fi
cd "$(dirname "$0")" || exit 1
exec "$py" -m pytest -q -p no:cacheprovider "$@"
