// The actor tokenizer. ASCII bytes are classified with a table-free switch;
// other code points are decoded once and classified with ICU. Sentence and
// heading marks are set in a second pass over the tokens of each line, so the
// whole is linear in the text.
#include "actors/tokens.h"

#include <unicode/uchar.h>

#include "text/utf8.h"

namespace chronicle::actors {
namespace {

enum class Class { kSpace, kNewline, kLetter, kDigit, kMark, kPunct };

constexpr Class ClassifyAscii(char c) {
  if (c == '\n' || c == '\r') return Class::kNewline;
  if (c == ' ' || c == '\t' || c == '\f' || c == '\v') return Class::kSpace;
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return Class::kLetter;
  if (c >= '0' && c <= '9') return Class::kDigit;
  return Class::kPunct;
}

struct AsciiClasses {
  Class of[128];
  constexpr AsciiClasses() : of() {
    for (int c = 0; c < 128; ++c) of[c] = ClassifyAscii(static_cast<char>(c));
  }
};
constexpr AsciiClasses kAscii;

Class Classify(char32_t cp) {
  if (cp < 0x80) return kAscii.of[cp];
  if (cp == 0x2028 || cp == 0x2029 || cp == 0x85) return Class::kNewline;
  if (u_isUWhiteSpace(static_cast<UChar32>(cp)) || cp == 0x200B || cp == 0xFEFF) return Class::kSpace;
  if (u_isalpha(static_cast<UChar32>(cp))) return Class::kLetter;
  if (u_isdigit(static_cast<UChar32>(cp))) return Class::kDigit;
  const int8_t type = u_charType(static_cast<UChar32>(cp));
  if (type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK || type == U_ENCLOSING_MARK) {
    return Class::kMark;
  }
  return Class::kPunct;
}

char UnifyPunct(char32_t cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  switch (cp) {
    case 0x2018:
    case 0x2019:
    case 0x201A:
    case 0x201B:
    case 0x2032:
    case 0x02BC:
      return '\'';
    case 0x201C:
    case 0x201D:
    case 0x201E:
    case 0x201F:
    case 0x00AB:
    case 0x00BB:
    case 0x2033:
      return '"';
    case 0x2010:
    case 0x2011:
    case 0x2012:
    case 0x2013:
    case 0x2014:
    case 0x2015:
    case 0x2212:
      return '-';
    case 0x2026:
      return '.';
    default:
      return '?';
  }
}

bool IsUpper(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return u_isupper(static_cast<UChar32>(cp)) || u_istitle(static_cast<UChar32>(cp));
}

bool EndsSentence(char p) { return p == '.' || p == '!' || p == '?' || p == ':'; }
bool IsOpener(char p) { return p == '"' || p == '\'' || p == '(' || p == '[' || p == '-' || p == '*'; }

// Marks the sentence starts and headings of the line tokens [b, e).
void MarkLine(std::vector<Token>& toks, size_t b, size_t e) {
  size_t words = 0, lower_long = 0;
  bool after_end = true;  // at the start of the line, or after a full stop
  for (size_t i = b; i < e; ++i) {
    Token& t = toks[i];
    if (t.word) {
      ++words;
      if (!t.capitalized && !t.has_digit && t.end - t.start >= 4) ++lower_long;
      t.sentence_start = after_end;
      after_end = false;
    } else if (EndsSentence(t.punct)) {
      after_end = true;
    } else if (!IsOpener(t.punct)) {
      after_end = false;
    }
  }
  if (words == 0 || words > 25) return;
  const Token& last = toks[e - 1];
  const bool open_end = last.word || last.punct == ')' || last.punct == ']';
  if (!open_end && lower_long > 0) return;
  for (size_t i = b; i < e; ++i) toks[i].heading = true;
}

}  // namespace

std::vector<Token> TokenizeForActors(std::string_view text) {
  std::vector<Token> toks;
  toks.reserve(text.size() / 5 + 8);
  bool space = true, newline = true;
  size_t i = 0;
  // ASCII needs no decoding.
  auto decode = [&](size_t at, char32_t* out) -> size_t {
    const auto b = static_cast<unsigned char>(text[at]);
    if (b < 0x80) {
      *out = b;
      return 1;
    }
    return text::DecodeCodePoint(text, at, out);
  };
  while (i < text.size()) {
    char32_t cp;
    size_t len = decode(i, &cp);
    Class c = Classify(cp);
    if (c == Class::kSpace || c == Class::kNewline) {
      space = true;
      if (c == Class::kNewline) newline = true;
      i += len;
      continue;
    }
    Token t;
    t.start = static_cast<uint32_t>(i);
    t.space_before = space;
    t.newline_before = newline;
    space = newline = false;
    if (c == Class::kPunct || c == Class::kMark) {
      t.punct = UnifyPunct(cp);
      i += len;
      t.end = static_cast<uint32_t>(i);
      toks.push_back(t);
      continue;
    }
    t.word = true;
    t.capitalized = IsUpper(cp);
    size_t letters = 0, upper = 0;
    for (;;) {
      if (c == Class::kLetter) {
        ++letters;
        if (IsUpper(cp)) ++upper;
      } else if (c == Class::kDigit) {
        t.has_digit = true;
      }
      i += len;
      // ASCII letters and digits, most of a word, need no decoding.
      while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) {
        const auto b = static_cast<unsigned char>(text[i]);
        const Class ac = kAscii.of[b];
        if (ac == Class::kLetter) {
          ++letters;
          if (b >= 'A' && b <= 'Z') ++upper;
        } else if (ac == Class::kDigit) {
          t.has_digit = true;
        } else {
          break;
        }
        ++i;
      }
      if (i >= text.size()) break;
      len = decode(i, &cp);
      c = Classify(cp);
      if (c != Class::kLetter && c != Class::kDigit && c != Class::kMark) break;
    }
    t.all_caps = letters >= 2 && upper == letters;
    t.end = static_cast<uint32_t>(i);
    toks.push_back(t);
  }
  size_t line_begin = 0;
  for (size_t k = 1; k <= toks.size(); ++k) {
    if (k == toks.size() || toks[k].newline_before) {
      MarkLine(toks, line_begin, k);
      line_begin = k;
    }
  }
  return toks;
}

}  // namespace chronicle::actors
