// Fuzz target for the sentence splitter: any bytes in, spans out that are
// ordered, non-overlapping, non-empty, in bounds and trimmed of whitespace.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "text/sentences.h"

using namespace chronicle::text;

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) std::abort(); \
  } while (0)

namespace {
bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto spans = SplitSentences(text);
  size_t last_end = 0;
  for (const auto& span : spans) {
    FUZZ_CHECK(span.start >= last_end);
    FUZZ_CHECK(span.start < span.end);
    FUZZ_CHECK(span.end <= size);
    FUZZ_CHECK(!IsAsciiSpace(text[span.start]));
    FUZZ_CHECK(!IsAsciiSpace(text[span.end - 1]));
    last_end = span.end;
  }
  // Every non-space ASCII byte outside all spans would be lost text; the
  // splitter must cover it.
  size_t next = 0;
  for (const auto& span : spans) {
    for (size_t i = next; i < span.start; ++i) {
      const auto c = static_cast<unsigned char>(text[i]);
      FUZZ_CHECK(c >= 0x80 || IsAsciiSpace(text[i]));
    }
    next = span.end;
  }
  for (size_t i = next; i < size; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    FUZZ_CHECK(c >= 0x80 || IsAsciiSpace(text[i]));
  }
  return 0;
}
