// UTF-8 validation and repair.
//
// Both functions share one decoder step (Step below) that reads one sequence
// and either accepts it or reports why it is ill-formed together with the
// length of its "maximal subpart": the longest prefix that could still have
// begun a well-formed sequence (Unicode 15, section 3.9, "U+FFFD Substitution
// of Maximal Subparts"). The lead byte fixes how many continuation bytes must
// follow and the allowed range of the first one (E0 needs A0..BF to rule out
// overlongs, ED needs 80..9F to rule out surrogates, F0 needs 90..BF, F4 needs
// 80..8F to stay at or below U+10FFFF); later continuation bytes are always
// 80..BF. Validation stops at the first error; repair emits U+FFFD and resumes
// after the maximal subpart. ASCII, the common case, is skipped eight bytes at
// a time. Each byte is looked at a bounded number of times: linear time.
#include "text/utf8.h"

#include <cstdint>
#include <cstring>

namespace chronicle::text {
namespace {

struct Step {
  size_t length;       // bytes consumed (the maximal subpart if ill-formed)
  const char* error;   // nullptr if well-formed
  char32_t cp;         // decoded code point if well-formed
};

bool IsContinuation(unsigned char b) { return (b & 0xC0) == 0x80; }

Step DecodeStep(const unsigned char* p, size_t n) {
  const unsigned char b0 = p[0];
  if (b0 < 0x80) return {1, nullptr, b0};
  if (b0 < 0xC0) return {1, "unexpected continuation byte", 0};
  if (b0 < 0xC2) return {1, "overlong encoding", 0};
  if (b0 >= 0xF8) return {1, "invalid byte", 0};
  if (b0 >= 0xF5) return {1, "code point above U+10FFFF", 0};

  size_t need;             // continuation bytes after the lead
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the first one
  char32_t cp;
  if (b0 < 0xE0) {
    need = 1;
    cp = b0 & 0x1F;
  } else if (b0 < 0xF0) {
    need = 2;
    cp = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else {
    need = 3;
    cp = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  }
  if (n < 2) return {1, "truncated sequence", 0};
  const unsigned char b1 = p[1];
  if (!IsContinuation(b1)) return {1, "invalid continuation byte", 0};
  if (b1 < lo) return {1, "overlong encoding", 0};
  if (b1 > hi) return {1, b0 == 0xED ? "surrogate code point" : "code point above U+10FFFF", 0};
  cp = (cp << 6) | (b1 & 0x3F);
  for (size_t k = 2; k <= need; ++k) {
    if (k >= n) return {k, "truncated sequence", 0};
    if (!IsContinuation(p[k])) return {k, "invalid continuation byte", 0};
    cp = (cp << 6) | (p[k] & 0x3F);
  }
  return {need + 1, nullptr, cp};
}

// Length of the run of ASCII bytes starting at i, checked a word at a time
// (four words at a time while no byte has its top bit set: most text).
size_t SkipAscii(const unsigned char* p, size_t n, size_t i) {
  while (i + 32 <= n) {
    uint64_t w[4];
    std::memcpy(w, p + i, sizeof w);
    if (((w[0] | w[1] | w[2] | w[3]) & 0x8080808080808080ULL) != 0) break;
    i += 32;
  }
  while (i + 8 <= n) {
    uint64_t word;
    std::memcpy(&word, p + i, sizeof word);
    if ((word & 0x8080808080808080ULL) != 0) break;
    i += 8;
  }
  while (i < n && p[i] < 0x80) ++i;
  return i;
}

}  // namespace

size_t SkipAscii(std::string_view s, size_t i) {
  return SkipAscii(reinterpret_cast<const unsigned char*>(s.data()), s.size(), i);
}

std::optional<Utf8Error> ValidateUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  size_t i = 0;
  while (true) {
    i = SkipAscii(p, n, i);
    if (i >= n) return std::nullopt;
    const Step step = DecodeStep(p + i, n - i);
    if (step.error != nullptr) return Utf8Error{i, step.error};
    i += step.length;
  }
}

std::string RepairUtf8(std::string_view s, size_t* replaced) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  std::string out;
  out.reserve(n);
  size_t count = 0;
  size_t i = 0;
  while (i < n) {
    const size_t ascii_end = SkipAscii(p, n, i);
    out.append(s.data() + i, ascii_end - i);
    i = ascii_end;
    if (i >= n) break;
    const Step step = DecodeStep(p + i, n - i);
    if (step.error == nullptr) {
      out.append(s.data() + i, step.length);
    } else {
      out.append("\xEF\xBF\xBD");
      ++count;
    }
    i += step.length;
  }
  if (replaced != nullptr) *replaced = count;
  return out;
}

size_t DecodeCodePoint(std::string_view s, size_t i, char32_t* cp) {
  const Step step =
      DecodeStep(reinterpret_cast<const unsigned char*>(s.data()) + i, s.size() - i);
  *cp = step.error == nullptr ? step.cp : U'\uFFFD';
  return step.length;
}

size_t PreviousCodePointStart(std::string_view s, size_t i) {
  size_t j = i - 1;
  for (int k = 0; k < 3 && j > 0 && IsContinuation(static_cast<unsigned char>(s[j])); ++k) --j;
  // On ill-formed input the bytes stepped over may not belong to one
  // sequence; then the previous "code point" is the single byte before i.
  const Step step = DecodeStep(reinterpret_cast<const unsigned char*>(s.data()) + j, i - j);
  return j + step.length == i ? j : i - 1;
}

}  // namespace chronicle::text
