#!/bin/sh
# Records ../chromium-echo.har again: Debian's chromium (with DevTools open) under Xvfb,
# against Sockscope's built-in echo server (sockscope --echo-server) on port 39863.
#   record.sh PATH/TO/sockscope      needs: chromium, xvfb, python3-websockets
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sockscope=$1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-har.XXXXXX")
pids=""
trap 'kill $pids 2>/dev/null || true; wait; rm -rf "$tmp"' EXIT INT TERM
Xvfb :77 -screen 0 1280x900x24 >/dev/null 2>&1 & pids="$pids $!"
"$sockscope" --echo-server 39863 >/dev/null 2>&1 & pids="$pids $!"
(cd "$here" && exec python3 -m http.server 8765 --bind 127.0.0.1) >/dev/null 2>&1 &
pids="$pids $!"
sleep 1
DISPLAY=:77 chromium --no-sandbox --user-data-dir="$tmp/profile" --no-first-run \
    --no-default-browser-check --remote-debugging-port=9333 --remote-allow-origins='*' \
    --auto-open-devtools-for-tabs about:blank >/dev/null 2>&1 & pids="$pids $!"
sleep 4
/usr/bin/python3 "$here/record.py" 39863 8765 9333 "$here/../chromium-echo.har"
