// Throughput of the temporal tagger alone: TimexTagger::Tag() in-process on
// one thread, over the seed articles (../shared/seeds) and the example bodies
// (examples/*.txt, header up to the '---' line stripped), each document
// tagged separately as the pipeline does. No start-up, file reading or
// output is timed (bench/run_timex_bench.sh measures the whole CLI).
//
//   scripts/build.sh bench && build/bench/chronicle_bench --benchmark_filter=Timex
//
// Reports bytes/s (MB/s = 10^6 bytes of UTF-8 input per second) and the
// counters docs, timexes per iteration and work/token. Tokenizing alone is
// not measurable through the public API.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "time/timex.h"

namespace {

using chronicle::time::CalendarDate;
using chronicle::time::TimexTagger;

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::filesystem::path> TxtFiles(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// The body of an example: what follows the line that is exactly "---", or
// the whole file when there is no header.
std::string StripHeader(const std::string& text) {
  if (text.rfind("---\n", 0) == 0) return text.substr(4);
  const size_t pos = text.find("\n---\n");
  return pos == std::string::npos ? text : text.substr(pos + 5);
}

// The documents, loaded once. The seed directory is CHRONICLE_SEEDS when set,
// else ../shared/seeds next to the repository, else /work/shared/seeds.
const std::vector<std::string>& Corpus() {
  static const std::vector<std::string> docs = [] {
    std::vector<std::string> out;
    const std::filesystem::path source(CHRONICLE_SOURCE_DIR);
    std::filesystem::path seeds = source / ".." / "shared" / "seeds";
    if (const char* env = std::getenv("CHRONICLE_SEEDS"); env != nullptr && *env != '\0') {
      seeds = env;
    } else if (!std::filesystem::is_directory(seeds)) {
      seeds = "/work/shared/seeds";
    }
    for (const auto& f : TxtFiles(seeds)) out.push_back(ReadFile(f));
    for (const auto& f : TxtFiles(source / "examples")) out.push_back(StripHeader(ReadFile(f)));
    return out;
  }();
  return docs;
}

void RunTag(benchmark::State& state, std::optional<CalendarDate> dct) {
  const auto& docs = Corpus();
  if (docs.empty()) {
    state.SkipWithError("no seed or example documents found");
    return;
  }
  const auto& tagger = TimexTagger::Default();
  int64_t bytes = 0;
  for (const auto& d : docs) bytes += static_cast<int64_t>(d.size());
  uint64_t timexes = 0, tokens = 0, work = 0;
  for (auto _ : state) {
    timexes = tokens = work = 0;
    for (const auto& d : docs) {
      const auto r = tagger.Tag(d, dct);
      timexes += r.timexes.size();
      tokens += r.tokens;
      work += r.work;
      benchmark::DoNotOptimize(r.timexes.data());
    }
  }
  state.SetBytesProcessed(state.iterations() * bytes);
  state.counters["docs"] = static_cast<double>(docs.size());
  state.counters["bytes"] = static_cast<double>(bytes);
  state.counters["timexes"] = static_cast<double>(timexes);
  state.counters["work/token"] = tokens == 0 ? 0.0 : static_cast<double>(work) / static_cast<double>(tokens);
}

void BM_TimexTagFixedDct(benchmark::State& state) { RunTag(state, CalendarDate{2025, 7, 25}); }
void BM_TimexTagInferredDct(benchmark::State& state) { RunTag(state, std::nullopt); }

BENCHMARK(BM_TimexTagFixedDct)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TimexTagInferredDct)->Unit(benchmark::kMillisecond);

}  // namespace
