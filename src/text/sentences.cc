// Sentence splitting.
//
// The text is read line by line (a line ends at \n, U+0085, U+2028 or
// U+2029; \r is whitespace, so CRLF text splits like LF text). News text puts
// one paragraph, heading or list item per line, so by default every line
// break closes the open sentence, and a blank line always does. A line break
// is only a soft wrap, and the sentence continues on the next line, when the
// line cannot be a paragraph of its own: it ends with a comma, semicolon or
// dash, or with a title abbreviation ("Mr."), or it ends without final
// punctuation, is not a heading (headings are short Title Case lines such as
// "Demonization Of Russia"), and the next line starts with a lower-case
// letter.
//
// Inside a line a boundary is a cluster of terminators (. ! ? … and their
// Unicode relatives), then any closing quotes or brackets, then whitespace,
// then, after any opening quotes or brackets (or an en/em dash and a space),
// a capital, a digit or (after an opening quote) anything not lower case. The span ends after the
// closing quotes. A single period does not end a sentence after an
// abbreviation from data/text/abbreviations.txt, a single capital
// ("John F. Kennedy"), dotted capitals ("D.C."), or a list number at the start
// of a line ("1."). Decimal points never qualify because no space follows.
//
// Complexity: every byte is decoded a bounded number of times. The forward
// scans (line end, trimming, terminator clusters, whitespace after them) each
// advance past what they read, the look-ahead into the next line stops at its
// first non-space, and the backward scans (the word before a period, the end
// of a line) read at most kMaxWordBytes or one word per line. Hence linear
// time on any input, including a megabyte of spaces or of periods.
#include "text/sentences.h"

#include <cstring>

#include <unicode/uchar.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include <algorithm>
#include <array>
#include <string>

#include "text/abbreviations.h"
#include "text/utf8.h"

namespace chronicle::text {
namespace {

constexpr size_t kNone = static_cast<size_t>(-1);
// Longest word looked at before a period; abbreviations are far shorter.
constexpr size_t kMaxWordBytes = 24;
// Lines with more words than this are paragraphs, not headings.
constexpr int kMaxHeadingWords = 20;

bool IsLineBreak(char32_t c) {
  return c == U'\n' || c == U'\u0085' || c == U'\u2028' || c == U'\u2029';
}

bool IsSpace(char32_t c) {
  switch (c) {
    case U' ': case U'\t': case U'\r': case U'\v': case U'\f':
    case U'\u00A0': case U'\u1680': case U'\u202F': case U'\u205F':
    case U'\u3000': case U'\uFEFF':
      return true;
    default:
      return c >= U'\u2000' && c <= U'\u200B';
  }
}

// Bytes that can start a terminator ('.', '!', '?', or the lead byte of a
// non-ASCII one, E2/E3/EF) or a line break ('\n', C2 for U+0085, E2 for
// U+2028/9): every other byte is skipped with one table look-up.
constexpr auto kMaybeTerminator = [] {
  std::array<bool, 256> t{};
  t['.'] = t['!'] = t['?'] = true;
  for (int b = 0xE2; b < 0x100; ++b) t[static_cast<size_t>(b)] = true;
  return t;
}();
constexpr auto kMaybeLineBreak = [] {
  std::array<bool, 256> t{};
  t['\n'] = t[0xC2] = t[0xE2] = true;
  return t;
}();

// The first k in [from, to) with p[k] a byte `table` marks, or `to`. The two
// scans with these tables read every byte of the text; 16 bytes at a time
// with SSE2 (always there on x86-64) they cost a tenth of a loop over bytes
// (the byte loops were 2.3% of `chronicle extract`). `Marks16` must mark a
// lane exactly when the table marks its byte; the byte loop finishes the
// last bytes and stays the definition elsewhere.
template <typename Marks16>
size_t SkipUnmarked(const unsigned char* p, size_t from, size_t to, const std::array<bool, 256>& table,
                    [[maybe_unused]] Marks16 marks16) {
  size_t k = from;
#if defined(__SSE2__)
  for (; k + 16 <= to; k += 16) {
    const __m128i x = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k));
    const int mask = _mm_movemask_epi8(marks16(x));
    if (mask != 0) return k + static_cast<size_t>(__builtin_ctz(static_cast<unsigned>(mask)));
  }
#endif
  while (k < to && !table[p[k]]) ++k;
  return k;
}

