#!/usr/bin/env bash
# Installs what is missing, builds, and launches the Sockscope window.
# Arguments go to sockscope (e.g. --profiles FILE, or --echo-server PORT).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
./scripts/build.sh -DBUILD_TESTING=OFF >/dev/null
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "${QT_QPA_PLATFORM:-}" = "" ]; then
    echo "note: no DISPLAY or WAYLAND_DISPLAY is set; the window needs a desktop session" \
         "(or Xvfb: xvfb-run -a ./scripts/run.sh)." >&2
fi
exec ./build/sockscope "$@"
