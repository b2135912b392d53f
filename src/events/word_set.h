// A small fixed set of words for membership tests in per-word loops.
//
//   static const WordSet kBe = {"was", "were", "been"};
//   if (kBe.count(word.lower) != 0) ...
//
// The event stage asks a dozen word lists about nearly every word of a
// document. As std::unordered_set<std::string_view> each question hashed the
// whole word (std::_Hash_bytes) and walked a bucket list: about 4% of
// `chronicle extract`. Here the words are bucketed by length and first byte,
// so a question costs one table look-up and, only when some word of the set
// has that length and first byte, a compare or two; most words are turned
// away by the look-up alone. Same answers as the hash set.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string_view>
#include <vector>

namespace chronicle::events {

class WordSet {
 public:
  // The views must outlive the set (string literals do).
  WordSet(std::initializer_list<std::string_view> words) : WordSet(words.begin(), words.end()) {}
  template <typename It>
  WordSet(It begin, It end) {
    // Counting sort by bucket: first_[b] .. first_[b + 1] index words_.
    size_t n = 0;
    for (It it = begin; it != end; ++it, ++n) ++first_[Bucket(*it) + 1];
    for (size_t b = 1; b < first_.size(); ++b) first_[b] += first_[b - 1];
    words_.resize(n);
    std::array<uint16_t, kBuckets + 1> fill = first_;
    for (It it = begin; it != end; ++it) {
      const std::string_view w = *it;
      const size_t b = Bucket(w);
      // A word listed twice is kept once (as a set would).
      if (std::find(words_.begin() + first_[b], words_.begin() + fill[b], w) == words_.begin() + fill[b]) {
        words_[fill[b]++] = w;
      }
    }
    // Drop the slots of duplicates by shifting the buckets down.
    size_t out = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const size_t from = first_[b], to = fill[b];
      first_[b] = static_cast<uint16_t>(out);
      for (size_t i = from; i < to; ++i) words_[out++] = words_[i];
    }
    first_[kBuckets] = static_cast<uint16_t>(out);
    words_.resize(out);
  }

  bool contains(std::string_view w) const {
    const size_t b = Bucket(w);
    for (size_t i = first_[b]; i < first_[b + 1]; ++i) {
      if (words_[i] == w) return true;
    }
    return false;
  }
  size_t count(std::string_view w) const { return contains(w) ? 1 : 0; }

 private:
  // Lengths 0..15 (longer words share the last row) by the first byte's low
  // five bits (the 26 letters fall apart; the compare settles the rest).
  static constexpr size_t kBuckets = 16 * 32;
  static size_t Bucket(std::string_view w) {
    const size_t len = std::min<size_t>(w.size(), 15);
    const size_t first = w.empty() ? 0 : static_cast<unsigned char>(w[0]) & 31u;
    return len * 32 + first;
  }
  std::array<uint16_t, kBuckets + 1> first_{};
  std::vector<std::string_view> words_;
};

}  // namespace chronicle::events
