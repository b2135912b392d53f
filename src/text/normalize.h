// Unicode NFC normalisation with a map from output offsets back to the input.
//
//   auto nfc = chronicle::text::NormalizeNfc(body);
//   const std::string& text = nfc.text;             // NFC text
//   size_t in_body = nfc.SourceOffset(match_start);  // offset into body
//
// Most text is already NFC; then `to_source` stays empty and SourceOffset()
// is the identity, so callers pay two linear checks and one copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::text {

struct NormalizedText {
  std::string text;
  // to_source[i] is the byte offset in the input of output byte i;
  // to_source.size() == text.size() + 1 and the last entry is the input size.
  // Empty when text is identical to the input.
  std::vector<uint32_t> to_source;

  // Input offset for an output offset in [0, text.size()]. Out-of-range
  // offsets are clamped to the end.
  size_t SourceOffset(size_t out_offset) const;
};

// NFC-normalises utf8, which must be valid UTF-8 (see ValidateUtf8). Output
// bytes of a segment that normalisation changed all map to the start of that
// segment in the input; bytes of unchanged segments map one to one. A
// segment longer than 128 bytes (a starter with over 40 combining marks,
// beyond the Stream-Safe bound of 30 and never seen in real text; ICU's time
// is quadratic in it) is copied unchanged. Linear time.
NormalizedText NormalizeNfc(std::string_view utf8);

// True when utf8 (valid UTF-8) is certainly in NFC. Cheap on mostly-ASCII
// text: ICU looks only at the non-ASCII runs. False may also mean "could not
// tell quickly" (a very long run of non-ASCII bytes); NormalizeNfc decides.
bool IsNfc(std::string_view utf8);

}  // namespace chronicle::text
