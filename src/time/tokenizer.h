// The temporal tokenizer: one pass over UTF-8 text producing word, number and
// punctuation tokens with byte offsets. Letters and digits are split apart
// ("1990s" -> "1990" "s", "5pm" -> "5" "pm") and hyphens stand alone
// ("mid-May" -> "mid" "-" "May"), so the grammar can match the pieces.
// Sentence indices are assigned on the way, so the normaliser can look at the
// tense of the clause around an expression.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::time {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t start = 0;       // byte offsets into the text
  uint32_t end = 0;
  uint32_t sentence = 0;    // index of the sentence the token is in
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false; // first letter upper-case
  bool space_before = true; // whitespace (or start of text) precedes it
  uint8_t digits = 0;       // number of digits for numbers
  int64_t number = 0;       // numeric value of a number token (saturating)
  char punct = 0;           // the (unified) character of a one-character punctuation token
  std::string lower;        // lower-cased text (ASCII folding; quotes/dashes unified)
  bool IsWord(std::string_view w) const { return kind == TokenKind::kWord && lower == w; }
};

// Tokenizes text in one linear pass. Offsets are relative to `text`.
std::vector<Token> Tokenize(std::string_view text);

}  // namespace chronicle::time
