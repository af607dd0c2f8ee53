#!/usr/bin/env bash
# Configures and builds Eddy (Release) into ./build. Extra arguments go to CMake's configure step.
# The compiler's progress goes to build/build.log; on failure its last lines are shown.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p build
echo "build: configuring and compiling with $(nproc) jobs (log: build/build.log)"
if ! { cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" &&
       cmake --build build -j "$(nproc)"; } > build/build.log 2>&1; then
  tail -n 60 build/build.log >&2
  echo "build: FAILED (full log: build/build.log)" >&2
  exit 1
fi
echo "build: done"
