// The temporal grammar: lexicon classes and token patterns read from
// data/time/lexicon.txt and data/time/rules.txt, and the matcher that finds
// the leftmost-longest rule match at each token.
//
// A rule is one line:   name: ELEMENT ELEMENT ... -> TYPE key=value ...
// Elements are literals (lower-case words or punctuation, alternatives with
// '|'), lexicon classes (upper-case names from lexicon.txt) or built-in
// classes (NUM, DAY, YEAR, INT, ORD, ...), each optionally followed by '?'.
// Values may refer to the value of the N-th element as $N. See the header of
// data/time/rules.txt for the full syntax.
//
// Complexity: a rule has a bounded number of elements and every element
// consumes a bounded number of tokens, so trying all rules at a token costs a
// constant, and tagging is linear in the number of tokens. Rules are indexed
// by the literal words their first element can start with, so most tokens try
// only the few rules that could start there.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "time/tokenizer.h"

namespace chronicle::time {

struct LexEntry {
  std::string cls;
  std::string value;
  bool needs_capital = false;  // e.g. "May": only a month when capitalised
};

class Lexicon {
 public:
  // Parses lines "CLASS VALUE word word ...". Returns false and sets *error on
  // malformed input.
  bool Load(std::string_view text, std::string* error);
  const std::vector<LexEntry>* Lookup(const std::string& word) const;
  bool HasClass(const std::string& cls) const { return classes_.count(cls) != 0; }

 private:
  std::unordered_map<std::string, std::vector<LexEntry>> words_;
  std::unordered_map<std::string, int> classes_;
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
  kCapWord,   // any capitalised word
};

struct Element {
  ElementKind kind = ElementKind::kLiteral;
  std::vector<std::string> words;  // for kLiteral
  std::string cls;                 // for kLexClass
  bool optional = false;
  bool adjacent = false;           // '+' prefix: no whitespace before the token
  bool context = false;            // '~' prefix: must match, but is not part of the span
};

struct Rule {
  std::string name;
  std::vector<Element> elements;
  std::string type;  // DATE, TIME, DURATION, SET, or NONE (a blocker)
  std::vector<std::pair<std::string, std::string>> actions;
  int line = 0;
  int index = 0;  // position in the rules file; earlier wins ties
};

// What an element matched: the value it contributes and its token range.
struct Capture {
  std::string value;   // number as decimal text, lexicon value, or the word
  int begin = -1;      // token index, -1 when an optional element matched nothing
  int end = -1;
};

struct Match {
  const Rule* rule = nullptr;
  int begin = 0;  // token range [begin, end)
  int end = 0;
  std::vector<Capture> captures;  // one per rule element
};

class Grammar {
 public:
  bool Load(std::string_view lexicon_text, std::string_view rules_text, std::string* error);
  // The longest match starting at token i (ties: the earlier rule), if any.
  bool MatchAt(const std::vector<Token>& tokens, int i, Match* out) const;
  const Lexicon& lexicon() const { return lexicon_; }
  size_t rule_count() const { return rules_.size(); }

 private:
  bool ParseRule(std::string_view line, int line_no, std::string* error);
  bool MatchElements(const Rule& rule, size_t e, const std::vector<Token>& tokens, int t,
                     std::vector<Capture>& caps, int* end) const;
  int MatchElement(const Element& el, const std::vector<Token>& tokens, int t, std::string* value) const;
  void IndexRules();

  Lexicon lexicon_;
  std::vector<std::unique_ptr<Rule>> rules_;
  // Rules whose first element is a literal, indexed by that literal; and the
  // rest, which are tried everywhere.
  std::unordered_map<std::string, std::vector<const Rule*>> by_first_word_;
  std::unordered_map<std::string, std::vector<const Rule*>> by_first_class_;
  std::vector<const Rule*> unindexed_;
};

}  // namespace chronicle::time
