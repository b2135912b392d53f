#include "cli/progress.h"

#include <unistd.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace chronicle::cli {
namespace {

// 1234567 -> "1,234,567".
std::string Grouped(uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

std::string Fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

// 75 -> "1:15", 3725 -> "1:02:05".
std::string Clock(double seconds) {
  const auto s = static_cast<uint64_t>(std::llround(std::max(0.0, seconds)));
  char buf[64];
  if (s >= 3600) {
    std::snprintf(buf, sizeof buf, "%llu:%02llu:%02llu", static_cast<unsigned long long>(s / 3600),
                  static_cast<unsigned long long>(s / 60 % 60), static_cast<unsigned long long>(s % 60));
  } else {
    std::snprintf(buf, sizeof buf, "%llu:%02llu", static_cast<unsigned long long>(s / 60),
                  static_cast<unsigned long long>(s % 60));
  }
  return buf;
}

// Documents between two clock reads in Done().
constexpr uint64_t kClockEvery = 8;

}  // namespace

Progress::Options Progress::FromEnvironment() {
  Options o;
  const char* mode = std::getenv("CHRONICLE_PROGRESS");
  if (mode != nullptr && std::strcmp(mode, "0") == 0) {
    o.mode = Mode::kOff;
  } else if (mode != nullptr && std::strcmp(mode, "tty") == 0) {
    o.mode = Mode::kTerminal;
  } else if (mode != nullptr && std::strcmp(mode, "log") == 0) {
    o.mode = Mode::kLog;
  } else {
    o.mode = ::isatty(STDERR_FILENO) ? Mode::kTerminal : Mode::kLog;
  }
  if (const char* s = std::getenv("CHRONICLE_PROGRESS_INTERVAL")) {
    char* end = nullptr;
    const double v = std::strtod(s, &end);
    if (end != s && v > 0 && v < 1e7) o.interval = std::chrono::milliseconds(static_cast<int64_t>(v * 1000));
  }
  return o;
}

Progress::Progress(std::string label, Options options, std::ostream* out)
    : label_(std::move(label)),
      options_(options),
      out_(out),
      start_(std::chrono::steady_clock::now()),
      next_due_ns_(std::chrono::nanoseconds(options.mode == Mode::kTerminal ? options.redraw : options.interval)
                       .count()),
      next_due_docs_(options.mode == Mode::kLog && options.every_documents > 0 ? options.every_documents
                                                                              : UINT64_MAX) {}

Progress::~Progress() { Finish(); }

void Progress::SetTotal(uint64_t documents) { total_.store(documents, std::memory_order_relaxed); }

double Progress::Seconds() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void Progress::Done(uint64_t bytes) {
  bytes_.fetch_add(bytes, std::memory_order_relaxed);
  const uint64_t docs = docs_.fetch_add(1, std::memory_order_relaxed) + 1;
  if (options_.mode == Mode::kOff) return;
  MaybePrint(docs);
}

void Progress::MaybePrint(uint64_t docs) {
  bool due = docs >= next_due_docs_.load(std::memory_order_relaxed);
  if (!due && docs % kClockEvery != 0) return;
  const int64_t now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - start_).count();
  due = due || now_ns >= next_due_ns_.load(std::memory_order_relaxed);
  if (!due) return;
  std::unique_lock lock(mutex_, std::try_to_lock);
  if (!lock.owns_lock() || finished_) return;
  // Re-checked under the lock: another thread may just have printed.
  if (docs < next_due_docs_.load(std::memory_order_relaxed) && now_ns < next_due_ns_.load(std::memory_order_relaxed))
    return;
  const auto step = options_.mode == Mode::kTerminal ? options_.redraw : options_.interval;
  next_due_ns_.store(now_ns + std::chrono::duration_cast<std::chrono::nanoseconds>(step).count(),
                     std::memory_order_relaxed);
  if (options_.mode == Mode::kLog && options_.every_documents > 0) {
    next_due_docs_.store(docs + options_.every_documents, std::memory_order_relaxed);
  }
  Print(false);
}

void Progress::Print(bool final) {
  const uint64_t total = total_.load(std::memory_order_relaxed);
  const std::string line =
      FormatLine(label_, docs_.load(std::memory_order_relaxed), total != 0 ? std::optional(total) : std::nullopt,
                 bytes_.load(std::memory_order_relaxed), Seconds(), final);
  if (options_.mode == Mode::kTerminal) {
    // Back to the start of the line, the new text, and clear what is left.
    *out_ << '\r' << line << "\x1b[K";
    if (final) *out_ << '\n';
  } else {
    *out_ << "progress: " << line << '\n';
  }
  out_->flush();
  ++lines_;
}

void Progress::Finish() {
  std::lock_guard lock(mutex_);
  if (finished_) return;
  finished_ = true;
  if (options_.mode == Mode::kTerminal || (options_.mode == Mode::kLog && lines_ > 0)) Print(true);
}

std::string Progress::FormatLine(const std::string& label, uint64_t docs, std::optional<uint64_t> total,
                                 uint64_t bytes, double seconds, bool final) {
  std::string s = label + ": " + Grouped(docs);
  if (total) s += " / " + Grouped(*total);
  s += " documents";
  if (total && *total > 0) {
    s += " (" + std::to_string(std::min<uint64_t>(100, docs * 100 / *total)) + "%)";
  }
  const double secs = std::max(seconds, 1e-9);
  const double rate = static_cast<double>(docs) / secs;
  s += ", " + Fixed(rate, rate < 10 ? 1 : 0) + " docs/s";
  s += ", " + Fixed(static_cast<double>(bytes) / 1e6 / secs, 2) + " MB/s";
  if (final) {
    s += ", " + Clock(seconds) + " elapsed";
  } else if (total && docs > 0 && *total >= docs) {
    s += ", ETA " + Clock(static_cast<double>(*total - docs) / std::max(rate, 1e-9));
  }
  return s;
}

}  // namespace chronicle::cli
