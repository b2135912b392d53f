// Charset detection (a small prescan in the spirit of the HTML standard's
// "prescan a byte stream") and conversion with ICU's ucnv.
#include "ingest/charset.h"

#include <unicode/ucnv.h>
#include <unicode/ucnv_cb.h>
#include <unicode/ustring.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <vector>

#include "text/utf8.h"

namespace chronicle::ingest {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

// The value after "charset=" in a lower-cased string, unquoted.
std::string CharsetParameter(std::string_view low) {
  const size_t at = low.find("charset");
  if (at == std::string_view::npos) return "";
  size_t i = at + 7;
  while (i < low.size() && low[i] == ' ') ++i;
  if (i >= low.size() || low[i] != '=') return "";
  ++i;
  while (i < low.size() && low[i] == ' ') ++i;
  if (i < low.size() && (low[i] == '"' || low[i] == '\'')) ++i;
  const size_t start = i;
  while (i < low.size() && low[i] != ';' && low[i] != '"' && low[i] != '\'' && low[i] != ' ' && low[i] != ',') ++i;
  return std::string(low.substr(start, i - start));
}

struct Attribute {
  std::string name, value;
};

// Parses the attributes of a tag starting after "<meta" at low[*i]; stops
// after '>'. Names and values come from the lower-cased text.
std::vector<Attribute> ReadAttributes(std::string_view low, size_t* i) {
  std::vector<Attribute> attrs;
  size_t k = *i;
  while (k < low.size() && low[k] != '>') {
    while (k < low.size() && (std::isspace(static_cast<unsigned char>(low[k])) || low[k] == '/')) ++k;
    const size_t name_start = k;
    while (k < low.size() && low[k] != '=' && low[k] != '>' && low[k] != '/' &&
           !std::isspace(static_cast<unsigned char>(low[k]))) {
      ++k;
    }
    Attribute a{std::string(low.substr(name_start, k - name_start)), ""};
    while (k < low.size() && std::isspace(static_cast<unsigned char>(low[k]))) ++k;
    if (k < low.size() && low[k] == '=') {
      ++k;
      while (k < low.size() && std::isspace(static_cast<unsigned char>(low[k]))) ++k;
      if (k < low.size() && (low[k] == '"' || low[k] == '\'')) {
        const char q = low[k++];
        const size_t end = low.find(q, k);
        const size_t stop = end == std::string_view::npos ? low.size() : end;
        a.value = std::string(low.substr(k, stop - k));
        k = stop == low.size() ? stop : stop + 1;
      } else {
        const size_t start = k;
        while (k < low.size() && low[k] != '>' && !std::isspace(static_cast<unsigned char>(low[k]))) ++k;
        a.value = std::string(low.substr(start, k - start));
      }
    }
    if (a.name.empty() && k < low.size() && low[k] != '>') ++k;  // stray character
    if (!a.name.empty()) attrs.push_back(std::move(a));
  }
  *i = k;
  return attrs;
}

struct Substitutions {
  const char* start = nullptr;
  size_t count = 0;
  size_t first_offset = 0;
};

// ICU to-Unicode callback: writes U+FFFD for each invalid or unmappable
// sequence and counts them (the offset of the first is kept).
void SubstituteAndCount(const void* context, UConverterToUnicodeArgs* args, const char* code_units, int32_t length,
                        UConverterCallbackReason reason, UErrorCode* err) {
  if (reason > UCNV_IRREGULAR) return;  // reset, close, clone: nothing to do
  auto* subs = static_cast<Substitutions*>(const_cast<void*>(context));
  // args->source points just past the offending bytes in the caller's input.
  const char* at = args->source - length;
  if (subs->count++ == 0 && at >= subs->start) subs->first_offset = static_cast<size_t>(at - subs->start);
  (void)code_units;
  *err = U_ZERO_ERROR;
  static const UChar kReplacement = 0xFFFD;
  ucnv_cbToUWriteUChars(args, &kReplacement, 1, 0, err);
}

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

}  // namespace

std::string CharsetFromContentType(std::string_view content_type) { return CharsetParameter(Lower(content_type)); }

bool IsUtf8Charset(std::string_view charset) {
  return charset.empty() || charset == "utf-8" || charset == "utf8" || charset == "unicode-1-1-utf-8";
}

