#!/usr/bin/env bash
# Installs the Debian 12 packages Sockscope needs to build, run and test, if any are
# missing. Safe to run again: it does nothing when everything is there.
set -euo pipefail

packages=(
    cmake ninja-build g++            # build tools; g++ brings libasan8 and libubsan1 (dev-asan)
    qt6-base-dev qt6-websockets-dev  # Qt 6.4: Core, Network, Gui, Widgets, Test, WebSockets
    libssl3 ca-certificates          # TLS for wss:// (Qt's OpenSSL backend loads libssl)
    fonts-dejavu-core                # a font for the window, also offscreen
    python3 python3-websockets       # the third-party peer the tests start
    tinyproxy-bin                    # the HTTP proxy tst_proxy starts (/usr/bin/tinyproxy, no service)
    qtkeychain-qt6-dev               # secrets in the OS keychain (QtKeychain, the Secret Service on Linux)
    gnome-keyring dbus-daemon        # a real Secret Service in the keychain tests' own D-Bus session
    libsecret-tools                  # secret-tool: the keychain tests read what the app stored
    appstream desktop-file-utils     # tests/packaging: appstreamcli and desktop-file-validate
    groff-base dpkg-dev              # the man page's warnings; dpkg-shlibdeps for CPack's .deb
)

missing=()
for p in "${packages[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing Debian packages: ${missing[*]}"
sudo=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        sudo=(sudo)
    else
        echo "error: need root or sudo to install: ${missing[*]}" >&2
        exit 1
    fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
