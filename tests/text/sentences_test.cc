#include "text/sentences.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "text/abbreviations.h"

namespace chronicle::text {
namespace {

std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> out;
  for (const auto& s : SplitSentences(text)) out.push_back(text.substr(s.start, s.end - s.start));
  return out;
}

using Sentences = std::vector<std::string>;

TEST(SentenceSplit, EmptyAndBlank) {
  EXPECT_TRUE(SplitSentences("").empty());
  EXPECT_TRUE(SplitSentences("   \n\t\r\n  ").empty());
}

TEST(SentenceSplit, BasicPunctuation) {
  EXPECT_EQ(Split("The river rose. Farmers moved their herds! Would the dam hold? Nobody knew."),
            (Sentences{"The river rose.", "Farmers moved their herds!", "Would the dam hold?",
                       "Nobody knew."}));
}

TEST(SentenceSplit, SpansAreTrimmedByteOffsets) {
  const std::string text = "  First one.   Second one.  \n";
  const auto spans = SplitSentences(text);
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0], (Span{2, 12}));
  EXPECT_EQ(spans[1], (Span{15, 26}));
}

TEST(SentenceSplit, NeedsSpaceAndCapitalDigitOrQuote) {
  EXPECT_EQ(Split("See example.com for more. it continues here."),
            (Sentences{"See example.com for more. it continues here."}));
  EXPECT_EQ(Split("The vote passed. 42 members agreed."),
            (Sentences{"The vote passed.", "42 members agreed."}));
  EXPECT_EQ(Split("He waited. \"Not yet,\" she said."),
            (Sentences{"He waited.", "\"Not yet,\" she said."}));
  EXPECT_EQ(Split("He waited. \xE2\x80\x9CNot yet,\xE2\x80\x9D she said."),
            (Sentences{"He waited.", "\xE2\x80\x9CNot yet,\xE2\x80\x9D she said."}));
}

TEST(SentenceSplit, ClosingQuotesStayWithTheSentence) {
  EXPECT_EQ(Split("She said \xE2\x80\x9CThe bridge will be rebuilt.\xE2\x80\x9D He nodded."),
            (Sentences{"She said \xE2\x80\x9CThe bridge will be rebuilt.\xE2\x80\x9D",
                       "He nodded."}));
  EXPECT_EQ(Split("They asked \"Why now?\" The answer came later."),
            (Sentences{"They asked \"Why now?\"", "The answer came later."}));
  EXPECT_EQ(Split("(The talks failed.) A new round begins."),
            (Sentences{"(The talks failed.)", "A new round begins."}));
  EXPECT_EQ(Split("\xE2\x80\x9CWhere?\xE2\x80\x9D he asked."),
            (Sentences{"\xE2\x80\x9CWhere?\xE2\x80\x9D he asked."}));
}

TEST(SentenceSplit, EllipsisAndMixedTerminators) {
  EXPECT_EQ(Split("We waited\xE2\x80\xA6 Then the bus came. Really?! Yes... It did."),
            (Sentences{"We waited\xE2\x80\xA6", "Then the bus came.", "Really?!", "Yes...",
                       "It did."}));
  EXPECT_EQ(Split("He trailed off... and then resumed."),
            (Sentences{"He trailed off... and then resumed."}));
}

TEST(SentenceSplit, Titles) {
  EXPECT_EQ(Split("Mr. Lopez met Dr. Chen and Prof. Adams. Gen. Ortiz and Sen. Ray left."),
            (Sentences{"Mr. Lopez met Dr. Chen and Prof. Adams.", "Gen. Ortiz and Sen. Ray left."}));
  EXPECT_EQ(Split("Mrs. Hale and Ms. Ward met Lt. Cole, Sgt. Pike, Capt. Moss and Col. Reyes."),
            (Sentences{"Mrs. Hale and Ms. Ward met Lt. Cole, Sgt. Pike, Capt. Moss and Col. Reyes."}));
  EXPECT_EQ(Split("Gov. Baker, Rep. Stone and Rev. Park visited St. Louis with Sam Reed Jr. and Al Fox Sr. today."),
            (Sentences{"Gov. Baker, Rep. Stone and Rev. Park visited St. Louis with Sam Reed Jr. and "
                       "Al Fox Sr. today."}));
  EXPECT_EQ(Split("The letter reached (Dr. Moss) quickly."),
            (Sentences{"The letter reached (Dr. Moss) quickly."}));
}

