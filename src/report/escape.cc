// Escaping for the HTML and Markdown reports. Both pass the text through
// CleanText first: it repairs UTF-8 (so a broken byte sequence cannot swallow
// the markup after it in a lenient reader) and replaces control characters,
// which have no business in a report and can confuse terminals.
#include "report/escape.h"

#include <cstdint>

#include "text/utf8.h"

namespace chronicle::report {

namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

bool IsAsciiAlnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// True when text[i] == '&' begins "&name;" or "&#digits;" (names and
// numbers of up to 32 characters, the longest HTML entity name).
bool StartsReference(std::string_view text, size_t i) {
  size_t j = i + 1;
  if (j < text.size() && text[j] == '#') ++j;
  const size_t first = j;
  while (j < text.size() && j - first < 32 && IsAsciiAlnum(text[j])) ++j;
  return j > first && j < text.size() && text[j] == ';';
}

// What a byte means to the escapers. Most bytes are none of these, so the
// loops below look each byte up once and copy runs of plain bytes with one
// append instead of testing every byte against every special character.
enum : uint8_t {
  kControl = 1,   // C0 control other than tab, LF, CR; DEL: becomes U+FFFD
  kC2 = 2,        // lead byte of U+0080..U+00FF; the C1 controls become U+FFFD
  kSpace = 4,     // folded by EscapeMarkdown (' ', tab, LF, CR; FF and VT are controls)
  kHtml = 8,      // & < > " '
  kMarkdown = 16  // ` * [ ] < > | ~ \ _ &
};
struct ByteClasses {
  uint8_t of[256] = {};
  constexpr ByteClasses() {
    for (int c = 0; c < 0x20; ++c) of[c] = kControl;
    of['\t'] = of['\n'] = of['\r'] = kSpace;
    of[' '] = kSpace;
    of[0x7F] = kControl;
    of[0xC2] = kC2;
    for (const char c : std::string_view("&<>\"'")) of[static_cast<unsigned char>(c)] |= kHtml;
    for (const char c : std::string_view("`*[]<>|~\\_&")) of[static_cast<unsigned char>(c)] |= kMarkdown;
  }
};
constexpr ByteClasses kClasses;

uint8_t ClassOf(std::string_view text, size_t i) { return kClasses.of[static_cast<unsigned char>(text[i])]; }

// A C1 control (U+0080..U+009F) starts at text[i], which holds 0xC2. In valid
// UTF-8 the next byte is a continuation byte 0x80..0xBF.
bool IsC1At(std::string_view text, size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

// `text` if it is valid UTF-8, else a repaired copy kept in *storage.
std::string_view Valid(std::string_view text, std::string* storage) {
  if (text::ValidateUtf8(text)) {
    *storage = text::RepairUtf8(text, nullptr);
    return *storage;
  }
  return text;
}

}  // namespace

std::string CleanText(std::string_view text) {
  std::string repaired;
  text = Valid(text, &repaired);
  std::string out;
  out.reserve(text.size());
  size_t run = 0;  // start of the plain bytes not yet copied
  for (size_t i = 0; i < text.size(); ++i) {
    const uint8_t cls = ClassOf(text, i) & (kControl | kC2);
    if (cls == 0 || (cls == kC2 && !IsC1At(text, i))) continue;
    out.append(text.data() + run, i - run);
    out.append(kReplacement);
    if (cls == kC2) ++i;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
  return out;
}

// One pass does CleanText's work and the escaping (U+FFFD holds none of the
// escaped characters, so the order of the two does not matter), without the
// intermediate string.
std::string EscapeHtml(std::string_view text) {
  std::string repaired;
  text = Valid(text, &repaired);
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const uint8_t cls = ClassOf(text, i) & (kControl | kC2 | kHtml);
    if (cls == 0 || (cls == kC2 && !IsC1At(text, i))) continue;
    out.append(text.data() + run, i - run);
    run = i + 1;
    std::string_view entity;
    switch (text[i]) {
      case '&':
        entity = "&amp;";
        break;
      case '<':
        entity = "&lt;";
        break;
      case '>':
        entity = "&gt;";
        break;
      case '"':
        entity = "&quot;";
        break;
      case '\'':
        entity = "&#39;";
        break;
      default:  // a control character
        entity = kReplacement;
        if (cls == kC2) run = ++i + 1;
    }
    out.append(entity);
  }
  out.append(text.data() + run, text.size() - run);
  return out;
}

// One pass over the text does CleanText's work, the folding of white space
// and the escaping, with no intermediate strings. The escaping rules look at
// the folded text (the first visible byte, an underscore's neighbours, what
// follows an '&'), but they only ever ask whether a byte is a letter, digit,
// '#', ';', '.' or ')', which folding and cleaning never produce nor remove,
// so asking the raw text gives the same answers:
//   - white space becomes one space between visible bytes and vanishes at
//     either end (a space is none of those bytes, and neither is the end);
//   - a control becomes U+FFFD (none of those bytes either).
std::string EscapeMarkdown(std::string_view text) {
  std::string repaired;
  text = Valid(text, &repaired);
  const size_t n = text.size();
  std::string out;
  out.reserve(n + n / 8 + 2);

  // Leading white space folds away; `first` is the first visible byte.
  size_t first = 0;
  while (first < n && (ClassOf(text, first) & kSpace) != 0) ++first;
  if (first == n) return out;
  // A block marker at the start of the text: heading, list item, setext
  // underline, ordered list item ("1." or "1)"). The digits of an ordered
  // marker are plain bytes: copy them here and escape what follows.
  size_t i = first;
  const char lead = text[first];
  if (lead == '#' || lead == '+' || lead == '-' || lead == '=') {
    out.push_back('\\');
  } else {
    size_t digits = first;
    while (digits < n && text[digits] >= '0' && text[digits] <= '9') ++digits;
    if (digits > first && digits < n && (text[digits] == '.' || text[digits] == ')')) {
      out.append(text.data() + first, digits - first);
      out.push_back('\\');
      i = digits;
    }
  }

  size_t run = i;         // start of the plain bytes not yet copied
  bool pending = false;   // white space seen since the last visible byte
  // Copies the plain bytes before `end`, after the one space standing for any
  // white space before them.
  auto flush = [&](size_t end) {
    if (pending && end > run) {
      out.push_back(' ');
      pending = false;
    }
    out.append(text.data() + run, end - run);
  };
  for (; i < n; ++i) {
    const uint8_t cls = ClassOf(text, i) & (kControl | kC2 | kSpace | kMarkdown);
    if (cls == 0 || (cls == kC2 && !IsC1At(text, i))) continue;
    if (cls & kSpace) {
      flush(i);
      pending = true;
      run = i + 1;
      continue;
    }
    const char c = text[i];
    bool escape = true;
    if (c == '_') {
      // Inside a word ("01_airliner") an underscore cannot open or close
      // emphasis; leave it readable.
      escape = !(i > first && i + 1 < n && IsAsciiAlnum(text[i - 1]) && IsAsciiAlnum(text[i + 1]));
    } else if (c == '&') {
      // Only where it starts a character reference ("&lt;", "&#60;"), so
      // "AT&T" stays readable.
      escape = StartsReference(text, i);
    }
    if (cls & (kControl | kC2)) {
      flush(i);
      if (pending) out.push_back(' ');
      pending = false;
      out.append(kReplacement);
      if (cls == kC2) ++i;
      run = i + 1;
    } else if (escape) {
      flush(i);
      if (pending) out.push_back(' ');
      pending = false;
      out.push_back('\\');
      run = i;  // the character itself goes out with the next run
    }
  }
  flush(n);  // trailing white space stays pending: it folds away
  return out;
}

bool IsWebUrl(std::string_view url) {
  auto starts_with_ci = [&](std::string_view prefix) {
    if (url.size() < prefix.size()) return false;
    for (size_t i = 0; i < prefix.size(); ++i) {
      char c = url[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != prefix[i]) return false;
    }
    return true;
  };
  const size_t scheme = starts_with_ci("https://") ? 8 : starts_with_ci("http://") ? 7 : 0;
  if (scheme == 0 || url.size() == scheme) return false;
  for (const char c : url) {
    const auto u = static_cast<uint8_t>(c);
    if (u <= 0x20 || u == 0x7F) return false;
  }
  return true;
}

}  // namespace chronicle::report
