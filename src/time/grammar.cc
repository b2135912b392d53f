#include "time/grammar.h"

#include <algorithm>
#include <cctype>

namespace chronicle::time {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::vector<std::string> SplitWs(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
    size_t j = i;
    while (j < s.size() && !std::isspace(static_cast<unsigned char>(s[j]))) ++j;
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

bool IsOrdinalSuffix(const std::string& w) { return w == "st" || w == "nd" || w == "rd" || w == "th"; }

}  // namespace

bool Lexicon::Load(std::string_view text, std::string* error) {
  int line_no = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = Trim(text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    auto parts = SplitWs(line);
    if (parts.size() < 3 || !IsClassName(parts[0])) {
      *error = "lexicon line " + std::to_string(line_no) + ": expected CLASS VALUE word...";
      return false;
    }
    classes_[parts[0]]++;
    for (size_t k = 2; k < parts.size(); ++k) {
      LexEntry e{parts[0], parts[1], false};
      std::string w = parts[k];
      if (!w.empty() && w.back() == '*') {
        e.needs_capital = true;
        w.pop_back();
      }
      for (auto& ch : w) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      // Multi-token words are written with '_' in the file ("o_clock") but
      // the grammar sees single tokens, so only single words are stored.
      words_[w].push_back(std::move(e));
    }
    if (nl == text.size()) break;
  }
  return true;
}

const std::vector<LexEntry>* Lexicon::Lookup(const std::string& word) const {
  auto it = words_.find(word);
  return it == words_.end() ? nullptr : &it->second;
}

bool Grammar::Load(std::string_view lexicon_text, std::string_view rules_text, std::string* error) {
  if (!lexicon_.Load(lexicon_text, error)) return false;
  int line_no = 0;
  size_t pos = 0;
  while (pos < rules_text.size()) {
    size_t nl = rules_text.find('\n', pos);
    if (nl == std::string_view::npos) nl = rules_text.size();
    std::string_view line = Trim(rules_text.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    if (!ParseRule(line, line_no, error)) return false;
  }
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
  for (std::string tok : SplitWs(line.substr(colon + 2, arrow - colon - 2))) {
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
          {"NUM", ElementKind::kNum},       {"DAY", ElementKind::kDay},
          {"MONTHNUM", ElementKind::kMonthNum}, {"YEAR", ElementKind::kYear},
          {"YEAR2", ElementKind::kYear2},   {"INT", ElementKind::kInt},
          {"ORD", ElementKind::kOrd},       {"HOUR", ElementKind::kHour},
          {"MINUTE", ElementKind::kMinute}, {"DECADE", ElementKind::kDecade},
          {"CAPWORD", ElementKind::kCapWord}};
      bool found = false;
      for (const auto& [name, kind] : kBuiltins) {
        if (tok == name) {
          el.kind = kind;
          found = true;
        }
      }
      if (!found) {
        if (!lexicon_.HasClass(tok)) return fail("unknown class " + tok);
        el.kind = ElementKind::kLexClass;
        el.cls = tok;
      }
    } else {
      el.kind = ElementKind::kLiteral;
      size_t s = 0;
      while (s <= tok.size()) {
        size_t bar = tok.find('|', s);
        if (bar == std::string::npos || tok.size() == 1) bar = tok.size();
        el.words.push_back(tok.substr(s, bar - s));
        s = bar + 1;
      }
    }
    rule->elements.push_back(std::move(el));
  }
  if (rule->elements.empty()) return fail("empty pattern");
  auto actions = SplitWs(line.substr(arrow + 4));
  if (actions.empty()) return fail("missing type");
  rule->type = actions[0];
  if (rule->type != "DATE" && rule->type != "TIME" && rule->type != "DURATION" && rule->type != "SET" &&
      rule->type != "NONE") {
    return fail("unknown type " + rule->type);
  }
  for (size_t k = 1; k < actions.size(); ++k) {
    const size_t eq = actions[k].find('=');
    if (eq == std::string::npos || eq == 0) return fail("bad action " + actions[k]);
    std::string value = actions[k].substr(eq + 1);
    // Check $N references.
    for (size_t d = value.find('$'); d != std::string::npos; d = value.find('$', d + 1)) {
      size_t j = d + 1;
      int num = 0;
      while (j < value.size() && std::isdigit(static_cast<unsigned char>(value[j]))) num = num * 10 + (value[j++] - '0');
      if (num < 1 || num > static_cast<int>(rule->elements.size())) return fail("bad reference in " + actions[k]);
    }
    rule->actions.emplace_back(actions[k].substr(0, eq), std::move(value));
  }
  rules_.push_back(std::move(rule));
  return true;
}

