#!/usr/bin/env bash
# Builds a benchmark corpus of news text by copying the seed articles and the
# example reports again and again under numbered names until the corpus holds
# at least MIN_MB megabytes (1 MB = 1,000,000 bytes, the unit used for MB/s).
#
#   bench/make_corpus.sh OUT_DIR [MIN_MB=3]
#
# OUT_DIR is created if missing and must be empty. Sources, in this order:
#   $CHRONICLE_SEEDS (if set), else <repo>/../shared/seeds, else /work/shared/seeds
#   <repo>/examples/*.txt
# Output names are r<round>_<source name>, e.g. r0007_000_da2f21641001f4f4.txt.
# Prints one line "files=N bytes=B dir=OUT_DIR" on stdout.
set -euo pipefail

usage() { echo "usage: $0 OUT_DIR [MIN_MB=3]" >&2; exit 2; }
[[ $# -ge 1 && $# -le 2 ]] || usage
out="$1"
min_mb="${2:-3}"
[[ "$min_mb" =~ ^[0-9]+([.][0-9]+)?$ ]] || { echo "make_corpus: MIN_MB must be a positive number, got '$min_mb'" >&2; exit 2; }

root="$(cd "$(dirname "$0")/.." && pwd)"

seeds=""
for d in "${CHRONICLE_SEEDS:-}" "$root/../shared/seeds" /work/shared/seeds; do
  if [[ -n "$d" && -d "$d" ]]; then seeds="$d"; break; fi
done

sources=()
if [[ -n "$seeds" ]]; then
  for f in "$seeds"/*.txt; do [[ -f "$f" ]] && sources+=("$f"); done
else
  echo "make_corpus: warning: no seed directory found; using examples only" >&2
fi
for f in "$root"/examples/*.txt; do [[ -f "$f" ]] && sources+=("$f"); done
[[ ${#sources[@]} -gt 0 ]] || { echo "make_corpus: no source files (seeds or examples/*.txt)" >&2; exit 1; }

mkdir -p "$out"
if [[ -n "$(ls -A "$out")" ]]; then
  echo "make_corpus: $out is not empty" >&2
  exit 1
fi

# Target in bytes (integer arithmetic via awk so fractional MB work).
target=$(awk -v m="$min_mb" 'BEGIN { printf "%d", m * 1000000 }')
[[ "$target" -gt 0 ]] || { echo "make_corpus: MIN_MB must be > 0" >&2; exit 2; }

sizes=()
for f in "${sources[@]}"; do sizes+=("$(stat -c %s "$f")"); done

total=0
files=0
round=0
while [[ $total -lt $target ]]; do
  round=$((round + 1))
  for i in "${!sources[@]}"; do
    [[ $total -lt $target ]] || break
    f="${sources[$i]}"
    cp "$f" "$out/$(printf 'r%04d_%s' "$round" "$(basename "$f")")"
    total=$((total + sizes[i]))
    files=$((files + 1))
  done
done

echo "files=$files bytes=$total dir=$out"
