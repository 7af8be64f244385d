#!/bin/sh
# Install the Debian packages rawi needs to build and test, only those that
# are missing. As root it runs apt-get; otherwise it prints the command.
# With --test it also installs what the tests load rawi's output into (and
# Debian's pytest, pandas and Dask distributed for tests/python): the
# graph stores (Debian's raptor2/rasqal tools and Virtuoso, and the npm
# package kuzu, pinned by tests/graph/package-lock.json, into tests/graph),
# and the browser the HTML report is rendered in, with an Arabic font. When
# the browser cannot be installed its test is skipped (and says so) rather
# than the whole suite failing.
set -eu

# python3-dev: the Python package (python/); libmicrohttpd-dev: rawi serve
pkgs="gcc make libc6-dev cmake pkg-config libpcre2-dev libicu-dev libcjson-dev zlib1g-dev libcmocka-dev python3-dev libmicrohttpd-dev"
# python3-*: the Python package's tests, the pandas example, the Dask recipe,
# pip install ./python in a venv (tests/install); cppcheck and clang-format:
# make lint and make format-check; groff-base: the manual pages' test
test_pkgs="cppcheck clang-format groff-base valgrind parallel raptor2-utils rasqal-utils virtuoso-opensource nodejs npm python3-pytest python3-pandas python3-distributed python3-venv python3-pip"
browser=""
testing=
if [ "${1:-}" = "--test" ]; then
  testing=1
  pkgs="$pkgs $test_pkgs"
  browser="chromium fonts-noto-core"
fi
# the fuzz preset: clang with libFuzzer (tests/fuzz, docs/errors.md)
[ "${1:-}" = "--fuzz" ] && pkgs="$pkgs clang libclang-rt-14-dev" # libFuzzer is only recommended

# npm ci only when the installed kuzu is not the locked one (it is 500 MB).
npm_deps() {
  dir=$(cd "$(dirname "$0")/../tests/graph" && pwd)
  if (cd "$dir" && node -e '
      const fs = require("fs"), read = (f) => JSON.parse(fs.readFileSync(f, "utf8"));
      const want = read("package-lock.json").packages["node_modules/kuzu"].version;
      process.exit(read("node_modules/kuzu/package.json").version === want ? 0 : 1)' 2> /dev/null); then
    return 0
  fi
  echo "rawi: installing the npm packages of tests/graph (npm ci)" >&2
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error > /dev/null)
}

missing_of() {
  for p in "$@"; do
    # node and npm may come from elsewhere (NodeSource's nodejs bundles npm)
    case $p in nodejs | npm) command -v "${p%js}" > /dev/null && continue ;; esac
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      printf ' %s' "$p"
    fi
  done
}
missing=$(missing_of $pkgs)
optional=$(missing_of $browser)

if [ -n "$missing$optional" ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "rawi: missing Debian packages:$missing$optional" >&2
    echo "rawi: run as root: apt-get update && apt-get install -y$missing$optional" >&2
    [ -n "$missing" ] && exit 1
  else
    echo "rawi: installing$missing$optional" >&2
    apt-get update -qq
    install() {
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
    }
    [ -z "$missing" ] || install $missing
    if [ -n "$optional" ] && ! install $optional; then
      echo "rawi: warning: could not install$optional; the HTML browser test will be skipped" >&2
    fi
  fi
fi
if [ -n "$testing" ]; then
  npm_deps
fi
