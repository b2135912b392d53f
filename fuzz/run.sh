#!/usr/bin/env bash
# Builds the libFuzzer targets in this folder and runs each for a while.
#
#   fuzz/run.sh [seconds-per-target]      (default 20)
#
# Each target is compiled with clang++ -fsanitize=fuzzer,address,undefined
# and linked with the library sources it needs (each compiled once, in
# parallel), then run on a fresh corpus in a temporary directory, seeded
# when present with the sample articles of
# ../shared/seeds (or /work/shared/seeds), whole and cut into 1 KiB pieces.
# Inputs are capped at 64 KiB, and an input that takes over 10 s counts as a
# failure (our code promises linear time). Crashing inputs are kept in the
# temporary directory, whose path is printed; the script exits non-zero if any
# target failed to build or found a crash or timeout.
#
# The timex target needs the real temporal grammar: it runs with
# CHRONICLE_DATA_DIR=data/ (the library reads data files from there first) and
# with a libFuzzer dictionary of the words in data/time/lexicon.txt and
# data/time/rules.txt, so mutations reach month names and rule keywords.
#
# The input-format targets (html, feed, jsonl, warc) are seeded with the small
# samples in fuzz/seeds/<target>/ instead; they and the header target build
# with all of src/ingest and link gumbo, zlib, pugixml and ICU. html, feed and
# warc get a dictionary of the markup and header tokens of their format.
#
# Environment: FUZZ_CXX (default clang++), FUZZ_OUT (work directory, default
# a new mktemp -d), FUZZ_SEEDS (seed directory), FUZZ_JOBS (libFuzzer -jobs),
# FUZZ_TARGETS (the targets to run, default
# "utf8 sentences header timex events html feed jsonl warc").
set -uo pipefail

