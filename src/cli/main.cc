// The chronicle command line: a thin layer over the library. Each subcommand
// parses its flags, calls the library and prints machine-readable output on
// stdout; diagnostics go to stderr as one line each.
//
// Exit codes: 0 success; 1 some inputs failed (the rest were processed);
// 2 usage error or nothing could be processed.
#include <malloc.h>
#include <time.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include <unistd.h>

#include "cli/extract.h"
#include "cli/huge_pages.h"
#include "cli/parallel.h"
#include "cli/progress.h"
#include "dedup/near_duplicates.h"
#include "eval/timeline_eval.h"
#include "eval/timeml.h"
#include "eval/timex_eval.h"
#include "events/analysis.h"
#include "ingest/reader.h"
#include "merge/spill.h"
#include "merge/timeline.h"
#include "report/report.h"
#include "store/store.h"
#include "time/timex.h"
#include "util/json_writer.h"
#include "util/resident.h"
#include "util/sync_file.h"

namespace {

using chronicle::cli::ParallelFor;
using chronicle::time::CalendarDate;

struct TimexArgs {
  std::vector<std::string> inputs;
  std::string dct;
  std::string format = "json";
  std::string out_dir;
  bool repair = false;
  unsigned threads = 0;  // 0: one per core
};

// One line of `chronicle timex` JSON output, written directly (this is the
// hot output path; see util/json_writer.h).
std::string TimexJsonLine(const chronicle::ingest::Document& doc, const chronicle::time::TagResult& r) {
  std::string out;
  out.reserve(256 + r.timexes.size() * 128);
  chronicle::util::JsonWriter w(&out);
  const bool has_dct = r.dct.date.year != 0;
  w.BeginObject();
  w.Key("file");
  w.String(doc.path);
  w.Key("dct");
  has_dct ? w.String(r.dct.date.Iso()) : w.Null();
  w.Key("dct_precision");
  has_dct ? w.String(r.dct.date.Precision()) : w.Null();
  w.Key("dct_inferred");
  w.Bool(r.dct.inferred);
  w.Key("dct_method");
  w.String(r.dct.method);
  w.Key("body_offset");
  w.Int(static_cast<int64_t>(doc.body_offset));
  w.Key("timexes");
  w.BeginArray();
  for (const auto& t : r.timexes) {
    w.BeginObject();
    w.Key("start");
    w.Int(static_cast<int64_t>(t.start));
    w.Key("end");
    w.Int(static_cast<int64_t>(t.end));
    w.Key("text");
    w.String(t.text);
    w.Key("type");
    w.String(t.type);
    w.Key("value");
    w.String(t.value);
    w.Key("mod");
    w.StringOrNull(t.mod);
    w.Key("anchor");
    w.String(t.anchor);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out.push_back('\n');
  return out;
}

// Parses a --dct option of `command` into *out (nullopt when empty).
// Returns false, with a one-line reason on stderr, on a malformed date.
bool ParseDctOption(const char* command, const std::string& text, std::optional<CalendarDate>* out) {
  out->reset();
  if (text.empty()) return true;
  *out = chronicle::time::ParseIsoDate(text);
  if (*out) return true;
  std::cerr << "chronicle " << command << ": --dct must be YYYY-MM-DD (or YYYY-MM, YYYY), got '" << text << "'\n";
  return false;
}

// The JSONL field names of --jsonl-text etc. (timex and build; one
// subcommand runs per process).
chronicle::ingest::JsonlFields jsonl_fields;

void AddJsonlOptions(CLI::App* command) {
  command->add_option("--jsonl-text", jsonl_fields.text, "JSONL field holding the article text")->capture_default_str();
  command->add_option("--jsonl-html", jsonl_fields.html, "JSONL field holding the article HTML (used without text)")
      ->capture_default_str();
  command->add_option("--jsonl-title", jsonl_fields.title, "JSONL field holding the title")->capture_default_str();
  command->add_option("--jsonl-url", jsonl_fields.url, "JSONL field holding the URL")->capture_default_str();
  command->add_option("--jsonl-source", jsonl_fields.source, "JSONL field holding the source name")
      ->capture_default_str();
  command->add_option("--jsonl-published", jsonl_fields.published, "JSONL field holding the publication date")
      ->capture_default_str();
}

// How the commands read their inputs: --repair, the JSONL field names, and
// the output directory whose reports a directory walk skips.
chronicle::ingest::ReadOptions InputOptions(bool repair, const std::string& output_dir) {
  chronicle::ingest::ReadOptions ropts;
  ropts.repair = repair;
  if (!output_dir.empty()) ropts.output_dirs.push_back(output_dir);
  ropts.jsonl = jsonl_fields;
  return ropts;
}

// A near-copy of the stored or kept document `of`, kept as its extra source:
// the copy's metadata and content hash, not its text.
chronicle::store::Store::DocumentCopy CopyRecord(chronicle::ingest::Document doc, std::string of, double similarity) {
  chronicle::store::Store::DocumentCopy copy;
  copy.of = std::move(of);
  copy.content_hash = chronicle::store::ContentHash(doc);
  copy.similarity = similarity;
  copy.doc = std::move(doc);
  copy.doc.body.clear();
  return copy;
}

// A broken input, and a reader's warning, as one line each on stderr.
void ReportReadError(const chronicle::ingest::ReadError& e) {
  std::cerr << "error: " << e.path << ": " << e.reason << "\n";
}
void ReportWarning(std::string_view w) { std::cerr << "warning: " << w << "\n"; }

// Reads the inputs and reports each warning and each broken input on stderr.
chronicle::ingest::ReadBatch ReadAndReport(const std::vector<std::string>& inputs, bool repair,
                                           const std::string& output_dir = "") {
  auto batch = chronicle::ingest::ReadInputs(inputs, InputOptions(repair, output_dir));
  for (const auto& w : batch.warnings) ReportWarning(w);
  for (const auto& e : batch.errors) ReportReadError(e);
  return batch;
}

int RunTimex(const TimexArgs& args) {
  std::optional<CalendarDate> forced;
  if (!ParseDctOption("timex", args.dct, &forced)) return 2;
  if (args.format != "json" && args.format != "timeml") {
    std::cerr << "chronicle timex: --format must be json or timeml\n";
    return 2;
  }
  if (!args.out_dir.empty()) std::filesystem::create_directories(args.out_dir);
  const auto& tagger = chronicle::time::TimexTagger::Default();
  const unsigned threads = args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  // Output to a file or a pipe in 64 KiB writes rather than stdio's 4 KiB
  // (on the 3 MB bench corpus: 13 write(2)s instead of 202).
  // (glibc ignores the size when it allocates the buffer itself.)
  static char out_buffer[1 << 16];
  if (isatty(STDOUT_FILENO) == 0) std::setvbuf(stdout, out_buffer, _IOFBF, sizeof out_buffer);
  // What is done with each document: its Published date checked, its tags as
  // one output, the output written.
  auto check_published = [&](const chronicle::ingest::Document& doc) {
    if (!forced && doc.published && !chronicle::time::ParseIsoDate(*doc.published)) {
      std::cerr << "warning: " << doc.path << ": cannot read Published date '" << *doc.published
                << "'; inferring the document date\n";
    }
  };
  auto tag = [&](const chronicle::ingest::Document& doc) {
    std::optional<CalendarDate> dct = forced;
    if (!dct && doc.published) dct = chronicle::time::ParseIsoDate(*doc.published);
    const auto result = tagger.Tag(doc.body, dct);
    if (args.format == "json") return TimexJsonLine(doc, result);
    const std::string docid = std::filesystem::path(doc.path).stem().string();
    std::string out = chronicle::eval::WriteTimeML(
        docid, doc.body, result.timexes, result.dct.date.year != 0 ? std::optional(result.dct.date) : std::nullopt);
    if (args.out_dir.empty()) out += "\n";
    return out;
  };
  auto emit = [&](const chronicle::ingest::Document& doc, const std::string& output) {
    if (args.out_dir.empty()) {
      std::cout << output;
    } else {
      const std::string name = std::filesystem::path(doc.path).filename().string();
      const char* ext = args.format == "json" ? ".timex.json" : ".tml";
      std::ofstream(std::filesystem::path(args.out_dir) / (name + ext)) << output;
    }
  };
  size_t documents = 0, failed = 0;
  if (threads == 1) {
    // One document at a time, as it is read: the corpus is never held whole
    // (and its pages never touched all at once: on the 3 MB bench corpus
    // that was about a thousand page faults).
    chronicle::ingest::ForEachDocument(
        args.inputs, InputOptions(args.repair, ""),
        [&](chronicle::ingest::Document&& doc) {
          ++documents;
          check_published(doc);
          emit(doc, tag(doc));
        },
        [&](chronicle::ingest::ReadError&& e) {
          ++failed;
          ReportReadError(e);
        },
        [&](std::string&& w) { ReportWarning(w); });
  } else {
    const auto batch = ReadAndReport(args.inputs, args.repair);
    documents = batch.documents.size();
    failed = batch.errors.size();
    for (const auto& doc : batch.documents) check_published(doc);
    // Tagging is a pure function of one document: documents are tagged in
    // parallel and written in input order.
    std::vector<std::string> outputs(batch.documents.size());
    ParallelFor(batch.documents.size(), threads, [&](size_t i) { outputs[i] = tag(batch.documents[i]); });
    for (size_t i = 0; i < outputs.size(); ++i) emit(batch.documents[i], outputs[i]);
  }
  std::cout.flush();
  if (std::getenv("CHRONICLE_TIMING") != nullptr) {
    std::cerr << "timing: heap on huge pages " << chronicle::util::HugePageMegabytes() << " MB (see cli/huge_pages.h)\n";
  }
  if (documents == 0) return failed > 0 ? 2 : 0;
  return failed > 0 ? 1 : 0;
}

struct EvalArgs {
  std::string gold;
  std::string input;
  bool json = false;
  std::string mismatches;
  size_t cat_sentences = chronicle::eval::kMeantimeAnnotatedSentences;
};

int RunEvalTimex(const EvalArgs& args) {
  chronicle::eval::EvalOptions opts;
  opts.gold_dir = args.gold;
  opts.input_dir = args.input;
  opts.cat_sentences = args.cat_sentences;
  const auto report = chronicle::eval::RunTimexEval(opts);
  for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
  for (const auto& e : report.errors) std::cerr << "error: " << e << "\n";
  if (args.json) {
    std::cout << chronicle::eval::ReportJson(report).dump(2) << "\n";
  } else {
    std::cout << chronicle::eval::FormatReport(report);
  }
  if (!args.mismatches.empty()) {
    std::ofstream out(args.mismatches);
    for (const auto& m : report.mismatches) out << m << "\n";
  }
  if (report.documents == 0) return 2;
  return report.errors.empty() ? 0 : 1;
}

struct EvalTimelineArgs {
  std::string gold;
  std::string timeline;
  bool json = false;
  std::string misses;
};

int RunEvalTimeline(const EvalTimelineArgs& args) {
  std::string error;
  const auto report = chronicle::eval::RunTimelineEval(args.gold, args.timeline, &error);
  if (!report) {
    std::cerr << "error: " << error << "\n";
    return 2;
  }
  if (args.json) {
    std::cout << chronicle::eval::TimelineReportJson(*report).dump(2, ' ', false,
                                                                   nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    std::cout << chronicle::eval::FormatTimelineReport(*report);
  }
  if (!args.misses.empty()) {
    std::ofstream out(args.misses);
    out << chronicle::eval::FormatTimelineMisses(*report);
    if (!out) {
      std::cerr << "error: " << args.misses << ": cannot write\n";
      return 1;
    }
  }
  return 0;
}

// A near-copy among the inputs: docs[doc] copies the text numbered `of` in
// the index (an earlier input, or a stored document).
struct CopyOf {
  size_t doc = 0;
  size_t of = 0;
  double similarity = 0;
};

// Finds the near-copies among `docs` in input order: each document is
// checked against `index` (which may already hold stored documents) and,
// when it is no copy, added to it as number first + its position in docs.
// Signatures are computed on all cores; the index is filled in order, so the
// first of a group of copies is the one kept. `sigs` gets the signatures,
// in the order of docs, for the store.
std::vector<CopyOf> FindCopies(const std::vector<chronicle::ingest::Document>& docs, unsigned threads,
                               chronicle::dedup::NearDuplicates& index, size_t first,
                               std::vector<chronicle::dedup::MinHash>* signatures) {
  std::vector<chronicle::dedup::MinHash>& sigs = *signatures;
  sigs.resize(docs.size());
  ParallelFor(docs.size(), threads, [&](size_t i) { sigs[i] = chronicle::dedup::Signature(docs[i].body); });
  std::vector<CopyOf> copies;
  for (size_t i = 0; i < docs.size(); ++i) {
    if (const auto m = index.Find(sigs[i])) {
      copies.push_back({i, m->doc, m->similarity});
    } else {
      index.Add(sigs[i], first + i);
    }
  }
  return copies;
}

// --- chronicle extract and build --from-extract (see cli/extract.h) ---

// build --from-extract: the analyses of `chronicle extract` lines, renumbered
// d1, d2, ... in the order read; the errors are already reported.
chronicle::ingest::ReadBatch ReadExtractInputs(const std::vector<std::string>& inputs, unsigned threads,
                                               std::vector<chronicle::events::DocumentAnalysis>* out) {
  if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
  return chronicle::cli::ReadExtract(inputs, threads, out, &std::cerr);
}

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string dct;
  bool repair = false;
  unsigned threads = 0;
};

// chronicle extract: one JSON line per document on stdout, in input order.
int RunExtract(const ExtractArgs& args) {
  chronicle::cli::ExtractOptions options;
  if (!ParseDctOption("extract", args.dct, &options.dct)) return 2;
  options.read.repair = args.repair;
  options.read.jsonl = jsonl_fields;
  options.threads = args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  chronicle::cli::Progress progress("extract", chronicle::cli::Progress::FromEnvironment(), &std::cerr);
  std::ios::sync_with_stdio(false);
  static char buffer[1 << 20];
  std::setvbuf(stdout, buffer, _IOFBF, sizeof buffer);
  const auto r = chronicle::cli::Extract(args.inputs, options, stdout, &std::cerr, &progress);
  progress.Finish();
  if (r.write_failed) {
    std::cerr << "chronicle extract: cannot write to stdout\n";
    return 2;
  }
  if (r.errors > 0) return r.documents > 0 ? 1 : 2;
  return 0;
}

struct BuildArgs {
  std::vector<std::string> inputs;
  std::string out = "chronicle-out";
  size_t top = 10;
  std::string dct;
  bool repair = false;
  unsigned threads = 0;
  bool keep_duplicates = false;
  bool from_extract = false;  // inputs are `chronicle extract` lines, not articles
};

// chronicle build: read, analyse every document (in parallel), store each in
// its own transaction, merge, and write the reports.
int RunBuild(const BuildArgs& args) {
  namespace fs = std::filesystem;
  std::optional<CalendarDate> forced;
  if (!ParseDctOption("build", args.dct, &forced)) return 2;
  // CHRONICLE_TIMING=1 prints the seconds each phase took on stderr.
  const bool timing = std::getenv("CHRONICLE_TIMING") != nullptr;
  // Wall-clock seconds, CPU seconds of this thread (which merges and writes
  // the reports; less disturbed by other processes than the wall clock), and
  // memory.
  auto thread_seconds = [] {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
  };
  auto phase_start = std::chrono::steady_clock::now();
  double phase_cpu = thread_seconds();
  auto phase = [&](const char* name) {
    const auto t = std::chrono::steady_clock::now();
    const double cpu = thread_seconds();
    if (timing) {
      std::cerr << "timing: " << name << " " << std::chrono::duration<double>(t - phase_start).count() << " s ("
                << cpu - phase_cpu << " s CPU in the main thread), " << chronicle::util::ResidentMegabytes() << " MB resident\n";
    }
    phase_start = t;
    phase_cpu = cpu;
  };
  // The inputs are read as a stream: whatever the size of the corpus, at most
  // kAhead documents (read, in analysis, or waiting to be stored and merged)
  // are in memory. A reader thread takes each document from
  // ingest::ForEachDocument, sets aside the near-copies of earlier ones (wire
  // copies, re-posts: each is stored as an extra source of the text it
  // copies) and hands the others, numbered d1, d2, ... in input order, to the
  // analysis threads; the store's thread stores each analysis and this thread
  // adds it to the merge, both in input order; an analysis is dropped once
  // both are done with it (the merge keeps of each document only what it
  // reads: merge::TimelineBuilder). With --from-extract the analyses are read
  // back instead (cli/extract.h) and handed over as they are.
  const unsigned threads = args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  constexpr size_t kAhead = 1024;
  struct Slot {
    chronicle::ingest::Document doc;  // read, waiting for an analysis thread
    std::optional<chronicle::dedup::MinHash> sig;
    chronicle::events::DocumentAnalysis analysis;
    bool ready = false;  // `analysis` is done
  };
  std::vector<Slot> ring(kAhead);  // document i is in ring[i % kAhead]
  std::mutex ready_mutex;
  std::condition_variable ready_cv;
  size_t produced = 0;                                        // documents handed over: d1 ... d<produced>
  size_t claimed = 0;                                         // documents an analysis thread has taken
  size_t merged = 0;                                          // documents added to the merge
  size_t written = 0;                                         // documents the store is done with
  size_t dropped = 0;                                         // documents dropped: min(merged, written)
  bool input_end = false;                                     // produced is final
  std::atomic<bool> stop{false};                              // setting up failed: the reader skips the rest
  size_t read_errors = 0;                                     // the reader's; read after it is joined
  std::vector<chronicle::store::Store::DocumentCopy> copies;  // the reader's too
  std::thread reader([&] {
    // Hands one document (or one extracted analysis) over, when the window
    // has room for it.
    auto hand_over = [&](auto&& fill) {
      std::unique_lock lock(ready_mutex);
      ready_cv.wait(lock, [&] { return stop || produced < dropped + kAhead; });
      if (stop) return;
      fill(ring[produced % kAhead]);
      ++produced;
      lock.unlock();
      ready_cv.notify_all();
    };
    if (args.from_extract) {
      std::vector<chronicle::events::DocumentAnalysis> extracted;
      read_errors += ReadExtractInputs(args.inputs, args.threads, &extracted).errors.size();
      for (auto& a : extracted) {
        hand_over([&](Slot& s) {
          s.analysis = std::move(a);
          s.ready = true;
        });
      }
    } else {
      chronicle::dedup::NearDuplicates index;
      size_t kept = 0;
      chronicle::ingest::ForEachDocument(
          args.inputs, InputOptions(args.repair, args.out),
          [&](chronicle::ingest::Document&& doc) {
            if (stop) return;
            std::optional<chronicle::dedup::MinHash> sig;
            if (!args.keep_duplicates) {
              // Near-copies are found in input order, so the first of a
              // group of copies is the one kept (and analysed).
              sig = chronicle::dedup::Signature(doc.body);
              if (const auto m = index.Find(*sig)) {
                copies.push_back(CopyRecord(std::move(doc), "d" + std::to_string(m->doc + 1), m->similarity));
                return;
              }
              index.Add(*sig, kept++);
            }
            hand_over([&](Slot& s) {  // (advance() left the slot not ready)
              s.doc = std::move(doc);
              s.sig = sig;
            });
          },
          [&](chronicle::ingest::ReadError&& e) {
            ++read_errors;
            ReportReadError(e);
          },
          [&](std::string&& w) { ReportWarning(w); });
    }
    {
      std::lock_guard lock(ready_mutex);
      input_end = true;
    }
    ready_cv.notify_all();
  });
  // Nothing is created before the first document: an input with none fails
  // as it always did.
  {
    std::unique_lock lock(ready_mutex);
    ready_cv.wait(lock, [&] { return produced > 0 || input_end; });
    if (produced == 0) {
      lock.unlock();
      reader.join();
      std::cerr << "chronicle build: no readable input\n";
      return 2;
    }
  }
  // Setting up failed: the reader skips the rest of the input, and the build fails.
  auto abandon = [&] {
    {
      std::lock_guard lock(ready_mutex);
      stop = true;
    }
    ready_cv.notify_all();
    reader.join();
    return 2;
  };
  std::error_code ec;
  fs::create_directories(args.out, ec);
  if (ec) {
    std::cerr << "chronicle build: cannot create " << args.out << ": " << ec.message() << "\n";
    return abandon();
  }
  // The merge keeps the mentions' sentences, then the events' mentions and
  // the conflicts' claims, in an unnamed file in OUT (gone when the process
  // ends, however it ends), not in memory.
  chronicle::merge::TimelineBuilder builder;
  {
    std::string spill_error;
    if (!builder.SpillTo(args.out, &spill_error)) {
      std::cerr << "chronicle build: " << spill_error << "\n";
      return abandon();
    }
  }
  phase("read");

  // The store is written next to the reports under a temporary name and moved
  // into place when complete.
  const fs::path db_path = fs::path(args.out) / "chronicle.db";
  const fs::path tmp_path = fs::path(args.out) / "chronicle.db.tmp";
  fs::remove(tmp_path, ec);
  fs::remove(fs::path(tmp_path.string() + "-wal"), ec);
  fs::remove(fs::path(tmp_path.string() + "-shm"), ec);
  std::string error;
  // The database is new and only moved into place when complete, so it is
  // written in bulk mode, unsynced until it is finished; each document is
  // still atomic (its own savepoint).
  auto store = chronicle::store::Store::OpenBulk(tmp_path.string(), &error);
  if (!store) {
    std::cerr << "error: " << tmp_path.string() << ": " << error << "\n";
    return abandon();
  }
  // With the lock held: *counter moves on to `to`, and the analyses both
  // the store and the merge are done with move to *dead (freed by the
  // caller, without the lock).
  auto advance = [&](size_t* counter, size_t to, std::vector<chronicle::events::DocumentAnalysis>* dead) {
    *counter = to;
    for (const size_t floor = std::min(merged, written); dropped < floor; ++dropped) {
      Slot& s = ring[dropped % kAhead];
      dead->push_back(std::move(s.analysis));
      s.analysis = chronicle::events::DocumentAnalysis();
      s.ready = false;
    }
  };
  // With the lock held: document i is analysed (true), or there is none.
  auto analysed = [&](size_t i) { return (i < produced && ring[i % kAhead].ready) || (input_end && i >= produced); };
  std::vector<std::string> store_errors;
  size_t stored = 0;
  std::string index_error;  // set when the documents' indexes could not be built
  std::thread writer([&] {
    std::vector<chronicle::events::DocumentAnalysis> dead;
    stored = store->WriteDocuments(
        [&](size_t i) -> const chronicle::events::DocumentAnalysis* {
          std::unique_lock lock(ready_mutex);
          advance(&written, i, &dead);  // the documents before i are written
          if (!dead.empty()) {
            lock.unlock();
            ready_cv.notify_all();
            dead.clear();
            lock.lock();
          }
          ready_cv.wait(lock, [&] { return analysed(i); });
          return i < produced ? &ring[i % kAhead].analysis : nullptr;
        },
        &store_errors);
    {
      std::lock_guard lock(ready_mutex);
      advance(&written, produced, &dead);
    }
    ready_cv.notify_all();
    dead.clear();
    // Now, while the main thread merges, rather than at the end (EndBulk).
    if (!store->IndexDocuments(&index_error) && index_error.empty()) index_error = "cannot build the indexes";
    // The documents' pages go to the disk while the merge runs, so the one
    // fsync at the end (SyncFile below) is left with the timeline's.
    chronicle::util::StartWriteback(tmp_path.string());
  });
  chronicle::cli::Progress progress("build", chronicle::cli::Progress::FromEnvironment(), &std::cerr);
  std::vector<std::thread> analysts;
  if (!args.from_extract) {
    for (unsigned t = 0; t < threads; ++t) {
      analysts.emplace_back([&] {
        for (;;) {
          size_t i = 0;
          chronicle::ingest::Document doc;
          std::optional<chronicle::dedup::MinHash> sig;
          {
            std::unique_lock lock(ready_mutex);
            ready_cv.wait(lock, [&] { return claimed < produced || input_end; });
            if (claimed == produced) return;  // the end of the input
            i = claimed++;
            doc = std::move(ring[i % kAhead].doc);
            sig = ring[i % kAhead].sig;
          }
          // Without --dct, AnalyseDocument takes the date from the Published header.
          auto a = chronicle::events::AnalyseDocument(std::move(doc), forced);
          a.id = "d" + std::to_string(i + 1);
          // Here, on all cores, rather than in the store's thread.
          a.minhash = sig ? *sig : chronicle::dedup::Signature(a.doc.body);
          a.content_hash = chronicle::store::ContentHash(a.doc);
          progress.Done(a.doc.body.size());
          {
            std::lock_guard lock(ready_mutex);
            ring[i % kAhead].analysis = std::move(a);
            ring[i % kAhead].ready = true;
          }
          ready_cv.notify_all();
        }
      });
    }
  }
  // A failed spill (a full disk) stops the merge; the other threads go on
  // to the end, and the build fails.
  std::string merge_error;
  bool total_known = false;
  {
    std::vector<chronicle::events::DocumentAnalysis> dead;
    for (size_t i = 0;; ++i) {
      {
        std::unique_lock lock(ready_mutex);
        ready_cv.wait(lock, [&] { return analysed(i); });
        if (input_end && !total_known) {
          progress.SetTotal(produced);  // known once the whole input is read
          total_known = true;
        }
        if (i >= produced) break;
      }
      if (merge_error.empty()) {
        try {
          builder.Add(ring[i % kAhead].analysis);
        } catch (const chronicle::merge::SpillError& e) {
          merge_error = e.what();
        }
      }
      {
        std::lock_guard lock(ready_mutex);
        advance(&merged, i + 1, &dead);
      }
      ready_cv.notify_all();
      dead.clear();
    }
  }
  reader.join();
  for (auto& t : analysts) t.join();
  if (!args.from_extract) progress.Finish();
  const size_t n = produced;
  const size_t read_count = n + copies.size();
  int failed = static_cast<int>(read_errors);
  phase("analyse");

  chronicle::merge::Timeline timeline;
  if (merge_error.empty()) {
    try {
      timeline = builder.Finish();
    } catch (const chronicle::merge::SpillError& e) {
      merge_error = e.what();
    }
  }
  if (!merge_error.empty()) {
    writer.join();
    std::cerr << "chronicle build: cannot merge: " << merge_error << "\n";
    return 2;
  }
  phase("merge");
  // The timeline is stored (after the last document) while the reports are
  // written.
  std::string store_error;
  bool timeline_stored = false;
  // With CHRONICLE_TIMING, the seconds since the merge ended at which the
  // store's steps ended (printed after the reports).
  std::string store_steps;
  std::thread timeline_writer([&] {
    const auto start = std::chrono::steady_clock::now();
    auto step = [&](const char* name) {
      store_steps += std::string(store_steps.empty() ? "" : ", ") + name + " " +
                     std::to_string(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count()) +
                     " s";
    };
    writer.join();
    step("documents");
    try {
      timeline_stored = index_error.empty() && store->WriteTimeline(timeline, &store_error);
    } catch (const chronicle::merge::SpillError& e) {
      store_error = e.what();
    }
    step("timeline");
    if (!index_error.empty()) {
      store_error = index_error;
    } else if (!timeline_stored) {
      store_error = "cannot store the timeline: " + store_error;
    } else if (!store->WriteCopies(copies, &store_error)) {
      timeline_stored = false;
      store_error = "cannot store the near-copies: " + store_error;
    } else if (!store->EndBulk(&store_error)) {
      timeline_stored = false;
    } else if (!chronicle::util::SyncFile(tmp_path.string(), &store_error)) {
      // One fsync for the whole store, now that it is complete (bulk mode
      // synced nothing); closing it later writes nothing more to the file.
      timeline_stored = false;
    }
    step("checks, journal and sync");
  });
  const auto top = chronicle::merge::TopEvents(timeline, args.top);
  std::string report_error;
  const bool reports_ok = chronicle::report::WriteTimelineFiles(timeline, top, args.out, &report_error);
  phase("reports");
  timeline_writer.join();
  for (const auto& e : store_errors) std::cerr << "error: cannot store: " << e << "\n";
  failed += static_cast<int>(n - stored);
  if (!reports_ok) {
    std::cerr << "error: " << report_error << "\n";
    failed = std::max(failed, 1);
  }
  if (!timeline_stored) {
    std::cerr << "error: " << tmp_path.string() << ": " << store_error << "\n";
    return 2;
  }
  store.reset();
  phase("store (the rest)");
  if (timing) std::cerr << "timing: store steps done after the merge: " << store_steps << "\n";
  if (timing) {
    std::cerr << "timing: heap on huge pages " << (chronicle::cli::HeapOnHugePages() ? "on" : "off") << ", "
              << chronicle::util::HugePageMegabytes() << " MB now (see cli/huge_pages.h)\n";
  }
  // A stale write-ahead log of an older chronicle.db must not be applied to the new one.
  fs::remove(fs::path(db_path.string() + "-wal"), ec);
  fs::remove(fs::path(db_path.string() + "-shm"), ec);
  fs::rename(tmp_path, db_path, ec);
  if (ec) {
    std::cerr << "error: cannot move " << tmp_path.string() << " to " << db_path.string() << ": " << ec.message()
              << "\n";
    return 2;
  }
  size_t disputed = 0;
  for (const auto& e : timeline.events) disputed += e.disputed ? 1 : 0;
  std::cerr << "chronicle build: " << read_count << " documents";
  if (!copies.empty()) std::cerr << " (" << copies.size() << " near-copies of others, kept as their extra sources)";
  std::cerr << ", " << timeline.events.size() << " events (" << disputed << " disputed), " << timeline.conflicts.size()
            << " conflicts -> " << args.out << "/timeline.{json,md,html}, chronicle.db\n";
  return failed > 0 ? 1 : 0;
}

struct AddArgs {
  std::vector<std::string> inputs;
  std::string db;
  std::string out;  // default: the database's directory
  size_t top = 10;
  std::string dct;
  bool repair = false;
  unsigned threads = 0;
  bool keep_duplicates = false;
};

// chronicle add: analyse the inputs the store does not hold yet (by content
// hash), store each in its own transaction as soon as it is analysed, then
// rebuild the timeline from every stored analysis and write the reports. An
// input whose path is stored with other content replaces that document
// (same id). Killed at any point, the store holds whole documents only, and
// running the same command again finishes the work.
int RunAdd(const AddArgs& args) {
  namespace fs = std::filesystem;
  std::optional<CalendarDate> forced;
  if (!ParseDctOption("add", args.dct, &forced)) return 2;
  const fs::path db_parent = fs::path(args.db).parent_path();
  auto batch = ReadAndReport(args.inputs, args.repair,
                             !args.out.empty()   ? args.out
                             : db_parent.empty() ? std::string(".")
                                                 : db_parent.string());
  int failed = static_cast<int>(batch.errors.size());
  std::string error;
  const fs::path db_path(args.db);
  if (db_path.has_parent_path()) {
    std::error_code ec;
    fs::create_directories(db_path.parent_path(), ec);
  }
  auto store = chronicle::store::Store::Open(args.db, &error);
  if (!store) {
    std::cerr << "error: " << args.db << ": " << error << "\n";
    return 2;
  }
  std::vector<chronicle::store::Store::DocumentKey> keys;
  if (!store->ReadDocumentKeys(&keys, &error)) {
    std::cerr << "error: " << args.db << ": " << error << "\n";
    return 2;
  }
  std::map<std::string, std::string> id_of_path;
  std::set<std::string> hashes;
  {
    std::vector<std::string> copy_hashes;
    if (!store->ReadCopyHashes(&copy_hashes, &error)) {
      std::cerr << "error: " << args.db << ": " << error << "\n";
      return 2;
    }
    hashes.insert(copy_hashes.begin(), copy_hashes.end());
  }
  size_t next_number = 1;
  for (const auto& k : keys) {
    id_of_path[k.path] = k.id;
    hashes.insert(k.content_hash);
    if (k.id.size() > 1 && k.id[0] == 'd') {
      const std::string digits = k.id.substr(1);
      if (digits.find_first_not_of("0123456789") == std::string::npos && digits.size() < 19) {
        next_number = std::max<size_t>(next_number, std::stoull(digits) + 1);
      }
    }
  }
  // What to analyse: new content, in input order; new paths get the next ids.
  std::vector<size_t> todo;
  std::vector<std::string> ids;
  size_t unchanged = 0, replaced = 0;
  std::vector<char> unseen(batch.documents.size(), 0);
  std::vector<chronicle::ingest::Document> fresh;  // the unseen inputs, for the near-copy check
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    if (!hashes.insert(chronicle::store::ContentHash(batch.documents[i])).second) {
      ++unchanged;
      continue;
    }
    unseen[i] = 1;
  }
  // Near-copies of stored documents or of earlier new inputs become extra
  // sources of those instead of documents of their own.
  const unsigned threads = args.threads != 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<chronicle::store::Store::DocumentCopy> copies;
  std::vector<char> is_copy(batch.documents.size(), 0);
  std::vector<double> copy_similarity(batch.documents.size(), 0);
  std::vector<size_t> copy_of(batch.documents.size(), 0);  // index number of the copied text
  std::vector<std::string> stored_ids;                     // index number -> stored id
  // Position among the inputs checked for copies; those that are no copy
  // get index number stored_ids.size() + position.
  std::vector<size_t> fresh_pos(batch.documents.size(), SIZE_MAX);
  std::vector<chronicle::dedup::MinHash> fresh_sigs;  // by position
  if (!args.keep_duplicates) {
    std::vector<std::pair<std::string, chronicle::dedup::MinHash>> signatures;
    if (!store->ReadSignatures(&signatures, &error)) {
      std::cerr << "error: " << args.db << ": " << error << "\n";
      return 2;
    }
    chronicle::dedup::NearDuplicates index;
    for (auto& [id, sig] : signatures) {
      index.Add(sig, stored_ids.size());
      stored_ids.push_back(id);
    }
    std::vector<size_t> fresh_index;
    for (size_t i = 0; i < batch.documents.size(); ++i) {
      // A new version of a stored path replaces it, however close it is.
      if (unseen[i] == 0 || id_of_path.count(batch.documents[i].path) != 0) continue;
      fresh_pos[i] = fresh.size();
      fresh_index.push_back(i);
      fresh.push_back(batch.documents[i]);
    }
    for (const auto& c : FindCopies(fresh, threads, index, stored_ids.size(), &fresh_sigs)) {
      const size_t i = fresh_index[c.doc];
      is_copy[i] = 1;
      copy_of[i] = c.of;
      copy_similarity[i] = c.similarity;
    }
    fresh.clear();
  }
  // Index numbers of new originals, to name the ids they get below.
  std::map<size_t, std::string> new_id_of_number;
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    if (unseen[i] == 0) continue;
    const auto& doc = batch.documents[i];
    if (is_copy[i] != 0) {
      copies.push_back(
          CopyRecord(doc, copy_of[i] < stored_ids.size() ? stored_ids[copy_of[i]] : new_id_of_number[copy_of[i]],
                     copy_similarity[i]));
      continue;
    }
    todo.push_back(i);
    if (const auto it = id_of_path.find(doc.path); it != id_of_path.end()) {
      ids.push_back(it->second);
      ++replaced;
    } else {
      ids.push_back("d" + std::to_string(next_number++));
      id_of_path[doc.path] = ids.back();
    }
    if (fresh_pos[i] != SIZE_MAX) new_id_of_number[stored_ids.size() + fresh_pos[i]] = ids.back();
  }
  // Analysis in parallel; each document is written, in input order, in its
  // own transaction by a second thread as soon as it is ready.
  const size_t n = todo.size();
  std::vector<chronicle::events::DocumentAnalysis> analyses(n);
  std::mutex ready_mutex;
  std::condition_variable ready_cv;
  std::vector<char> ready(n, 0);
  size_t stored = 0;
  std::thread writer([&] {
    for (size_t k = 0; k < n; ++k) {
      {
        std::unique_lock lock(ready_mutex);
        ready_cv.wait(lock, [&] { return ready[k] != 0; });
      }
      std::string why;
      if (store->WriteDocument(analyses[k], &why)) {
        ++stored;
      } else {
        std::cerr << "error: cannot store " << analyses[k].doc.path << ": " << why << "\n";
      }
      analyses[k] = chronicle::events::DocumentAnalysis();  // read back from the store below
    }
  });
  chronicle::cli::Progress progress("add", chronicle::cli::Progress::FromEnvironment(), &std::cerr);
  progress.SetTotal(n);
  ParallelFor(n, threads, [&](size_t k) {
    auto a = chronicle::events::AnalyseDocument(std::move(batch.documents[todo[k]]), forced);
    a.id = ids[k];
    const size_t pos = fresh_pos[todo[k]];
    a.minhash = pos != SIZE_MAX ? fresh_sigs[pos] : chronicle::dedup::Signature(a.doc.body);
    a.content_hash = chronicle::store::ContentHash(a.doc);
    progress.Done(a.doc.body.size());
    {
      std::lock_guard lock(ready_mutex);
      analyses[k] = std::move(a);
      ready[k] = 1;
    }
    ready_cv.notify_all();
  });
  writer.join();
  progress.Finish();
  failed += static_cast<int>(n - stored);
  if (!store->WriteCopies(copies, &error)) {
    std::cerr << "error: " << args.db << ": cannot store the near-copies: " << error << "\n";
    failed = std::max(failed, 1);
  }

