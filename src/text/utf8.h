// UTF-8 validation and repair, done once at the edge of the pipeline so every
// later stage can trust its input (the simdjson lesson).
//
//   if (auto err = chronicle::text::ValidateUtf8(bytes)) {
//     std::cerr << "invalid UTF-8 at byte " << err->offset << " (" << err->reason << ")\n";
//   }
//   size_t replaced = 0;
//   std::string clean = chronicle::text::RepairUtf8(bytes, &replaced);
//
// Well-formedness follows Unicode Table 3-7: no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chronicle::text {

struct Utf8Error {
  size_t offset = 0;   // offset of the first byte of the ill-formed sequence
  std::string reason;  // "invalid continuation byte", "truncated sequence",
                       // "overlong encoding", "surrogate code point",
                       // "code point above U+10FFFF", "unexpected continuation byte",
                       // "invalid byte"
};

// Returns nullopt if s is well-formed UTF-8, else the first error. One pass;
// ASCII runs are skipped eight bytes at a time.
std::optional<Utf8Error> ValidateUtf8(std::string_view s);

// The offset of the first non-ASCII byte at or after i (s.size() if none),
// eight bytes at a time.
size_t SkipAscii(std::string_view s, size_t i);

// Copies s, replacing each ill-formed sequence by U+FFFD following the
// Unicode "maximal subpart" practice (one U+FFFD per maximal prefix of a
// well-formed sequence, or per single byte that cannot start one). If
// `replaced` is not null it receives the number of replacements.
std::string RepairUtf8(std::string_view s, size_t* replaced);

// Decodes the code point that starts at s[i] (i < s.size()). Returns its
// length in bytes (at least 1) and stores the code point in *cp. An
// ill-formed sequence yields U+FFFD and the length of its maximal subpart, so
// loops over untrusted bytes always make progress.
size_t DecodeCodePoint(std::string_view s, size_t i, char32_t* cp);

// Returns the offset of the code point that ends just before s[i] (0 < i <=
// s.size()): steps back over at most three continuation bytes. If those bytes
// do not form one well-formed sequence ending at i, returns i - 1.
size_t PreviousCodePointStart(std::string_view s, size_t i);

}  // namespace chronicle::text
