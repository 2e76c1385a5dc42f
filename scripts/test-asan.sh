#!/usr/bin/env bash
# Installs what is missing, builds with AddressSanitizer, LeakSanitizer and UBSan (the
# dev-asan preset in CMakePresets.json, in ./build-asan) and runs every test under them,
# headless. A leak or any UBSan finding fails the test that caused it.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake --preset dev-asan
cmake --build --preset dev-asan --parallel "$(nproc)"
ctest --preset dev-asan --parallel 2 "$@"
