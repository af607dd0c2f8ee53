#!/usr/bin/env bash
# Fresh machine to first result: installs dependencies, builds, and runs the quickstart app on the
# bundled data, printing what it wrote.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh -DEDDY_BUILD_TESTS=OFF -DEDDY_BUILD_PERF=OFF
cd examples/quickstart
../../build/apps/eddy/eddy run big_orders.sql
echo "--- out/big_orders.jsonl"
cat out/big_orders.jsonl
