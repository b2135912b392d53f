#include "time/tokenizer.h"

#include "text/abbreviations.h"

#include <array>
#include <bit>
#include <cstring>

namespace chronicle::time {
namespace {

// The eight-byte steps below read the first byte of a word in the low byte.
static_assert(std::endian::native == std::endian::little, "the tokenizer's word scan assumes little-endian");

// ASCII letters mapped to lower case; everything else to 0.
constexpr auto kLowerLetter = [] {
  std::array<unsigned char, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[static_cast<size_t>(c)] = static_cast<unsigned char>(c);
  for (int c = 'A'; c <= 'Z'; ++c) t[static_cast<size_t>(c)] = static_cast<unsigned char>(c + 32);
  return t;
}();

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
    if (c <= 0x8B) return ' ';                // U+2000..U+200B
    if (c >= 0x90 && c <= 0x95) return '-';   // hyphens and dashes
    if (c == 0x98 || c == 0x99) return '\'';  // single quotes
    if (c == 0x9C || c == 0x9D) return '"';   // double quotes
    if (c == 0xA6) return '.';                // ellipsis
    if (c == 0xA8 || c == 0xA9) return '\n';  // line/paragraph separator
    return 0;
  }
  if (s == "\xC2\xAB" || s == "\xC2\xBB") return '"';                       // guillemets
  if (s.size() == 2 && static_cast<unsigned char>(s[0]) == 0xC2) return 0;  // Latin-1 symbols
  if (s == "\xC3\x97" || s == "\xC3\xB7") return 0;                         // multiplication/division signs
  return 'L';
}

}  // namespace

