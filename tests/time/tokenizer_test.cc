// The temporal tokenizer computes each word's WordHash while it lower-cases
// the word, eight bytes at a time; the grammar's table is built with
// WordHash itself, so the two must agree on every word, wherever it ends.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "time/tokenizer.h"

namespace {

using chronicle::time::Tokenize;
using chronicle::time::TokenizedText;
using chronicle::time::WordHash;

void ExpectHashesOfLowerForms(const std::string& text) {
  TokenizedText t;
  Tokenize(text, &t);
  for (const auto& tok : t.tokens) {
    if (tok.kind == chronicle::time::TokenKind::kNumber) continue;
    EXPECT_EQ(tok.hash, WordHash(tok.lower)) << "token '" << tok.lower << "' in '" << text << "'";
  }
}

TEST(TimexTokenizer, WordHashesMatchWordHashOfTheLowerForm) {
  // Words of every length from 1 to 20, followed by each kind of ending:
  // the end of the text, a space, ASCII punctuation, a digit, a non-ASCII
  // letter (part of the word) and non-ASCII punctuation (not part of it).
  const std::vector<std::string> endings = {"", " x", ",", "7", "\xC3\xA9t\xC3\xA9", "\xE2\x80\x99s", "\xE2\x80\x94"};
  for (size_t len = 1; len <= 20; ++len) {
    std::string word;
    for (size_t k = 0; k < len; ++k) word += static_cast<char>((k % 2 ? 'a' : 'A') + static_cast<char>(k % 26));
    for (const auto& end : endings) {
      ExpectHashesOfLowerForms(word + end);
      ExpectHashesOfLowerForms("On " + word + end + " and again " + word + end + " then the end of it all.");
    }
  }
  ExpectHashesOfLowerForms("Yaşar met İstanbul's mayor on Tuesday — «March» 5th, 2025… NOVEMBER");
}

TEST(TimexTokenizer, LowerFormsAndBoundaries) {
  TokenizedText t;
  Tokenize("Mid-MAY 1990s,  last\tWednesday", &t);
  std::vector<std::string> lower;
  for (const auto& tok : t.tokens) lower.emplace_back(tok.lower);
  EXPECT_EQ(lower, (std::vector<std::string>{"mid", "-", "may", "1990", "s", ",", "last", "wednesday"}));
  ASSERT_EQ(t.tokens.size(), 8u);
  EXPECT_TRUE(t.tokens[0].capitalized);
  EXPECT_FALSE(t.tokens[1].space_before);
  EXPECT_TRUE(t.tokens[3].space_before);
  EXPECT_FALSE(t.tokens[4].space_before);
  EXPECT_TRUE(t.tokens[6].space_before);
  EXPECT_TRUE(t.tokens[7].space_before);
  EXPECT_TRUE(t.tokens[7].capitalized);
}

}  // namespace