TEST(SentenceSplit, CountryAcronymsAndInitials) {
  EXPECT_EQ(Split("The U.S. Treasury and the U.K. Foreign Office agreed. The U.N. Security Council and "
                  "the E.U. Commission did not."),
            (Sentences{"The U.S. Treasury and the U.K. Foreign Office agreed.",
                       "The U.N. Security Council and the E.U. Commission did not."}));
  EXPECT_EQ(Split("A speech by Harold T. Wilkins opened it. Then J.R.R. Tolkien was read in Washington, D.C. Later."),
            (Sentences{"A speech by Harold T. Wilkins opened it.",
                       "Then J.R.R. Tolkien was read in Washington, D.C. Later."}));
}

TEST(SentenceSplit, NumberAbbreviationAndMonths) {
  EXPECT_EQ(Split("Line No. 5 was closed. No. The other one."),
            (Sentences{"Line No. 5 was closed.", "No.", "The other one."}));
  EXPECT_EQ(Split("It opened on Sept. 14 and closed on Oct. 2, and Jan. 9 was quiet. Aug. 3 and Feb. 1 too."),
            (Sentences{"It opened on Sept. 14 and closed on Oct. 2, and Jan. 9 was quiet.",
                       "Aug. 3 and Feb. 1 too."}));
  EXPECT_EQ(Split("Dates: Nov. 11 and Dec. 25 are holidays."),
            (Sentences{"Dates: Nov. 11 and Dec. 25 are holidays."}));
}

TEST(SentenceSplit, DashesAndReferenceAbbreviations) {
  EXPECT_EQ(Split("The vote was close. \xE2\x80\x94 Then the hall emptied."),
            (Sentences{"The vote was close.", "\xE2\x80\x94 Then the hall emptied."}));
  EXPECT_EQ(Split("Prices rose\xE2\x80\x94sharply. \xE2\x80\x93 and fell."),
            (Sentences{"Prices rose\xE2\x80\x94sharply. \xE2\x80\x93 and fell."}));
  EXPECT_EQ(Split("See Fig. 3 and pp. 12 of Vol. 2 for approx. 40 cases. Art. 5 applies."),
            (Sentences{"See Fig. 3 and pp. 12 of Vol. 2 for approx. 40 cases.", "Art. 5 applies."}));
}

TEST(SentenceSplit, LatinAndCompanyAbbreviations) {
  EXPECT_EQ(Split("Fruits, e.g. apples, and nuts, i.e. almonds, were sold. Also E.g. Paris, e.g. Rome."),
            (Sentences{"Fruits, e.g. apples, and nuts, i.e. almonds, were sold.",
                       "Also E.g. Paris, e.g. Rome."}));
  EXPECT_EQ(Split("Pens, paper, etc. were bought. They brought pens, paper, etc. The shop closed."),
            (Sentences{"Pens, paper, etc. were bought.", "They brought pens, paper, etc.",
                       "The shop closed."}));
  EXPECT_EQ(Split("Smith vs. Jones went to trial. Acme Inc. Board members and Foo Corp. Staff and "
                  "Bar Co. Owners met Baz Ltd. Officers."),
            (Sentences{"Smith vs. Jones went to trial.",
                       "Acme Inc. Board members and Foo Corp. Staff and Bar Co. Owners met Baz Ltd. "
                       "Officers."}));
}

