#!/usr/bin/env bash
# The README's main command: installs what is missing, builds Chronicle and
# runs it on the bundled example corpus in examples/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh release
mkdir -p out
build/release/chronicle timex examples/ > out/examples.timex.json
build/release/chronicle timex examples/ --format timeml > out/examples.timeml
echo "Tagged $(ls examples/*.txt | wc -l) example articles." >&2
echo "  JSON:   out/examples.timex.json" >&2
echo "  TimeML: out/examples.timeml" >&2
