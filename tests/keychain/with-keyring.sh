#!/bin/sh
# Runs the command given in its own D-Bus session (dbus-run-session) with a real Secret
# Service: gnome-keyring-daemon, its login keyring created and unlocked with a test
# password. HOME and the XDG folders are a new temporary folder, removed afterwards, so
# nothing touches the user's own keyring or settings.
#   with-keyring.sh COMMAND [ARG]...        the Secret Service is there
#   with-keyring.sh --no-keyring COMMAND... no D-Bus session at all: no keychain
set -eu
keyring=yes
if [ "${1:-}" = "--no-keyring" ]; then
    keyring=no
    shift
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sockscope-keyring.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
export HOME="$tmp/home"
export XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"
export XDG_CACHE_HOME="$HOME/.cache" XDG_RUNTIME_DIR="$tmp/run"
mkdir -p "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_CACHE_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY
if [ "$keyring" = no ]; then
    unset DBUS_SESSION_BUS_ADDRESS
    status=0
    "$@" || status=$?
    exit $status
fi
status=0
dbus-run-session -- sh -c '
    printf %s sockscope-test-password |
        gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90
    "$@"' sh "$@" || status=$?
exit $status
