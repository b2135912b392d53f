// The temporal grammar: lexicon classes and token patterns read from
// data/time/lexicon.txt and data/time/rules.txt, and the matcher that finds
// the longest rule match at a token.
//
// A rule is one line:   name: ELEMENT ELEMENT ... -> TYPE key=value ...
// Elements are literals (lower-case words or punctuation, alternatives with
// '|'), lexicon classes (upper-case names from lexicon.txt) or built-in
// classes (NUM, DAY, YEAR, INT, ORD, ...), each optionally followed by '?'.
// Values may refer to the value of the N-th element as $N. See the header of
// data/time/rules.txt for the full syntax.
//
// Speed: words are interned once when the grammar loads; each token is
// looked up once (Prepare) to get its word id and lexicon entries, so matching
// compares integers. Every rule is indexed by the set of tokens that can start
// it (its FIRST set: literal words, lexicon classes, "any number", "any
// capitalised word"), and within the list of one such key by what the token
// after it must be, so a token tries only the rules that could start there
// and go on with the token that follows.
//
// Complexity: a rule has a bounded number of elements and every element
// consumes a bounded number of tokens (a cardinal at most 8), so trying the
// rules at a token costs a constant, and tagging is linear in the number of
// tokens.
#pragma once

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "time/fields.h"
#include "time/tokenizer.h"

