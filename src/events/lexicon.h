// Word-pattern lexicons of the event stage (data/events/triggers.txt and
// data/events/cues.txt) and the word tokenizer they are matched against.
//
//   auto words = chronicle::events::TokenizeWords(body);
//   const auto& lex = chronicle::events::EventLexicon::Default();
//   for (size_t i = 0; i < words.size(); ++i)
//     if (auto m = lex.triggers.MatchAt(words, i)) ...
//
// A pattern is a short sequence of lower-cased words, each with `|`
// alternatives and an optional trailing `*` (any ending). Patterns are indexed
// by their first word (exact words in a hash map, prefixes in a short list),
// so matching at a position costs one lookup plus the prefix list.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chronicle::events {

struct Word {
  size_t start = 0;  // byte offsets into the text
  size_t end = 0;
  std::string lower;  // ASCII-lower-cased, possessive "'s"/"’s" removed
  bool capitalised = false;
  bool number = false;  // all digits (commas and a decimal point allowed)
  uint64_t hash = 0;    // HashWord(lower), set by TokenizeWords
};

// True if w's lower-case form is `s`. (As string_views the two compile to a
// size check and a short compare; std::string == "literal" calls
// std::string::compare, which costs in the per-word loops.)
inline bool Is(const Word& w, std::string_view s) { return std::string_view(w.lower) == s; }

// The hash PhraseSet indexes words by (64-bit FNV-1a).
inline constexpr uint64_t kFnvBasis = 14695981039346656037ull, kFnvPrime = 1099511628211ull;
inline uint64_t HashWord(std::string_view w) {
  uint64_t h = kFnvBasis;
  for (const char c : w) {
    h ^= static_cast<unsigned char>(c);
    h *= kFnvPrime;
  }
  return h;
}

// Words of `text`: runs of letters, digits, hyphens and inner apostrophes;
// bytes >= 0x80 count as letters except the typographic quotes and dashes.
std::vector<Word> TokenizeWords(std::string_view text);
// The same into *words (cleared first), reusing its storage.
void TokenizeWords(std::string_view text, std::vector<Word>* words);

struct PhraseEntry {
  std::vector<std::vector<std::string>> words;  // alternatives per position; "x*" = prefix
  std::string kind;                             // class (triggers) or kind (cues)
  std::string value;                            // "" (triggers) or cue value
  std::string options;                          // raw option string
  size_t line = 0;
};

struct PhraseMatch {
  const PhraseEntry* entry = nullptr;
  size_t first = 0;  // word index
  size_t last = 0;   // one past the last word
};

class PhraseSet {
 public:
  // Parses lines of `columns` tab-separated fields (the words in the last but
  // options column). Returns false with a message on a malformed line.
  bool Load(std::string_view text, bool with_value, std::string* error);
  // The longest pattern matching at words[i], if any.
  const PhraseEntry* MatchAt(const std::vector<Word>& words, size_t i, size_t* last) const;
  // All non-overlapping longest matches in words[first, last).
  std::vector<PhraseMatch> FindAll(const std::vector<Word>& words, size_t first, size_t last) const;
  // Every match of every pattern in words[first, last), overlaps included
  // (a word may be both a framing and a motive cue).
  std::vector<PhraseMatch> FindEvery(const std::vector<Word>& words, size_t first, size_t last) const;

 private:
  std::vector<PhraseEntry> entries_;
  // Exact first words in an open-addressing table keyed by HashWord: a
  // slot holds the word and the entries that start with it.
  struct Slot {
    uint64_t hash = 0;
    uint32_t list = 0;  // 1 + index into lists_, 0 for an empty slot
  };
  std::vector<Slot> slots_;  // a power of two in size, at most half full
  std::vector<std::string> list_words_;
  std::vector<std::vector<size_t>> lists_;
  // Prefix patterns ("arrest*") bucketed by their first two bytes
  // (prefix_bucket_[b0 * 256 + b1] is 1 + an index into prefix_lists_);
  // the rare shorter prefixes are tried for every word.
  std::vector<uint16_t> prefix_bucket_;
  std::vector<std::vector<std::pair<std::string, size_t>>> prefix_lists_;
  std::vector<std::pair<std::string, size_t>> short_prefixes_;

  void Index();
  // The entries whose first word is exactly `word`, or nullptr.
  const std::vector<size_t>* ExactFirst(const Word& word) const {
    if (slots_.empty()) return nullptr;
    const uint64_t h = word.hash != 0 ? word.hash : HashWord(word.lower);
    const size_t mask = slots_.size() - 1;
    for (size_t i = static_cast<size_t>(h) & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.list == 0) return nullptr;
      if (slot.hash == h && list_words_[slot.list - 1] == word.lower) return &lists_[slot.list - 1];
    }
  }
  // The prefix patterns that may match `word`, in two lists.
  template <typename Fn>
  void ForPrefixes(const std::string& word, Fn fn) const {
    for (const auto& [prefix, k] : short_prefixes_) fn(prefix, k);
    if (word.size() < 2 || prefix_bucket_.empty()) return;
    const size_t b = static_cast<unsigned char>(word[0]) * 256u + static_cast<unsigned char>(word[1]);
    if (const uint16_t list = prefix_bucket_[b]; list != 0) {
      for (const auto& [prefix, k] : prefix_lists_[list - 1]) fn(prefix, k);
    }
  }
};

struct EventLexicon {
  PhraseSet triggers;
  PhraseSet cues;
  PhraseSet concepts;  // data/events/concepts.txt: one-word patterns per concept
  static const EventLexicon& Default();
};

// True if option `name` (or `name=...`) is in `options`; the value goes to *value.
bool HasOption(std::string_view options, std::string_view name, std::string* value = nullptr);

}  // namespace chronicle::events
