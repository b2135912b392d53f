// ParallelFor for the CLI's per-document work.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace chronicle::cli {

// Runs fn(i) for i in [0, n) on up to `threads` threads (work is handed out
// one index at a time, so long documents do not hold up a fixed share).
template <typename Fn>
void ParallelFor(size_t n, unsigned threads, Fn fn) {
  if (threads <= 1 || n <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  const unsigned count = static_cast<unsigned>(std::min<size_t>(threads, n));
  pool.reserve(count);
  for (unsigned t = 0; t < count; ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  }
  for (auto& th : pool) th.join();
}

}  // namespace chronicle::cli
