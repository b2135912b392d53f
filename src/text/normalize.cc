// NFC normalisation with an offset map.
//
// The input is cut into normalisation segments: a new segment starts before
// every code point for which hasBoundaryBefore() holds (every ASCII byte, and
// most other characters), so NFC(a + b) == NFC(a) + NFC(b) across a cut.
//
// ICU's own checks and normalisation are quadratic in the number of combining
// marks of one segment (canonical reordering and composition rescan the
// segment), and a fuzzer or a hostile file can supply a megabyte of marks. So
// a first linear pass measures the longest segment. If no segment is longer
// than kMaxSegmentBytes (always true of real text: the Stream-Safe Text Format
// bound is 30 combining marks), Normalizer2::isNormalizedUTF8 checks the whole
// input, and text that is already NFC (nearly all English news) is returned
// as a copy with an empty map. Otherwise each segment is checked on its own:
// unchanged segments are copied with a one-to-one map; changed ones are
// normalised with normalizeUTF8 and every output byte is mapped to the
// segment's first input byte; oversized segments are copied unchanged. Each
// input byte belongs to one segment, each segment is processed once at cost
// O(kMaxSegmentBytes^2) at most, so the whole is linear in the input size.
#include "text/normalize.h"

#include <algorithm>

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/stringpiece.h>
#include <unicode/utf8.h>

#include "text/utf8.h"

namespace chronicle::text {
namespace {

constexpr size_t kMaxSegmentBytes = 128;

void AppendIdentity(std::string_view input, size_t start, size_t end, NormalizedText& out) {
  out.text.append(input.data() + start, end - start);
  for (size_t i = start; i < end; ++i) out.to_source.push_back(static_cast<uint32_t>(i));
}

void AppendSegment(const icu::Normalizer2& nfc, std::string_view input, size_t start,
                   size_t end, NormalizedText& out) {
  if (start == end) return;
  const std::string_view segment = input.substr(start, end - start);
  if (segment.size() == 1 && static_cast<unsigned char>(segment[0]) < 0x80) {
    AppendIdentity(input, start, end, out);  // a lone ASCII character is NFC
    return;
  }
  const icu::StringPiece piece(segment.data(), static_cast<int32_t>(segment.size()));
  UErrorCode status = U_ZERO_ERROR;
  if (segment.size() > kMaxSegmentBytes || nfc.isNormalizedUTF8(piece, status) ||
      U_FAILURE(status)) {
    AppendIdentity(input, start, end, out);
    return;
  }
  std::string normalized;
  icu::StringByteSink<std::string> sink(&normalized);
  status = U_ZERO_ERROR;
  nfc.normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) {
    AppendIdentity(input, start, end, out);
    return;
  }
  out.text += normalized;
  out.to_source.insert(out.to_source.end(), normalized.size(), static_cast<uint32_t>(start));
}

// Length in bytes of the longest normalisation segment of utf8.
size_t LongestSegment(const icu::Normalizer2& nfc, std::string_view utf8) {
  size_t longest = 0;
  size_t segment_start = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    size_t len = 1;
    bool boundary = true;  // every ASCII character starts a segment
    if (static_cast<unsigned char>(utf8[i]) >= 0x80) {
      char32_t cp;
      len = DecodeCodePoint(utf8, i, &cp);
      boundary = nfc.hasBoundaryBefore(static_cast<UChar32>(cp));
    }
    if (boundary) {
      longest = std::max(longest, i - segment_start);
      segment_start = i;
    }
    i += len;
  }
  return std::max(longest, utf8.size() - segment_start);
}

}  // namespace

bool IsNfc(std::string_view utf8) {
  // ASCII is always NFC, and an ASCII character is a normalisation boundary
  // that nothing before it composes with. So only the runs of non-ASCII
  // bytes, together with the one ASCII character before each (a base letter
  // may compose with a following combining mark), need ICU's check.
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr) return true;
  const auto* p = reinterpret_cast<const unsigned char*>(utf8.data());
  const size_t n = utf8.size();
  size_t i = 0;
  while (i < n) {
    i = SkipAscii(utf8, i);
    if (i >= n) break;
    const size_t start = i > 0 ? i - 1 : i;
    size_t end = i;
    while (end < n && p[end] >= 0x80) ++end;
    if (end - start > kMaxSegmentBytes) return false;  // let NormalizeNfc decide
    const icu::StringPiece window(utf8.data() + start, static_cast<int32_t>(end - start));
    if (!nfc->isNormalizedUTF8(window, status) || U_FAILURE(status)) return false;
    i = end;
  }
  return true;
}

size_t NormalizedText::SourceOffset(size_t out_offset) const {
  if (to_source.empty()) return out_offset;
  if (out_offset >= to_source.size()) return to_source.back();
  return to_source[out_offset];
}

NormalizedText NormalizeNfc(std::string_view utf8) {
  NormalizedText out;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || nfc == nullptr || utf8.size() > INT32_MAX) {
    out.text = std::string(utf8);
    return out;
  }
  if (LongestSegment(*nfc, utf8) <= kMaxSegmentBytes) {
    const icu::StringPiece whole(utf8.data(), static_cast<int32_t>(utf8.size()));
    if (nfc->isNormalizedUTF8(whole, status) || U_FAILURE(status)) {
      out.text = std::string(utf8);
      return out;
    }
  }

  out.text.reserve(utf8.size() + utf8.size() / 8);
  out.to_source.reserve(utf8.size() + utf8.size() / 8 + 1);
  size_t segment_start = 0;
  size_t i = 0;
  while (i < utf8.size()) {
    char32_t cp;
    const size_t len = DecodeCodePoint(utf8, i, &cp);
    if (i > segment_start && nfc->hasBoundaryBefore(static_cast<UChar32>(cp))) {
      AppendSegment(*nfc, utf8, segment_start, i, out);
      segment_start = i;
    }
    i += len;
  }
  AppendSegment(*nfc, utf8, segment_start, utf8.size(), out);
  out.to_source.push_back(static_cast<uint32_t>(utf8.size()));
  if (out.text == utf8) out.to_source.clear();  // only oversized segments differed
  return out;
}

}  // namespace chronicle::text
