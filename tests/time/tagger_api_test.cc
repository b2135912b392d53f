// Tests of the public tagger API in src/time/timex.h beyond the golden
// files: ISO date parsing, CalendarDate formatting, the inferred document date
// when there is nothing to infer it from, and byte offsets in UTF-8 text with
// multi-byte characters, curly quotes and non-breaking spaces.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "time/timex.h"

namespace {

using chronicle::time::CalendarDate;
using chronicle::time::ParseIsoDate;
using chronicle::time::TagResult;
using chronicle::time::Timex;
using chronicle::time::TimexTagger;

const CalendarDate kDct{2025, 7, 25};

TagResult Tag(const std::string& text, std::optional<CalendarDate> dct = kDct) {
  return TimexTagger::Default().Tag(text, dct);
}

// Every timex's text is the bytes its offsets select.
void ExpectOffsetsSelectText(const std::string& text, const TagResult& r) {
  for (const Timex& t : r.timexes) {
    ASSERT_LT(t.start, t.end);
    ASSERT_LE(t.end, text.size());
    EXPECT_EQ(text.substr(t.start, t.end - t.start), t.text);
  }
}

TEST(TimexApiParseIsoDate, AcceptsDatesMonthsYearsAndTimestamps) {
  EXPECT_EQ(ParseIsoDate("2025-07-25"), (CalendarDate{2025, 7, 25}));
  EXPECT_EQ(ParseIsoDate("2025-07"), (CalendarDate{2025, 7, 0}));
  EXPECT_EQ(ParseIsoDate("2025"), (CalendarDate{2025, 0, 0}));
  EXPECT_EQ(ParseIsoDate("2024-02-29"), (CalendarDate{2024, 2, 29}));
  EXPECT_EQ(ParseIsoDate("2000-02-29"), (CalendarDate{2000, 2, 29}));
  EXPECT_EQ(ParseIsoDate("2025-07-25T14:30:00Z"), (CalendarDate{2025, 7, 25}));
  EXPECT_EQ(ParseIsoDate("2025-07-25T14:30:00+03:00"), (CalendarDate{2025, 7, 25}));
  EXPECT_EQ(ParseIsoDate("2025-07-25 14:30"), (CalendarDate{2025, 7, 25}));
}

TEST(TimexApiParseIsoDate, RejectsMalformedAndInvalidDates) {
  for (const char* s : {"", "202", "20255", "2025-", "2025-7", "2025-7-25", "2025-07-5", "2025-07-",
                        "2025-13", "2025-00", "2025-00-10", "2025-02-29", "1900-02-29", "2025-04-31",
                        "2025-07-00", "2025-07-32", "2025/07/25", "25-07-2025", "July 2025", " 2025-07-25",
                        "2025-07-25x", "2025-07-25Z", "+2025-07-25", "-2025", "20x5", "２０２５"}) {
    EXPECT_EQ(ParseIsoDate(s), std::nullopt) << '"' << s << '"';
  }
}

TEST(TimexApiCalendarDate, IsoAndPrecision) {
  EXPECT_EQ((CalendarDate{2025, 7, 25}).Iso(), "2025-07-25");
  EXPECT_EQ((CalendarDate{2025, 7, 25}).Precision(), "day");
  EXPECT_EQ((CalendarDate{2025, 7, 0}).Iso(), "2025-07");
  EXPECT_EQ((CalendarDate{2025, 7, 0}).Precision(), "month");
  EXPECT_EQ((CalendarDate{2025, 0, 0}).Iso(), "2025");
  EXPECT_EQ((CalendarDate{2025, 0, 0}).Precision(), "year");
  EXPECT_EQ((CalendarDate{987, 1, 2}).Iso(), "0987-01-02");  // four-digit years, zero-padded
  EXPECT_TRUE((CalendarDate{2025, 7, 25}).has_day());
  EXPECT_FALSE((CalendarDate{2025, 7, 0}).has_day());
  for (const char* s : {"2025-07-25", "2025-07", "2025", "0987-01-02"}) {
    const auto d = ParseIsoDate(s);
    ASSERT_TRUE(d.has_value()) << s;
    EXPECT_EQ(d->Iso(), s);
  }
}

TEST(TimexApi, NoDctAndNoDatesLeavesTheDocumentDateUnknown) {
  for (const std::string text : {"", "   \n\n", "The minister spoke to reporters and left.", "Call 555 0100."}) {
    const TagResult r = Tag(text, std::nullopt);
    EXPECT_TRUE(r.timexes.empty()) << text;
    EXPECT_EQ(r.dct.date.year, 0) << text;
    EXPECT_EQ(r.dct.date.month, 0) << text;
    EXPECT_EQ(r.dct.date.day, 0) << text;
    EXPECT_TRUE(r.dct.inferred) << text;
  }
}

TEST(TimexApi, GivenDctIsReportedAsGiven) {
  const TagResult r = Tag("The talks resumed on Monday.");
  EXPECT_EQ(r.dct.date, kDct);
  EXPECT_FALSE(r.dct.inferred);
  EXPECT_EQ(r.dct.method, "given");
  ASSERT_EQ(r.timexes.size(), 1u);
  EXPECT_EQ(r.timexes[0].text, "Monday");
  EXPECT_EQ(r.timexes[0].value, "2025-07-21");  // the Monday before Friday 2025-07-25 (past tense)
}

TEST(TimexApi, DctIsInferredFromAnAbsoluteDate) {
  const TagResult r = Tag("The ministers met on 27 June 2025 in Baku.", std::nullopt);
  EXPECT_TRUE(r.dct.inferred);
  EXPECT_EQ(r.dct.date, (CalendarDate{2025, 6, 27}));
  ASSERT_EQ(r.timexes.size(), 1u);
  EXPECT_EQ(r.timexes[0].value, "2025-06-27");
}

TEST(TimexApi, WorkCountersAreReported) {
  const TagResult r = Tag("The ministers met on 27 June 2025 in Baku.");
  EXPECT_GT(r.tokens, 0u);
  EXPECT_GE(r.work, r.tokens);
  const TagResult empty = Tag("");
  EXPECT_EQ(empty.tokens, 0u);
  EXPECT_EQ(empty.work, 0u);
}

// "ş" is two bytes, so the date starts at byte 15, not at character 14.
TEST(TimexApi, OffsetsAreUtf8ByteOffsets) {
  const std::string text = "Yaşar said on 27 June 2025 that the border was closed.";
  const TagResult r = Tag(text);
  ASSERT_EQ(r.timexes.size(), 1u);
  EXPECT_EQ(r.timexes[0].start, 15u);
  EXPECT_EQ(r.timexes[0].end, 27u);
  EXPECT_EQ(r.timexes[0].text, "27 June 2025");
  EXPECT_EQ(r.timexes[0].value, "2025-06-27");
  ExpectOffsetsSelectText(text, r);
}

TEST(TimexApi, OffsetsAfterFourByteAndCyrillicCharacters) {
  const std::string text = "\U0001F4F0 Москва, 27 June 2025 — talks in Алматы on 3 July 2025.";
  const TagResult r = Tag(text);
  ASSERT_EQ(r.timexes.size(), 2u);
  EXPECT_EQ(r.timexes[0].start, text.find("27 June"));
  EXPECT_EQ(r.timexes[0].value, "2025-06-27");
  EXPECT_EQ(r.timexes[1].start, text.find("3 July"));
  EXPECT_EQ(r.timexes[1].value, "2025-07-03");
  ExpectOffsetsSelectText(text, r);
}

// The tagger matches the NFC form but reports offsets into the text as
// given: "é" written as e + U+0301 (three bytes) before the date.
TEST(TimexApi, OffsetsAreIntoTheTextAsGivenWhenItIsNotNfc) {
  const std::string text = "Jose\xCC\x81 said on 27 June 2025 that it was over.";
  const TagResult r = Tag(text);
  ASSERT_EQ(r.timexes.size(), 1u);
  EXPECT_EQ(r.timexes[0].start, 15u);
  EXPECT_EQ(r.timexes[0].text, "27 June 2025");
  ExpectOffsetsSelectText(text, r);
}

TEST(TimexApi, CurlyQuotesAroundDates) {
  const std::string text = "\u201cOn 27 June 2025,\u201d he said, \u201cwe met on \u2018June 30\u2019 too.\u201d";
  const TagResult r = Tag(text);
  ASSERT_EQ(r.timexes.size(), 2u);
  EXPECT_EQ(r.timexes[0].start, 6u);  // after the three-byte opening quote and "On "
  EXPECT_EQ(r.timexes[0].text, "27 June 2025");
  EXPECT_EQ(r.timexes[0].value, "2025-06-27");
  EXPECT_EQ(r.timexes[1].text, "June 30");
  EXPECT_EQ(r.timexes[1].value, "2025-06-30");
  ExpectOffsetsSelectText(text, r);
}

// No-break space (U+00A0), narrow no-break space (U+202F) and thin space
// (U+2009) between the parts of a date count as spaces; the span keeps them.
TEST(TimexApi, NonBreakingSpacesInsideDates) {
  struct Case {
    std::string text, expected_span, value;
  };
  const Case cases[] = {
      {"Yaşar said on 27\u00a0June 2025 that it was over.", "27\u00a0June 2025", "2025-06-27"},
      {"Yaşar said on 27\u00a0June\u00a02025 that it was over.", "27\u00a0June\u00a02025", "2025-06-27"},
      {"It ended on June\u00a027,\u00a02025, in Baku.", "June\u00a027,\u00a02025", "2025-06-27"},
      {"It ended on 27\u202fJune 2025 in Baku.", "27\u202fJune 2025", "2025-06-27"},
      {"It ended on 27\u2009June 2025 in Baku.", "27\u2009June 2025", "2025-06-27"},
      {"They met on 27\u00a0June.", "27\u00a0June", "2025-06-27"},
  };
  for (const Case& c : cases) {
    const TagResult r = Tag(c.text);
    ASSERT_EQ(r.timexes.size(), 1u) << c.text;
    EXPECT_EQ(r.timexes[0].text, c.expected_span) << c.text;
    EXPECT_EQ(r.timexes[0].start, c.text.find(c.expected_span)) << c.text;
    EXPECT_EQ(r.timexes[0].value, c.value) << c.text;
    ExpectOffsetsSelectText(c.text, r);
  }
}

// An apostrophe before two digits abbreviates a year, typographic or not.
TEST(TimexApi, ApostropheYears) {
  const std::string text = "the class of \u201999 and the cup in '27";
  const TagResult r = Tag(text);
  ASSERT_EQ(r.timexes.size(), 2u);
  EXPECT_EQ(r.timexes[0].text, "\u201999");
  EXPECT_EQ(r.timexes[0].value, "1999");
  EXPECT_EQ(r.timexes[1].text, "'27");
  EXPECT_EQ(r.timexes[1].value, "2027");
}

// An opening single quote (U+2018) before a day number is a quotation mark,
// not the apostrophe of an abbreviated year: "‘27 June’" is a day.
TEST(TimexApi, OpeningQuoteBeforeDayMonthIsNotAnAbbreviatedYear) {
  const std::string text = "The \u201827 June\u2019 deal was signed.";
  const TagResult r = Tag(text);
  ASSERT_EQ(r.timexes.size(), 1u);
  EXPECT_EQ(r.timexes[0].text, "27 June");
  EXPECT_EQ(r.timexes[0].value, "2025-06-27");
}

// A quarter is 1-4: "Q5" and "the 7th quarter" are not quarters, and
// "Q9555555" (found by fuzz/timex_fuzz.cc, fuzz/crashes/
// timex-quarter-overflow-min.txt) once overflowed an int in the normaliser.
TEST(TimexApi, QuarterNumbersOutsideOneToFourAreNotQuarters) {
  const std::string text = "Sales rose in Q5, in the 7th quarter and in Q9555555, but fell in Q3.";
  const TagResult r = Tag(text);
  ExpectOffsetsSelectText(text, r);
  for (const Timex& t : r.timexes) {
    const size_t q = t.value.find("-Q");
    if (q == std::string::npos) continue;
    EXPECT_EQ(t.value.size(), q + 3) << t.text << " -> " << t.value;
    EXPECT_TRUE(t.value.back() >= '1' && t.value.back() <= '4') << t.text << " -> " << t.value;
  }
  ASSERT_FALSE(r.timexes.empty());
  EXPECT_EQ(r.timexes.back().text, "Q3");
  EXPECT_EQ(r.timexes.back().value, "2025-Q3");
}

// Tag() is const and the default tagger is shared: concurrent calls must
// agree with a single-threaded one.
TEST(TimexApi, ConcurrentTagCallsAgree) {
  const std::string text =
      "On 27 June 2025 the talks began; three days later they stalled, and next Monday they resume.";
  const TagResult expected = Tag(text);
  std::vector<std::vector<std::string>> got(4);
  std::vector<std::thread> threads;
  for (size_t k = 0; k < got.size(); ++k) {
    threads.emplace_back([&, k] {
      for (int rep = 0; rep < 50; ++rep) {
        const TagResult r = Tag(text);
        std::string all;
        for (const Timex& t : r.timexes) all += t.text + "|" + t.value + ";";
        got[k].push_back(all);
      }
    });
  }
  for (auto& t : threads) t.join();
  std::string want;
  for (const Timex& t : expected.timexes) want += t.text + "|" + t.value + ";";
  for (const auto& runs : got) {
    for (const auto& s : runs) EXPECT_EQ(s, want);
  }
}

}  // namespace

// Found by fuzz/timex_fuzz.cc (fuzz/crashes/timex-numeric-date-key-overflow-
// min.txt): an eight-digit "day" in a numeric date once overflowed an int
// while the document's day/month order was decided. It is not a date.
TEST(TimexApi, LongNumbersInNumericDatesAreNotDateParts) {
  const std::string text = "33333333/5/25 and 03/07/2025";
  const TagResult r = chronicle::time::TimexTagger::Default().Tag(text, chronicle::time::ParseIsoDate("2025-07-03"));
  ASSERT_EQ(r.timexes.size(), 1u);
  EXPECT_EQ(r.timexes[0].text, "03/07/2025");
  EXPECT_EQ(r.timexes[0].value, "2025-07-03");
}
