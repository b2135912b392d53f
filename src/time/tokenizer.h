// The temporal tokenizer: one pass over UTF-8 text producing word, number and
// punctuation tokens with byte offsets. Letters and digits are split apart
// ("1990s" -> "1990" "s", "5pm" -> "5" "pm") and hyphens stand alone
// ("mid-May" -> "mid" "-" "May"), so the grammar can match the pieces.
// Sentence indices are assigned on the way, so the normaliser can look at the
// tense of the clause around an expression.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::time {

enum class TokenKind : uint8_t { kWord, kNumber, kPunct };

struct Token {
  uint32_t start = 0;  // byte offsets into the text
  uint32_t end = 0;
  uint32_t sentence = 0;  // index of the sentence the token is in
  TokenKind kind = TokenKind::kWord;
  bool capitalized = false;  // first letter upper-case
  bool space_before = true;  // whitespace (or start of text) precedes it
  uint8_t digits = 0;        // number of digits for numbers
  int64_t number = 0;        // numeric value of a number token (saturating)
  char punct = 0;            // the (unified) character of a one-character punctuation token
  uint64_t hash = 0;         // WordHash(lower), computed once by the tokenizer
  std::string_view lower;    // lower-cased text (ASCII folding; quotes/dashes unified),
                             // pointing into the TokenizedText's arena
  bool IsWord(std::string_view w) const { return kind == TokenKind::kWord && lower == w; }
};

// The hash of the grammar's word table, eight bytes at a time, the last step
// zero-padded (words are short: usually one or two steps). Collisions only
// cost a comparison. Each step is a bijection of the 64-bit state, so two
// words of at most eight bytes and of the same length have the same hash only
// if they are the same word: the table lookup compares nothing else for them.
// The tokenizer computes this hash while it lower-cases a word (see
// Tokenize), so any change here must be made there too.
inline constexpr uint64_t kWordHashSeed = 0x9E3779B97F4A7C15ULL;
inline uint64_t WordHashStep(uint64_t h, uint64_t chunk) {
  h = (h ^ chunk) * 0xff51afd7ed558ccdULL;
  return h ^ (h >> 32);
}
inline uint64_t WordHash(std::string_view s) {
  uint64_t h = kWordHashSeed;
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t c;
    std::memcpy(&c, s.data() + i, sizeof c);
    h = WordHashStep(h, c);
  }
  if (i < s.size()) {
    uint64_t c = 0;
    std::memcpy(&c, s.data() + i, s.size() - i);
    h = WordHashStep(h, c);
  }
  return h;
}

// The tokens of a text and the buffer their lower-cased forms live in. Not
// copyable: the tokens point into `arena`.
struct TokenizedText {
  std::unique_ptr<char[]> arena;  // not zeroed: every byte a token points to is written first
  std::vector<Token> tokens;
  TokenizedText() = default;
  TokenizedText(const TokenizedText&) = delete;
  TokenizedText& operator=(const TokenizedText&) = delete;
};

// Tokenizes text in one linear pass into `out`. Offsets are relative to
// `text`. Tokens are trivially destructible and allocation-free: their
// lower-cased forms are written once into one arena of the text's size.
void Tokenize(std::string_view text, TokenizedText* out);

}  // namespace chronicle::time
