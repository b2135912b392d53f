#!/usr/bin/env bash
# The README's main command: installs what is missing, builds Chronicle and
# runs it on the bundled example corpus in examples/: the merged timeline
# (out/timeline.{json,md,html}, out/chronicle.db) and the temporal tags alone.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
mkdir -p out
build/release/chronicle build examples/ -o out
build/release/chronicle timex examples/ > out/examples.timex.json
build/release/chronicle timex examples/ --format timeml > out/examples.timeml
echo "Built the timeline of $(ls examples/*.txt | wc -l) example articles:" >&2
echo "  out/timeline.html   open in a browser (self-contained)" >&2
echo "  out/timeline.md     the same report as Markdown" >&2
echo "  out/timeline.json   machine-readable (schema: docs/timeline.schema.json)" >&2
echo "  out/chronicle.db    SQLite store (schema: src/store/README.md)" >&2
echo "  out/examples.timex.json, out/examples.timeml   the temporal expressions alone" >&2
