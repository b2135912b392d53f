// Near-duplicate articles: wire copies and re-posts of one text with other
// boilerplate. Each text gets a MinHash signature over its four-word
// shingles; an index with locality-sensitive hashing (16 bands of 4 values)
// finds the earlier texts that may share most of their shingles, and the
// signatures confirm it (the share of equal values estimates the Jaccard
// similarity of the two shingle sets).
//
//   chronicle::dedup::NearDuplicates index;
//   for (size_t i = 0; i < texts.size(); ++i) {
//     const auto sig = chronicle::dedup::Signature(texts[i]);
//     if (auto copy_of = index.Find(sig)) { /* texts[i] is a copy of copy_of->doc */ continue; }
//     index.Add(sig, i);
//   }
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace chronicle::dedup {

inline constexpr size_t kSignatureSize = 64;
using MinHash = std::array<uint32_t, kSignatureSize>;

// The signature of a text: words are runs of letters and digits (any byte
// >= 0x80 counts as a letter), compared without case; a text of fewer than
// four words is one shingle.
MinHash Signature(std::string_view text);

// The share of equal values of two signatures, 0..1.
double Similarity(const MinHash& a, const MinHash& b);

class NearDuplicates {
 public:
  // Texts at least this similar (estimated Jaccard similarity of their
  // shingle sets) are copies of each other.
  explicit NearDuplicates(double threshold = 0.8) : threshold_(threshold) {}

  struct Match {
    size_t doc = 0;  // as given to Add
    double similarity = 0;
  };
  // The most similar earlier text at or above the threshold (the first
  // added on a tie), or nullopt.
  std::optional<Match> Find(const MinHash& sig) const;
  // Adds a text that is not a copy; later copies of it are found.
  void Add(const MinHash& sig, size_t doc);
  size_t size() const { return signatures_.size(); }

 private:
  static constexpr size_t kBands = 16;
  static constexpr size_t kRows = kSignatureSize / kBands;
  static uint64_t BandKey(const MinHash& sig, size_t band);
  void Grow();

  double threshold_;
  std::vector<MinHash> signatures_;
  std::vector<size_t> docs_;
  // Open addressing: band key -> 1 + index into signatures_ of the first text
  // with that band (0: empty slot). The key 0 is never stored (BandKey avoids it).
  std::vector<uint64_t> keys_;
  std::vector<uint32_t> slots_;
  size_t used_ = 0;
};

}  // namespace chronicle::dedup