void Grammar::IndexRules() {
  for (const auto& r : rules_) {
    const Element& first = r->elements[0];
    if (first.optional) {
      unindexed_.push_back(r.get());
    } else if (first.kind == ElementKind::kLiteral) {
      for (const auto& w : first.words) by_first_word_[w].push_back(r.get());
    } else if (first.kind == ElementKind::kLexClass) {
      by_first_class_[first.cls].push_back(r.get());
    } else {
      unindexed_.push_back(r.get());
    }
  }
}

// Matches a run of number words ("twenty-four", "two hundred", "1,500")
// starting at t. Returns tokens consumed and the value.
static int MatchCardinal(const Lexicon& lex, const std::vector<Token>& tokens, int t, int64_t* value) {
  const int n = static_cast<int>(tokens.size());
  const Token& tok = tokens[t];
  if (tok.kind == TokenKind::kNumber) {
    int64_t v = tok.number;
    int k = 1;
    // Thousands separators: 1,500 or 12,000,000.
    while (t + k + 1 < n && tokens[t + k].lower == "," && !tokens[t + k].space_before &&
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
    const auto* entries = lex.Lookup(tokens[i].lower);
    if (entries == nullptr) return false;
    for (const auto& e : *entries) {
      if (e.cls == "NUMWORD") {
        *v = std::stoll(e.value);
        return true;
      }
    }
    return false;
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
    if (i + 1 < n && tokens[i].lower == "-" && !tokens[i].space_before) {
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

int Grammar::MatchElement(const Element& el, const std::vector<Token>& tokens, int t, std::string* value) const {
  const Token& tok = tokens[t];
  const int n = static_cast<int>(tokens.size());
  switch (el.kind) {
    case ElementKind::kLiteral:
      for (const auto& w : el.words) {
        if (tok.lower == w) {
          *value = w;
          return 1;
        }
      }
      return 0;
    case ElementKind::kLexClass: {
      const auto* entries = lexicon_.Lookup(tok.lower);
      if (entries == nullptr) return 0;
      for (const auto& e : *entries) {
        if (e.cls == el.cls && (!e.needs_capital || tok.capitalized)) {
          *value = e.value;
          return 1;
        }
      }
      return 0;
    }
    case ElementKind::kNum:
      if (tok.kind != TokenKind::kNumber) return 0;
      *value = tok.lower;
      return 1;
    case ElementKind::kDay: {
      if (tok.kind != TokenKind::kNumber || tok.digits > 2 || tok.number < 1 || tok.number > 31) return 0;
      *value = std::to_string(tok.number);
      if (t + 1 < n && !tokens[t + 1].space_before && IsOrdinalSuffix(tokens[t + 1].lower)) return 2;
      return 1;
    }
    case ElementKind::kMonthNum:
      if (tok.kind != TokenKind::kNumber || tok.digits > 2 || tok.number < 1 || tok.number > 12) return 0;
      *value = std::to_string(tok.number);
      return 1;
    case ElementKind::kYear:
      if (tok.kind != TokenKind::kNumber || tok.digits != 4 || tok.number < 1000 || tok.number > 2199) return 0;
      // "1990s" is a decade, not a year.
      if (t + 1 < n && !tokens[t + 1].space_before && tokens[t + 1].lower == "s") return 0;
      *value = tok.lower;
      return 1;
    case ElementKind::kYear2:
      if (tok.kind != TokenKind::kNumber || tok.digits != 2) return 0;
      *value = tok.lower;
      return 1;
    case ElementKind::kInt: {
      int64_t v = 0;
      const int k = MatchCardinal(lexicon_, tokens, t, &v);
      if (k == 0) return 0;
      *value = std::to_string(v);
      return k;
    }
    case ElementKind::kOrd: {
      if (tok.kind == TokenKind::kNumber) {
        if (t + 1 < n && !tokens[t + 1].space_before && IsOrdinalSuffix(tokens[t + 1].lower)) {
          *value = std::to_string(tok.number);
          return 2;
        }
        return 0;
      }
      auto ord_value = [&](int i, std::string* v) {
        const auto* entries = lexicon_.Lookup(tokens[i].lower);
        if (entries == nullptr) return false;
        for (const auto& e : *entries) {
          if (e.cls == "ORDWORD") {
            *v = e.value;
            return true;
          }
        }
        return false;
      };
      if (ord_value(t, value)) return 1;
      // "twenty-first"
      int64_t tens = 0;
      std::string unit;
      if (t + 2 < n && MatchCardinal(lexicon_, tokens, t, &tens) == 1 && tens >= 20 && tens % 10 == 0 &&
          tokens[t + 1].lower == "-" && ord_value(t + 2, &unit)) {
        *value = std::to_string(tens + std::stoll(unit));
        return 3;
      }
      return 0;
    }
    case ElementKind::kHour:
      if (tok.kind != TokenKind::kNumber || tok.digits > 2 || tok.number > 24) return 0;
      *value = std::to_string(tok.number);
      return 1;
    case ElementKind::kMinute:
      if (tok.kind != TokenKind::kNumber || tok.digits != 2 || tok.number > 59) return 0;
      *value = tok.lower;
      return 1;
    case ElementKind::kDecade: {
      if (tok.kind != TokenKind::kNumber || tok.number % 10 != 0) return 0;
      if (!(t + 1 < n && !tokens[t + 1].space_before && tokens[t + 1].lower == "s")) return 0;
      if (tok.digits == 4) {
        *value = std::to_string(tok.number / 10);
      } else if (tok.digits == 2) {
        *value = std::to_string(tok.number < 30 ? 200 + tok.number / 10 : 190 + tok.number / 10);
      } else {
        return 0;
      }
      return 2;
    }
    case ElementKind::kCapWord:
      if (tok.kind != TokenKind::kWord || !tok.capitalized) return 0;
      *value = tok.lower;
      return 1;
  }
  return 0;
}

bool Grammar::MatchElements(const Rule& rule, size_t e, const std::vector<Token>& tokens, int t,
                            std::vector<Capture>& caps, int* end) const {
  if (e == rule.elements.size()) {
    *end = t;
    return true;
  }
  const Element& el = rule.elements[e];
  if (t < static_cast<int>(tokens.size()) && !(el.adjacent && tokens[t].space_before)) {
    std::string value;
    const int k = MatchElement(el, tokens, t, &value);
    if (k > 0) {
      caps[e] = Capture{std::move(value), t, t + k};
      if (MatchElements(rule, e + 1, tokens, t + k, caps, end)) return true;
    }
  }
  if (el.optional) {
    caps[e] = Capture{};
    return MatchElements(rule, e + 1, tokens, t, caps, end);
  }
  return false;
}

bool Grammar::MatchAt(const std::vector<Token>& tokens, int i, Match* out) const {
  const Token& tok = tokens[i];
  bool found = false;
  std::vector<Capture> caps;
  auto try_rule = [&](const Rule* r) {
    caps.assign(r->elements.size(), Capture{});
    int end = 0;
    if (!MatchElements(*r, 0, tokens, i, caps, &end) || end == i) return;
    const int len = end - i;
    const int best = out->end - out->begin;
    if (!found || len > best || (len == best && r->index < out->rule->index)) {
      found = true;
      out->rule = r;
      out->begin = i;
      out->end = end;
      out->captures = caps;
    }
  };
  if (auto it = by_first_word_.find(tok.lower); it != by_first_word_.end()) {
    for (const Rule* r : it->second) try_rule(r);
  }
  if (const auto* entries = lexicon_.Lookup(tok.lower)) {
    for (const auto& e : *entries) {
      if (auto it = by_first_class_.find(e.cls); it != by_first_class_.end()) {
        for (const Rule* r : it->second) try_rule(r);
      }
    }
  }
  for (const Rule* r : unindexed_) try_rule(r);
  return found;
}

}  // namespace chronicle::time
