// The temporal tagger: finds TIMEX3 expressions (DATE, TIME, DURATION, SET)
// in a text and normalises them to TimeML values.
//
//   const auto& tagger = chronicle::time::TimexTagger::Default();
//   auto result = tagger.Tag(body, chronicle::time::ParseIsoDate("2025-07-25"));
//   for (const auto& t : result.timexes) std::cout << t.text << " " << t.value;
//
// Offsets are UTF-8 byte offsets into the text passed to Tag(), which must be
// valid UTF-8 (see text::ValidateUtf8); matching runs on its NFC form.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::time {

// A calendar date with a precision. Fields below the precision are 0.
struct CalendarDate {
  int year = 0;
  int month = 0;  // 1-12, 0 if unknown
  int day = 0;    // 1-31, 0 if unknown
  bool operator==(const CalendarDate&) const = default;
  bool has_day() const { return day != 0; }
  std::string Iso() const;        // "2025-07-25", "2025-07" or "2025"
  std::string Precision() const;  // "day", "month" or "year"
};

// Parses "YYYY", "YYYY-MM" or "YYYY-MM-DD" (also a full ISO timestamp, whose
// date part is taken). Returns nullopt on anything else or an invalid date.
std::optional<CalendarDate> ParseIsoDate(std::string_view s);

struct Timex {
  size_t start = 0;    // byte offset of the first byte
  size_t end = 0;      // byte offset one past the last byte
  std::string text;    // text[start, end)
  std::string type;    // DATE, TIME, DURATION or SET
  std::string value;   // TIMEX3 value, e.g. 2025-06-30, P3W, XXXX-WXX-1
  std::string mod;     // TIMEX3 mod (START, MID, END, APPROX, ...) or empty
  std::string anchor;  // "dct", "narrative" or "none": what the value was resolved against
};

struct DocumentDate {
  CalendarDate date;      // year==0 when nothing could be inferred
  bool inferred = false;  // true when not given by the caller
  std::string method;     // how it was found: "given", "latest-dated-event", ...
};

struct TagResult {
  std::vector<Timex> timexes;
  DocumentDate dct;
  // Work done: tokens plus grammar rule attempts. Each attempt is bounded by
  // the longest rule, so tagging is linear when this stays within a constant
  // factor of the token count; tests check that on adversarial inputs.
  uint64_t tokens = 0;
  uint64_t work = 0;
};

class TimexTagger {
 public:
  // The tagger built from the rules and lexicons compiled into the binary.
  static const TimexTagger& Default();

  // Tags `text`. With a document creation time, deictic expressions resolve
  // against it; without one, the document date is inferred from the text.
  TagResult Tag(std::string_view text, std::optional<CalendarDate> dct) const;

  ~TimexTagger();
  TimexTagger(const TimexTagger&) = delete;
  TimexTagger& operator=(const TimexTagger&) = delete;

  struct Impl;

 private:
  explicit TimexTagger(std::unique_ptr<Impl> impl);
  TagResult TagNfc(std::string_view nfc_text, std::optional<CalendarDate> dct) const;
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle::time