TEST(SentenceSplit, NeverInsideNumbers) {
  EXPECT_EQ(Split("Profit rose to $3.6 billion, or 32.1%, by 3.5 p.m. on Friday. Shares fell 0.5 points."),
            (Sentences{"Profit rose to $3.6 billion, or 32.1%, by 3.5 p.m. on Friday.",
                       "Shares fell 0.5 points."}));
  EXPECT_EQ(Split("Version 2.0.1 shipped in 2024. 300 users upgraded."),
            (Sentences{"Version 2.0.1 shipped in 2024.", "300 users upgraded."}));
}

TEST(SentenceSplit, LinesAreParagraphs) {
  EXPECT_EQ(Split("The storm hit at dawn.\nRoads were closed\n\nSchools reopened on Monday.\n"),
            (Sentences{"The storm hit at dawn.", "Roads were closed", "Schools reopened on Monday."}));
  EXPECT_EQ(Split("First paragraph ends here.\r\nSecond paragraph ends here.\r\n"),
            (Sentences{"First paragraph ends here.", "Second paragraph ends here."}));
}

TEST(SentenceSplit, HeadingsAreSentences) {
  EXPECT_EQ(Split("Floods in the Valley\nThe river rose overnight.\nA Slow Recovery for Farmers\n"
                  "Crops were lost."),
            (Sentences{"Floods in the Valley", "The river rose overnight.",
                       "A Slow Recovery for Farmers", "Crops were lost."}));
  // A heading followed by a lower-case line is still its own sentence.
  EXPECT_EQ(Split("Border Talks Resume\nofficials met on Tuesday."),
            (Sentences{"Border Talks Resume", "officials met on Tuesday."}));
  EXPECT_EQ(Split("Kyiv \xE2\x80\x94 The Long Winter\nPower was cut."),
            (Sentences{"Kyiv \xE2\x80\x94 The Long Winter", "Power was cut."}));
}

TEST(SentenceSplit, HardWrappedLinesJoin) {
  EXPECT_EQ(Split("The committee said that the new bridge\nwould open next year. It did not.\n"),
            (Sentences{"The committee said that the new bridge\nwould open next year.", "It did not."}));
  EXPECT_EQ(Split("In the capital,\nProtesters gathered at noon."),
            (Sentences{"In the capital,\nProtesters gathered at noon."}));
  EXPECT_EQ(Split("The talks were led by Mr.\nOkafor and lasted hours."),
            (Sentences{"The talks were led by Mr.\nOkafor and lasted hours."}));
  EXPECT_EQ(Split("It was a long\xE2\x80\x94\nand tiring day."),
            (Sentences{"It was a long\xE2\x80\x94\nand tiring day."}));
  // A blank line always ends the sentence, even after a comma.
  EXPECT_EQ(Split("Dear editor,\n\nthe letter follows."),
            (Sentences{"Dear editor,", "the letter follows."}));
}

TEST(SentenceSplit, ListItemsAndNumbers) {
  EXPECT_EQ(Split("Steps:\n1. Open the valve.\n2. Wait.\n- Check the gauge\n\xE2\x80\x93 Report back"),
            (Sentences{"Steps:", "1. Open the valve.", "2. Wait.", "- Check the gauge",
                       "\xE2\x80\x93 Report back"}));
  EXPECT_EQ(Split("iv. The fourth point stands."), (Sentences{"iv. The fourth point stands."}));
}

TEST(SentenceSplit, UnicodeSpacesAndCapitals) {
  EXPECT_EQ(Split("It ended.\xC2\xA0\xC3\x89lections followed.\xE2\x80\xAF\xC3\x9C" "ber went."),
            (Sentences{"It ended.", "\xC3\x89lections followed.", "\xC3\x9C" "ber went."}));
  EXPECT_EQ(Split("Line one.\xE2\x80\xA8Line two."), (Sentences{"Line one.", "Line two."}));
}

