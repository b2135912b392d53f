// Progress of a long command (build, add, extract) on stderr, never stdout.
//
//   chronicle::cli::Progress progress("build", Progress::FromEnvironment(), &std::cerr);
//   progress.SetTotal(documents.size());           // optional: without it, no ETA
//   ... on any thread, as each document is done:
//   progress.Done(doc.body.size());
//   progress.Finish();                             // the last line
//
// On a terminal (stderr is a tty) one line is redrawn in place, at most five
// times a second: "build: 1,234 / 10,000 documents (12%)  812 docs/s  1.9 MB/s
// ETA 0:11". Otherwise (a log file, a Hadoop task's stderr) a plain line is
// printed every `interval` (10 s by default) or every `every_documents`
// documents, whichever comes first; a run shorter than that prints nothing.
// CHRONICLE_PROGRESS=0 turns it off, =tty forces the redrawn line, =log the
// plain lines; CHRONICLE_PROGRESS_INTERVAL=SECONDS sets the log interval.
//
// Done() is thread-safe and cheap: two atomic adds, and a clock read once
// every few documents; whoever finds a line due prints it (a try-lock, so no
// worker ever waits for another's output).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>

namespace chronicle::cli {

class Progress {
 public:
  enum class Mode { kOff, kTerminal, kLog };
  struct Options {
    Mode mode = Mode::kLog;
    std::chrono::milliseconds interval{10000};  // log mode
    uint64_t every_documents = 0;               // log mode; 0: time only
    std::chrono::milliseconds redraw{200};      // terminal mode
  };
  // The mode from isatty(stderr) and CHRONICLE_PROGRESS, the interval from
  // CHRONICLE_PROGRESS_INTERVAL.
  static Options FromEnvironment();

  Progress(std::string label, Options options, std::ostream* out);
  ~Progress();  // calls Finish()
  Progress(const Progress&) = delete;
  Progress& operator=(const Progress&) = delete;

  void SetTotal(uint64_t documents);
  // One document (of `bytes` input bytes) is done.
  void Done(uint64_t bytes);
  // Prints the final line (terminal mode: always; log mode: only when a
  // periodic line was printed before, so short runs stay quiet). Idempotent.
  void Finish();

  uint64_t documents() const { return docs_.load(std::memory_order_relaxed); }
  uint64_t bytes() const { return bytes_.load(std::memory_order_relaxed); }
  size_t lines_printed() const { return lines_; }

  // The text of one progress line (without "\r" or "\n"), for the tests.
  static std::string FormatLine(const std::string& label, uint64_t docs, std::optional<uint64_t> total,
                                uint64_t bytes, double seconds, bool final);

 private:
  void MaybePrint(uint64_t docs);
  void Print(bool final);  // with mutex_ held
  double Seconds() const;

  const std::string label_;
  const Options options_;
  std::ostream* out_;
  const std::chrono::steady_clock::time_point start_;
  std::atomic<uint64_t> docs_{0};
  std::atomic<uint64_t> bytes_{0};
  std::atomic<uint64_t> total_{0};  // 0: unknown
  std::atomic<int64_t> next_due_ns_;  // since start_
  std::atomic<uint64_t> next_due_docs_;
  std::mutex mutex_;
  size_t lines_ = 0;
  bool finished_ = false;
};

}  // namespace chronicle::cli
