#!/usr/bin/env bash
# Builds the .deb (scripts/package.sh) and installs it with apt-get, as a user would on a
# clean Debian 12, then runs the installed `sockscope run` from PATH against its own
# built-in echo server, with no display. CI runs it after the tests (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/package.sh
sudo=()
[ "$(id -u)" -ne 0 ] && sudo=(sudo)
"${sudo[@]}" apt-get install -y "./$(ls build-package/sockscope_*.deb)"
config=$(mktemp -d)
trap 'rm -rf "$config"' EXIT
env -u DISPLAY -u WAYLAND_DISPLAY -u QT_QPA_PLATFORM XDG_CONFIG_HOME="$config" \
    sockscope run "Local echo" --send "installed" --expect '^installed$' --close 1000 >/dev/null
echo "install-package: $(command -v sockscope) ran the built-in echo profile"