  // The timeline of everything stored, old and new.
  std::vector<chronicle::events::DocumentAnalysis> all;
  if (!store->ReadAnalyses(&all, &error)) {
    std::cerr << "error: " << args.db << ": " << error << "\n";
    return 2;
  }
  // Each analysis is dropped once the merge has what it needs of it; the
  // sentences, the events' mentions and the conflicts' claims go to an
  // unnamed file next to the store, as in build.
  chronicle::merge::TimelineBuilder builder;
  if (!builder.SpillTo(db_path.has_parent_path() ? db_path.parent_path().string() : std::string("."), &error)) {
    std::cerr << "error: " << error << "\n";
    return 2;
  }
  const size_t all_count = all.size();
  chronicle::merge::Timeline timeline;
  try {
    for (auto& a : all) {
      builder.Add(a);
      a = chronicle::events::DocumentAnalysis();
    }
    std::vector<chronicle::events::DocumentAnalysis>().swap(all);
    timeline = builder.Finish();
    if (!store->WriteTimeline(timeline, &error)) {
      std::cerr << "error: " << args.db << ": cannot store the timeline: " << error << "\n";
      return 2;
    }
  } catch (const chronicle::merge::SpillError& e) {
    std::cerr << "error: " << args.db << ": cannot merge: " << e.what() << "\n";
    return 2;
  }
  store.reset();
  const std::string out = !args.out.empty()           ? args.out
                          : db_path.has_parent_path() ? db_path.parent_path().string()
                                                      : std::string(".");
  std::string report_error;
  if (!chronicle::report::WriteTimelineFiles(timeline, chronicle::merge::TopEvents(timeline, args.top), out,
                                             &report_error)) {
    std::cerr << "error: " << report_error << "\n";
    failed = std::max(failed, 1);
  }
  size_t disputed = 0;
  for (const auto& e : timeline.events) disputed += e.disputed ? 1 : 0;
  std::cerr << "chronicle add: " << (stored - std::min(stored, replaced)) << " new, " << std::min(stored, replaced)
            << " changed, " << unchanged << " unchanged, " << copies.size() << " near-copies of others; " << all_count
            << " documents, " << timeline.events.size() << " events (" << disputed << " disputed), "
            << timeline.conflicts.size() << " conflicts -> " << args.db << ", " << out << "/timeline.{json,md,html}\n";
  return failed > 0 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  // With glibc's heap on transparent huge pages (re-executes once when it can).
  chronicle::cli::UseHugePages(argc, argv);
  // Each heap grows 16 MiB at a time rather than a page or two: the analysis
  // threads' and the store's arenas otherwise grew by some 3,000 mprotect()
  // calls on the 3 MB bench corpus (some 310-360 now), each a system call. Address
  // space only: pages are still committed when first touched.
  mallopt(M_TOP_PAD, 16 << 20);
  CLI::App app{"chronicle: a merged, dated, source-attributed timeline from news reports"};
  app.set_version_flag("--version", std::string(CHRONICLE_VERSION));
  app.require_subcommand(1);

