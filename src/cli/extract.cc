#include "cli/extract.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>

#include "cli/parallel.h"
#include "events/jsonl.h"
#include "ingest/source.h"

namespace chronicle::cli {

ExtractResult Extract(const std::vector<std::string>& inputs, const ExtractOptions& options, std::FILE* out,
                      std::ostream* diagnostics, Progress* progress) {
  const unsigned threads = std::max(1u, options.threads);
  const size_t window = options.window != 0 ? options.window : size_t{16} * threads;

  // A ring of `window` slots: the reader fills slot seq % window, a worker
  // turns its document into a line, the writer prints the lines in sequence
  // and frees the slot.
  struct Slot {
    ingest::Document doc;
    std::string line;
    bool done = false;
  };
  std::vector<Slot> ring(window);
  std::mutex mutex;
  std::condition_variable space_cv, work_cv, done_cv;
  uint64_t produced = 0, claimed = 0, written = 0;
  bool input_end = false;
  std::atomic<bool> write_failed{false};
  ExtractResult result;

  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) {
    workers.emplace_back([&] {
      for (;;) {
        uint64_t seq;
        ingest::Document doc;
        {
          std::unique_lock lock(mutex);
          work_cv.wait(lock, [&] { return claimed < produced || input_end; });
          if (claimed == produced) return;  // input_end
          seq = claimed++;
          doc = std::move(ring[seq % window].doc);
        }
        const uint64_t bytes = doc.body.size();
        auto analysis = events::AnalyseDocument(std::move(doc), options.dct);
        analysis.id = "d" + std::to_string(seq + 1);
        std::string line = events::AnalysisJsonLine(analysis);
        if (progress != nullptr) progress->Done(bytes);
        {
          std::lock_guard lock(mutex);
          ring[seq % window].line = std::move(line);
          ring[seq % window].done = true;
        }
        done_cv.notify_one();
      }
    });
  }
  std::thread writer([&] {
    for (;;) {
      std::string line;
      {
        std::unique_lock lock(mutex);
        done_cv.wait(lock, [&] { return ring[written % window].done || (input_end && written == produced); });
        if (written == produced) return;  // input_end, all written
        Slot& slot = ring[written % window];
        line.swap(slot.line);
        slot.done = false;
      }
      if (!write_failed && std::fwrite(line.data(), 1, line.size(), out) != line.size()) write_failed = true;
      {
        std::lock_guard lock(mutex);
        ++written;
      }
      space_cv.notify_one();
    }
  });

  ingest::ForEachDocument(
      inputs, options.read,
      [&](ingest::Document&& doc) {
        if (write_failed) return;  // nobody reads the output any more
        std::unique_lock lock(mutex);
        space_cv.wait(lock, [&] { return produced - written < window; });
        ring[produced % window].doc = std::move(doc);
        ++produced;
        lock.unlock();
        work_cv.notify_one();
      },
      [&](ingest::ReadError&& e) {
        // An empty stdin is an empty stream, not a broken input: Spark runs
        // pipe() on empty partitions too.
        if (e.path == "-" && e.reason == "empty file") return;
        ++result.errors;
        *diagnostics << "error: " << e.path << ": " << e.reason << "\n";
      },
      [&](std::string&& w) { *diagnostics << "warning: " << w << "\n"; });
  {
    std::lock_guard lock(mutex);
    input_end = true;
  }
  work_cv.notify_all();
  for (auto& w : workers) w.join();
  done_cv.notify_all();
  writer.join();
  if (std::fflush(out) != 0) write_failed = true;
  result.documents = written;
  result.write_failed = write_failed;
  return result;
}

ingest::ReadBatch ReadExtract(const std::vector<std::string>& inputs, unsigned threads,
                              std::vector<events::DocumentAnalysis>* out, std::ostream* diagnostics) {
  ingest::ReadBatch batch;
  auto fail = [&](std::string path, std::string reason) {
    *diagnostics << "error: " << path << ": " << reason << "\n";
    batch.errors.push_back({std::move(path), std::move(reason)});
  };
  // Lines are parsed in blocks, in parallel, and kept in order.
  constexpr size_t kBlock = 4096;
  constexpr size_t kMaxLine = size_t{256} << 20;
  std::vector<std::string> lines;
  std::vector<uint64_t> line_numbers;
  std::vector<events::DocumentAnalysis> parsed;
  std::vector<std::string> errors;
  std::string name;
  auto flush = [&] {
    parsed.assign(lines.size(), events::DocumentAnalysis());
    errors.assign(lines.size(), std::string());
    ParallelFor(lines.size(), threads, [&](size_t i) {
      if (!events::AnalysisFromJson(lines[i], &parsed[i], &errors[i]) && errors[i].empty()) errors[i] = "unreadable";
      lines[i] = std::string();  // free the text as soon as it is parsed
    });
    for (size_t i = 0; i < parsed.size(); ++i) {
      if (!errors[i].empty()) {
        fail(name + ":" + std::to_string(line_numbers[i]), errors[i]);
        continue;
      }
      parsed[i].id = "d" + std::to_string(out->size() + 1);
      out->push_back(std::move(parsed[i]));
    }
    lines.clear();
    line_numbers.clear();
  };
  for (const auto& path : inputs) {
    name = path;
    std::FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      fail(path, std::string("cannot open: ") + std::strerror(errno));
      continue;
    }
    ingest::FileSource file(f, /*owned=*/path != "-");
    ingest::StreamReader raw(file);
    std::unique_ptr<ingest::GzipSource> gz;
    std::unique_ptr<ingest::StreamReader> unzipped;
    ingest::StreamReader* in = &raw;
    const std::string_view magic = raw.Peek(2);
    if (magic.size() >= 2 && static_cast<unsigned char>(magic[0]) == 0x1f &&
        static_cast<unsigned char>(magic[1]) == 0x8b) {
      gz = std::make_unique<ingest::GzipSource>(raw);
      unzipped = std::make_unique<ingest::StreamReader>(*gz);
      in = unzipped.get();
    }
    uint64_t number = 0;
    std::string line;
    for (;;) {
      uint64_t long_bytes = 0;
      const auto status = in->ReadLine(&line, kMaxLine, &long_bytes);
      if (status == ingest::LineStatus::kEnd) break;
      ++number;
      if (status == ingest::LineStatus::kTooLong) {
        fail(path + ":" + std::to_string(number), "line of " + std::to_string(long_bytes) + " bytes is too long");
        continue;
      }
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      lines.push_back(std::move(line));
      line_numbers.push_back(number);
      line = std::string();
      if (lines.size() == kBlock) flush();
    }
    flush();
    if (!in->error().empty()) fail(path, in->error());
  }
  return batch;
}

}  // namespace chronicle::cli
