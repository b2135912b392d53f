#include "dedup/near_duplicates.h"

#include <immintrin.h>

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

// The bytes of words (letters, digits and every byte >= 0x80) map to their
// lower case; every other byte maps to 0. One table look-up both classifies a
// byte and folds its case, so a word is found and hashed in one pass.
struct WordBytes {
  unsigned char lower[256];
  constexpr WordBytes() : lower() {
    for (int c = 0; c < 256; ++c) {
      const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
      lower[c] = !word                    ? 0
                 : (c >= 'A' && c <= 'Z') ? static_cast<unsigned char>(c - 'A' + 'a')
                                          : static_cast<unsigned char>(c);
    }
  }
};
constexpr WordBytes kWordBytes;

constexpr uint64_t kFnvOffset = 14695981039346656037ull;  // FNV-1a of a word, without case
constexpr uint64_t kFnvPrime = 1099511628211ull;

// The k-th hash of a shingle: multiply-shift, (a_k * x + b_k) >> 32 with
// odd a_k, of the shingle's mixed hash x.
struct Coefficients {
  uint64_t a[kSignatureSize], b[kSignatureSize];
  Coefficients() {
    for (size_t k = 0; k < kSignatureSize; ++k) {
      a[k] = Mix(2 * k + 1) | 1;
      b[k] = Mix(2 * k + 2);
    }
  }
};

// Lowers sig to the minimum of each hash over the shingles xs, as defined:
// the path of CPUs without AVX2 (MinOverShinglesAvx2 gives the same values).
void MinOverShingles64(const uint64_t* xs, size_t n, const Coefficients& c, uint32_t* sig) {
  for (size_t i = 0; i < n; ++i) {
    const uint64_t x = xs[i];
    for (size_t k = 0; k < kSignatureSize; ++k) {
      const auto v = static_cast<uint32_t>((c.a[k] * x + c.b[k]) >> 32);
      sig[k] = std::min(sig[k], v);
    }
  }
}

// The same minima with AVX2, which has no 64-bit multiply (the compiler
// emulates one with three 32x32->64 multiplies, shifts and adds). Only bits
// 32..63 of a * x + b are kept, so they are computed from 32-bit halves
// (a = ah:al, x = xh:xl):
//   a * x + b = al * xl + b + 2^32 * (ah * xl + al * xh)   (mod 2^64)
//   v = hi32(al * xl + b) + lo32(ah * xl + al * xh)         (mod 2^32)
// one 32x32->64 multiply (vpmuludq, in 64-bit lanes) and two 32-bit ones
// (vpmulld, eight lanes) per value, with the values kept in 32-bit lanes.
// Exactly the values of MinOverShingles64 (the test
// SignatureMatchesTheReferenceDefinition compares them with the definition).
struct HalfCoefficients {
  static constexpr size_t kGroups = kSignatureSize / 8;  // eight values to a register
  // Group g holds values 8g..8g+7: al and ah of each, in 32-bit lanes; and
  // al and b of the even values (8g, 8g+2, ...) and of the odd ones, in
  // 64-bit lanes, the operands of vpmuludq and the 64-bit add.
  alignas(32) uint32_t a_lo[kGroups][8], a_hi[kGroups][8];
  alignas(32) uint64_t a_lo_even[kGroups][4], a_lo_odd[kGroups][4], b_even[kGroups][4], b_odd[kGroups][4];
  explicit HalfCoefficients(const Coefficients& c) {
    for (size_t k = 0; k < kSignatureSize; ++k) {
      const size_t g = k / 8, lane = k % 8;
      a_lo[g][lane] = static_cast<uint32_t>(c.a[k]);
      a_hi[g][lane] = static_cast<uint32_t>(c.a[k] >> 32);
      (lane % 2 == 0 ? a_lo_even : a_lo_odd)[g][lane / 2] = static_cast<uint32_t>(c.a[k]);
      (lane % 2 == 0 ? b_even : b_odd)[g][lane / 2] = c.b[k];
    }
  }
};

__attribute__((target("avx2"), always_inline)) inline __m256i load(const void* p) {
  return _mm256_load_si256(static_cast<const __m256i*>(p));
}

__attribute__((target("avx2"))) void MinOverShinglesAvx2(const uint64_t* xs, size_t n, const HalfCoefficients& c,
                                                         uint32_t* sig) {
  constexpr size_t kGroups = HalfCoefficients::kGroups;
  __m256i mins[kGroups];
  for (size_t g = 0; g < kGroups; ++g) mins[g] = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(sig + 8 * g));
  for (size_t i = 0; i < n; ++i) {
    const __m256i x64 = _mm256_set1_epi64x(static_cast<long long>(xs[i]));  // vpmuludq reads the low halves: xl
    const __m256i xl = _mm256_set1_epi32(static_cast<int>(static_cast<uint32_t>(xs[i])));
    const __m256i xh = _mm256_set1_epi32(static_cast<int>(static_cast<uint32_t>(xs[i] >> 32)));
    for (size_t g = 0; g < kGroups; ++g) {
      // hi32(al * xl + b): the even values' land in the low halves after the
      // shift, the odd values' are in the high halves; interleave them.
      const __m256i even =
          _mm256_srli_epi64(_mm256_add_epi64(_mm256_mul_epu32(load(c.a_lo_even[g]), x64), load(c.b_even[g])), 32);
      const __m256i odd = _mm256_add_epi64(_mm256_mul_epu32(load(c.a_lo_odd[g]), x64), load(c.b_odd[g]));
      const __m256i high = _mm256_blend_epi32(even, odd, 0xAA);
      const __m256i cross =
          _mm256_add_epi32(_mm256_mullo_epi32(load(c.a_hi[g]), xl), _mm256_mullo_epi32(load(c.a_lo[g]), xh));
      mins[g] = _mm256_min_epu32(mins[g], _mm256_add_epi32(high, cross));
    }
  }
  for (size_t g = 0; g < kGroups; ++g) _mm256_storeu_si256(reinterpret_cast<__m256i*>(sig + 8 * g), mins[g]);
}

// Nearly all of Signature's time. The AVX2 path is taken on every CPU that has
// AVX2, AVX-512 ones too: on an AVX-512 machine it beat the former AVX-512
// build of the 64-bit loop (vpmullq is slow), and under callgrind it takes
// about half the instructions of the AVX2 build of the 64-bit loop.
void MinOverShingles(const uint64_t* xs, size_t n, uint32_t* sig) {
  static const Coefficients kC;
  static const HalfCoefficients kHalves(kC);
  static const bool kAvx2 = __builtin_cpu_supports("avx2");
  if (kAvx2) {
    MinOverShinglesAvx2(xs, n, kHalves, sig);
  } else {
    MinOverShingles64(xs, n, kC, sig);
  }
}

}  // namespace

MinHash Signature(std::string_view text) {
  std::vector<uint64_t> words;
  words.reserve(text.size() / 5 + 1);
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* const end = p + text.size();
  while (p != end) {
    unsigned char c = kWordBytes.lower[*p++];
    if (c == 0) continue;
    uint64_t h = kFnvOffset;
    do {
      h = (h ^ c) * kFnvPrime;
      if (p == end) break;
      c = kWordBytes.lower[*p++];
    } while (c != 0);
    words.push_back(h);
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
  MinHash sig;
  sig.fill(std::numeric_limits<uint32_t>::max());
  MinOverShingles(words.data(), shingles, sig.data());
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
      if (sim >= threshold_ &&
          (!best || sim > best->similarity || (sim == best->similarity && docs_[s - 1] < best->doc))) {
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
