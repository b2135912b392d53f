#include "dedup/near_duplicates.h"

#include <algorithm>
#include <limits>

namespace chronicle::dedup {

namespace {

// splitmix64's finaliser: a cheap, well-mixed 64-bit permutation.
uint64_t Mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

bool IsWordByte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
}

// FNV-1a of a word, without case.
uint64_t WordHash(std::string_view w) {
  uint64_t h = 14695981039346656037ull;
  for (const char ch : w) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
    h ^= c;
    h *= 1099511628211ull;
  }
  return h;
}

// The k-th hash of a shingle: multiply-shift, (a_k * x + b_k) >> 32 with
// odd a_k, of the shingle's mixed hash x (two operations per value).
struct Coefficients {
  uint64_t a[kSignatureSize], b[kSignatureSize];
  Coefficients() {
    for (size_t k = 0; k < kSignatureSize; ++k) {
      a[k] = Mix(2 * k + 1) | 1;
      b[k] = Mix(2 * k + 2);
    }
  }
};

// Lowers sig to the minimum of each hash over the shingles xs. This loop is
// nearly all of Signature's time and vectorises well, so it is compiled for
// AVX-512 and AVX2 too (64-bit multiplies in 8 or 4 lanes) and the CPU's best
// is chosen at load time; the values are the same on every path.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) void MinOverShingles(
    const uint64_t* xs, size_t n, const Coefficients& c, uint32_t* sig) {
  for (size_t i = 0; i < n; ++i) {
    const uint64_t x = xs[i];
    for (size_t k = 0; k < kSignatureSize; ++k) {
      const auto v = static_cast<uint32_t>((c.a[k] * x + c.b[k]) >> 32);
      sig[k] = std::min(sig[k], v);
    }
  }
}

}  // namespace

MinHash Signature(std::string_view text) {
  std::vector<uint64_t> words;
  words.reserve(text.size() / 5 + 1);
  for (size_t i = 0; i < text.size();) {
    if (!IsWordByte(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    size_t j = i;
    while (j < text.size() && IsWordByte(static_cast<unsigned char>(text[j]))) ++j;
    words.push_back(WordHash(text.substr(i, j - i)));
    i = j;
  }
  // The mixed hash of each shingle, in place of the word hashes.
  size_t shingles = 0;
  if (words.size() < 4) {
    uint64_t h = 0;
    for (const uint64_t w : words) h = Mix(h ^ w);
    words.resize(1);
    words[0] = Mix(h);
    shingles = 1;
  } else {
    for (size_t i = 0; i + 4 <= words.size(); ++i) {
      words[i] = Mix(Mix(Mix(Mix(words[i] ^ 1) ^ words[i + 1]) ^ words[i + 2]) ^ words[i + 3]);
    }
    shingles = words.size() - 3;
  }
  static const Coefficients kC;
  MinHash sig;
  sig.fill(std::numeric_limits<uint32_t>::max());
  MinOverShingles(words.data(), shingles, kC, sig.data());
  return sig;
}

double Similarity(const MinHash& a, const MinHash& b) {
  size_t same = 0;
  for (size_t k = 0; k < kSignatureSize; ++k) same += a[k] == b[k] ? 1 : 0;
  return static_cast<double>(same) / static_cast<double>(kSignatureSize);
}

uint64_t NearDuplicates::BandKey(const MinHash& sig, size_t band) {
  uint64_t h = Mix(band + 1);
  for (size_t r = 0; r < kRows; ++r) h = Mix(h ^ sig[band * kRows + r]);
  return h == 0 ? 1 : h;
}

std::optional<NearDuplicates::Match> NearDuplicates::Find(const MinHash& sig) const {
  std::optional<Match> best;
  if (keys_.empty()) return best;
  const size_t mask = keys_.size() - 1;
  uint32_t seen[kBands] = {};
  size_t seen_count = 0;
  for (size_t band = 0; band < kBands; ++band) {
    const uint64_t key = BandKey(sig, band);
    for (size_t i = key & mask; keys_[i] != 0; i = (i + 1) & mask) {
      if (keys_[i] != key) continue;
      const uint32_t s = slots_[i];
      if (std::find(seen, seen + seen_count, s) != seen + seen_count) break;
      seen[seen_count++] = s;
      const double sim = Similarity(sig, signatures_[s - 1]);
      if (sim >= threshold_ && (!best || sim > best->similarity ||
                                (sim == best->similarity && docs_[s - 1] < best->doc))) {
        best = Match{docs_[s - 1], sim};
      }
      break;
    }
  }
  return best;
}

void NearDuplicates::Grow() {
  const size_t size = keys_.empty() ? 1024 : keys_.size() * 2;
  std::vector<uint64_t> keys(size, 0);
  std::vector<uint32_t> slots(size, 0);
  for (size_t j = 0; j < keys_.size(); ++j) {
    if (keys_[j] == 0) continue;
    size_t i = keys_[j] & (size - 1);
    while (keys[i] != 0) i = (i + 1) & (size - 1);
    keys[i] = keys_[j];
    slots[i] = slots_[j];
  }
  keys_ = std::move(keys);
  slots_ = std::move(slots);
}

void NearDuplicates::Add(const MinHash& sig, size_t doc) {
  signatures_.push_back(sig);
  docs_.push_back(doc);
  const auto slot = static_cast<uint32_t>(signatures_.size());
  for (size_t band = 0; band < kBands; ++band) {
    if (2 * (used_ + 1) > keys_.size()) Grow();
    const uint64_t key = BandKey(sig, band);
    const size_t mask = keys_.size() - 1;
    size_t i = key & mask;
    while (keys_[i] != 0 && keys_[i] != key) i = (i + 1) & mask;
    if (keys_[i] == key) continue;  // the first text with this band stays
    keys_[i] = key;
    slots_[i] = slot;
    ++used_;
  }
}

}  // namespace chronicle::dedup