void Tokenize(std::string_view text, TokenizedText* out) {
  std::vector<Token>& tokens = out->tokens;
  tokens.clear();
  tokens.reserve(text.size() / 5 + 1);
  // Every token writes at most as many bytes as it spans in the text, so an
  // arena of the text's size never reallocates and the views stay valid.
  out->arena = std::make_unique_for_overwrite<char[]>(text.size() + 1);
  char* const base = out->arena.get();
  size_t used = 0;
  uint32_t sentence = 0;
  bool space = true;
  // What was seen since the last token, as bits: most tokens follow none
  // of these, and add() then tests one byte.
  constexpr uint8_t kPendingBreak = 1;    // sentence-final punctuation seen
  constexpr uint8_t kHardBreak = 2;       // a blank line: the next token starts a sentence
  constexpr uint8_t kPendingNewline = 4;  // a line break since the last token
  uint8_t pending = 0;
  const size_t n = text.size();
  const char* const data = text.data();
  size_t i = 0;
  // Appends a token in place. A soft break (after . ! ?) starts a new
  // sentence only before a capital, a number or an opening quote.
  auto add = [&](TokenKind kind, size_t start, bool capitalized, bool quote) -> Token& {
    if (pending != 0) {
      if ((pending & kHardBreak) != 0 ||
          ((pending & kPendingBreak) != 0 && (capitalized || kind == TokenKind::kNumber || quote))) {
        if (!tokens.empty()) ++sentence;
      }
      pending = 0;
    }
    Token& t = tokens.emplace_back();
    t.kind = kind;
    t.start = static_cast<uint32_t>(start);
    t.capitalized = capitalized;
    t.sentence = sentence;
    t.space_before = space;
    space = false;
    return t;
  };
  // Appends the letters (ASCII, lower-cased, or any non-ASCII letter as is)
  // from j on to w[*len...]; returns where the letters end.
  auto scan_letters = [&](size_t j, char* w, size_t* len) {
    while (j < n) {
      const unsigned char d = static_cast<unsigned char>(data[j]);
      if (d < 0x80) {
        const unsigned char lc = kLowerLetter[d];
        if (lc == 0) break;
        w[(*len)++] = static_cast<char>(lc);
        ++j;
      } else {
        const size_t l2 = SeqLen(d);
        if (j + l2 > n || ClassifyMultibyte(text.substr(j, l2)) != 'L') break;
        for (size_t k = 0; k < l2; ++k) w[(*len)++] = data[j + k];
        j += l2;
      }
    }
    return j;
  };
  while (i < n) {
    const unsigned char c = static_cast<unsigned char>(data[i]);
    if (kLowerLetter[c] != 0) {  // letters first: the most common byte
      Token& t = add(TokenKind::kWord, i, c <= 'Z', false);
      char* w = base + used;
      size_t j = i;
      size_t len = 0;
      // Eight bytes at a time: y is x lower-cased where x holds letters; the
      // letter bytes are those of y in 'a'..'z' with x's top bit clear. The
      // arena never runs ahead of the text (w + len <= base + j), so an
      // eight-byte store at w + len stays inside it while j + 8 <= n.
      // WordHash(t.lower) is computed on the way, from the same eight-byte
      // steps (the last one keeps only the letter bytes: zero padding).
      uint64_t h = kWordHashSeed;
      bool ended = false;  // at an ASCII byte that is no letter: no slow path
      while (j + 8 <= n) {
        uint64_t x;
        std::memcpy(&x, data + j, sizeof x);
        const uint64_t y = (x | 0x2020202020202020ULL) & 0x7F7F7F7F7F7F7F7FULL;
        const uint64_t letters =
            (y + 0x1F1F1F1F1F1F1F1FULL) & ~(y + 0x0505050505050505ULL) & ~x & 0x8080808080808080ULL;
        std::memcpy(w + len, &y, sizeof y);
        if (letters == 0x8080808080808080ULL) {
          h = WordHashStep(h, y);
          len += 8;
          j += 8;
          continue;
        }
        const size_t k = static_cast<size_t>(__builtin_ctzll(~letters & 0x8080808080808080ULL)) / 8;
        if (k != 0) h = WordHashStep(h, y & ((uint64_t{1} << (8 * k)) - 1));  // k < 8
        len += k;
        j += k;
        ended = static_cast<unsigned char>(data[j]) < 0x80;
        break;
      }
      if (!ended) {
        // The last few bytes of the text, and letters that are not ASCII
        // ("Yaşar"): the slow path.
        j = scan_letters(j, w, &len);
        h = WordHash(std::string_view(w, len));
      }
      t.lower = std::string_view(w, len);
      t.hash = h;
      used += len;
      t.end = static_cast<uint32_t>(j);
      i = j;
      // The space after a word, here rather than by another turn of the loop.
      if (i < n && data[i] == ' ') {
        space = true;
        ++i;
      }
      continue;
    }
    if (c == ' ') {
      space = true;
      ++i;
      continue;
    }
    if (c == '\n') {
      // A blank line ends the sentence. A single line break ends it before a
      // capital, a number or a quote (a new paragraph, or the line after a
      // heading) but not inside hard-wrapped text, where the next line goes
      // on in lower case.
      if ((pending & kPendingNewline) != 0) pending |= kHardBreak;
      pending |= kPendingNewline | kPendingBreak;
      space = true;
      ++i;
      continue;
    }
    if (c == '\t' || c == '\r' || c == '\f' || c == '\v') {
      space = true;
      ++i;
      continue;
    }
    if (IsDigit(c)) {
      Token& t = add(TokenKind::kNumber, i, false, false);
      int64_t v = 0;
      size_t j = i;
      while (j < n && IsDigit(static_cast<unsigned char>(data[j]))) {
        if (v < 1000000000000LL) v = v * 10 + (data[j] - '0');
        ++j;
      }
      t.end = static_cast<uint32_t>(j);
      t.digits = static_cast<uint8_t>(j - i > 255 ? 255 : j - i);
      t.number = v;
      t.lower = std::string_view(data + i, j - i);  // digits need no folding
      i = j;
      continue;
    }
    const size_t len = SeqLen(c);
    const char cls = c < 0x80 ? static_cast<char>(c) : (i + len <= n ? ClassifyMultibyte(text.substr(i, len)) : 0);
    if (cls == ' ' || cls == '\n') {
      if (cls == '\n') pending |= kHardBreak;
      space = true;
      i += len;
      continue;
    }
    if (cls == 'L') {
      // A word starting with a non-ASCII letter.
      Token& t = add(TokenKind::kWord, i, false, false);
      char* w = base + used;
      size_t wlen = 0;
      const size_t j = scan_letters(i, w, &wlen);
      t.lower = std::string_view(w, wlen);
      t.hash = WordHash(t.lower);
      used += wlen;
      t.end = static_cast<uint32_t>(j);
      i = j;
      continue;
    }
    // Punctuation or symbol: one code point per token. A full stop after an
    // initial ("N.J.") or a common abbreviation does not end a sentence.
    bool final_punct = (cls == '.' || cls == '!' || cls == '?');
    if (cls == '.' && !tokens.empty() && !space) {
      const Token& prev = tokens.back();
      if (prev.kind == TokenKind::kWord) {
        // Initials and the abbreviations of data/text/abbreviations.txt
        // (shared with the sentence splitter) do not end a sentence;
        // "No.", "Oct." and the like only before a digit.
        using text::AbbreviationClass;
        const AbbreviationClass ac =
            text::AbbreviationTable::Default().Lookup(text.substr(prev.start, prev.end - prev.start));
        size_t k = i + 1;
        while (k < n && data[k] == ' ') ++k;
        const bool digit_next = k < n && IsDigit(static_cast<unsigned char>(data[k]));
        if (prev.lower.size() == 1 || ac == AbbreviationClass::kTitle || ac == AbbreviationClass::kNever ||
            (ac == AbbreviationClass::kBeforeDigit && digit_next)) {
          final_punct = false;
        }
      }
      // A decimal point ("5.3%", "$1.2 billion") is not a full stop.
      if (prev.kind == TokenKind::kNumber && i + 1 < n && IsDigit(static_cast<unsigned char>(data[i + 1]))) {
        final_punct = false;
      }
    }
    const size_t end = i + len > n ? n : i + len;
    Token& t = add(TokenKind::kPunct, i, false, cls == '"');
    t.end = static_cast<uint32_t>(end);
    if (cls != 0) {
      base[used] = cls;
      t.lower = std::string_view(base + used, 1);
      used += 1;
      t.hash = WordHashStep(kWordHashSeed, static_cast<unsigned char>(cls));  // WordHash(t.lower)
    } else {
      t.lower = std::string_view(data + i, end - i);
      t.hash = WordHash(t.lower);
    }
    t.punct = cls;
    if (final_punct) pending |= kPendingBreak;
    i = end;
  }
}

}  // namespace chronicle::time
