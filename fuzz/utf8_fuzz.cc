// Fuzz target for UTF-8 validation/repair and NFC normalisation.
//
// Checks the properties the rest of the pipeline relies on: validation
// agrees with decoding (the bytes before a reported error are valid, the
// error's sequence is not), repair always yields valid UTF-8 and is the
// identity on valid input, and NFC's offset map is well formed (one entry per
// output byte plus one, non-decreasing, within the input).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "text/normalize.h"
#include "text/utf8.h"

using namespace chronicle::text;

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) std::abort(); \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  const auto error = ValidateUtf8(input);
  size_t replaced = 0;
  const std::string repaired = RepairUtf8(input, &replaced);
  FUZZ_CHECK(!ValidateUtf8(repaired));
  if (!error) {
    FUZZ_CHECK(replaced == 0 && repaired == input);
  } else {
    FUZZ_CHECK(replaced > 0);
    FUZZ_CHECK(error->offset < size);
    FUZZ_CHECK(!ValidateUtf8(input.substr(0, error->offset)));
    char32_t cp;
    DecodeCodePoint(input, error->offset, &cp);
    FUZZ_CHECK(cp == U'\uFFFD');
  }

  // Decoding forwards and stepping back stay in bounds and make progress.
  size_t i = 0;
  while (i < input.size()) {
    char32_t cp;
    const size_t len = DecodeCodePoint(input, i, &cp);
    FUZZ_CHECK(len >= 1 && len <= 4 && i + len <= input.size());
    FUZZ_CHECK(cp <= 0x10FFFF && (cp < 0xD800 || cp > 0xDFFF));
    i += len;
    const size_t back = PreviousCodePointStart(input, i);
    FUZZ_CHECK(back < i && i - back <= 4);
  }

  const NormalizedText nfc = NormalizeNfc(repaired);
  FUZZ_CHECK(!ValidateUtf8(nfc.text));
  if (nfc.to_source.empty()) {
    FUZZ_CHECK(nfc.text == repaired);
  } else {
    FUZZ_CHECK(nfc.to_source.size() == nfc.text.size() + 1);
    FUZZ_CHECK(nfc.to_source.back() == repaired.size());
    for (size_t k = 1; k < nfc.to_source.size(); ++k) {
      FUZZ_CHECK(nfc.to_source[k - 1] <= nfc.to_source[k]);
    }
  }
  return 0;
}