  TimexArgs targs;
  auto* timex = app.add_subcommand("timex", "Tag and normalise temporal expressions (TimeML TIMEX3)");
  timex
      ->add_option("inputs", targs.inputs,
                   "Files (text, HTML, RSS/Atom, JSONL, WARC, gzip), directories or - for stdin")
      ->required();
  timex->add_option("--dct", targs.dct, "Document creation time YYYY-MM-DD; overrides metadata and inference");
  timex->add_option("--format", targs.format, "json (one object per line per file) or timeml")
      ->check(CLI::IsMember({"json", "timeml"}));
  timex->add_option("--out-dir", targs.out_dir, "Write one output file per input into this directory");
  timex->add_flag("--repair", targs.repair, "Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing");
  timex->add_option("--threads", targs.threads, "Worker threads (default: one per core; 1 = single-threaded)");
  AddJsonlOptions(timex);
  int rc = 0;
  timex->callback([&] { rc = RunTimex(targs); });

  BuildArgs bargs;
  auto* build =
      app.add_subcommand("build", "Build the merged timeline: timeline.json, timeline.md, timeline.html, chronicle.db");
  build
      ->add_option("inputs", bargs.inputs,
                   "Files (text, HTML, RSS/Atom, JSONL, WARC, gzip), directories or - for stdin")
      ->required();
  build->add_option("-o,--out", bargs.out, "Output directory (created if missing)")->capture_default_str();
  build->add_option("--top", bargs.top, "Number of key dates in the short timeline")->capture_default_str();
  build->add_option("--dct", bargs.dct, "Document date for every input, overriding metadata and inference");
  build->add_flag("--repair", bargs.repair, "Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing");
  build->add_option("--threads", bargs.threads, "Worker threads (default: one per core)");
  build->add_flag("--keep-duplicates", bargs.keep_duplicates,
                  "Analyse near-copies of other inputs too, instead of storing them as extra sources");
  AddJsonlOptions(build);
  build->add_flag("--from-extract", bargs.from_extract,
                  "The inputs are `chronicle extract` output (files, .gz, or - for stdin), not articles");
  build->callback([&] { rc = RunBuild(bargs); });

