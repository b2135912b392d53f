// The actor stage's tokenizer (internal): one pass over UTF-8 text producing
// word and punctuation tokens with byte offsets and the few facts the matcher
// needs (capitalisation, spacing, line and sentence starts).
//
// A word is a maximal run of letters, digits and combining marks (ICU
// character classes, so "Güler" and "Erdoğan" are one word each). Every other
// non-space code point is a punctuation token of its own; apostrophes, quotes
// and dashes are unified into ' " and - so "Putin’s" and "Putin's" tokenise
// alike ("Putin" "'" "s"). Lexicon phrases are tokenised the same way, so
// "U.S." and "Nagorno-Karabakh" match token by token.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::actors {

struct Token {
  uint32_t start = 0;  // byte offsets into the text
  uint32_t end = 0;
  bool word = false;            // a word (else punctuation)
  bool space_before = true;     // whitespace (or the start of the text) precedes it
  bool newline_before = true;   // a line break (or the start of the text) precedes it
  bool capitalized = false;     // a word whose first letter is upper or title case
  bool all_caps = false;        // a word of two or more letters, all upper case
  bool has_digit = false;       // a word containing a digit
  bool sentence_start = false;  // the first word of a sentence or line
  bool heading = false;         // on a line that reads as a title or heading
  char punct = 0;               // the unified ASCII character of a punctuation token
                                // ('?' for punctuation outside ASCII that has none)
};

// Tokenizes `text` (valid UTF-8) in one linear pass.
std::vector<Token> TokenizeForActors(std::string_view text);

// The key a token is looked up by: the word as written, or the unified
// punctuation character. A punctuation token's key is always the one byte
// `punct` (ASCII punctuation and controls are their own text; other code
// points unify to ' " - . or ?), so it is a view of that byte in a static
// table: no search, and valid beyond the text.
struct PunctKeys {
  char of[128];
  constexpr PunctKeys() : of() {
    for (int c = 0; c < 128; ++c) of[c] = static_cast<char>(c);
  }
};
inline constexpr PunctKeys kPunctKeys;

inline std::string_view TokenKey(std::string_view text, const Token& t) {
  if (!t.word) return std::string_view(&kPunctKeys.of[static_cast<unsigned char>(t.punct) & 0x7F], 1);
  return text.substr(t.start, t.end - t.start);
}

}  // namespace chronicle::actors
