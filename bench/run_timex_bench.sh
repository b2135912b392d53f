#!/usr/bin/env bash
# Throughput of `chronicle timex` against chrono-node on the same corpus, in one
# invocation. See bench/README.md for what is measured and how to read it.
#
#   bench/run_timex_bench.sh
#
# Environment (all optional):
#   RUNS=5              measured runs per tool; the median is reported
#   MIN_MB=3            corpus size (bench/make_corpus.sh)
#   DCT=2025-07-25      document creation / reference date given to both tools
#   SKIP_BUILD=1        do not run scripts/build.sh release (use the existing binary)
#   CHRONICLE=path      binary to measure (default build/release/chronicle)
#   REQUIRE_CHRONICLE=1 exit non-zero if chronicle could not be measured
#   RUN_TIMEOUT=600     seconds allowed for one run of either tool
#   KEEP_CORPUS=1       keep the temporary corpus directory and print its path
#
# Prints a table on stdout and writes bench/results/timex-<YYYY-MM-DD>.json.
# Exit status: 0 when chrono-node was measured (chronicle may be marked
# unavailable unless REQUIRE_CHRONICLE=1), non-zero otherwise.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/bench"
cd "$root"

runs="${RUNS:-5}"
min_mb="${MIN_MB:-3}"
dct="${DCT:-2025-07-25}"
run_timeout="${RUN_TIMEOUT:-600}"
chronicle="${CHRONICLE:-$root/build/release/chronicle}"
# chronicle runs single-threaded unless THREADS says otherwise, so the ratio
# compares one core with one core (node's parse loop is single-threaded).
threads="${THREADS:-1}"

