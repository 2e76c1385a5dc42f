#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test headless (offscreen).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
./scripts/build.sh -DBUILD_TESTING=ON
export QT_QPA_PLATFORM=offscreen
ctest --test-dir build --output-on-failure --parallel 2 "$@"
