// Fuzz target for the temporal tagger: any text in, well-formed timexes out.
//
// Tag() takes valid UTF-8 (the pipeline validates at the edge), so invalid
// input is repaired first, as the reader does. The text is tagged twice: with
// a fixed document date, and with none (so the date is inferred) or, when the
// first input byte is odd, with a date derived from the input bytes, which
// may lie anywhere in years 1-9999 and have day, month or year precision.
// Checked, aborting on violation:
//   - every timex is non-empty, inside the text, and its text is the bytes
//     its offsets select; its type is DATE, TIME, DURATION or SET and it has
//     a value;
//   - a given document date comes back unchanged, not marked inferred; an
//     inferred one is either unknown (year 0) or a valid date;
//   - the work counter is at least the token count and within the linear
//     bound the adversarial unit test uses (64 per token).
//
// Run it with CHRONICLE_DATA_DIR pointing at data/ (fuzz/run.sh does): the
// fuzz build links no embedded data.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "text/utf8.h"
#include "time/calendar.h"
#include "time/timex.h"

using chronicle::time::CalendarDate;
using chronicle::time::TagResult;
using chronicle::time::TimexTagger;

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) std::abort(); \
  } while (0)

namespace {

constexpr uint64_t kWorkPerToken = 64;

void CheckResult(const TagResult& r, std::string_view text, const std::optional<CalendarDate>& dct) {
  for (const auto& t : r.timexes) {
    FUZZ_CHECK(t.start < t.end);
    FUZZ_CHECK(t.end <= text.size());
    FUZZ_CHECK(t.text == text.substr(t.start, t.end - t.start));
    FUZZ_CHECK(t.type == "DATE" || t.type == "TIME" || t.type == "DURATION" || t.type == "SET");
    FUZZ_CHECK(!t.value.empty());
  }
  if (dct) {
    FUZZ_CHECK(r.dct.date == *dct);
    FUZZ_CHECK(!r.dct.inferred);
  } else {
    FUZZ_CHECK(r.dct.inferred);
    const CalendarDate& d = r.dct.date;
    if (d.year != 0) {
      FUZZ_CHECK(d.month >= 0 && d.month <= 12);
      FUZZ_CHECK(d.day == 0 || (d.month != 0 && chronicle::time::cal::IsValidDate(d.year, d.month, d.day)));
    }
  }
  FUZZ_CHECK(r.tokens <= text.size());
  FUZZ_CHECK(r.work >= r.tokens);
  FUZZ_CHECK(r.work <= kWorkPerToken * r.tokens + kWorkPerToken);
}

// A document date from the input bytes: year 1-9999, precision by byte 3.
CalendarDate DateFromBytes(const uint8_t* data, size_t size) {
  auto byte = [&](size_t i) -> unsigned { return i < size ? data[i] : 0u; };
  CalendarDate d;
  d.year = static_cast<int>((byte(1) << 8 | byte(2)) % 9999 + 1);
  const unsigned precision = byte(3) % 3;
  if (precision >= 1) d.month = static_cast<int>(byte(4) % 12 + 1);
  if (precision == 2) {
    d.day = static_cast<int>(byte(5) % static_cast<unsigned>(chronicle::time::cal::DaysInMonth(d.year, d.month)) + 1);
  }
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string repaired;
  std::string_view text = input;
  if (chronicle::text::ValidateUtf8(input)) {
    repaired = chronicle::text::RepairUtf8(input, nullptr);
    text = repaired;
  }
  const auto& tagger = TimexTagger::Default();

  const std::optional<CalendarDate> fixed = CalendarDate{2025, 7, 25};
  const TagResult with_dct = tagger.Tag(text, fixed);
  CheckResult(with_dct, text, fixed);

  std::optional<CalendarDate> other;
  if (size > 0 && (data[0] & 1) != 0) other = DateFromBytes(data, size);
  const TagResult second = tagger.Tag(text, other);
  CheckResult(second, text, other);

  // The document date changes normalisation only, not what is matched.
  FUZZ_CHECK(second.tokens == with_dct.tokens);
  FUZZ_CHECK(second.work == with_dct.work);
  return 0;
}