#if defined(__SSE2__)
// Lanes of kMaybeTerminator: '.', '!', '?' or a byte >= 0xE2.
inline __m128i TerminatorLanes(__m128i x) {
  const __m128i high = _mm_cmpeq_epi8(_mm_max_epu8(x, _mm_set1_epi8(static_cast<char>(0xE2))), x);
  return _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('.')), _mm_cmpeq_epi8(x, _mm_set1_epi8('!'))),
                      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('?')), high));
}
// Lanes of kMaybeLineBreak: '\n', 0xC2 or 0xE2.
inline __m128i LineBreakLanes(__m128i x) {
  return _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('\n')),
                      _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xC2))),
                                   _mm_cmpeq_epi8(x, _mm_set1_epi8(static_cast<char>(0xE2)))));
}
#else
inline int TerminatorLanes(int) { return 0; }
inline int LineBreakLanes(int) { return 0; }
#endif

bool IsTerminator(char32_t c) {
  switch (c) {
    case U'.': case U'!': case U'?':
    case U'\u2026':  // … horizontal ellipsis
    case U'\u203C': case U'\u2047': case U'\u2048': case U'\u2049':  // ‼ ⁇ ⁈ ⁉
    case U'\u3002': case U'\uFF01': case U'\uFF0E': case U'\uFF1F':  // 。！．？
      return true;
    default:
      return false;
  }
}

bool IsCloser(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U')': case U']': case U'}':
    case U'\u2019': case U'\u201D': case U'\u00BB': case U'\u203A':  // ’ ” » ›
      return true;
    default:
      return false;
  }
}

bool IsOpener(char32_t c) {
  switch (c) {
    case U'"': case U'\'': case U'(': case U'[': case U'{':
    case U'\u2018': case U'\u201C': case U'\u00AB': case U'\u2039':  // ‘ “ « ‹
    case U'\u00BF': case U'\u00A1':                                  // ¿ ¡
      return true;
    default:
      return false;
  }
}

bool IsDash(char32_t c) {
  return c == U'-' || (c >= U'\u2010' && c <= U'\u2015') || c == U'\u2212';
}

// En and em dashes, which can open a sentence or an attribution.
bool IsSentenceDash(char32_t c) { return c == U'\u2013' || c == U'\u2014'; }

bool IsLower(char32_t c) { return u_islower(static_cast<UChar32>(c)) != 0; }
bool IsDigit(char32_t c) { return u_isdigit(static_cast<UChar32>(c)) != 0; }

// Upper or title case, or a letter of a script without case.
bool IsCapital(char32_t c) {
  const auto u = static_cast<UChar32>(c);
  return u_isupper(u) || u_istitle(u) ||
         (u_isalpha(u) && !u_hasBinaryProperty(u, UCHAR_CASED));
}

bool IsSmallWord(std::string_view w) {
  static constexpr std::array<std::string_view, 44> kSmall = {
      "a",    "an",   "the",   "and",  "or",     "but",   "nor",  "of",   "to",
      "in",   "on",   "at",    "by",   "for",    "from",  "with", "into", "onto",
      "over", "under", "via",  "vs",   "as",     "per",   "than", "up",   "out",
      "off",  "about", "after", "before", "between", "against", "during", "without",
      "within", "upon", "amid", "is",  "are",    "de",    "la",   "von",  "van"};
  return std::find(kSmall.begin(), kSmall.end(), w) != kSmall.end();
}

