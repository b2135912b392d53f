#!/usr/bin/env bash
# The README's test command: installs what is missing, builds Chronicle twice
# (normal -Werror build and an ASan+UBSan build) and runs every test in both,
# then a short fuzz run of every libFuzzer target (FUZZ_SECONDS each, default
# 5; FUZZ_SECONDS=0 skips it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
for flavour in release asan; do
  echo "== $flavour build" >&2
  scripts/build.sh "$flavour"
  echo "== $flavour tests" >&2
  (cd "build/$flavour" && ctest --output-on-failure -j "$(nproc)")
done
seconds="${FUZZ_SECONDS:-5}"
if [ "$seconds" != 0 ]; then
  echo "== fuzz (${seconds}s per target)" >&2
  fuzz/run.sh "$seconds"
fi
