#!/usr/bin/env bash
# Fails when a C++ file differs from .clang-format, or when the pure layers include CAF or
# moodycamel. `scripts/check-format.sh --fix` reformats in place instead.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cpp' '*.hpp')
if [ "${1:-}" = "--fix" ]; then
  clang-format -i "${files[@]}"
  exit 0
fi
clang-format --dry-run --Werror "${files[@]}"
if grep -rnE '#include <(caf/|concurrentqueue)' runtime/core operators sql; then
  echo "check-format: the pure layers (runtime/core, operators, sql) must not include CAF or moodycamel" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted, layers clean"