bool IsRomanNumeral(std::string_view w) {
  if (w.empty() || w.size() > 4) return false;
  return w.find_first_not_of("ivxIVX") == std::string_view::npos;
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : text_(text) {}

  std::vector<Span> Run() {
    size_t pos = 0;
    while (pos < text_.size()) {
      size_t line_end = pos;
      size_t next = text_.size();
      while (line_end < text_.size() && next == text_.size()) {
        {
          const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
          const size_t n = text_.size();
          line_end = SkipUnmarked(p, line_end, n, kMaybeLineBreak, LineBreakLanes);
          if (line_end >= n) break;
        }
        char32_t c;
        const size_t len = Decode(line_end, &c);
        if (IsLineBreak(c)) {
          next = line_end + len;
          break;
        }
        line_end += len;
      }
      size_t cs = pos;
      while (cs < line_end && IsSpace(At(cs))) cs += Length(cs);
      if (cs == line_end) {  // blank line: paragraph break
        Close(last_end_);
        pos = next;
        continue;
      }
      size_t ce = line_end;
      while (true) {
        const size_t prev = PreviousCodePointStart(text_, ce);
        if (prev < cs || !IsSpace(At(prev))) break;
        ce = prev;
      }
      if (open_ == kNone) open_ = cs;
      ScanLine(cs, ce);
      last_end_ = ce;
      if (!JoinsNextLine(cs, ce, next)) Close(ce);
      pos = next;
    }
    Close(last_end_);
    return std::move(spans_);
  }

 private:
  size_t Decode(size_t i, char32_t* c) const {
    // ASCII, most of any text, needs no decoding.
    const auto b = static_cast<unsigned char>(text_[i]);
    if (b < 0x80) {
      *c = b;
      return 1;
    }
    return DecodeCodePoint(text_, i, c);
  }
  char32_t At(size_t i) const {
    char32_t c;
    Decode(i, &c);
    return c;
  }
  size_t Length(size_t i) const {
    char32_t c;
    return Decode(i, &c);
  }

  void Close(size_t end) {
    if (open_ != kNone && end > open_) spans_.push_back({open_, end});
    open_ = kNone;
  }

  // Finds sentence boundaries inside the trimmed line [cs, ce).
  void ScanLine(size_t cs, size_t ce) {
    size_t i = cs;
    while (i < ce) {
      // Terminators are '.', '!', '?' or non-ASCII (lead bytes E2, E3, EF):
      // skip every other byte unread.
      {
        // Skip to the next byte that may start a terminator, with local
        // copies so the loop stays in registers.
        const auto* p = reinterpret_cast<const unsigned char*>(text_.data());
        i = SkipUnmarked(p, i, ce, kMaybeTerminator, TerminatorLanes);
        if (i >= ce) break;
      }
      char32_t c;
      const size_t len = Decode(i, &c);
      if (!IsTerminator(c)) {
        i += len;
        continue;
      }
      // The terminator cluster, e.g. "." "?!" "..." "…".
      size_t j = i;
      int periods = 0;
      bool other = false;
      while (j < ce) {
        const size_t l = Decode(j, &c);
        if (!IsTerminator(c)) break;
        if (c == U'.') {
          ++periods;
        } else {
          other = true;
        }
        j += l;
      }
      size_t k = j;  // past closing quotes and brackets
      while (k < ce && IsCloser(At(k))) k += Length(k);
      if (k >= ce) return;  // the line end decides
      if (!IsSpace(At(k))) {
        i = k;
        continue;
      }
      size_t r = k;  // start of the next sentence, if any
      while (r < ce && IsSpace(At(r))) r += Length(r);
      size_t s = r;
      bool opener = false;
      while (s < ce && IsOpener(At(s))) {
        s += Length(s);
        opener = true;
      }
      // A sentence may open with a dash and a space ("It ended. — Then ...").
      if (!opener && s < ce && IsSentenceDash(At(s))) {
        size_t t = s + Length(s);
        if (t < ce && IsSpace(At(t))) {
          while (t < ce && IsSpace(At(t))) t += Length(t);
          s = t;
        }
      }
      if (s >= ce) {
        i = r;
        continue;
      }
      const char32_t next = At(s);
      const bool starts = IsDigit(next) || IsCapital(next) || (opener && !IsLower(next));
      if (!starts || (periods == 1 && !other && IsAbbreviation(cs, i, next))) {
        i = r;
        continue;
      }
      spans_.push_back({open_, k});
      open_ = r;
      i = r;
    }
  }

  // Start of the word that ends at `end` (a period), or kNone if it is longer
  // than kMaxWordBytes. The word starts after whitespace or at the line start.
  size_t WordStart(size_t line_start, size_t end) const {
    size_t b = end;
    while (b > line_start) {
      const size_t prev = PreviousCodePointStart(text_, b);
      if (IsSpace(At(prev))) break;
      if (end - prev > kMaxWordBytes) return kNone;
      b = prev;
    }
    return b;
  }

  // Whether the single period at `period` follows an abbreviation, given the
  // first character `next` of what follows.
  bool IsAbbreviation(size_t line_start, size_t period, char32_t next) const {
    size_t b = WordStart(line_start, period);
    if (b == kNone) return false;
    const bool at_line_start = b == line_start;
    while (b < period && IsOpener(At(b))) b += Length(b);
    const std::string_view word = text_.substr(b, period - b);
    if (word.empty()) return false;

    switch (AbbreviationTable::Default().Lookup(word)) {
      case AbbreviationClass::kTitle:
      case AbbreviationClass::kNever:
        return true;
      case AbbreviationClass::kBeforeDigit:
        if (IsDigit(next)) return true;
        break;
      case AbbreviationClass::kNone:
        break;
    }
    if (IsInitials(word)) return true;
    if (at_line_start && IsListMarker(word)) return true;
    return false;
  }

  // "F", "D.C", "J.R.R": single capitals separated by periods.
  bool IsInitials(std::string_view word) const {
    size_t i = 0;
    while (true) {
      char32_t c;
      const size_t len = DecodeCodePoint(word, i, &c);
      if (!u_isupper(static_cast<UChar32>(c))) return false;
      i += len;
      if (i == word.size()) return true;
      if (word[i] != '.' || i + 1 == word.size()) return false;
      ++i;
    }
  }

  // "1", "12", "a", "iv": list enumerators at the start of a line.
  static bool IsListMarker(std::string_view word) {
    if (word.size() <= 3 && word.find_first_not_of("0123456789") == std::string_view::npos) {
      return true;
    }
    if (word.size() == 1 && word[0] >= 'a' && word[0] <= 'z') return true;
    return IsRomanNumeral(word);
  }

  // Whether the line break after the trimmed line [cs, ce) is a soft wrap;
  // `next` is where the following line starts.
  bool JoinsNextLine(size_t cs, size_t ce, size_t next) const {
    size_t p = next;
    while (p < text_.size()) {
      char32_t c;
      const size_t len = Decode(p, &c);
      if (IsLineBreak(c)) return false;  // blank line follows
      if (!IsSpace(c)) break;
      p += len;
    }
    if (p >= text_.size()) return false;

    size_t e = ce;  // before trailing closing quotes and brackets
    while (e > cs) {
      const size_t prev = PreviousCodePointStart(text_, e);
      if (!IsCloser(At(prev))) break;
      e = prev;
    }
    if (e == cs) return false;
    const size_t last_start = PreviousCodePointStart(text_, e);
    const char32_t last = At(last_start);
    if (IsTerminator(last)) {
      if (last != U'.' || e != ce) return false;
      if (last_start > cs && IsTerminator(At(PreviousCodePointStart(text_, last_start)))) {
        return false;
      }
      const size_t b = WordStart(cs, last_start);
      if (b == kNone) return false;
      return AbbreviationTable::Default().Lookup(text_.substr(b, last_start - b)) ==
             AbbreviationClass::kTitle;
    }
    if (e == ce && (last == U',' || last == U';')) return true;
    if (LooksLikeHeading(cs, ce)) return false;
    if (e == ce && IsDash(last)) return true;
    return IsLower(At(p));
  }

  // The ASCII letters at the start of [from, to).
  std::string_view AsciiLetters(size_t from, size_t to) const {
    size_t e = from;
    while (e < to && ((text_[e] >= 'a' && text_[e] <= 'z') || (text_[e] >= 'A' && text_[e] <= 'Z'))) {
      ++e;
    }
    return text_.substr(from, e - from);
  }

  // A heading: a line of at most kMaxHeadingWords words, the first capitalised
  // and at most one in five of the others lower case, not counting short
  // function words ("From Resentment to Confrontation").
  bool LooksLikeHeading(size_t cs, size_t ce) const {
    int words = 0, capitalised = 0, lower = 0;
    bool first_capitalised = false;
    size_t i = cs;
    while (i < ce) {
      while (i < ce && IsSpace(At(i))) i += Length(i);
      if (i >= ce) break;
      const size_t word_start = i;
      while (i < ce && !IsSpace(At(i))) i += Length(i);
      // The first letter or digit of the word, past any punctuation.
      size_t k = word_start;
      char32_t c = 0;
      bool found = false;
      while (k < i) {
        const size_t len = Decode(k, &c);
        if (u_isalnum(static_cast<UChar32>(c))) {
          found = true;
          break;
        }
        k += len;
      }
      if (!found) continue;  // "—", "&"
      if (++words > kMaxHeadingWords) return false;
      if (IsCapital(c) || IsDigit(c)) {
        ++capitalised;
        if (words == 1) first_capitalised = true;
      } else if (!IsSmallWord(AsciiLetters(k, i))) {
        ++lower;
      }
    }
    return first_capitalised && lower * 5 <= capitalised;
  }

  std::string_view text_;
  std::vector<Span> spans_;
  size_t open_ = kNone;      // start of the open sentence
  size_t last_end_ = 0;      // end of the last non-blank line's text
};

}  // namespace

std::vector<Span> SplitSentences(std::string_view text) { return Splitter(text).Run(); }

}  // namespace chronicle::text
