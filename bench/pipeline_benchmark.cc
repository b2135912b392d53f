// The stages of `chronicle build`, each timed alone on one thread: analysis
// of every document (with its MinHash signature, as build computes it on the
// analysis threads), merging, the SQLite store (bulk mode, into a new file)
// and the three reports. The corpus is the build benchmark's: the seed
// articles and the example reports, copied until it holds PIPELINE_MB
// megabytes (default 3), or the directory named by PIPELINE_CORPUS.
//
//   scripts/build.sh bench && build/bench/chronicle_bench --benchmark_filter=Pipeline
//
// Bytes/s are of the corpus's UTF-8 input, whatever the stage.
#include <benchmark/benchmark.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "dedup/near_duplicates.h"
#include "events/analysis.h"
#include "ingest/reader.h"
#include "merge/timeline.h"
#include "report/report.h"
#include "store/store.h"

namespace {

namespace fs = std::filesystem;
using chronicle::events::DocumentAnalysis;

struct Corpus {
  std::vector<chronicle::ingest::Document> documents;
  std::vector<DocumentAnalysis> analyses;
  chronicle::merge::Timeline timeline;
  size_t bytes = 0;
};

const Corpus& TheCorpus() {
  static const Corpus corpus = [] {
    Corpus c;
    std::vector<std::string> inputs;
    if (const char* dir = std::getenv("PIPELINE_CORPUS")) {
      inputs.push_back(dir);
    } else {
      inputs.push_back(std::string(CHRONICLE_SOURCE_DIR) + "/../shared/seeds");
      inputs.push_back(std::string(CHRONICLE_SOURCE_DIR) + "/examples");
    }
    auto batch = chronicle::ingest::ReadInputs(inputs, {});
    size_t one_round = 0;
    for (const auto& d : batch.documents) one_round += d.body.size();
    const char* mb = std::getenv("PIPELINE_MB");
    const double want = (mb != nullptr ? std::atof(mb) : 3.0) * 1e6;
    if (std::getenv("PIPELINE_CORPUS") != nullptr || one_round == 0) {
      c.documents = batch.documents;
    } else {
      while (static_cast<double>(c.bytes) < want) {
        for (const auto& d : batch.documents) {
          c.documents.push_back(d);
          c.bytes += d.body.size();
        }
      }
    }
    c.bytes = 0;
    for (const auto& d : c.documents) c.bytes += d.body.size();
    for (size_t i = 0; i < c.documents.size(); ++i) {
      c.analyses.push_back(chronicle::events::AnalyseDocument(c.documents[i], std::nullopt));
      c.analyses.back().minhash = chronicle::dedup::Signature(c.analyses.back().doc.body);
      { char buf[16]; std::snprintf(buf, sizeof buf, std::getenv("PADIDS") ? "d%06zu" : "d%zu", i + 1); c.analyses.back().id = buf; }
    }
    c.timeline = chronicle::merge::BuildTimeline(c.analyses);
    return c;
  }();
  return corpus;
}

void SetRate(benchmark::State& state, const Corpus& c) {
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * c.bytes));
  state.counters["docs"] = static_cast<double>(c.documents.size());
}

void BM_PipelineAnalyse(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  for (auto _ : state) {
    size_t mentions = 0;
    for (const auto& d : c.documents) {
      auto a = chronicle::events::AnalyseDocument(d, std::nullopt);
      a.minhash = chronicle::dedup::Signature(a.doc.body);
      mentions += a.mentions.size();
    }
    benchmark::DoNotOptimize(mentions);
  }
  SetRate(state, c);
}
BENCHMARK(BM_PipelineAnalyse)->Unit(benchmark::kMillisecond);

void BM_PipelineMerge(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  for (auto _ : state) {
    auto t = chronicle::merge::BuildTimeline(c.analyses);
    benchmark::DoNotOptimize(t.events.size());
  }
  SetRate(state, c);
}
BENCHMARK(BM_PipelineMerge)->Unit(benchmark::kMillisecond);

fs::path ScratchDir() {
  const char* tmp = std::getenv("TMPDIR");
  fs::path dir = fs::path(tmp != nullptr ? tmp : "/tmp") / ("chronicle-pipeline-bench-" + std::to_string(getpid()));
  fs::create_directories(dir);
  return dir;
}

void BM_PipelineStore(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const fs::path dir = ScratchDir();
  double documents_s = 0, timeline_s = 0, end_s = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir);
    state.ResumeTiming();
    std::string error;
    auto store = chronicle::store::Store::Open((dir / "chronicle.db").string(), &error);
    if (!store || !store->BeginBulk(&error)) {
      state.SkipWithError(error.c_str());
      break;
    }
    std::vector<std::string> errors;
    const auto t0 = std::chrono::steady_clock::now();
    const bool documents_ok = store->WriteDocuments(c.analyses, &errors) == c.analyses.size();
    const auto t1 = std::chrono::steady_clock::now();
    const bool timeline_ok = documents_ok && store->WriteTimeline(c.timeline, &error);
    const auto t2 = std::chrono::steady_clock::now();
    if (!timeline_ok || !store->EndBulk(&error)) {
      state.SkipWithError(errors.empty() ? error.c_str() : errors.front().c_str());
      break;
    }
    end_s += std::chrono::duration<double>(std::chrono::steady_clock::now() - t2).count();
    documents_s += std::chrono::duration<double>(t1 - t0).count();
    timeline_s += std::chrono::duration<double>(t2 - t1).count();
  }
  state.counters["documents_ms"] = 1000 * documents_s / static_cast<double>(state.iterations());
  state.counters["timeline_ms"] = 1000 * timeline_s / static_cast<double>(state.iterations());
  state.counters["end_bulk_ms"] = 1000 * end_s / static_cast<double>(state.iterations());
  std::error_code ec;
  fs::remove_all(dir, ec);
  SetRate(state, c);
}
BENCHMARK(BM_PipelineStore)->Unit(benchmark::kMillisecond);

void BM_PipelineReports(benchmark::State& state) {
  const Corpus& c = TheCorpus();
  const fs::path dir = ScratchDir();
  const auto top = chronicle::merge::TopEvents(c.timeline, 10);
  for (auto _ : state) {
    std::string error;
    if (!chronicle::report::WriteTimelineFiles(c.timeline, top, dir.string(), &error)) {
      state.SkipWithError(error.c_str());
      break;
    }
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  SetRate(state, c);
}
BENCHMARK(BM_PipelineReports)->Unit(benchmark::kMillisecond);

}  // namespace
