#!/bin/sh
# check_install.sh BUILD_DIR SOURCE_DIR
# Installs rawi from BUILD_DIR into a temporary prefix, then builds a small
# program against it three times, with CMake's find_package(rawi), with
# pkg-config and statically next to functions named as rawi's internal
# ones, and runs them and the installed rawi executable. The prefix
# is not the configured one: the library must find the packs installed
# next to it (share/rawi), not the source tree or the configured prefix.
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log"
libdir=$(dirname "$(find "$prefix" -name 'librawi.so' | head -1)")
for f in "$prefix/include/rawi/rawi.h" "$libdir/librawi.a" "$libdir/pkgconfig/rawi.pc" \
         "$libdir/cmake/rawi/rawiConfig.cmake" "$prefix/bin/rawi" \
         "$prefix/share/man/man1/rawi.1" "$prefix/share/man/man3/librawi.3" \
         "$prefix/share/rawi/gazetteers/ar.gaz" "$prefix/share/rawi/gazetteers/en.gaz"; do
  [ -e "$f" ] || { echo "not installed: $f"; exit 1; }
done
"$prefix/bin/rawi" --version
got=$(echo "وصل الوزير إلى العراق." | env -u RAWI_PACK "$prefix/bin/rawi" extract --no-progress)
case $got in *'"id":"country/iq"'*) ;; *) echo "installed rawi extract wrote '$got'"; exit 1 ;; esac

cmake -S "$src/tests/install/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/cm.log"
cmake --build "$tmp/cm" > "$tmp/build.log"
# first line: tokens; second: the packs found; third: a record using them
check_consumer() {
  out=$(env -u RAWI_PACK LD_LIBRARY_PATH="$libdir" ${2:+RAWI_PACK="$2"} "$1")
  line() { printf '%s\n' "$out" | sed -n "$1p"; }
  [ "$(line 1)" = "3 المالكي" ] || { echo "$1 printed '$out'"; exit 1; }
  [ "$(line 2)" = "$prefix/share/rawi" ] || { echo "$1 found the packs in '$(line 2)'"; exit 1; }
  case $(line 3) in
    '{"id":"n1","lang":"ar","entities":[{"id":"country/iq",'*) ;;
    *) echo "$1 wrote '$(line 3)'"; exit 1 ;;
  esac
}
check_consumer "$tmp/cm/consumer"

PKG_CONFIG_PATH="$libdir/pkgconfig" cc -o "$tmp/pc" "$src/tests/install/consumer/main.c" \
  $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs rawi)
check_consumer "$tmp/pc"
# Only the public API leaves the libraries: an application may have
# functions of its own named as rawi's internal ones.
public_only() {
  bad=$(nm $1 --defined-only "$2" | awk 'NF == 3 && $2 ~ /[A-Z]/ && $3 !~ /^rawi_/ {print $3}')
  [ -z "$bad" ] || { echo "$2 exports internal names:"; printf '%s\n' "$bad" | head; exit 1; }
}
public_only -g "$libdir/librawi.a"
public_only -D "$libdir/librawi.so"
# ... and linking the static library next to such functions works: each
# internal function of a pipeline stage gets a namesake in the program
nm --defined-only "$libdir/librawi.a" |
  awk '$2 == "t" && $3 ~ /^(text|gz|rules|resolve|mention|relate|output|conll|edge|discourse)_[a-z0-9_]*$/ {print $3}' |
  sort -u > "$tmp/internal.txt"
[ "$(wc -l < "$tmp/internal.txt")" -ge 50 ] || { echo "few internal names found: $(wc -l < "$tmp/internal.txt")"; exit 1; }
{ echo '/* namesakes of rawi internals, as an application might have */'
  sed 's/.*/int &(void);\nint &(void) { return 0; }/' "$tmp/internal.txt"; } > "$tmp/namesakes.c"
PKG_CONFIG_PATH="$libdir/pkgconfig" cc -o "$tmp/static" "$src/tests/install/consumer/main.c" \
  "$tmp/namesakes.c" -DRAWI_STATIC_DEFINE -I"$prefix/include" "$libdir/librawi.a" \
  $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --libs --static rawi | sed 's/-lrawi//') ||
  { echo "the static library clashes with an application's names"; exit 1; }
# (a static program is not next to the packs: it is told where they are)
check_consumer "$tmp/static" "$prefix/share/rawi"
# the Python package, when the build has it: imported from the prefix,
# it finds the packs installed there too
site=$(find "$prefix" -path '*/dist-packages/rawi/__init__.py' | head -1)
if [ -n "$site" ]; then
  got=$(cd "$tmp" && env -u RAWI_PACK PYTHONPATH="${site%/rawi/__init__.py}" /usr/bin/python3 -c '
import rawi
print(rawi.default_pack_dir())
print(rawi.Model().extract("وصل الوزير إلى العراق.")["entities"][0]["id"])')
  want=$(printf '%s\n%s' "$prefix/share/rawi" country/iq)
  [ "$got" = "$want" ] || { echo "installed Python package printed '$got'"; exit 1; }
fi
# pip install ./python against this installation, offline, in a venv that
# sees Debian's packages (skipped when python3-venv or pip is missing)
if /usr/bin/python3 -m venv --system-site-packages "$tmp/venv" > /dev/null 2>&1 &&
   "$tmp/venv/bin/python" -m pip --version > /dev/null 2>&1; then
  cp -r "$src/python" "$tmp/pysrc"   # pip builds in the tree it is given
  rm -rf "$tmp/pysrc/build"
  PKG_CONFIG_PATH="$libdir/pkgconfig" "$tmp/venv/bin/pip" install -q \
    --no-build-isolation --no-index "$tmp/pysrc" > "$tmp/pip.log" 2>&1 ||
    { cat "$tmp/pip.log"; exit 1; }
  got=$(cd "$tmp" && env -u RAWI_PACK -u PYTHONPATH "$tmp/venv/bin/python" -c '
import rawi
print(rawi.Model().extract("وصل الوزير إلى العراق.")["entities"][0]["id"])')
  [ "$got" = country/iq ] || { echo "pip-installed package printed '$got'"; exit 1; }
else
  echo "skipped: pip install ./python (needs Debian's python3-venv and python3-pip)"
fi
echo "1 passed, 0 failed"
