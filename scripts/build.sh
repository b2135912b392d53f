#!/usr/bin/env bash
# Configures and builds one flavour of Chronicle.
#   scripts/build.sh release   -> build/release   (-Werror)
#   scripts/build.sh asan      -> build/asan      (ASan+UBSan, -Werror)
set -euo pipefail
cd "$(dirname "$0")/.."
flavour="${1:-release}"
case "$flavour" in
  release) flags=(-DCMAKE_BUILD_TYPE=Release -DCHRONICLE_WERROR=ON) ;;
  asan)    flags=(-DCMAKE_BUILD_TYPE=Debug -DCHRONICLE_WERROR=ON -DCHRONICLE_SANITIZE=ON) ;;
  bench)   flags=(-DCMAKE_BUILD_TYPE=Release -DCHRONICLE_BUILD_BENCH=ON) ;;
  *) echo "unknown flavour: $flavour" >&2; exit 2 ;;
esac
cmake -S . -B "build/$flavour" -G Ninja "${flags[@]}" >/dev/null
cmake --build "build/$flavour" -j "$(nproc)"