TEST(SentenceSplit, SpansAreOrderedAndTrimmed) {
  const std::string text =
      " \xE2\x80\x9C" "A.\xE2\x80\x9D B! \n\n( C? ) d. E\xE2\x80\xA6\r\n\xC2\xA0" "F. G\n\x80\xFF. H.";
  const auto spans = SplitSentences(text);
  size_t last = 0;
  for (const auto& s : spans) {
    EXPECT_LE(last, s.start);
    EXPECT_LT(s.start, s.end);
    EXPECT_LE(s.end, text.size());
    EXPECT_NE(text[s.start], ' ');
    EXPECT_NE(text[s.end - 1], ' ');
    EXPECT_NE(text[s.end - 1], '\n');
    last = s.end;
  }
}

TEST(SentenceSplit, AdversarialInputsComplete) {
  const std::string spaces(1 << 20, ' ');
  EXPECT_TRUE(SplitSentences(spaces).empty());
  const std::string dots(1 << 20, '.');
  EXPECT_EQ(SplitSentences(dots).size(), 1u);
  std::string dot_space;
  for (int i = 0; i < (1 << 18); ++i) dot_space += "Go. ";
  EXPECT_GT(SplitSentences(dot_space).size(), 1000u);
  std::string newlines(1 << 20, '\n');
  EXPECT_TRUE(SplitSentences(newlines).empty());
  std::string words;
  for (int i = 0; i < (1 << 17); ++i) words += "Mr. ";
  EXPECT_EQ(SplitSentences(words).size(), 1u);
  std::string lines;
  for (int i = 0; i < (1 << 17); ++i) lines += "A,\n";
  EXPECT_EQ(SplitSentences(lines).size(), 1u);
}

// The text of the seed file whose name starts with `prefix`, or "".
std::string ReadSeed(const std::string& prefix) {
  std::error_code ec;
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "seeds";
  for (std::filesystem::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().rfind(prefix, 0) == 0) {
      std::ifstream in(it->path(), std::ios::binary);
      std::ostringstream ss;
      ss << in.rdbuf();
      return ss.str();
    }
  }
  return "";
}

bool Contains(const Sentences& sentences, const std::string& s) {
  for (const auto& x : sentences) {
    if (x == s) return true;
  }
  return false;
}

TEST(SentenceSeeds, HeadingsAreOwnSentences) {
  const std::string seed003 = ReadSeed("003");
  const std::string seed000 = ReadSeed("000");
  if (seed003.empty() || seed000.empty()) GTEST_SKIP() << "seed files not found";
  const auto s003 = Split(seed003);
  EXPECT_TRUE(Contains(s003, "Demonization Of Russia"));
  EXPECT_TRUE(Contains(s003, "(Neo) Cold War Tactics"));
  const auto s000 = Split(seed000);
  EXPECT_TRUE(Contains(s000, "From Resentment to Confrontation"));
  EXPECT_TRUE(Contains(s000, "Western Enablers"));
}

TEST(SentenceAbbreviations, DataFileMatchesEmbeddedCopy) {
  std::ifstream in(std::string(CHRONICLE_SOURCE_DIR) + "/data/text/abbreviations.txt",
                   std::ios::binary);
  ASSERT_TRUE(in) << "data/text/abbreviations.txt missing";
  std::ostringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), std::string(kAbbreviationsFile));
}

TEST(SentenceAbbreviations, ParsesClasses) {
  const auto table = AbbreviationTable::Parse("# comment\ntitle: Mr Dr\nnever: U.S # trailing\n"
                                              "before-digit: No\nbogus: X\n");
  EXPECT_EQ(table.Lookup("Mr"), AbbreviationClass::kTitle);
  EXPECT_EQ(table.Lookup("U.S"), AbbreviationClass::kNever);
  EXPECT_EQ(table.Lookup("No"), AbbreviationClass::kBeforeDigit);
  EXPECT_EQ(table.Lookup("X"), AbbreviationClass::kNone);
  EXPECT_EQ(table.Lookup("mr"), AbbreviationClass::kNone);
  EXPECT_GT(AbbreviationTable::Default().size(), 40u);
}

}  // namespace
}  // namespace chronicle::text