namespace chronicle::time {

struct LexEntry {
  int cls = -1;  // class id
  std::string value;
  bool needs_capital = false;  // e.g. "May": only a month when capitalised
  int64_t number = 0;          // the value as a number, when it is one (NUMWORD, ORDWORD)
};

// What the grammar knows about one word form.
struct WordInfo {
  std::string_view key;  // the word itself (points into the vocabulary map)
  int id = -1;
  std::vector<LexEntry> entries;
  uint64_t classes = 0;       // bit c set: an entry of class c (set by IndexRules)
  bool starts_rules = false;  // some rule can start with this word (set by IndexRules)
};

// Per-token facts computed once per text.
struct TokenInfo {
  const WordInfo* word = nullptr;  // nullptr: a word the grammar never mentions
  uint64_t classes = 0;            // bit c set: the word has an entry of class c
};

// A set of tokens that may start a sequence of elements (used to build the
// index).
struct KeySet {
  bool any = false;      // no constraint
  bool number = false;   // any digit token
  bool capital = false;  // any capitalised word
  uint64_t classes = 0;  // lexicon classes
  std::vector<int> words;
  void Add(const KeySet& other);
};

enum class ElementKind {
  kLiteral,   // one of a set of words
  kLexClass,  // a lexicon class
  kNum,       // any digit token
  kDay,       // 1-31, digits, optional ordinal suffix
  kMonthNum,  // 1-12, one or two digits
  kYear,      // four digits, 1000-2199
  kYear2,     // two digits (after an apostrophe or in numeric dates)
  kInt,       // a cardinal: digits (with thousands commas) or number words
  kOrd,       // an ordinal: 1st, 21st, first, twenty-first
  kHour,      // 0-24, one or two digits
  kMinute,    // 00-59, exactly two digits
  kDecade,    // a decade written as 1990s / 90s ("s" adjacent)
  kHundreds,  // a century written as 1700s: the value is the ordinal century (18)
  kCapWord,   // any capitalised word
};

struct Element {
  ElementKind kind = ElementKind::kLiteral;
  std::vector<int> words;  // word ids, for kLiteral
  int cls = -1;            // class id, for kLexClass
  bool optional = false;
  bool adjacent = false;       // '+' prefix: no whitespace before the token
  bool context = false;        // '~' prefix: must match, but is not part of the span
  bool needs_capital = false;  // a literal written with a capital ("Today"): the token must be capitalised
};

struct Rule {
  std::string name;
  std::vector<Element> elements;
  TimexType type = TimexType::kDate;  // kNone: a blocker
  bool TypeIs(TimexType t) const { return type == t; }
  std::vector<std::pair<Field, std::string>> actions;
  int line = 0;
  int index = 0;  // position in the rules file; earlier wins ties
};

// The rules reached through one FIRST key, grouped by what the token after
// the key must be. When the key's token can only be consumed by a one-token
// element, the next token must start the rest of the rule (its next set, see
// IndexRules); a rule is listed under every kind of token its next set
// admits, so the rules worth trying before `next` are those of the groups
// `next` belongs to, found without testing the rules one by one. A rule may
// be listed in several groups; MatchAt tries it once.
struct RuleList {
  std::vector<const Rule*> any;      // no constraint on the next token (nor that there is one)
  std::vector<const Rule*> number;   // a digit token may follow
  std::vector<const Rule*> capital;  // a capitalised word may follow
  uint64_t class_mask = 0;           // the classes of `classes`
  std::vector<std::pair<int, std::vector<const Rule*>>> classes;  // a word of this class may follow
  std::vector<std::pair<int, std::vector<const Rule*>>> words;    // this word id may follow; sorted by id
  uint64_t word_bits = 0;  // bit (id % 64) set for the word ids of `words`
  bool empty() const { return any.empty() && number.empty() && capital.empty() && classes.empty() && words.empty(); }
  // A quick test that may say yes when ForEachRule finds no rule (two words
  // can share a bit of word_bits), but never says no when it finds one.
  bool MayHaveRuleFor(const Token* next, const TokenInfo* next_info) const {
    if (!any.empty()) return true;
    if (next == nullptr) return false;
    return (next->kind == TokenKind::kNumber && !number.empty()) || (next->capitalized && !capital.empty()) ||
           (next_info->classes & class_mask) != 0 ||
           (next_info->word != nullptr && ((word_bits >> (next_info->word->id & 63)) & 1) != 0);
  }
  // Calls fn(rule) for the rules that may match with `next` (nullptr at the
  // end of the text) after the key.
  template <typename Fn>
  void ForEachRule(const Token* next, const TokenInfo* next_info, Fn&& fn) const {
    for (const Rule* r : any) fn(r);
    if (next == nullptr) return;
    if (next->kind == TokenKind::kNumber) {
      for (const Rule* r : number) fn(r);
    }
    if (next->capitalized) {
      for (const Rule* r : capital) fn(r);
    }
    if ((next_info->classes & class_mask) != 0) {
      for (const auto& [cls, rules] : classes) {
        if (((next_info->classes >> cls) & 1) == 0) continue;
        for (const Rule* r : rules) fn(r);
      }
    }
    if (next_info->word != nullptr && !words.empty()) {
      const int id = next_info->word->id;
      const auto it = std::lower_bound(words.begin(), words.end(), id,
                                       [](const auto& entry, int key) { return entry.first < key; });
      if (it != words.end() && it->first == id) {
        for (const Rule* r : it->second) fn(r);
      }
    }
  }
};

// What an element matched: the value it contributes and its token range.
struct Capture {
  int begin = -1;  // token index, -1 when an optional element matched nothing
  int end = -1;
  bool is_number = false;
  int64_t number = 0;     // when is_number
  std::string_view text;  // otherwise: a lexicon value or the token's word
  std::string Value() const { return is_number ? std::to_string(number) : std::string(text); }
};

struct Match {
  const Rule* rule = nullptr;
  int begin = 0;  // token range [begin, end)
  int end = 0;
  std::vector<Capture> captures;  // one per rule element
};

// Working memory for MatchAt, reused across the tokens of one text.
struct MatchScratch {
  std::vector<Capture> caps;  // as long as the longest rule
  std::vector<std::pair<size_t, int>> choices;  // MatchElements' backtracking stack
  std::vector<const Rule*> candidates;           // MatchAt's rules to try
  std::vector<uint64_t> stamp;  // per rule: the generation it was last tried in
  uint64_t generation = 0;
  uint64_t attempts = 0;  // rule attempts so far: a measure of work for complexity tests
};

class Grammar {
 public:
  bool Load(std::string_view lexicon_text, std::string_view rules_text, std::string* error);
  // Looks every token up once; the result feeds MatchAt.
  std::vector<TokenInfo> Prepare(const std::vector<Token>& tokens) const;
  // False when no rule can start at token i and go on with the token after
  // it: most tokens are words no rule mentions, and most of the others
  // (capitalised words, "the", "in") are not followed by what the rules
  // need. Cheap enough to make before every MatchAt.
  bool MayStartAt(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, size_t i) const {
    const Token& tok = tokens[i];
    const WordInfo* w = info[i].word;
    const bool starts = (w != nullptr && w->starts_rules) || tok.kind == TokenKind::kNumber || tok.capitalized;
    if (!starts) return false;
    const Token* next = i + 1 < tokens.size() ? &tokens[i + 1] : nullptr;
    const TokenInfo* next_info = i + 1 < tokens.size() ? &info[i + 1] : nullptr;
    if (w != nullptr && w->starts_rules) {
      if (by_word_[static_cast<size_t>(w->id)].MayHaveRuleFor(next, next_info)) return true;
      for (uint64_t m = w->classes; m != 0; m &= m - 1) {
        if (by_class_[static_cast<size_t>(__builtin_ctzll(m))].MayHaveRuleFor(next, next_info)) return true;
      }
    }
    return (tok.kind == TokenKind::kNumber && by_number_.MayHaveRuleFor(next, next_info)) ||
           (tok.capitalized && by_capital_.MayHaveRuleFor(next, next_info));
  }
  // The longest match starting at token i (ties: the earlier rule), if any.
  bool MatchAt(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int i, Match* out,
               MatchScratch& scratch) const;
  size_t rule_count() const { return rules_.size(); }
  // The bit of a lexicon class in TokenInfo::classes (0 if there is none).
  uint64_t ClassMask(const std::string& name) const {
    const int c = ClassId(name);
    return c < 0 ? 0 : uint64_t{1} << c;
  }