std::string DetectHtmlCharset(std::string_view bytes, std::string_view transport) {
  if (bytes.starts_with("\xEF\xBB\xBF")) return "utf-8";
  if (bytes.starts_with("\xFF\xFE")) return "utf-16le";
  if (bytes.starts_with("\xFE\xFF")) return "utf-16be";
  const std::string declared = Lower(Trim(transport));
  if (!declared.empty()) return declared;
  const std::string low = Lower(bytes.substr(0, 4096));
  size_t i = 0;
  while ((i = low.find("<meta", i)) != std::string::npos) {
    i += 5;
    if (i < low.size() && !std::isspace(static_cast<unsigned char>(low[i])) && low[i] != '/') continue;
    bool http_equiv = false;
    std::string content, charset;
    for (const auto& a : ReadAttributes(low, &i)) {
      if (a.name == "charset" && charset.empty()) charset = std::string(Trim(a.value));
      if (a.name == "http-equiv" && Trim(a.value) == "content-type") http_equiv = true;
      if (a.name == "content") content = a.value;
    }
    if (!charset.empty()) return charset;
    if (http_equiv) {
      std::string from_content = CharsetParameter(content);
      if (!from_content.empty()) return from_content;
    }
  }
  return "";
}

std::optional<std::string> ToUtf8(std::string_view bytes, std::string_view charset_name, bool repair, bool html,
                                  std::string* out, size_t* replaced) {
  std::string charset = Lower(Trim(charset_name));
  if (replaced != nullptr) *replaced = 0;
  if (IsUtf8Charset(charset)) {
    if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
    if (auto bad = text::ValidateUtf8(bytes)) {
      if (!repair) return "invalid UTF-8 at byte " + std::to_string(bad->offset) + " (" + bad->reason + ")";
      *out = text::RepairUtf8(bytes, replaced);
      return std::nullopt;
    }
    out->assign(bytes);
    return std::nullopt;
  }
  if (html && (charset == "iso-8859-1" || charset == "latin1" || charset == "us-ascii" || charset == "ascii" ||
               charset == "iso8859-1" || charset == "l1")) {
    charset = "windows-1252";
  }
  if ((charset == "utf-16le" && bytes.starts_with("\xFF\xFE")) ||
      (charset == "utf-16be" && bytes.starts_with("\xFE\xFF"))) {
    bytes.remove_prefix(2);
  }
  if (bytes.size() > static_cast<size_t>(INT32_MAX / 2)) return "document too large to convert";
  // The name as it may appear in a message: printable ASCII, at most 40 bytes.
  std::string shown = charset.substr(0, 40);
  for (char& c : shown) {
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7F) c = '?';
  }
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset.c_str(), &status));
  if (U_FAILURE(status) || conv == nullptr || charset.size() > 40) return "unknown charset '" + shown + "'";
  Substitutions subs;
  subs.start = bytes.data();
  ucnv_setToUCallBack(conv.get(), SubstituteAndCount, &subs, nullptr, nullptr, &status);
  const auto length = static_cast<int32_t>(bytes.size());
  // UTF-16 output is at most two units per input byte.
  std::u16string utf16(bytes.size() * 2 + 1, u'\0');
  status = U_ZERO_ERROR;
  const int32_t units = ucnv_toUChars(conv.get(), reinterpret_cast<UChar*>(utf16.data()),
                                      static_cast<int32_t>(utf16.size()), bytes.data(), length, &status);
  if (U_FAILURE(status)) return "cannot convert from " + shown + " (" + u_errorName(status) + ")";
  if (subs.count > 0 && !repair) return "byte " + std::to_string(subs.first_offset) + " is not valid " + shown;
  if (replaced != nullptr) *replaced = subs.count;
  int32_t start = units > 0 && utf16[0] == u'\uFEFF' ? 1 : 0;
  int32_t needed = 0;
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(nullptr, 0, &needed, reinterpret_cast<const UChar*>(utf16.data()) + start, units - start,
                     0xFFFD, nullptr, &status);
  out->assign(static_cast<size_t>(needed), '\0');
  status = U_ZERO_ERROR;
  u_strToUTF8WithSub(out->data(), needed, &needed, reinterpret_cast<const UChar*>(utf16.data()) + start,
                     units - start, 0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) return "cannot convert from " + shown + " (" + u_errorName(status) + ")";
  return std::nullopt;
}

}  // namespace chronicle::ingest
