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

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

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

}  // namespace

std::string CleanText(std::string_view text) {
  std::string repaired;
  if (text::ValidateUtf8(text)) {
    repaired = text::RepairUtf8(text, nullptr);
    text = repaired;
  }
  std::string out;
  out.reserve(text.size());
  // Runs of ordinary bytes are copied at once.
  size_t run = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    const bool control = (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
    // U+0080..U+009F, the C1 controls (the text is valid UTF-8, so the next
    // byte is a continuation byte 0x80..0xBF).
    const bool c1 = c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) < 0xA0;
    if (!control && !c1) continue;
    out.append(text.data() + run, i - run);
    out.append(kReplacement);
    if (c1) ++i;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
  return out;
}

std::string EscapeHtml(std::string_view text) {
  const std::string clean = CleanText(text);
  std::string out;
  out.reserve(clean.size() + clean.size() / 8);
  size_t run = 0;
  for (size_t i = 0; i < clean.size(); ++i) {
    std::string_view entity;
    switch (clean[i]) {
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
      default:
        continue;
    }
    out.append(clean, run, i - run);
    out.append(entity);
    run = i + 1;
  }
  out.append(clean, run, clean.size() - run);
  return out;
}

std::string EscapeMarkdown(std::string_view text) {
  const std::string clean = CleanText(text);
  // Fold white space first, so "leading" below means the first visible byte.
  std::string folded;
  folded.reserve(clean.size());
  for (const char c : clean) {
    if (IsAsciiSpace(c)) {
      if (!folded.empty() && folded.back() != ' ') folded.push_back(' ');
    } else {
      folded.push_back(c);
    }
  }
  while (!folded.empty() && folded.back() == ' ') folded.pop_back();

  std::string out;
  out.reserve(folded.size() + folded.size() / 8 + 2);
  // A block marker at the start of the text: heading, list item, setext
  // underline, ordered list item ("1." or "1)").
  size_t digits = 0;
  while (digits < folded.size() && folded[digits] >= '0' && folded[digits] <= '9') ++digits;
  const bool ordered_marker = digits > 0 && digits < folded.size() && (folded[digits] == '.' || folded[digits] == ')');
  if (!folded.empty() && (folded[0] == '#' || folded[0] == '+' || folded[0] == '-' || folded[0] == '=')) {
    out.push_back('\\');
  }
  for (size_t i = 0; i < folded.size(); ++i) {
    const char c = folded[i];
    switch (c) {
      case '_':
        // Inside a word ("01_airliner") an underscore cannot open or close
        // emphasis; leave it readable.
        if (i == 0 || i + 1 >= folded.size() || !IsAsciiAlnum(folded[i - 1]) || !IsAsciiAlnum(folded[i + 1])) {
          out.push_back('\\');
        }
        break;
      case '\\':
      case '`':
      case '*':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
        out.push_back('\\');
        break;
      case '&':
        // Only where it starts a character reference ("&lt;", "&#60;"), so
        // "AT&T" stays readable.
        if (StartsReference(folded, i)) out.push_back('\\');
        break;
      default:
        if (ordered_marker && i == digits) out.push_back('\\');
    }
    out.push_back(c);
  }
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