seconds=${1:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
cxx=${FUZZ_CXX:-clang++}
out=${FUZZ_OUT:-$(mktemp -d -t chronicle-fuzz.XXXXXX)}
seeds=${FUZZ_SEEDS:-}
if [[ -z "$seeds" ]]; then
  for candidate in "$root/../shared/seeds" /work/shared/seeds; do
    if [[ -d "$candidate" ]]; then seeds=$candidate; break; fi
  done
fi
mkdir -p "$out"
echo "fuzz work directory: $out"

# The library normally links a CMake-generated table of embedded data files;
# the fuzz builds use an empty one (the code falls back to its built-in data).
cat > "$out/embedded_stub.cc" <<'STUB'
#include <string_view>
#include <utility>
namespace chronicle::data {
extern const std::pair<std::string_view, std::string_view> kEmbeddedFiles[] = {{"", ""}};
}
namespace chronicle::actors {
extern const char kIso3166Json[] = {0};
extern const size_t kIso3166JsonSize = 0;
}
STUB
# The events target reads data/ and Debian's iso-codes from one directory.
mkdir -p "$out/data/iso-codes"
cp -r "$root/data/." "$out/data/"
cp /usr/share/iso-codes/json/iso_3166-1.json "$out/data/iso-codes/" 2>/dev/null || true

text_srcs=("$root/src/text/utf8.cc" "$root/src/text/normalize.cc"
           "$root/src/text/sentences.cc" "$root/src/text/abbreviations.cc"
           "$root/src/util/embedded_data.cc" "$out/embedded_stub.cc")
ingest_srcs=("$root"/src/ingest/*.cc)
time_srcs=("$root"/src/time/*.cc)
events_srcs=("$root"/src/actors/*.cc "$root"/src/events/*.cc "$root"/src/merge/*.cc "$root/src/util/json_writer.cc")

# The timex dictionary: lexicon words (a trailing * means capitalised only:
# "may*" -> "May") and the literal words of the rule patterns, each also
# capitalised, plus the separators dates are written with.
{
  grep -v '^#' "$root/data/time/lexicon.txt" | awk 'NF >= 3 { for (i = 3; i <= NF; ++i) print $i }'
  grep -v '^#' "$root/data/time/rules.txt" | sed -n 's/^[^:]*:\(.*\)->.*/\1/p' | tr ' |' '\n\n' |
    sed 's/^[~+]*//; s/?$//'
} | sed 's/\*$//' | grep -E '^[a-z][a-z.]*$' | sort -u |
  awk '{ print "\"" $0 "\""; print "\"" toupper(substr($0, 1, 1)) substr($0, 2) "\"" }' > "$out/timex.dict"
printf '%s\n' '" "' '"-"' '"/"' '":"' '","' '"."' "\"'\"" '"\xE2\x80\x99"' '"\xC2\xA0"' \
  '"2025"' '"1990s"' '"25th"' >> "$out/timex.dict"
# Dictionaries of the input formats' tokens.
printf '%s\n' '"<div"' '"</div>"' '"<p>"' '"</p>"' '"<b>"' '"</b>"' '"<table>"' '"<td>"' '"<tr>"' '"<li>"' \
  '"<script>"' '"</script>"' '"<!--"' '"-->"' '"<article>"' '"<nav>"' '"<meta charset="' '"<br>"' '"<svg>"' \
  '"<time datetime=\"2024-01-02\">"' '"<meta property=\"og:title\" content=\""' '"class=\"comments\""' \
  '"<script type=\"application/ld+json\">"' '"\"datePublished\""' '"<textarea>"' '"<plaintext>"' \
  '"<a>"' '"</a>"' '"<form>"' '"<select>"' '"<template>"' '"&amp;"' '"<![CDATA["' > "$out/html.dict"
cp "$out/html.dict" "$out/feed.dict"
printf '%s\n' '"<?xml version=\"1.0\"?>"' '"<rss>"' '"<channel>"' '"<item>"' '"</item>"' '"<feed>"' '"<entry>"' \
  '"<content:encoded>"' '"<description>"' '"<pubDate>"' '"<!DOCTYPE"' '"<!ENTITY"' '"encoding=\"koi8-r\""' \
  '"type=\"xhtml\""' '"<link href=\""' >> "$out/feed.dict"
printf '%s\n' '"WARC/1.0\x0d\x0a"' '"WARC-Type: response\x0d\x0a"' '"Content-Length: "' '"\x0d\x0a\x0d\x0a"' \
  '"Content-Type: application/http; msgtype=response\x0d\x0a"' '"HTTP/1.1 200 OK\x0d\x0a"' \
  '"Content-Type: text/html; charset=utf-8\x0d\x0a"' '"Transfer-Encoding: chunked\x0d\x0a"' \
  '"Content-Encoding: gzip\x0d\x0a"' '"WARC-Target-URI: "' '"WARC-Date: "' '"\x1f\x8b\x08"' > "$out/warc.dict"

flags=(-std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined
       -fno-sanitize-recover=undefined -fno-omit-frame-pointer -I "$root/src")

# Every library source is compiled once, FUZZ_BUILD_JOBS (default: one per
# core) at a time, and linked into each target that needs it.
objflags=(-std=c++20 -g -O1 -fsanitize=fuzzer-no-link,address,undefined
          -fno-sanitize-recover=undefined -fno-omit-frame-pointer -I "$root/src")
mkdir -p "$out/obj"
obj_of() {
  local s=${1#"$root"/}
  s=${s//\//_}
  echo "$out/obj/${s%.cc}.o"
}
echo "== compiling the library sources"
mapfile -t all_srcs < <(printf '%s\n' "${text_srcs[@]}" "${ingest_srcs[@]}" "${time_srcs[@]}" "${events_srcs[@]}" | sort -u)
for src in "${all_srcs[@]}"; do
  o=$(obj_of "$src")
  { "$cxx" "${objflags[@]}" -c "$src" -o "$o" || rm -f "$o"; } &
  while (( $(jobs -rp | wc -l) >= ${FUZZ_BUILD_JOBS:-$(nproc)} )); do wait -n; done
done
wait

status=0
summary=()
for target in ${FUZZ_TARGETS:-utf8 sentences header timex events html feed jsonl warc}; do
  bin="$out/${target}_fuzz"
  srcs=("$root/fuzz/${target}_fuzz.cc" "${text_srcs[@]}")
  libs=(-licuuc)
  formats=false
  [[ -d $root/fuzz/seeds/$target ]] && formats=true
  if $formats || [[ $target == header ]]; then
    srcs+=("${ingest_srcs[@]}")
    libs+=(-licui18n -lgumbo -lpugixml -lz)
  fi
  [[ $target == timex ]] && srcs+=("${time_srcs[@]}")
  [[ $target == events ]] && srcs+=("${time_srcs[@]}" "${events_srcs[@]}")
  echo "== building $target"
  objs=()
  for src in "${srcs[@]:1}"; do objs+=("$(obj_of "$src")"); done
  if ! "$cxx" "${flags[@]}" "${srcs[0]}" "${objs[@]}" "${libs[@]}" -o "$bin"; then
    summary+=("$target: BUILD FAILED")
    status=1
    continue
  fi
  corpus="$out/corpus/$target"
  mkdir -p "$corpus" "$out/artifacts/$target"
  if $formats; then
    cp "$root/fuzz/seeds/$target"/* "$corpus/"
  elif [[ -n "$seeds" ]]; then
    # Whole articles, plus line-aligned chunks of at most 1 KiB: small inputs
    # mutate and run much faster than 20 KiB ones.
    for f in "$seeds"/*.txt; do
      [[ -f "$f" ]] || continue
      name=$(basename "$f" .txt)
      cp "$f" "$corpus/$name.txt"
      split -C 1024 -d -a 3 "$f" "$corpus/$name.part"
    done
  fi
  echo "== running $target for ${seconds}s"
  log="$out/$target.log"
  extra=()
  [[ -n "${FUZZ_JOBS:-}" ]] && extra+=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  data_env=()
  if [[ $target == timex ]]; then
    extra+=(-dict="$out/timex.dict")
    data_env=(CHRONICLE_DATA_DIR="$root/data")
  fi
  [[ -f "$out/$target.dict" ]] && extra+=(-dict="$out/$target.dict")
  if [[ $target == events ]]; then
    extra+=(-dict="$out/timex.dict")
    data_env=(CHRONICLE_DATA_DIR="$out/data")
  fi
  env "${data_env[@]}" "$bin" -max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1 \
         -artifact_prefix="$out/artifacts/$target/" "${extra[@]}" "$corpus" >"$log" 2>&1
  rc=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  if [[ $rc -ne 0 ]]; then
    summary+=("$target: CRASH (exit $rc) after ${runs:-?} runs; see $log and $out/artifacts/$target/")
    tail -n 30 "$log"
    status=1
  else
    summary+=("$target: ok, ${runs:-?} runs, ${cov:-cov: ?}, corpus $(ls "$corpus" | wc -l) files")
  fi
done

echo "== summary"
printf '%s\n' "${summary[@]}"
exit $status
