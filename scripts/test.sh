#!/usr/bin/env bash
# Fresh machine to green tests: installs dependencies, builds everything, checks formatting and
# runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/check-format.sh
scripts/build.sh -DEDDY_BUILD_TESTS=ON -DEDDY_BUILD_PERF=ON
ctest --test-dir build --output-on-failure -j "$(nproc)"
