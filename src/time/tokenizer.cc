#include "time/tokenizer.h"

namespace chronicle::time {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Length of the UTF-8 sequence starting with lead byte c (1 for invalid bytes,
// so a stray byte never stalls the scan).
size_t SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c >> 5) == 0x6) return 2;
  if ((c >> 4) == 0xE) return 3;
  if ((c >> 3) == 0x1E) return 4;
  return 1;
}

// Classifies a non-ASCII code point sequence. Returns the ASCII stand-in for
// punctuation and spaces we care about, 'L' for letters, 0 for other symbols.
char ClassifyMultibyte(std::string_view s) {
  // U+00A0 NBSP, U+2000-U+200B spaces, U+202F, U+3000
  if (s == "\xC2\xA0" || s == "\xE2\x80\xAF" || s == "\xE3\x80\x80") return ' ';
  if (s.size() == 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80) {
    const unsigned char c = static_cast<unsigned char>(s[2]);
    if (c <= 0x8B) return ' ';                   // U+2000..U+200B
    if (c >= 0x90 && c <= 0x95) return '-';      // hyphens and dashes
    if (c == 0x98 || c == 0x99) return '\'';     // single quotes
    if (c == 0x9C || c == 0x9D) return '"';      // double quotes
    if (c == 0xA6) return '.';                   // ellipsis
    if (c == 0xA8 || c == 0xA9) return '\n';     // line/paragraph separator
    return 0;
  }
  if (s == "\xC2\xAB" || s == "\xC2\xBB") return '"';  // guillemets
  if (s.size() == 2 && static_cast<unsigned char>(s[0]) == 0xC2) return 0;  // Latin-1 symbols
  if (s == "\xC3\x97" || s == "\xC3\xB7") return 0;  // multiplication/division signs
  return 'L';
}

bool IsAbbreviation(const std::string& w) {
  static const char* const kAbbrev[] = {"mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt",
                                        "gov", "sen", "rep", "rev", "st", "jr", "sr", "no", "vs", "inc",
                                        "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
                                        "sep", "sept", "oct", "nov", "dec", "mt", "ft", "adm", "maj", "cmdr"};
  for (const char* a : kAbbrev) {
    if (w == a) return true;
  }
  return false;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 5 + 1);
  uint32_t sentence = 0;
  bool space = true;
  bool pending_break = false;  // sentence-final punctuation seen
  bool hard_break = false;     // a line break: the next token starts a sentence
  const size_t n = text.size();
  size_t i = 0;
  auto push = [&](Token&& t) {
    if (hard_break || (pending_break && (t.capitalized || t.kind == TokenKind::kNumber || t.lower == "\""))) {
      if (!tokens.empty()) ++sentence;
    }
    pending_break = false;
    hard_break = false;
    t.sentence = sentence;
    t.space_before = space;
    space = false;
    tokens.push_back(std::move(t));
  };
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      // A line break ends the sentence (headings, paragraphs).
      hard_break = true;
      space = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      ++i;
      continue;
    }
    if (IsDigit(c)) {
      Token t;
      t.kind = TokenKind::kNumber;
      t.start = static_cast<uint32_t>(i);
      int64_t v = 0;
      size_t j = i;
      while (j < n && IsDigit(static_cast<unsigned char>(text[j]))) {
        if (v < 1000000000000LL) v = v * 10 + (text[j] - '0');
        ++j;
      }
      t.end = static_cast<uint32_t>(j);
      t.digits = static_cast<uint8_t>(j - i > 255 ? 255 : j - i);
      t.number = v;
      t.lower.assign(text.substr(i, j - i));
      push(std::move(t));
      i = j;
      continue;
    }
    const size_t len = SeqLen(c);
    char cls;
    if (c < 0x80) {
      cls = IsAsciiLetter(c) ? 'L' : static_cast<char>(c);
    } else {
      cls = i + len <= n ? ClassifyMultibyte(text.substr(i, len)) : 0;
    }
    if (cls == ' ' || cls == '\n') {
      if (cls == '\n') hard_break = true;
      space = true;
      i += len;
      continue;
    }
    if (cls == 'L') {
      // A word: letters (ASCII or non-ASCII), with internal apostrophes kept
      // only for the possessive/contraction split below.
      Token t;
      t.kind = TokenKind::kWord;
      t.start = static_cast<uint32_t>(i);
      t.capitalized = c < 0x80 ? (c >= 'A' && c <= 'Z') : false;
      size_t j = i;
      // Fast path: a run of ASCII letters, copied and lower-cased in place.
      while (j < n && IsAsciiLetter(static_cast<unsigned char>(text[j]))) ++j;
      t.lower.assign(text.data() + i, j - i);
      for (char& ch : t.lower) ch = static_cast<char>(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
      while (j < n) {
        const unsigned char d = static_cast<unsigned char>(text[j]);
        if (d < 0x80) {
          if (!IsAsciiLetter(d)) break;
          t.lower.push_back(static_cast<char>(d >= 'A' && d <= 'Z' ? d + 32 : d));
          ++j;
        } else {
          const size_t l2 = SeqLen(d);
          if (j + l2 > n || ClassifyMultibyte(text.substr(j, l2)) != 'L') break;
          t.lower.append(text.substr(j, l2));
          j += l2;
        }
      }
      t.end = static_cast<uint32_t>(j);
      push(std::move(t));
      i = j;
      continue;
    }
    // Punctuation or symbol: one code point per token.
    Token t;
    t.kind = TokenKind::kPunct;
    t.start = static_cast<uint32_t>(i);
    t.end = static_cast<uint32_t>(i + len > n ? n : i + len);
    t.lower = cls != 0 ? std::string(1, cls) : std::string(text.substr(i, t.end - i));
    t.punct = cls;
    // A full stop after an initial ("N.J.") or a common abbreviation does
    // not end a sentence.
    bool final_punct = (cls == '.' || cls == '!' || cls == '?');
    if (cls == '.' && !tokens.empty() && !space) {
      const Token& prev = tokens.back();
      if (prev.kind == TokenKind::kWord && (prev.lower.size() == 1 || IsAbbreviation(prev.lower))) final_punct = false;
    }
    const size_t next = t.end;
    push(std::move(t));
    if (final_punct) pending_break = true;
    i = next;
  }
  return tokens;
}

}  // namespace chronicle::time
