#include "text/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace chronicle::text {
namespace {

TEST(Utf8Validate, AcceptsWellFormedText) {
  EXPECT_FALSE(ValidateUtf8(""));
  EXPECT_FALSE(ValidateUtf8("plain ASCII text that is longer than eight bytes"));
  EXPECT_FALSE(ValidateUtf8("caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80"));
  // Boundaries of Table 3-7.
  EXPECT_FALSE(ValidateUtf8("\xC2\x80\xDF\xBF"));                  // U+0080, U+07FF
  EXPECT_FALSE(ValidateUtf8("\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"));  // U+0800, U+D7FF, U+E000
  EXPECT_FALSE(ValidateUtf8("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));  // U+10000, U+10FFFF
}

TEST(Utf8Validate, ReportsOffsetAndReason) {
  struct Case {
    std::string input;
    size_t offset;
    std::string reason;
  };
  const Case cases[] = {
      {"abc\xC3(def", 3, "invalid continuation byte"},
      {"abcdefghij\x80", 10, "unexpected continuation byte"},
      {"ab\xC0\xAF", 2, "overlong encoding"},
      {"ab\xE0\x80\xAF", 2, "overlong encoding"},
      {"ab\xF0\x8F\xBF\xBF", 2, "overlong encoding"},
      {"x\xED\xA0\x80", 1, "surrogate code point"},
      {"x\xF4\x90\x80\x80", 1, "code point above U+10FFFF"},
      {"x\xF5\x80\x80\x80", 1, "code point above U+10FFFF"},
      {"x\xFF", 1, "invalid byte"},
      {"tail \xE2\x80", 5, "truncated sequence"},
      {"tail \xF0", 5, "truncated sequence"},
      {"\xE2\x80\x9Cok\xE2\x80\x9D then \xE2\x28\xA1", 14, "invalid continuation byte"},
  };
  for (const auto& c : cases) {
    const auto err = ValidateUtf8(c.input);
    ASSERT_TRUE(err.has_value()) << c.reason;
    EXPECT_EQ(err->offset, c.offset) << c.reason;
    EXPECT_EQ(err->reason, c.reason);
  }
}

TEST(Utf8Validate, FindsErrorAfterLongAsciiRun) {
  std::string s(1000, 'a');
  s += '\xC3';
  s += std::string(17, 'b');
  const auto err = ValidateUtf8(s);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->offset, 1000u);
}

TEST(Utf8Validate, FindsAnErrorAtEveryOffsetOfAnAsciiRun) {
  // The ASCII run is skipped 32 and 8 bytes at a time: every alignment.
  for (size_t at = 0; at < 80; ++at) {
    std::string s(at, 'a');
    s += '\xFF';
    s += std::string(40, 'b');
    const auto err = ValidateUtf8(s);
    ASSERT_TRUE(err) << at;
    EXPECT_EQ(err->offset, at);
  }
}

TEST(Utf8Repair, LeavesValidTextAlone) {
  size_t replaced = 99;
  const std::string s = "na\xC3\xAFve \xE2\x80\x94 fine";
  EXPECT_EQ(RepairUtf8(s, &replaced), s);
  EXPECT_EQ(replaced, 0u);
}

TEST(Utf8Repair, UsesMaximalSubparts) {
  size_t replaced = 0;
  // E2 80 is a maximal subpart (one U+FFFD); C0 and AF are each one.
  EXPECT_EQ(RepairUtf8("a\xE2\x80z\xC0\xAF", &replaced), "a\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 3u);
  // The Unicode example: 61 F1 80 80 E1 80 C2 62 80 63 80 BF 64 -> 6 replacements.
  EXPECT_EQ(RepairUtf8("\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64", &replaced),
            "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c\xEF\xBF\xBD\xEF\xBF\xBD" "d");
  EXPECT_EQ(replaced, 6u);
  // A surrogate: ED is a subpart of length 1 because A0 is out of range.
  EXPECT_EQ(RepairUtf8("\xED\xA0\x80", &replaced), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(replaced, 3u);
  EXPECT_EQ(RepairUtf8("end\xF0\x9F\x98", nullptr), "end\xEF\xBF\xBD");
}

TEST(Utf8Repair, OutputIsAlwaysValid) {
  std::string all;
  for (int b = 0; b < 256; ++b) {
    for (int c = 0x70; c < 0xC8; c += 7) {
      all += static_cast<char>(b);
      all += static_cast<char>(c);
    }
  }
  size_t replaced = 0;
  const std::string repaired = RepairUtf8(all, &replaced);
  EXPECT_FALSE(ValidateUtf8(repaired));
  EXPECT_GT(replaced, 0u);
}

TEST(Utf8Decode, DecodesAndStepsBack) {
  const std::string s = "a\xC3\xA9\xE2\x80\x9C\xF0\x9F\x98\x80\x80";
  char32_t cp = 0;
  EXPECT_EQ(DecodeCodePoint(s, 0, &cp), 1u);
  EXPECT_EQ(cp, U'a');
  EXPECT_EQ(DecodeCodePoint(s, 1, &cp), 2u);
  EXPECT_EQ(cp, U'\u00E9');
  EXPECT_EQ(DecodeCodePoint(s, 3, &cp), 3u);
  EXPECT_EQ(cp, U'\u201C');
  EXPECT_EQ(DecodeCodePoint(s, 6, &cp), 4u);
  EXPECT_EQ(cp, U'\U0001F600');
  EXPECT_EQ(DecodeCodePoint(s, 10, &cp), 1u);
  EXPECT_EQ(cp, U'\uFFFD');
  EXPECT_EQ(PreviousCodePointStart(s, 10), 6u);
  EXPECT_EQ(PreviousCodePointStart(s, 6), 3u);
  EXPECT_EQ(PreviousCodePointStart(s, 3), 1u);
  EXPECT_EQ(PreviousCodePointStart(s, 1), 0u);
  EXPECT_EQ(PreviousCodePointStart(s, 11), 10u);  // stray continuation byte
}

}  // namespace
}  // namespace chronicle::text
