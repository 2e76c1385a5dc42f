#!/bin/sh
# The .deb CPack makes of BUILD_DIR (as scripts/package.sh does), checked where dpkg is:
#   check-deb.sh BUILD_DIR          exit 77 (skipped) without dpkg-deb or dpkg-shlibdeps
# its dependencies come from dpkg-shlibdeps (Qt WebSockets, QtKeychain) plus the Qt
# platform plugins; it holds the binary, desktop file, icons, metainfo and man page; and
# the binary unpacked from it runs `sockscope run --help` with no display.
set -eu
build=$(cd "$1" && pwd)
command -v dpkg-deb >/dev/null && command -v dpkg-shlibdeps >/dev/null || exit 77
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-deb.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
fail() { echo "check-deb: $*" >&2; exit 1; }
(cd "$build" && cpack -G DEB -B "$tmp/out" >"$tmp/cpack.txt" 2>&1) ||
    { cat "$tmp/cpack.txt" >&2; fail "cpack failed"; }
deb=$(ls "$tmp"/out/sockscope_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for dep in libqt6websockets6 libqt6keychain1 libqt6widgets6 qt6-qpa-plugins; do
    echo "$depends" | grep -q "$dep" || fail "Depends lacks $dep: $depends"
done
contents=$(dpkg-deb -c "$deb")
for f in ./usr/bin/sockscope ./usr/share/applications/sockscope.desktop \
    ./usr/share/icons/hicolor/48x48/apps/sockscope.png ./usr/share/icons/hicolor/scalable/apps/sockscope.svg \
    ./usr/share/metainfo/io.github.sockscope.Sockscope.metainfo.xml ./usr/share/man/man1/sockscope.1; do
    echo "$contents" | grep -q " $f\$" || fail "the package lacks $f"
done
dpkg-deb -x "$deb" "$tmp/root"
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$tmp/root/usr/bin/sockscope" run --help \
    >/dev/null || fail "the packaged sockscope run --help failed"
echo "check-deb: $(basename "$deb"), Depends: $depends"
