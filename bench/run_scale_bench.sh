#!/usr/bin/env bash
# Scale benchmark: a synthetic corpus of SCALE articles (bench/gen_corpus.js)
# through `chronicle build` and `chronicle extract > /dev/null`, each under
# /usr/bin/time -v: documents/s, MB/s and peak memory (maximum resident set
# size). extract runs at two sizes to show that its memory does not grow with
# the corpus. See bench/README.md.
#
#   bench/run_scale_bench.sh                  # 100,000 articles
#   SCALE=1000000 bench/run_scale_bench.sh    # 1,000,000
#
# Environment (all optional):
#   SCALE=100000        articles for build (and the larger extract run)
#   EXTRACT_SMALL=10000 articles of the smaller extract run (the first lines of the corpus)
#   FORMAT=jsonl        jsonl (one file) or txt (a directory, 1,000 files per subdirectory)
#   SEED=1              generator seed
#   THREADS=0           --threads for chronicle (0: one per core)
#   SKIP_BUILD=0        1: use the existing binary without rebuilding
#   SKIP_BUILD_RUN=0    1: measure extract only
#   CHRONICLE=build/release/chronicle
#   BUILD_TIMEOUT=3600  seconds allowed for `chronicle build` (a run cut off is reported as such)
#   KEEP=0              1: keep the corpus and outputs and print where
#
# Appends one record per run to bench/results/scale-<YYYY-MM-DD>.json.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
scale="${SCALE:-100000}"
small="${EXTRACT_SMALL:-10000}"
format="${FORMAT:-jsonl}"
seed="${SEED:-1}"
threads="${THREADS:-0}"
chronicle="${CHRONICLE:-$root/build/release/chronicle}"
build_timeout="${BUILD_TIMEOUT:-3600}"
log() { echo "[scale] $*" >&2; }

[[ "$scale" =~ ^[0-9]+$ && "$small" =~ ^[0-9]+$ ]] || { echo "SCALE and EXTRACT_SMALL must be whole numbers" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then scripts/build.sh release >&2; fi
[[ -x "$chronicle" ]] || { echo "no chronicle binary at $chronicle" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/chronicle-scale.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then log "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

# The corpora: SCALE articles, and the first EXTRACT_SMALL of them.
gen() {  # $1 = articles, $2 = path
  if [[ "$format" == jsonl ]]; then
    node "$root/bench/gen_corpus.js" --n "$1" --seed "$seed" --format jsonl --out "$2"
  else
    node "$root/bench/gen_corpus.js" --n "$1" --seed "$seed" --format txt --out "$2"
  fi
}
size_of() { du -sb --apparent-size "$1" | cut -f1; }
ext=$([[ "$format" == jsonl ]] && echo .jsonl || echo "")
big="$tmp/corpus-$scale$ext"
log "generating $scale articles ($format)"
gen "$scale" "$big"
small_corpus=""
if [[ "$small" -gt 0 && "$small" -lt "$scale" ]]; then
  small_corpus="$tmp/corpus-$small$ext"
  gen "$small" "$small_corpus"  # the same seed: the first $small articles of the big corpus
fi

# Runs a command under /usr/bin/time -v; prints "seconds rss_kb exit_code".
measure() {  # $1 = name, rest = command
  local name="$1"; shift
  local rc=0
  CHRONICLE_PROGRESS=log CHRONICLE_PROGRESS_INTERVAL=30 \
    /usr/bin/time -v -o "$tmp/$name.time" "$@" 2> "$tmp/$name.err" || rc=$?
  local wall rss
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$tmp/$name.time")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tmp/$name.time")
  grep -a -v '^progress: ' "$tmp/$name.err" | tail -n 3 >&2 || true
  echo "${wall:-0} ${rss:-0} $rc"
}

records="$tmp/records"
: > "$records"
record() {  # command articles bytes seconds rss_kb exit_code
  local docs_s mb_s
  docs_s=$(awk -v n="$2" -v s="$4" 'BEGIN { printf "%.1f", (s > 0 ? n / s : 0) }')
  mb_s=$(awk -v b="$3" -v s="$4" 'BEGIN { printf "%.2f", (s > 0 ? b / 1e6 / s : 0) }')
  printf '%-8s %8s articles %8.1f MB %8.1f s %8s docs/s %7s MB/s  peak RSS %6d MB  exit %s\n' \
    "$1" "$2" "$(awk -v b="$3" 'BEGIN { print b / 1e6 }')" "$4" "$docs_s" "$mb_s" "$(( $5 / 1024 ))" "$6"
  echo "{\"command\":\"$1\",\"articles\":$2,\"bytes\":$3,\"seconds\":$4,\"docs_per_s\":$docs_s,\"mb_per_s\":$mb_s,\"peak_rss_kb\":$5,\"exit_code\":$6}" >> "$records"
}
extract_run() {  # $1 = corpus, $2 = articles, $3 = name
  local s r c
  read -r s r c < <(measure "$3" sh -c "exec '$chronicle' extract '$1' --threads $threads > /dev/null")
  record extract "$2" "$(size_of "$1")" "$s" "$r" "$c"
}

if [[ -n "$small_corpus" ]]; then
  log "extract, $small articles"
  extract_run "$small_corpus" "$small" extract-small
fi
log "extract, $scale articles"
extract_run "$big" "$scale" extract-big
if [[ "${SKIP_BUILD_RUN:-0}" != 1 ]]; then
  log "build, $scale articles (timeout $build_timeout s)"
  read -r s r c < <(measure build timeout "$build_timeout" "$chronicle" build "$big" -o "$tmp/out" --threads "$threads")
  record build "$scale" "$(size_of "$big")" "$s" "$r" "$c"
  [[ "$c" == 124 ]] && log "build was cut off after $build_timeout s (its figures are up to that point)"
fi

# Append to bench/results/scale-<date>.json: {"runs": [...]}.
mkdir -p "$root/bench/results"
out="$root/bench/results/scale-$(date +%F).json"
commit=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)
cpu=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
node - "$out" "$records" "$commit" "$cpu" "$(nproc)" "$format" "$seed" "$threads" <<'JS'
const fs = require('fs');
const [out, records, commit, cpu, cores, format, seed, threads] = process.argv.slice(2);
let doc = { runs: [] };
try { doc = JSON.parse(fs.readFileSync(out, 'utf8')); } catch (e) { /* new file */ }
const when = new Date().toISOString();
for (const line of fs.readFileSync(records, 'utf8').split('\n').filter(Boolean)) {
  doc.runs.push({ ...JSON.parse(line), when, commit, cpu, cores: Number(cores), format, seed: Number(seed),
                  threads: Number(threads) });
}
fs.writeFileSync(out, JSON.stringify(doc, null, 1) + '\n');
JS
log "wrote $out"
