#!/usr/bin/env bash
# Builds Sockscope and runs the message-log benchmark (bench/bench_log.cpp), headless.
# Arguments go to sockscope_bench, e.g. --messages 200000. See README "Performance".
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/deps.sh
./scripts/build.sh
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" ./build/bench/sockscope_bench "$@"
