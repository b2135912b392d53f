#!/usr/bin/env bash
# Speed of the whole `chronicle build` pipeline (read, analyse, merge, store,
# reports) against chrono-node's date parsing alone, on the same corpus and in
# the same run. See bench/README.md.
#
#   bench/run_build_bench.sh
#
# Environment (all optional):
#   RUNS=5          measured runs per tool; medians are reported
#   MIN_MB=3        corpus size (bench/make_corpus.sh: seeds + examples repeated)
#   DCT=2025-07-25  reference date for chrono-node (chronicle infers or reads dates)
#   SKIP_BUILD=1    use the existing build/release/chronicle
#   CHRONICLE=path  binary to measure (default build/release/chronicle)
#
# Prints one line per measurement and a summary; writes
# bench/results/build-<YYYY-MM-DD>.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
cd "$root"
runs="${RUNS:-5}"
min_mb="${MIN_MB:-3}"
dct="${DCT:-2025-07-25}"
chronicle="${CHRONICLE:-$root/build/release/chronicle}"
log() { echo "[bench] $*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then scripts/build.sh release >&2; fi
if [[ ! -d "$bench/node_modules/chrono-node" ]]; then
  log "npm ci in bench/"
  (cd "$bench" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/chronicle-build-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
"$bench/make_corpus.sh" "$tmp/corpus" "$min_mb" >&2
bytes=$(find "$tmp/corpus" -maxdepth 1 -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')
files=$(find "$tmp/corpus" -maxdepth 1 -type f | wc -l)

[[ -n "${EPOCHREALTIME:-}" ]] || { echo "run_build_bench: bash 5 (EPOCHREALTIME) is needed" >&2; exit 1; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# The corpus is the same few articles again and again: --keep-duplicates
# makes build analyse every file (by default it would analyse each text once
# and keep the copies as extra sources); time_dedup measures that default.
# Prints the wall-clock seconds; the CPU seconds (user + system, all
# threads) go to $tmp/cpu_$1, one line per run.
# The clock is bash's own ($EPOCHREALTIME) and the CPU seconds come from the
# `times` builtin (the children's user and system time, before and after):
# no wrapper process (/usr/bin/time) and no subshell inside the timed
# interval, which on this VM cost 7-15 ms a run.
children_cpu() {  # seconds of user + system time of finished children, from `times` output in $1
  awk 'FNR == 2 { for (i = 1; i <= 2; i++) { split($i, a, "m"); sub("s", "", a[2]); s += a[1] * 60 + a[2] } }
       END { printf "%.3f", s }' "$1"
}
time_build() {  # $1 = threads
  local t0 t1
  rm -rf "$tmp/out"
  times >"$tmp/times0"
  t0=$EPOCHREALTIME
  "$chronicle" build "$tmp/corpus" -o "$tmp/out" --threads "$1" --keep-duplicates 2>/dev/null
  t1=$EPOCHREALTIME
  times >"$tmp/times1"
  awk -v a="$(children_cpu "$tmp/times0")" -v b="$(children_cpu "$tmp/times1")" 'BEGIN { printf "%.2f\n", b - a }' \
    >>"$tmp/cpu_$1"
  awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.6f\n", b - a }'
}

# One warm-up run of each, then RUNS interleaved measured runs.
time_build 1 >/dev/null
node "$bench/chrono_bench.js" "$tmp/corpus" "$dct" >/dev/null
time_dedup() {
  local t0 t1
  rm -rf "$tmp/out"
  t0=$EPOCHREALTIME
  "$chronicle" build "$tmp/corpus" -o "$tmp/out" 2>/dev/null
  t1=$EPOCHREALTIME
  awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN { printf "%.6f\n", b - a }'
}

load_before=$(cut -d' ' -f1 /proc/loadavg)
rm -f "$tmp"/cpu_*
b1=(); b2=(); c=(); d=()
for ((i = 0; i < runs; i++)); do
  b1+=("$(time_build 1)")
  b2+=("$(time_build 0)")
  d+=("$(time_dedup)")
  c+=("$(node "$bench/chrono_bench.js" "$tmp/corpus" "$dct" | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).seconds))')")
done
m1=$(printf '%s\n' "${b1[@]}" | median)
m2=$(printf '%s\n' "${b2[@]}" | median)
mc=$(printf '%s\n' "${c[@]}" | median)
md=$(printf '%s\n' "${d[@]}" | median)
cpu1=$(median < "$tmp/cpu_1")
cpu2=$(median < "$tmp/cpu_0")
load_after=$(cut -d' ' -f1 /proc/loadavg)
mbps() { awk -v b="$bytes" -v s="$1" 'BEGIN { printf "%.2f", b / 1e6 / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
cores=$(nproc)
echo "corpus: $files files, $bytes bytes"
echo "chronicle build --threads 1:      median $m1 s  $(mbps "$m1") MB/s  (whole process; CPU $cpu1 s)"
echo "chronicle build --threads $cores:      median $m2 s  $(mbps "$m2") MB/s  (whole process; CPU $cpu2 s)"
echo "chrono-node parse loop:           median $mc s  $(mbps "$mc") MB/s  (files read before timing)"
echo "chronicle build (near-copies kept as sources, the default): median $md s"
echo "ratio (chrono seconds / chronicle seconds): --threads 1 $(ratio "$mc" "$m1"), --threads $cores $(ratio "$mc" "$m2")"
echo "load average (1 min) before and after: $load_before $load_after (other work on the machine slows both tools)"
mkdir -p "$bench/results"
cat > "$bench/results/build-$(date +%F).json" <<JSON
{"files": $files, "bytes": $bytes, "runs": $runs,
 "chronicle_build_1_thread_s": $m1, "chronicle_build_${cores}_threads_s": $m2, "chrono_parse_s": $mc,
 "ratio_1_thread": $(ratio "$mc" "$m1"), "ratio_${cores}_threads": $(ratio "$mc" "$m2"),
 "chronicle_build_default_near_copies_s": $md,
 "chronicle_cpu_1_thread_s": $cpu1, "chronicle_cpu_${cores}_threads_s": $cpu2,
 "load_average_before": $load_before, "load_average_after": $load_after}
JSON
