#!/bin/sh
# Install the Debian packages rawi needs to build and test, only those that
# are missing. As root it runs apt-get; otherwise it prints the command.
set -eu

pkgs="gcc make libc6-dev cmake pkg-config libpcre2-dev libicu-dev libcjson-dev zlib1g-dev libcmocka-dev"
[ "${1:-}" = "--test" ] && pkgs="$pkgs valgrind parallel"
# the fuzz preset: clang with libFuzzer (tests/fuzz, docs/errors.md)
[ "${1:-}" = "--fuzz" ] && pkgs="$pkgs clang libclang-rt-14-dev" # libFuzzer is only recommended

missing=""
for p in $pkgs; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing="$missing $p"
  fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "rawi: missing Debian packages:$missing" >&2
  echo "rawi: run as root: apt-get update && apt-get install -y$missing" >&2
  exit 1
fi
echo "rawi: installing$missing" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
