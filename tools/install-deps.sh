#!/bin/sh
# Install the Debian packages rawi needs to build and test, only those that
# are missing. As root it runs apt-get; otherwise it prints the command.
# With --test, also the browser the HTML report is tested in and an Arabic
# font for it; when they cannot be installed, that test is skipped (and
# says so) rather than the whole suite failing.
set -eu

pkgs="gcc make libc6-dev cmake pkg-config libpcre2-dev libicu-dev libcjson-dev zlib1g-dev libcmocka-dev"
browser=""
if [ "${1:-}" = "--test" ]; then
  pkgs="$pkgs valgrind parallel"
  browser="chromium fonts-noto-core"
fi

missing_of() {
  for p in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
      printf ' %s' "$p"
    fi
  done
}
missing=$(missing_of $pkgs)
optional=$(missing_of $browser)
[ -z "$missing$optional" ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "rawi: missing Debian packages:$missing$optional" >&2
  echo "rawi: run as root: apt-get update && apt-get install -y$missing$optional" >&2
  [ -n "$missing" ] && exit 1
  exit 0 # only the browser is missing: build and test without it
fi
echo "rawi: installing$missing$optional" >&2
apt-get update -qq
install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
[ -z "$missing" ] || install $missing
if [ -n "$optional" ] && ! install $optional; then
  echo "rawi: warning: could not install$optional; the HTML browser test will be skipped" >&2
fi
