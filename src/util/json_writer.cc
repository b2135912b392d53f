#include "util/json_writer.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

namespace chronicle::util {

namespace {

// Bytes written as they are: printable ASCII but the quote and the backslash.
constexpr auto kPlain = [] {
  std::array<bool, 256> t{};
  for (int c = 0x20; c < 0x80; ++c) t[static_cast<size_t>(c)] = c != '"' && c != '\\';
  return t;
}();

// The end of the run of plain bytes (kPlain) from i on. Eight bytes at a
// time while none of them is outside ASCII, below 0x20, a quote or a
// backslash (each test is exact for "any byte of the eight"), then byte by byte.
size_t PlainRunEnd(const char* p, size_t i, size_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  constexpr uint64_t kHigh = 0x8080808080808080ULL;
  auto has_zero = [](uint64_t v) { return (v - kOnes) & ~v & kHigh; };
  for (; i + 8 <= n; i += 8) {
    uint64_t x;
    std::memcpy(&x, p + i, sizeof x);
    const uint64_t special = (x & kHigh) | ((x - 0x20 * kOnes) & ~x & kHigh) | has_zero(x ^ ('"' * kOnes)) |
                             has_zero(x ^ ('\\' * kOnes));
    if (special != 0) break;
  }
  while (i < n && kPlain[static_cast<unsigned char>(p[i])]) ++i;
  return i;
}

}  // namespace

bool IsPlainJsonText(std::string_view s) { return PlainRunEnd(s.data(), 0, s.size()) == s.size(); }

void AppendJsonString(std::string* out, std::string_view s) {
  static const char kHex[] = "0123456789abcdef";
  const size_t n = s.size();
  const size_t plain = PlainRunEnd(s.data(), 0, n);
  // Most strings written are short and need no escaping (keys, values,
  // words): quotes and text in one append.
  constexpr size_t kShort = 62;
  if (plain == n && n <= kShort) {
    char buf[kShort + 2];
    buf[0] = '"';
    std::memcpy(buf + 1, s.data(), n);
    buf[n + 1] = '"';
    out->append(buf, n + 2);
    return;
  }
  out->push_back('"');
  size_t i = 0;
  while (i < n) {
    // Copy runs of plain ASCII at once (the first run is known already).
    const size_t j = i == 0 ? plain : PlainRunEnd(s.data(), i, n);
    out->append(s.data() + i, j - i);
    i = j;
    if (i >= n) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out->append("\\\"");
          break;
        case '\\':
          out->append("\\\\");
          break;
        case '\n':
          out->append("\\n");
          break;
        case '\r':
          out->append("\\r");
          break;
        case '\t':
          out->append("\\t");
          break;
        case '\b':
          out->append("\\b");
          break;
        case '\f':
          out->append("\\f");
          break;
        default:
          out->append("\\u00");
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
      }
      ++i;
      continue;
    }
    // A multi-byte sequence: copy it when well formed, else U+FFFD.
    size_t len = (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    bool ok = len != 0 && i + len <= n;
    for (size_t k = 1; ok && k < len; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      const uint32_t cp =
          len == 2   ? ((c & 0x1Fu) << 6 | (s[i + 1] & 0x3F))
          : len == 3 ? ((c & 0x0Fu) << 12 | (s[i + 1] & 0x3Fu) << 6 | (s[i + 2] & 0x3F))
                     : ((c & 0x07u) << 18 | (s[i + 1] & 0x3Fu) << 12 | (s[i + 2] & 0x3Fu) << 6 | (s[i + 3] & 0x3F));
      ok = (len == 2 && cp >= 0x80) || (len == 3 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ||
           (len == 4 && cp >= 0x10000 && cp <= 0x10FFFF);
    }
    if (ok) {
      out->append(s.data() + i, len);
      i += len;
    } else {
      out->append("\xEF\xBF\xBD");
      ++i;
    }
  }
  out->push_back('"');
}

void JsonWriter::Double(double v) {
  if (!std::isfinite(v)) {
    Null();
    return;
  }
  Separate();
  char buf[64];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  const std::string_view text(buf, static_cast<size_t>(r.ptr - buf));
  out_->append(text);
  if (text.find_first_of(".e") == std::string_view::npos) out_->append(".0");
}

}  // namespace chronicle::util
