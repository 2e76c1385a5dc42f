#!/usr/bin/env bash
# Builds the Debian package: a Release build in build-package/, then CPack's .deb, whose
# dependencies come from dpkg-shlibdeps. Install it with
#   sudo apt-get install ./build-package/sockscope_*.deb
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
cmake -S . -B build-package -G Ninja -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build build-package --parallel "$(nproc)"
(cd build-package && cpack -G DEB)
ls build-package/sockscope_*.deb
