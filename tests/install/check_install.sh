#!/bin/sh
# check_install.sh BUILD_DIR SOURCE_DIR
# Installs rawi from BUILD_DIR into a temporary prefix, then builds a small
# program against it twice, with CMake's find_package(rawi) and with
# pkg-config, and runs both and the installed rawi executable.
set -eu
build=$1 src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
prefix=$tmp/prefix
cmake --install "$build" --prefix "$prefix" > "$tmp/install.log"
libdir=$(dirname "$(find "$prefix" -name 'librawi.so' | head -1)")
for f in "$prefix/include/rawi/rawi.h" "$libdir/librawi.a" "$libdir/pkgconfig/rawi.pc" \
         "$libdir/cmake/rawi/rawiConfig.cmake" "$prefix/bin/rawi"; do
  [ -e "$f" ] || { echo "not installed: $f"; exit 1; }
done
"$prefix/bin/rawi" --version

cmake -S "$src/tests/install/consumer" -B "$tmp/cm" -DCMAKE_PREFIX_PATH="$prefix" > "$tmp/cm.log"
cmake --build "$tmp/cm" > "$tmp/build.log"
got=$(LD_LIBRARY_PATH="$libdir" "$tmp/cm/consumer")
[ "$got" = "3 المالكي" ] || { echo "find_package consumer printed '$got'"; exit 1; }

PKG_CONFIG_PATH="$libdir/pkgconfig" cc -o "$tmp/pc" "$src/tests/install/consumer/main.c" \
  $(PKG_CONFIG_PATH="$libdir/pkgconfig" pkg-config --cflags --libs rawi)
got=$(LD_LIBRARY_PATH="$libdir" "$tmp/pc")
[ "$got" = "3 المالكي" ] || { echo "pkg-config consumer printed '$got'"; exit 1; }
echo "1 passed, 0 failed"
