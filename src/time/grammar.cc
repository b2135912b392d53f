#include "time/grammar.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <tuple>

namespace chronicle::time {
namespace {

// std::isspace in the "C" locale, without a call per character (the
// grammar is parsed at every start of the program).
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitWs(std::string_view s) {
  std::vector<std::string> out;
  out.reserve(16);  // a rule or lexicon line has a few words: one allocation, not four
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsClassName(std::string_view s) {
  if (s.size() < 2) return false;
  for (char c : s) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool IsOrdinalSuffix(const Token& t) {
  if (t.kind != TokenKind::kWord || t.lower.size() != 2) return false;
  const char a = t.lower[0], b = t.lower[1];
  return (a == 's' && b == 't') || (a == 'n' && b == 'd') || (a == 'r' && b == 'd') || (a == 't' && b == 'h');
}

// Calls fn(line_no, line) for each non-empty, non-comment line.
template <typename Fn>
bool ForEachLine(std::string_view text, Fn fn) {
  int line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!fn(line_no, line)) return false;
  }
  return true;
}

}  // namespace

int Grammar::Intern(const std::string& word) {
  WordInfo& w = vocab_[word];
  if (w.id < 0) w.id = next_word_id_++;
  return w.id;
}

int Grammar::ClassId(const std::string& name) const {
  for (size_t i = 0; i < class_names_.size(); ++i) {
    if (class_names_[i] == name) return static_cast<int>(i);
  }
  return -1;
}

bool Grammar::LoadLexicon(std::string_view text, std::string* error) {
  return ForEachLine(text, [&](int line_no, std::string_view line) {
    auto parts = SplitWs(line);
    if (parts.size() < 3 || !IsClassName(parts[0])) {
      *error = "lexicon line " + std::to_string(line_no) + ": expected CLASS VALUE word...";
      return false;
    }
    int cls = ClassId(parts[0]);
    if (cls < 0) {
      cls = static_cast<int>(class_names_.size());
      class_names_.push_back(parts[0]);
    }
    for (size_t k = 2; k < parts.size(); ++k) {
      LexEntry e{cls, parts[1], false, 0};
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), e.number);
      std::string w = parts[k];
      if (!w.empty() && w.back() == '*') {
        e.needs_capital = true;
        w.pop_back();
      }
      for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      Intern(w);
      vocab_[w].entries.push_back(std::move(e));
    }
    return true;
  });
}

bool Grammar::Load(std::string_view lexicon_text, std::string_view rules_text, std::string* error) {
  if (!LoadLexicon(lexicon_text, error)) return false;
  if (class_names_.size() > 64) {
    *error = "lexicon: more than 64 classes";
    return false;
  }
  numword_cls_ = ClassId("NUMWORD");
  ordword_cls_ = ClassId("ORDWORD");
  // The matcher reads the values of number words as numbers (LexEntry::number).
  for (const auto& [key, word] : vocab_) {
    for (const LexEntry& e : word.entries) {
      if ((e.cls == numword_cls_ || e.cls == ordword_cls_) && e.value != std::to_string(e.number)) {
        *error = "lexicon: the value of " + class_names_[static_cast<size_t>(e.cls)] + " " + key + " is not a number";
        return false;
      }
    }
  }
  if (!ForEachLine(rules_text, [&](int line_no, std::string_view line) { return ParseRule(line, line_no, error); })) {
    return false;
  }
  // Words that continue multi-token elements (ordinal suffixes, "1990s",
  // "1,500", "twenty-four"), for the next-token filters.
  for (const char* w : {"st", "nd", "rd", "th", "s", ",", "-", "and"}) Intern(w);
  IndexRules();
  return true;
}