  ExtractArgs xargs;
  auto* extract = app.add_subcommand(
      "extract", "Analyse articles and write one JSON line per document on stdout (for build --from-extract)");
  extract
      ->add_option("inputs", xargs.inputs,
                   "Files (text, HTML, RSS/Atom, JSONL, WARC, gzip), directories or - for stdin")
      ->required();
  extract->add_option("--dct", xargs.dct, "Document date for every input, overriding metadata and inference");
  extract->add_flag("--repair", xargs.repair, "Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing");
  extract->add_option("--threads", xargs.threads, "Worker threads (default: one per core)");
  AddJsonlOptions(extract);
  extract->callback([&] { rc = RunExtract(xargs); });

  AddArgs aargs;
  auto* add = app.add_subcommand(
      "add", "Add articles to an existing store (only new or changed ones are analysed) and rebuild the timeline");
  add->add_option("inputs", aargs.inputs, "Files (text, HTML, RSS/Atom, JSONL, WARC, gzip), directories or - for stdin")
      ->required();
  add->add_option("--db", aargs.db, "The store (created if missing)")->required();
  add->add_option("-o,--out", aargs.out, "Where the reports go (default: the store's directory)");
  add->add_option("--top", aargs.top, "Number of key dates in the short timeline")->capture_default_str();
  add->add_option("--dct", aargs.dct, "Document date for every new input, overriding metadata and inference");
  add->add_flag("--repair", aargs.repair, "Replace invalid UTF-8 with U+FFFD (with a warning) instead of failing");
  add->add_option("--threads", aargs.threads, "Worker threads (default: one per core)");
  add->add_flag("--keep-duplicates", aargs.keep_duplicates,
                "Analyse near-copies of other documents too, instead of storing them as extra sources");
  AddJsonlOptions(add);
  add->callback([&] { rc = RunAdd(aargs); });

