#!/bin/sh
# What `cmake --install` installs, checked as a Debian desktop application's files:
#   check-install.sh BUILD_DIR
# the binary (sockscope run works with no display), the .desktop file
# (desktop-file-validate), the icons (hicolor 48, 128, scalable), the AppStream metainfo
# (appstreamcli validate) and the man page (groff's warnings), which names every exit
# status `sockscope run --help` names.
set -eu
build=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
prefix="$tmp/usr"
cmake --install "$build" --prefix "$prefix" >/dev/null
fail() { echo "check-install: $*" >&2; exit 1; }
for f in bin/sockscope share/applications/sockscope.desktop \
    share/icons/hicolor/48x48/apps/sockscope.png share/icons/hicolor/128x128/apps/sockscope.png \
    share/icons/hicolor/scalable/apps/sockscope.svg \
    share/metainfo/io.github.sockscope.Sockscope.metainfo.xml share/man/man1/sockscope.1; do
    [ -f "$prefix/$f" ] || fail "not installed: $f"
done
desktop-file-validate "$prefix/share/applications/sockscope.desktop" || fail "desktop file"
appstreamcli validate --no-net "$prefix/share/metainfo/io.github.sockscope.Sockscope.metainfo.xml" \
    >"$tmp/appstream.txt" 2>&1 || { cat "$tmp/appstream.txt" >&2; fail "metainfo"; }
warnings=$(groff -ww -man -z "$prefix/share/man/man1/sockscope.1" 2>&1)
[ -z "$warnings" ] || fail "man page: $warnings"
help=$(env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM "$prefix/bin/sockscope" run --help) ||
    fail "sockscope run --help failed"
for status in 0 1 2 3 4 5 6 7 130; do
    echo "$help" | grep -q "^  $status  *[A-Za-z]" || fail "run --help lacks exit status $status"
    grep -q "^\.B $status\$" "$prefix/share/man/man1/sockscope.1" || fail "man page lacks $status"
done
echo "check-install: every file in place and valid"
