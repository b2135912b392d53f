// TokenizeWords: word boundaries, lower-casing, possessives, numbers and the
// hash the phrase index relies on.
#include "events/lexicon.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using chronicle::events::HashWord;
using chronicle::events::TokenizeWords;
using chronicle::events::Word;

std::vector<std::string> Lowers(const std::vector<Word>& words) {
  std::vector<std::string> out;
  for (const auto& w : words) out.push_back(w.lower);
  return out;
}

TEST(TokenizeWords, EmptyAndSeparatorsOnly) {
  EXPECT_TRUE(TokenizeWords("").empty());
  EXPECT_TRUE(TokenizeWords("  ,.;-- ' \n\t").empty());
  EXPECT_TRUE(TokenizeWords("\xE2\x80\x9C\xE2\x80\x94\xE2\x80\xA6\xC2\xA0\xC2\xAB\xC2\xBB").empty());  // “—… «»
}

TEST(TokenizeWords, OffsetsLowerCaseCapitalsAndHash) {
  const std::string text = "  The MINISTRY said-so, e-mail isn't it.";
  const auto words = TokenizeWords(text);
  EXPECT_EQ(Lowers(words), (std::vector<std::string>{"the", "ministry", "said-so", "e-mail", "isn't", "it"}));
  for (const auto& w : words) {
    EXPECT_EQ(w.hash, HashWord(w.lower)) << w.lower;
    EXPECT_FALSE(w.number) << w.lower;
  }
  EXPECT_EQ(words[0].start, 2u);
  EXPECT_EQ(words[0].end, 5u);
  EXPECT_TRUE(words[0].capitalised);
  EXPECT_TRUE(words[1].capitalised);
  EXPECT_FALSE(words[2].capitalised);
  EXPECT_EQ(text.substr(words[4].start, words[4].end - words[4].start), "isn't");
}

TEST(TokenizeWords, PossessivesAreDropped) {
  // ASCII and typographic apostrophes; the offsets still cover the ending.
  const std::string text = "Putin's KYIV'S Putin\xE2\x80\x99s Zelensky\xE2\x80\x99S rock\xE2\x80\x99n\xE2\x80\x99roll 's";
  const auto words = TokenizeWords(text);
  EXPECT_EQ(Lowers(words),
            (std::vector<std::string>{"putin", "kyiv", "putin", "zelensky", "rock\xE2\x80\x99n\xE2\x80\x99roll", "s"}));
  EXPECT_EQ(words[0].end - words[0].start, 7u);
  EXPECT_EQ(words[2].end - words[2].start, 9u);
  for (const auto& w : words) EXPECT_EQ(w.hash, HashWord(w.lower)) << w.lower;
}

TEST(TokenizeWords, Numbers) {
  const auto words = TokenizeWords("1,200 3.5 12 2024's 3a a.b 1.x 7-8 end.");
  EXPECT_EQ(Lowers(words),
            (std::vector<std::string>{"1,200", "3.5", "12", "2024", "3a", "a", "b", "1", "x", "7-8", "end"}));
  const std::vector<bool> number = {true, true, true, false, false, false, false, true, false, false, false};
  ASSERT_EQ(words.size(), number.size());
  for (size_t i = 0; i < words.size(); ++i) EXPECT_EQ(words[i].number, number[i]) << words[i].lower;
}

TEST(TokenizeWords, Utf8LettersAndLongWords) {
  // Bytes >= 0x80 other than the typographic punctuation are letters, kept
  // as they are; "É" (C3 89) counts as a capital.
  const std::string text = "\xC3\x89lys\xC3\xA9" "e caf\xC3\xA9\xE2\x80\x94" "Donetsk "
                           "Supercalifragilisticexpialidocious-Antidisestablishmentarianism";
  const auto words = TokenizeWords(text);
  EXPECT_EQ(Lowers(words), (std::vector<std::string>{"\xC3\x89lys\xC3\xA9" "e", "caf\xC3\xA9", "donetsk",
                                                     "supercalifragilisticexpialidocious-antidisestablishmentarianism"}));
  EXPECT_TRUE(words[0].capitalised);
  EXPECT_FALSE(words[1].capitalised);
  EXPECT_TRUE(words[2].capitalised);
  EXPECT_EQ(words.back().end, text.size());
  for (const auto& w : words) EXPECT_EQ(w.hash, HashWord(w.lower)) << w.lower;
}

TEST(TokenizeWords, TrailingInnerPunctuationEndsTheWord) {
  // A hyphen, apostrophe or right quote at the end of the text is no inner
  // character; a cut-off typographic quote is a letter byte.
  EXPECT_EQ(Lowers(TokenizeWords("well- it' you\xE2\x80\x99")), (std::vector<std::string>{"well", "it", "you"}));
  EXPECT_EQ(Lowers(TokenizeWords("ab\xE2\x80")), (std::vector<std::string>{"ab\xE2\x80"}));
}

}  // namespace