  EvalArgs eargs;
  auto* eval = app.add_subcommand("eval", "Score Chronicle against gold annotations");
  eval->require_subcommand(1);
  auto* eval_timex =
      eval->add_subcommand("timex", "TempEval-3 timex scores against TimeML or CAT (MEANTIME) gold files");
  eval_timex
      ->add_option("--gold", eargs.gold,
                   "Directory of gold files, walked recursively: TimeML .tml, CAT .xml (by content)")
      ->required();
  eval_timex->add_option("--input", eargs.input, "Directory of raw input files paired by DOCID (optional)");
  eval_timex->add_flag("--json", eargs.json, "Print the scores as JSON");
  eval_timex->add_option("--cat-sentences", eargs.cat_sentences,
                         "CAT gold: score the first N sentences of each document (default 6, "
                         "MEANTIME's annotated part; 0 = the whole text)");
  eval_timex->add_option("--mismatches", eargs.mismatches, "Write every missed/spurious/wrong timex to this file");
  eval_timex->callback([&] { rc = RunEvalTimex(eargs); });
  EvalTimelineArgs ltargs;
  auto* eval_timeline = eval->add_subcommand("timeline", "Score a timeline.json against a gold timeline (JSON)");
  eval_timeline->add_option("--gold", ltargs.gold, "Gold timeline JSON (e.g. tests/e2e/seeds_gold_timeline.json)")
      ->required();
  eval_timeline->add_option("--timeline", ltargs.timeline, "The timeline.json written by chronicle build")->required();
  eval_timeline->add_flag("--json", ltargs.json, "Print the scores as JSON");
  eval_timeline->add_option(
      "--misses", ltargs.misses,
      "Write the missed happenings, unmerged ones, unreported disagreements and unmatched events");
  eval_timeline->callback([&] { rc = RunEvalTimeline(ltargs); });

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return rc;
}