[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "run_timex_bench: RUNS must be a positive integer" >&2; exit 2; }
[[ "$dct" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "run_timex_bench: DCT must be YYYY-MM-DD" >&2; exit 2; }

log() { echo "[bench] $*" >&2; }
command -v node >/dev/null || { echo "run_timex_bench: node is required" >&2; exit 1; }
command -v npm >/dev/null || { echo "run_timex_bench: npm is required" >&2; exit 1; }

timeout_cmd=()
if command -v timeout >/dev/null; then timeout_cmd=(timeout "$run_timeout"); fi

# Wall-clock seconds since the epoch with microseconds (bash 5), else date.
now() {
  if [[ -n "${EPOCHREALTIME:-}" ]]; then echo "${EPOCHREALTIME/,/.}"; else date +%s.%N; fi
}
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.6f", b - a }'; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/chronicle-bench.XXXXXX")"
cleanup() {
  if [[ "${KEEP_CORPUS:-0}" == 1 ]]; then log "corpus kept in $tmp/corpus"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT

# --- 1. chrono-node: npm ci unless node_modules already matches the lockfile.
deps_up_to_date() {
  (cd "$bench" && node -e '
    const fs = require("fs");
    const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
    for (const [p, info] of Object.entries(lock.packages || {})) {
      if (p === "" || info.link) continue;
      let pkg;
      try { pkg = JSON.parse(fs.readFileSync(p + "/package.json", "utf8")); } catch { process.exit(1); }
      if (pkg.version !== info.version) process.exit(1);
    }
  ' 2>/dev/null)
}
if [[ -d "$bench/node_modules" ]] && deps_up_to_date; then
  log "node_modules up to date; skipping npm ci"
else
  log "npm ci in bench/"
  (cd "$bench" && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
chrono_version="$(cd "$bench" && node -p 'JSON.parse(require("fs").readFileSync("node_modules/chrono-node/package.json", "utf8")).version')"

# --- 2. chronicle: release build.
chronicle_status="ok"
chronicle_reason=""
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "scripts/build.sh release"
  if ! "$root/scripts/build.sh" release >&2; then
    log "warning: release build failed"
    chronicle_status="unavailable"; chronicle_reason="scripts/build.sh release failed"
  fi
fi
if [[ "$chronicle_status" == ok && ! -x "$chronicle" ]]; then
  chronicle_status="unavailable"; chronicle_reason="no executable at $chronicle"
fi

# --- 3. corpus.
corpus="$tmp/corpus"
log "building a ${min_mb} MB corpus"
"$bench/make_corpus.sh" "$corpus" "$min_mb" >&2
files=$(find "$corpus" -maxdepth 1 -type f | wc -l)
bytes=$(find "$corpus" -maxdepth 1 -type f -printf '%s\n' | awk '{ s += $1 } END { printf "%d", s }')

# --- 4. chronicle timex: whole process, wall clock.
# The command is `chronicle timex DIR --dct D`; if the binary does not take a
# directory, fall back to passing every file as an argument. The first run is
# a probe (and warm-up) and is not counted.
chronicle_cmd=()
chronicle_desc=""
chronicle_out_bytes=0
chronicle_times=()
if [[ "$chronicle_status" == ok ]]; then
  probe() {
    local out="$tmp/probe.out" err="$tmp/probe.err"
    if "${timeout_cmd[@]}" "$@" >"$out" 2>"$err" && [[ -s "$out" ]]; then
      chronicle_out_bytes=$(stat -c %s "$out"); return 0
    fi
    return 1
  }
  if probe "$chronicle" timex "$corpus" --dct "$dct" --threads "$threads"; then
    chronicle_cmd=("$chronicle" timex "$corpus" --dct "$dct" --threads "$threads")
    chronicle_desc="$chronicle timex DIR --dct $dct --threads $threads"
  else
    first_err="$(head -n 1 "$tmp/probe.err" 2>/dev/null || true)"
    mapfile -t corpus_files < <(find "$corpus" -maxdepth 1 -type f | sort)
    if probe "$chronicle" timex "${corpus_files[@]}" --dct "$dct"; then
      log "note: 'chronicle timex DIR' failed (${first_err:-no output}); measured with the files as arguments"
      chronicle_cmd=("$chronicle" timex "${corpus_files[@]}" --dct "$dct")
      chronicle_desc="$chronicle timex FILE... --dct $dct"
    else
      chronicle_status="unavailable"
      chronicle_reason="'chronicle timex DIR --dct $dct' failed: ${first_err:-exit non-zero or empty output}"
    fi
  fi
fi
# Runs "$@" (stdout discarded, stderr to $tmp/run.err) and sets run_seconds
# to its wall-clock time, read from bash's own clock: no wrapper process
# (timeout) and no subshell inside the timed interval, which on this VM cost
# 7-15 ms a run, a quarter of a 3 MB timex run. A watchdog started before the
# clock kills the command after RUN_TIMEOUT seconds. Returns its exit status.
timed_run() {
  local pid dog rc t0 t1
  rm -f "$tmp/pid"
  (
    trap 'kill "$s" 2>/dev/null; exit 0' TERM
    sleep "$run_timeout" &
    s=$!
    wait "$s"
    [[ -s "$tmp/pid" ]] && kill -9 "$(< "$tmp/pid")" 2>/dev/null
  ) &
  dog=$!
  t0=$EPOCHREALTIME
  "$@" >/dev/null 2>"$tmp/run.err" &
  pid=$!
  echo "$pid" >"$tmp/pid"
  wait "$pid"
  rc=$?
  t1=$EPOCHREALTIME
  kill "$dog" 2>/dev/null
  wait "$dog" 2>/dev/null
  run_seconds=$(elapsed "${t0/,/.}" "${t1/,/.}")
  return "$rc"
}
if [[ "$chronicle_status" == ok && -z "${EPOCHREALTIME:-}" ]]; then
  chronicle_status="unavailable"; chronicle_reason="bash 5 (EPOCHREALTIME) is needed to time chronicle"
fi
if [[ "$chronicle_status" == ok ]]; then
  for ((i = 1; i <= runs; i++)); do
    if ! timed_run "${chronicle_cmd[@]}"; then
      chronicle_status="failed"; chronicle_reason="run $i failed: $(head -n 1 "$tmp/run.err")"
      break
    fi
    chronicle_times+=("$run_seconds")
    log "chronicle run $i: ${chronicle_times[-1]} s"
  done
fi
[[ "$chronicle_status" == ok ]] || log "warning: chronicle not measured: $chronicle_reason"

# --- 5. chrono-node: parse loop only (timed inside the script), plus the
# whole-process wall time for reference. One unmeasured warm-up run.
"${timeout_cmd[@]}" node "$bench/chrono_bench.js" "$corpus" "$dct" >/dev/null
chrono_json=()
chrono_walls=()
for ((i = 1; i <= runs; i++)); do
  t0=$(now)
  j="$("${timeout_cmd[@]}" node "$bench/chrono_bench.js" "$corpus" "$dct")"
  t1=$(now)
  chrono_json+=("$j")
  chrono_walls+=("$(elapsed "$t0" "$t1")")
  log "chrono-node run $i: $j"
done

# --- 6. summary table and JSON.
mkdir -p "$bench/results"
out_json="$bench/results/timex-$(date +%Y-%m-%d).json"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
cpu="$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)"

# The single-quoted program below is JavaScript, not shell.
# shellcheck disable=SC2016
BENCH_THREADS="$threads" BENCH_FILES="$files" BENCH_BYTES="$bytes" BENCH_MIN_MB="$min_mb" BENCH_DCT="$dct" BENCH_RUNS="$runs" \
BENCH_CHRONO_VERSION="$chrono_version" BENCH_COMMIT="$commit" BENCH_CPU="$cpu" BENCH_NPROC="$(nproc)" \
BENCH_CHRONICLE_STATUS="$chronicle_status" BENCH_CHRONICLE_REASON="$chronicle_reason" \
BENCH_CHRONICLE_CMD="${chronicle_desc}" \
BENCH_CHRONICLE_OUT_BYTES="$chronicle_out_bytes" \
BENCH_CHRONICLE_TIMES="${chronicle_times[*]:-}" BENCH_CHRONO_WALLS="${chrono_walls[*]}" \
BENCH_OUT="$out_json" \
node -e '
  const fs = require("fs");
  const env = process.env;
  const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const n = s.length;
    return n === 0 ? null : (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2); };
  const nums = (s) => (s || "").split(/\s+/).filter(Boolean).map(Number);
  const bytes = Number(env.BENCH_BYTES);
  const mbps = (sec) => (sec ? Number((bytes / 1e6 / sec).toFixed(3)) : null);

  const chronoRuns = fs.readFileSync(0, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  for (const r of chronoRuns) if (r.bytes !== bytes) throw new Error(`chrono read ${r.bytes} bytes, corpus has ${bytes}`);
  const chronoSec = median(chronoRuns.map((r) => r.seconds));
  const chronoWall = median(nums(env.BENCH_CHRONO_WALLS));
  const cTimes = nums(env.BENCH_CHRONICLE_TIMES);
  const ok = env.BENCH_CHRONICLE_STATUS === "ok" && cTimes.length > 0;
  const cSec = ok ? median(cTimes) : null;

  const result = {
    date: new Date().toISOString(),
    commit: env.BENCH_COMMIT,
    host: { cpu: env.BENCH_CPU || null, nproc: Number(env.BENCH_NPROC), node: process.version },
    corpus: { files: Number(env.BENCH_FILES), bytes, min_mb: Number(env.BENCH_MIN_MB) },
    dct: env.BENCH_DCT,
    runs: Number(env.BENCH_RUNS),
    chronicle: {
      status: env.BENCH_CHRONICLE_STATUS,
      reason: env.BENCH_CHRONICLE_REASON || null,
      command: env.BENCH_CHRONICLE_CMD || null,
      measures: "whole process, wall clock: start-up, read, tag, write JSON to /dev/null",
      output_bytes: ok ? Number(env.BENCH_CHRONICLE_OUT_BYTES) : null,
      seconds_runs: cTimes,
      seconds_median: cSec,
      mb_per_s: ok ? mbps(cSec) : null,
    },
    chrono_node: {
      version: env.BENCH_CHRONO_VERSION,
      measures: "chrono.parse loop only, files read beforehand, one thread",
      results: chronoRuns.length ? chronoRuns[0].results : null,
      seconds_runs: chronoRuns.map((r) => r.seconds),
      seconds_median: chronoSec,
      mb_per_s: mbps(chronoSec),
      wall_seconds_runs: nums(env.BENCH_CHRONO_WALLS),
      wall_seconds_median: chronoWall,
      wall_mb_per_s: mbps(chronoWall),
    },
  };
  result.ratio_chronicle_over_chrono = ok && chronoSec ? Number((result.chronicle.mb_per_s / result.chrono_node.mb_per_s).toFixed(2)) : null;
  fs.writeFileSync(env.BENCH_OUT, JSON.stringify(result, null, 2) + "\n");

  const f = (x, d = 2) => (x === null || x === undefined ? "n/a" : x.toFixed(d));
  const rows = [
    ["tool", "what is timed", "median s", "MB/s"],
    [`chronicle timex (${env.BENCH_THREADS} thread${env.BENCH_THREADS === "1" ? "" : "s"})`, "whole process (wall)", f(cSec, 3), f(result.chronicle.mb_per_s)],
    [`chrono-node ${env.BENCH_CHRONO_VERSION}`, "parse loop only", f(chronoSec, 3), f(result.chrono_node.mb_per_s)],
    [`chrono-node ${env.BENCH_CHRONO_VERSION}`, "whole process (wall)", f(chronoWall, 3), f(result.chrono_node.wall_mb_per_s)],
  ];
  const w = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r) => "| " + r.map((c, i) => (i >= 2 ? c.padStart(w[i]) : c.padEnd(w[i]))).join(" | ") + " |";
  console.log(`corpus: ${result.corpus.files} files, ${(bytes / 1e6).toFixed(2)} MB; dct ${env.BENCH_DCT}; median of ${env.BENCH_RUNS} runs; ${env.BENCH_NPROC} cores`);
  console.log(line(rows[0]));
  console.log("|" + w.map((n, i) => (i >= 2 ? "-".repeat(n + 1) + ":" : "-".repeat(n + 2))).join("|") + "|");
  for (const r of rows.slice(1)) console.log(line(r));
  console.log(`ratio chronicle / chrono-node (MB/s, parse loop): ${result.ratio_chronicle_over_chrono === null ? "n/a" : result.ratio_chronicle_over_chrono + "x"}`);
  if (!ok) console.log(`chronicle: ${env.BENCH_CHRONICLE_STATUS}: ${env.BENCH_CHRONICLE_REASON}`);
  console.log(`written: ${env.BENCH_OUT}`);
' < <(printf '%s\n' "${chrono_json[@]}")

if [[ "$chronicle_status" != ok && "${REQUIRE_CHRONICLE:-0}" == 1 ]]; then
  exit 3
fi