bool Grammar::ParseRule(std::string_view line, int line_no, std::string* error) {
  auto fail = [&](const std::string& why) {
    *error = "rules line " + std::to_string(line_no) + ": " + why;
    return false;
  };
  const size_t colon = line.find(": ");
  const size_t arrow = line.find(" -> ");
  if (colon == std::string_view::npos || arrow == std::string_view::npos || arrow < colon) {
    return fail("expected 'name: pattern -> TYPE key=value...'");
  }
  auto rule = std::make_unique<Rule>();
  rule->name = std::string(Trim(line.substr(0, colon)));
  rule->line = line_no;
  rule->index = static_cast<int>(rules_.size());
  const std::vector<std::string> pattern = SplitWs(line.substr(colon + 2, arrow - colon - 2));
  rule->elements.reserve(pattern.size());
  for (std::string tok : pattern) {
    Element el;
    if (tok.size() > 1 && tok.back() == '?') {
      el.optional = true;
      tok.pop_back();
    }
    if (tok.size() > 1 && tok.front() == '~') {
      el.context = true;
      tok.erase(0, 1);
    }
    if (tok.size() > 1 && tok.front() == '+') {
      el.adjacent = true;
      tok.erase(0, 1);
    }
    if (IsClassName(tok)) {
      static const std::pair<const char*, ElementKind> kBuiltins[] = {
          {"NUM", ElementKind::kNum},       {"DAY", ElementKind::kDay},         {"MONTHNUM", ElementKind::kMonthNum},
          {"YEAR", ElementKind::kYear},     {"YEAR2", ElementKind::kYear2},     {"INT", ElementKind::kInt},
          {"ORD", ElementKind::kOrd},       {"HOUR", ElementKind::kHour},       {"MINUTE", ElementKind::kMinute},
          {"DECADE", ElementKind::kDecade}, {"CAPWORD", ElementKind::kCapWord}, {"HUNDREDS", ElementKind::kHundreds}};
      bool found = false;
      for (const auto& [name, kind] : kBuiltins) {
        if (tok == name) {
          el.kind = kind;
          found = true;
        }
      }
      if (!found) {
        el.cls = ClassId(tok);
        if (el.cls < 0) return fail("unknown class " + tok);
        el.kind = ElementKind::kLexClass;
      }
    } else {
      el.kind = ElementKind::kLiteral;
      if (std::isupper(static_cast<unsigned char>(tok[0]))) {
        el.needs_capital = true;
        for (auto& ch : tok) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      size_t s = 0;
      while (s <= tok.size()) {
        size_t bar = tok.find('|', s);
        if (bar == std::string::npos || tok.size() == 1) bar = tok.size();
        el.words.push_back(Intern(tok.substr(s, bar - s)));
        s = bar + 1;
      }
    }
    rule->elements.push_back(std::move(el));
  }
  if (rule->elements.empty()) return fail("empty pattern");
  max_elements_ = std::max(max_elements_, rule->elements.size());
  auto actions = SplitWs(line.substr(arrow + 4));
  if (actions.empty()) return fail("missing type");
  if (!ParseTimexType(actions[0], &rule->type)) return fail("unknown type " + actions[0]);
  for (size_t k = 1; k < actions.size(); ++k) {
    const size_t eq = actions[k].find('=');
    if (eq == std::string::npos || eq == 0) return fail("bad action " + actions[k]);
    std::string value = actions[k].substr(eq + 1);
    for (size_t d = value.find('$'); d != std::string::npos; d = value.find('$', d + 1)) {
      size_t j = d + 1;
      int num = 0;
      while (j < value.size() && std::isdigit(static_cast<unsigned char>(value[j])))
        num = num * 10 + (value[j++] - '0');
      if (num < 1 || num > static_cast<int>(rule->elements.size())) return fail("bad reference in " + actions[k]);
    }
    Field key;
    if (!ParseField(std::string_view(actions[k]).substr(0, eq), &key)) {
      return fail("unknown key " + actions[k].substr(0, eq));
    }
    rule->actions.emplace_back(key, std::move(value));
  }
  if (std::string why = CheckReferences(*rule); !why.empty()) return fail(why);
  rules_.push_back(std::move(rule));
  return true;
}

// A field that takes an element's value must point at an element that can
// supply such a value ("unit=$2" at a UNIT, "m=$1" at a month): an off-by-one
// reference would otherwise pass silently and yield values like "PXcoming".
std::string Grammar::CheckReferences(const Rule& rule) const {
  struct Expect {
    const char* key;
    std::vector<ElementKind> kinds;
    std::vector<const char*> classes;
  };
  static const std::vector<Expect> kExpect = {
      {"unit", {}, {"UNIT", "UNITSG", "UNITPL", "CALUNIT"}},
      {"m", {ElementKind::kMonthNum}, {"MONTH", "MONTHFULL", "MONTHAB", "MONTHSAFE"}},
      {"d", {ElementKind::kDay, ElementKind::kOrd}, {}},
      {"y", {ElementKind::kYear, ElementKind::kInt}, {}},
      {"yy", {ElementKind::kYear2}, {}},
      {"dow", {}, {"WEEKDAY", "WEEKDAYS"}},
      {"season", {}, {"SEASON"}},
      {"pod", {}, {"POD"}},
      {"q", {ElementKind::kOrd, ElementKind::kNum}, {}},
      {"dur", {ElementKind::kInt, ElementKind::kNum}, {"NUMWORD"}},
      {"off", {ElementKind::kInt}, {}},
      {"h", {ElementKind::kHour}, {}},
      {"min", {ElementKind::kMinute}, {}},
      {"ampm", {}, {"AMPM", "AMPMDOT"}},
      {"decade", {ElementKind::kDecade}, {"DECADEWORD"}},
      {"century", {ElementKind::kOrd, ElementKind::kHundreds}, {}},
      {"holiday", {}, {"HOLIDAY"}},
  };
  for (const auto& [key, value] : rule.actions) {
    size_t at = value.rfind('$');
    // Only whole references ("$2", "-$2") are checked; templates such as
    // "nth:$5:$3:$2" or "$1.$3" combine several elements.
    if (at == std::string::npos || value.find('$') != at || (at != 0 && !(at == 1 && value[0] == '-'))) continue;
    const size_t n = std::stoul(value.substr(at + 1));
    const Element& el = rule.elements[n - 1];
    for (const Expect& e : kExpect) {
      if (FieldName(key) != e.key) continue;
      bool ok = std::find(e.kinds.begin(), e.kinds.end(), el.kind) != e.kinds.end();
      for (const char* c : e.classes) ok = ok || (el.kind == ElementKind::kLexClass && el.cls == ClassId(c));
      if (!ok) return "rule " + rule.name + ": " + e.key + "=" + value + " does not refer to a " + e.key + " element";
    }
  }
  return "";
}

// The bit of class c in a class mask; no bit for a missing class (c < 0).
static uint64_t ClassBit(int c) { return c < 0 ? 0 : uint64_t{1} << c; }

void KeySet::Add(const KeySet& other) {
  any = any || other.any;
  number = number || other.number;
  capital = capital || other.capital;
  classes |= other.classes;
  words.insert(words.end(), other.words.begin(), other.words.end());
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
}

// The keys of the tokens that can start elements[from...]: every element up
// to and including the first required one contributes.
KeySet Grammar::FirstKeys(const Rule& r, size_t from) const {
  KeySet k;
  size_t e = from;
  for (; e < r.elements.size(); ++e) {
    const Element& el = r.elements[e];
    switch (el.kind) {
      case ElementKind::kLiteral:
        k.words.insert(k.words.end(), el.words.begin(), el.words.end());
        break;
      case ElementKind::kLexClass:
        k.classes |= uint64_t{1} << el.cls;
        break;
      case ElementKind::kInt:
        k.number = true;
        k.classes |= ClassBit(numword_cls_);
        break;
      case ElementKind::kOrd:
        k.number = true;
        k.classes |= ClassBit(ordword_cls_) | ClassBit(numword_cls_);
        break;
      case ElementKind::kCapWord:
        k.capital = true;
        break;
      default:
        k.number = true;
        break;
    }
    if (!el.optional) break;
  }
  if (e == r.elements.size()) k.any = true;  // everything from `from` on is optional
  std::sort(k.words.begin(), k.words.end());
  k.words.erase(std::unique(k.words.begin(), k.words.end()), k.words.end());
  return k;
}

// Whether a word of the table is the token's word, given that their
// WordHash values are equal: for words of up to eight bytes equal lengths
// suffice (see WordHash). Longer words are compared; they are short, and a
// plain loop beats a call to memcmp.
static inline bool SameWordAsHashed(std::string_view key, std::string_view word) {
  if (key.size() != word.size()) return false;
  if (word.size() <= 8) return true;
  for (size_t i = 0; i < word.size(); ++i) {
    if (key[i] != word[i]) return false;
  }
  return true;
}

void Grammar::IndexRules() {
  by_word_.assign(static_cast<size_t>(next_word_id_), {});
  by_class_.assign(class_names_.size(), {});
  auto one_token = [](const Element& el) {
    return el.kind == ElementKind::kLiteral || el.kind == ElementKind::kLexClass || el.kind == ElementKind::kNum ||
           el.kind == ElementKind::kYear || el.kind == ElementKind::kMonthNum || el.kind == ElementKind::kHour ||
           el.kind == ElementKind::kMinute || el.kind == ElementKind::kYear2 || el.kind == ElementKind::kCapWord;
  };
  for (const auto& r : rules_) {
    // Walk the elements that can start the rule (up to the first required
    // one). A token that starts the rule is consumed by one of them; when
    // that element takes exactly one token, the next token must start the
    // rest of the rule. Each key gets the union of those next-token sets
    // over the elements it can match (no filter if any is multi-token).
    std::vector<std::pair<int, KeySet>> word_keys, class_keys;  // key -> next set
    KeySet number_next, capital_next;
    bool number = false, capital = false;
    auto merge = [](std::vector<std::pair<int, KeySet>>& v, int key, const KeySet& next) {
      if (key < 0) return;  // a class the lexicon does not define
      for (auto& [k2, set] : v) {
        if (k2 == key) {
          set.Add(next);
          return;
        }
      }
      v.emplace_back(key, next);
    };
    for (size_t e = 0; e < r->elements.size(); ++e) {
      const Element& el = r->elements[e];
      // The token after one that starts element e: the start of the rest of
      // the rule, or, for elements that can run over several tokens, a
      // token that continues the element itself.
      const KeySet rest = FirstKeys(*r, e + 1);
      auto with_words = [&](KeySet set, std::initializer_list<const char*> words) {
        for (const char* w : words) set.words.push_back(vocab_.at(w).id);
        return set;
      };
      KeySet next = rest;
      if (!one_token(el)) {
        switch (el.kind) {
          case ElementKind::kDay:
            next = with_words(rest, {"st", "nd", "rd", "th"});
            break;
          case ElementKind::kDecade:
          case ElementKind::kHundreds:
            next = with_words(KeySet{}, {"s"});
            break;
          case ElementKind::kInt:
          case ElementKind::kOrd:
            break;  // by the kind of token that starts them, below
          default:
            next.any = true;
            break;
        }
      }
      // The keys of element e itself.
      switch (el.kind) {
        case ElementKind::kLiteral:
          for (int w : el.words) merge(word_keys, w, next);
          break;
        case ElementKind::kLexClass:
          merge(class_keys, el.cls, next);
          break;
        case ElementKind::kInt: {
          // A cardinal in digits goes on only with ",000" groups; one in
          // words with more number words, "-" ("twenty-four") or "and"
          // ("two hundred and five"); see MatchCardinal.
          KeySet words_next = with_words(rest, {"-", "and"});
          words_next.classes |= ClassBit(numword_cls_);
          merge(class_keys, numword_cls_, words_next);
          number = true;
          number_next.Add(with_words(rest, {","}));
          break;
        }
        case ElementKind::kOrd:
          // "first": one token; "twenty-first": a number word and "-";
          // "21st": digits and a suffix, always (see MatchElement).
          merge(class_keys, ordword_cls_, rest);
          merge(class_keys, numword_cls_, with_words(KeySet{}, {"-"}));
          number = true;
          number_next.Add(with_words(KeySet{}, {"st", "nd", "rd", "th"}));
          break;
        case ElementKind::kCapWord:
          capital = true;
          capital_next.Add(next);
          break;
        default:
          number = true;
          number_next.Add(next);
          break;
      }
      if (!el.optional) break;
    }
    // Lists the rule under key `list`, in the groups of its next set.
    auto add = [&](RuleList& list, const KeySet& set) {
      const Rule* rule = r.get();
      if (set.any) {
        list.any.push_back(rule);
        return;
      }
      if (set.number) list.number.push_back(rule);
      if (set.capital) list.capital.push_back(rule);
      auto add_to = [rule](std::vector<std::pair<int, std::vector<const Rule*>>>& groups, int key) {
        auto it = std::find_if(groups.begin(), groups.end(), [key](const auto& g) { return g.first == key; });
        if (it == groups.end()) it = groups.insert(groups.end(), {key, {}});
        if (it->second.empty() || it->second.back() != rule) it->second.push_back(rule);
      };
      for (uint64_t m = set.classes; m != 0; m &= m - 1) add_to(list.classes, __builtin_ctzll(m));
      list.class_mask |= set.classes;
      for (int w : set.words) {
        add_to(list.words, w);
        list.word_bits |= uint64_t{1} << (w & 63);
      }
    };
    for (const auto& [w, next] : word_keys) add(by_word_[static_cast<size_t>(w)], next);
    for (const auto& [c, next] : class_keys) add(by_class_[static_cast<size_t>(c)], next);
    if (number) add(by_number_, number_next);
    if (capital) add(by_capital_, capital_next);
  }
  // The words, finished, in one contiguous array indexed by id (the lookup
  // follows a slot to its word for every token, so they should sit
  // together), and the open-addressing table over them.
  words_.assign(static_cast<size_t>(next_word_id_), WordInfo{});
  for (auto& [key, word] : vocab_) {
    bool starts = !by_word_[static_cast<size_t>(word.id)].empty();
    for (const auto& e : word.entries) starts = starts || !by_class_[static_cast<size_t>(e.cls)].empty();
    word.classes = 0;
    for (const auto& e : word.entries) word.classes |= uint64_t{1} << e.cls;
    word.starts_rules = starts;
    word.key = key;
    words_[static_cast<size_t>(word.id)] = word;
  }
  size_t size = 16;
  while (size < words_.size() * 2) size *= 2;
  table_.assign(size, Slot{});
  table_mask_ = size - 1;
  filter_.assign(size_t{1} << (kFilterBits - 6), 0);
  for (const WordInfo& word : words_) {
    const uint64_t h = WordHash(word.key);
    uint64_t i = h & table_mask_;
    while (table_[i].word != nullptr) i = (i + 1) & table_mask_;
    table_[i] = Slot{h, &word};
    const uint64_t bit = h >> (64 - kFilterBits);
    filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  // ForEachRule finds a next word by binary search.
  auto sort_words = [](RuleList& l) {
    std::sort(l.words.begin(), l.words.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  };
  for (auto& l : by_word_) sort_words(l);
  for (auto& l : by_class_) sort_words(l);
  sort_words(by_number_);
  sort_words(by_capital_);
}

std::vector<TokenInfo> Grammar::Prepare(const std::vector<Token>& tokens) const {
  std::vector<TokenInfo> info(tokens.size());
  if (table_.empty()) return info;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& tok = tokens[i];
    if (tok.kind == TokenKind::kNumber) continue;
    // The word's slot: this loop runs once per token.
    const uint64_t h = tok.hash;
    const uint64_t bit = h >> (64 - kFilterBits);
    if (((filter_[bit >> 6] >> (bit & 63)) & 1) == 0) continue;  // not a word of the table
    const WordInfo* w = nullptr;
    for (uint64_t k = h & table_mask_; table_[k].word != nullptr; k = (k + 1) & table_mask_) {
      if (table_[k].hash == h && SameWordAsHashed(table_[k].word->key, tok.lower)) {
        w = table_[k].word;
        break;
      }
    }
    if (w == nullptr) continue;
    info[i].word = w;
    info[i].classes = w->classes;
  }
  return info;
}

const LexEntry* Grammar::Entry(const std::vector<TokenInfo>& info, int t, int cls) const {
  const WordInfo* w = info[static_cast<size_t>(t)].word;
  if (w == nullptr) return nullptr;
  for (const auto& e : w->entries) {
    if (e.cls == cls) return &e;
  }
  return nullptr;
}

// Matches a cardinal starting at t: digits with thousands separators
// ("1,500") or number words ("twenty-four", "two hundred and five").
// Returns the tokens consumed (at most 8) and the value.
int Grammar::MatchCardinal(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int t,
                           int64_t* value) const {
  const int n = static_cast<int>(tokens.size());
  const Token& tok = tokens[static_cast<size_t>(t)];
  if (tok.kind == TokenKind::kNumber) {
    int64_t v = tok.number;
    int k = 1;
    while (k < 8 && t + k + 1 < n && tokens[t + k].punct == ',' && !tokens[t + k].space_before &&
           tokens[t + k + 1].kind == TokenKind::kNumber && tokens[t + k + 1].digits == 3 &&
           !tokens[t + k + 1].space_before) {
      v = v * 1000 + tokens[t + k + 1].number;
      k += 2;
    }
    *value = v;
    return k;
  }
  auto word_value = [&](int i, int64_t* v) -> bool {
    if (i >= n) return false;
    const LexEntry* e = Entry(info, i, numword_cls_);
    if (e == nullptr) return false;
    *v = e->number;
    return true;
  };
  int64_t total = 0, current = 0;
  int i = t;
  bool any = false;
  while (i < n && i - t < 8) {
    int64_t v;
    if (!word_value(i, &v)) break;
    if (v == 100) {
      current = (current == 0 ? 1 : current) * 100;
    } else if (v >= 1000) {
      total += (current == 0 ? 1 : current) * v;
      current = 0;
    } else {
      // A units word after another units word ("one two") ends the number.
      if (any && current % 100 != 0 && !(current % 10 == 0 && current >= 20 && v < 10)) break;
      current += v;
    }
    any = true;
    ++i;
    // "twenty-four": hyphen between tens and units.
    if (i + 1 < n && tokens[i].punct == '-' && !tokens[i].space_before) {
      int64_t next;
      if (current >= 20 && current % 10 == 0 && word_value(i + 1, &next) && next < 10) {
        ++i;
        continue;
      }
      break;
    }
    if (i < n && tokens[i].lower == "and" && current >= 100) {
      int64_t next;
      if (word_value(i + 1, &next) && next < 100) {
        ++i;
        continue;
      }
    }
  }
  if (!any) return 0;
  *value = total + current;
  return i - t;
}

// A literal or lexicon-class element at one token: 1 if it matches, else 0.
static inline int MatchWordElement(const Element& el, const Token& tok, const TokenInfo& info, Capture* cap) {
  const WordInfo* w = info.word;
  if (w == nullptr) return 0;
  if (el.kind == ElementKind::kLiteral) {
    if (el.needs_capital && !tok.capitalized) return 0;
    for (int id : el.words) {
      if (w->id == id) {
        cap->is_number = false;
        cap->text = tok.lower;
        return 1;
      }
    }
    return 0;
  }
  if (((info.classes >> el.cls) & 1) == 0) return 0;
  for (const auto& e : w->entries) {
    if (e.cls == el.cls && (!e.needs_capital || tok.capitalized)) {
      cap->is_number = false;
      cap->text = e.value;
      return 1;
    }
  }
  return 0;
}

int Grammar::MatchElement(const Element& el, const std::vector<Token>& tokens, const std::vector<TokenInfo>& info,
                          int t, Capture* cap) const {
  const Token& tok = tokens[static_cast<size_t>(t)];
  const int n = static_cast<int>(tokens.size());
  auto number = [&](int64_t v, int consumed) {
    cap->is_number = true;
    cap->number = v;
    return consumed;
  };
  switch (el.kind) {
    case ElementKind::kLiteral:
    case ElementKind::kLexClass:
      return MatchWordElement(el, tok, info[static_cast<size_t>(t)], cap);
    case ElementKind::kNum:
      if (tok.kind != TokenKind::kNumber) return 0;
      cap->is_number = false;  // keep leading zeros as written
      cap->text = tok.lower;
      return 1;
    case ElementKind::kDay:
      if (tok.kind != TokenKind::kNumber || tok.digits > 2 || tok.number < 1 || tok.number > 31) return 0;
      if (t + 1 < n && !tokens[t + 1].space_before && IsOrdinalSuffix(tokens[t + 1])) return number(tok.number, 2);
      return number(tok.number, 1);
    case ElementKind::kMonthNum:
      if (tok.kind != TokenKind::kNumber || tok.digits > 2 || tok.number < 1 || tok.number > 12) return 0;
      return number(tok.number, 1);
    case ElementKind::kYear:
      if (tok.kind != TokenKind::kNumber || tok.digits != 4 || tok.number < 1000 || tok.number > 2199) return 0;
      // "1990s" is a decade, not a year.
      if (t + 1 < n && !tokens[t + 1].space_before && tokens[t + 1].IsWord("s")) return 0;
      return number(tok.number, 1);
    case ElementKind::kYear2:
      if (tok.kind != TokenKind::kNumber || tok.digits != 2) return 0;
      cap->is_number = false;
      cap->text = tok.lower;
      return 1;
    case ElementKind::kInt: {
      int64_t v = 0;
      const int k = MatchCardinal(tokens, info, t, &v);
      return k == 0 ? 0 : number(v, k);
    }
    case ElementKind::kOrd: {
      if (tok.kind == TokenKind::kNumber) {
        if (t + 1 < n && !tokens[t + 1].space_before && IsOrdinalSuffix(tokens[t + 1])) {
          return number(tok.number, 2);
        }
        return 0;
      }
      if (const LexEntry* e = Entry(info, t, ordword_cls_)) return number(e->number, 1);
      // "twenty-first"
      int64_t tens = 0;
      if (t + 2 < n && MatchCardinal(tokens, info, t, &tens) == 1 && tens >= 20 && tens % 10 == 0 &&
          tokens[t + 1].punct == '-') {
        if (const LexEntry* e = Entry(info, t + 2, ordword_cls_)) return number(tens + e->number, 3);
      }
      return 0;
    }
    case ElementKind::kHour:
      if (tok.kind != TokenKind::kNumber || tok.digits > 2 || tok.number > 24) return 0;
      return number(tok.number, 1);
    case ElementKind::kMinute:
      if (tok.kind != TokenKind::kNumber || tok.digits != 2 || tok.number > 59) return 0;
      cap->is_number = false;
      cap->text = tok.lower;
      return 1;
    case ElementKind::kDecade: {
      if (tok.kind != TokenKind::kNumber || tok.number % 10 != 0) return 0;
      if (!(t + 1 < n && !tokens[t + 1].space_before && tokens[t + 1].IsWord("s"))) return 0;
      // "the 1700s" names a century, "the 1990s" and "the 2000s" decades.
      if (tok.digits == 4) return tok.number % 100 == 0 && tok.number < 2000 ? 0 : number(tok.number / 10, 2);
      if (tok.digits == 2) return number(tok.number < 30 ? 200 + tok.number / 10 : 190 + tok.number / 10, 2);
      return 0;
    }
    case ElementKind::kHundreds:
      if (tok.kind != TokenKind::kNumber || tok.digits != 4 || tok.number % 100 != 0 || tok.number >= 2000) return 0;
      if (!(t + 1 < n && !tokens[t + 1].space_before && tokens[t + 1].IsWord("s"))) return 0;
      return number(tok.number / 100 + 1, 2);
    case ElementKind::kCapWord:
      if (tok.kind != TokenKind::kWord || !tok.capitalized) return 0;
      cap->is_number = false;
      cap->text = tok.lower;
      return 1;
  }
  return 0;
}

// Matches the elements of `rule` from token t on, depth first: an optional
// element that matches is first kept, and skipped only if the rest of the
// rule then fails. The first way through wins. The choice points (optional
// elements that matched) are kept on a stack instead of the call stack:
// this runs for every rule attempt.
bool Grammar::MatchElements(const Rule& rule, const std::vector<Token>& tokens, const std::vector<TokenInfo>& info,
                            int t, MatchScratch& scratch, int* end) const {
  Capture* const caps = scratch.caps.data();
  std::pair<size_t, int>* const choices = scratch.choices.data();  // (element, token) to resume from
  size_t depth = 0;
  const size_t size = rule.elements.size();
  const int n = static_cast<int>(tokens.size());
  size_t e = 0;
  while (true) {
    if (e == size) {
      *end = t;
      return true;
    }
    const Element& el = rule.elements[e];
    if (t < n && !(el.adjacent && tokens[static_cast<size_t>(t)].space_before)) {
      Capture cap;
      // Words and lexicon classes, most elements, here; the rest by MatchElement.
      const int k = el.kind == ElementKind::kLiteral || el.kind == ElementKind::kLexClass
                        ? MatchWordElement(el, tokens[static_cast<size_t>(t)], info[static_cast<size_t>(t)], &cap)
                        : MatchElement(el, tokens, info, t, &cap);
      if (k > 0) {
        cap.begin = t;
        cap.end = t + k;
        caps[e] = cap;
        if (el.optional) choices[depth++] = {e, t};
        t += k;
        ++e;
        continue;
      }
    }
    if (!el.optional) {
      // Back to the latest optional element that matched, to skip it.
      if (depth == 0) return false;
      std::tie(e, t) = choices[--depth];
    }
    caps[e] = Capture{};
    ++e;
  }
}

bool Grammar::MatchAt(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int i, Match* out,
                      MatchScratch& scratch) const {
  const Token& tok = tokens[static_cast<size_t>(i)];
  const WordInfo* word = info[static_cast<size_t>(i)].word;
  const int n = static_cast<int>(tokens.size());
  const Token* next = i + 1 < n ? &tokens[static_cast<size_t>(i + 1)] : nullptr;
  const TokenInfo* next_info = i + 1 < n ? &info[static_cast<size_t>(i + 1)] : nullptr;
  std::vector<uint64_t>& stamp = scratch.stamp;
  if (stamp.size() < rules_.size()) stamp.assign(rules_.size(), 0);
  if (scratch.caps.size() < max_elements_) {
    scratch.caps.resize(max_elements_);
    scratch.choices.resize(max_elements_);
    scratch.candidates.reserve(rules_.size());
  }
  const Capture* const caps = scratch.caps.data();
  // The candidates first (a rule can be reached through several FIRST keys
  // and groups; a stamp per rule keeps it to one attempt per token), then
  // the attempts.
  std::vector<const Rule*>& candidates = scratch.candidates;
  candidates.clear();
  const uint64_t generation = ++scratch.generation;
  auto add = [&](const Rule* r) {
    uint64_t& st = stamp[static_cast<size_t>(r->index)];
    if (st == generation) return;
    st = generation;
    candidates.push_back(r);
  };
  if (word != nullptr && word->starts_rules) {
    by_word_[static_cast<size_t>(word->id)].ForEachRule(next, next_info, add);
    for (uint64_t m = word->classes; m != 0; m &= m - 1) {
      by_class_[static_cast<size_t>(__builtin_ctzll(m))].ForEachRule(next, next_info, add);
    }
  }
  if (tok.kind == TokenKind::kNumber) by_number_.ForEachRule(next, next_info, add);
  if (tok.capitalized) by_capital_.ForEachRule(next, next_info, add);
  scratch.attempts += candidates.size();
  bool found = false;
  int best_len = 0;
  int best_span = 0;
  for (const Rule* r : candidates) {
    int end = 0;
    if (!MatchElements(*r, tokens, info, i, scratch, &end) || end == i) continue;
    // Longest match first; then the one whose span (without context) is
    // longest, so "last February" beats "February" after a context "last";
    // then the earlier rule.
    const int len = end - i;
    int span = 0;
    for (size_t k = 0; k < r->elements.size(); ++k) {
      if (caps[k].begin >= 0 && !r->elements[k].context) span += caps[k].end - caps[k].begin;
    }
    if (!found || len > best_len || (len == best_len && span > best_span) ||
        (len == best_len && span == best_span && r->index < out->rule->index)) {
      found = true;
      best_len = len;
      best_span = span;
      out->rule = r;
      out->begin = i;
      out->end = end;
      out->captures.assign(caps, caps + r->elements.size());
    }
  }
  return found;
}

}  // namespace chronicle::time
