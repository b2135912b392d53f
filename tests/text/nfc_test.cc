#include "text/normalize.h"

#include <gtest/gtest.h>

#include <string>

namespace chronicle::text {
namespace {

TEST(NfcNormalize, AlreadyNormalizedHasEmptyMap) {
  const std::string s = "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D text.";
  const auto nfc = NormalizeNfc(s);
  EXPECT_EQ(nfc.text, s);
  EXPECT_TRUE(nfc.to_source.empty());
  EXPECT_EQ(nfc.SourceOffset(4), 4u);
}

TEST(NfcNormalize, ComposesAndMapsBack) {
  // "Cafe\u0301 ok": the e + combining acute becomes U+00E9 (2 bytes).
  const std::string s = "Cafe\xCC\x81 ok";
  const auto nfc = NormalizeNfc(s);
  EXPECT_EQ(nfc.text, "Caf\xC3\xA9 ok");
  ASSERT_EQ(nfc.to_source.size(), nfc.text.size() + 1);
  EXPECT_EQ(nfc.SourceOffset(0), 0u);
  EXPECT_EQ(nfc.SourceOffset(3), 3u);  // both bytes of é map to the 'e'
  EXPECT_EQ(nfc.SourceOffset(4), 3u);
  EXPECT_EQ(nfc.SourceOffset(5), 6u);  // the space after it
  EXPECT_EQ(nfc.SourceOffset(7), 8u);  // 'k'
  EXPECT_EQ(nfc.SourceOffset(nfc.text.size()), s.size());
  EXPECT_EQ(nfc.to_source.back(), s.size());
  EXPECT_EQ(nfc.SourceOffset(1000), s.size());
}

TEST(NfcNormalize, ReordersMarksAndMapsToSegmentStart) {
  // q + dot below (ccc 220) + dot above (ccc 230) is NFC; reversed it is not.
  const std::string s = "x q\xCC\x87\xCC\xA3 y";
  const auto nfc = NormalizeNfc(s);
  EXPECT_EQ(nfc.text, "x q\xCC\xA3\xCC\x87 y");
  for (size_t i = 2; i < 7; ++i) EXPECT_EQ(nfc.SourceOffset(i), 2u) << i;
  EXPECT_EQ(nfc.SourceOffset(8), 8u);
}

TEST(NfcNormalize, SingletonsAndHangul) {
  // U+212B ANGSTROM SIGN -> U+00C5; conjoining jamo -> precomposed syllable.
  const std::string s = "\xE2\x84\xAB and \xE1\x84\x80\xE1\x85\xA1!";
  const auto nfc = NormalizeNfc(s);
  EXPECT_EQ(nfc.text, "\xC3\x85 and \xEA\xB0\x80!");
  EXPECT_EQ(nfc.SourceOffset(0), 0u);
  EXPECT_EQ(nfc.SourceOffset(1), 0u);
  EXPECT_EQ(nfc.SourceOffset(2), 3u);
  const size_t ga = nfc.text.find("\xEA\xB0\x80");
  EXPECT_EQ(nfc.SourceOffset(ga + 2), s.find("\xE1\x84\x80"));
  EXPECT_EQ(nfc.SourceOffset(ga + 3), s.size() - 1);
}

TEST(NfcNormalize, LongRunOfCombiningMarksCompletes) {
  std::string s = "a";
  for (int i = 0; i < 200000; ++i) s += (i % 2 == 0) ? "\xCC\x87" : "\xCC\xA3";
  s += " done";
  const auto nfc = NormalizeNfc(s);
  EXPECT_EQ(nfc.text, s);  // the oversized segment is left alone
  EXPECT_EQ(nfc.SourceOffset(nfc.text.size()), s.size());
}

TEST(NfcNormalize, ManyShortUnorderedSegmentsComplete) {
  std::string s;
  while (s.size() < (1 << 20)) {
    s += "e";
    for (int i = 0; i < 30; ++i) s += (i % 2 == 0) ? "\xCC\x87" : "\xCC\xA3";
  }
  const auto nfc = NormalizeNfc(s);
  EXPECT_NE(nfc.text, s);  // reordered and composed
  ASSERT_EQ(nfc.to_source.size(), nfc.text.size() + 1);
  EXPECT_EQ(nfc.SourceOffset(nfc.text.size()), s.size());
}

TEST(NfcNormalize, OneChangeInLongAsciiText) {
  std::string s(100000, 'x');
  s += "A\xCC\x8A";  // A + combining ring -> U+00C5
  s += std::string(10, 'y');
  const auto nfc = NormalizeNfc(s);
  EXPECT_EQ(nfc.text, std::string(100000, 'x') + "\xC3\x85" + std::string(10, 'y'));
  EXPECT_EQ(nfc.SourceOffset(99999), 99999u);
  EXPECT_EQ(nfc.SourceOffset(100001), 100000u);
  EXPECT_EQ(nfc.SourceOffset(100002), 100003u);
}

}  // namespace
}  // namespace chronicle::text

TEST(NfcQuickCheck, AsciiAndPrecomposedTextIsNfc) {
  EXPECT_TRUE(chronicle::text::IsNfc(""));
  EXPECT_TRUE(chronicle::text::IsNfc("plain ASCII text, 27 June 2025."));
  EXPECT_TRUE(chronicle::text::IsNfc("Ya\xC5\x9F" "ar said \xE2\x80\x9C" "no\xE2\x80\x9D"));  // ş and curly quotes
}

TEST(NfcQuickCheck, CombiningMarkAfterAsciiLetterIsNotNfc) {
  // "e" + U+0301 composes to U+00E9.
  EXPECT_FALSE(chronicle::text::IsNfc("caf" "e\xCC\x81 noir"));
  // The Angstrom sign U+212B is a singleton that NFC replaces.
  EXPECT_FALSE(chronicle::text::IsNfc("10 \xE2\x84\xAB"));
}