 private:
  bool LoadLexicon(std::string_view text, std::string* error);
  bool ParseRule(std::string_view line, int line_no, std::string* error);
  std::string CheckReferences(const Rule& rule) const;
  int Intern(const std::string& word);
  int ClassId(const std::string& name) const;
  void IndexRules();
  bool MatchElements(const Rule& rule, const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int t,
                     MatchScratch& scratch, int* end) const;
  int MatchElement(const Element& el, const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int t,
                   Capture* cap) const;
  int MatchCardinal(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int t, int64_t* value) const;
  const LexEntry* Entry(const std::vector<TokenInfo>& info, int t, int cls) const;

  std::unordered_map<std::string, WordInfo> vocab_;  // while loading; keys stay referenced
  std::vector<WordInfo> words_;                      // by id, once loaded
  // Open-addressing copy of vocab_ for the per-token lookup (WordHash,
  // power-of-two size, linear probing): one probe for most words.
  struct Slot {  // 16 bytes: the whole table stays in the L1 cache
    uint64_t hash = 0;
    const WordInfo* word = nullptr;
  };
  std::vector<Slot> table_;
  uint64_t table_mask_ = 0;
  // One bit per value of a hash's top kFilterBits bits, set for the words of
  // the table: most tokens are words the grammar never mentions, and this
  // turns them away with one load instead of a probe sequence.
  static constexpr int kFilterBits = 14;
  std::vector<uint64_t> filter_;
  std::vector<std::string> class_names_;
  int next_word_id_ = 0;
  int numword_cls_ = -1, ordword_cls_ = -1;
  std::vector<std::unique_ptr<Rule>> rules_;
  size_t max_elements_ = 0;  // of a rule
  // FIRST-set index.
  std::vector<RuleList> by_word_;   // by word id
  std::vector<RuleList> by_class_;  // by class id
  RuleList by_number_;              // rules that can start with a digit token
  RuleList by_capital_;             // rules that can start with any capitalised word
  KeySet FirstKeys(const Rule& r, size_t from) const;
};

}  // namespace chronicle::time
