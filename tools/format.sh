#!/bin/sh
# The C sources' layout (.clang-format), for make format and make
# format-check.
#   format.sh check   clang-format --dry-run --Werror over every file that is
#                     not listed in tools/format-pending.txt
#   format.sh fix     format every file in place and empty the list
# The pending list holds the files written before the layout was checked;
# one `make format` run formats them all, in a commit of its own, and from
# then on every file is checked.
set -eu
cd "$(dirname "$0")/.."
pending=tools/format-pending.txt
files() {
  find src include tests -name node_modules -prune -o -name '*.[ch]' -print
  ls tools/*.c
}
command -v clang-format > /dev/null || {
  echo "format.sh: clang-format is not installed (apt-get install clang-format)" >&2
  exit 1
}
case ${1:-check} in
fix)
  files | xargs clang-format -i
  : > "$pending"
  ;;
check)
  list=$(files | sort | grep -vxF -f "$pending" || true)
  echo "$list" | xargs clang-format --dry-run --Werror
  echo "format-check: $(echo "$list" | wc -l) files as .clang-format lays them out," \
       "$(grep -c . "$pending" || true) pending (make format)"
  ;;
*)
  echo "usage: format.sh check|fix" >&2
  exit 1
  ;;
esac
