// Character sets of HTML pages and feeds: what a document declares, and the
// conversion of other charsets to UTF-8 with ICU.
//
//   std::string charset = DetectHtmlCharset(bytes, CharsetFromContentType(http_content_type));
//   std::string utf8;
//   if (auto err = ToUtf8(bytes, charset, /*repair=*/false, &utf8, nullptr)) Fail(*err);
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chronicle::ingest {

// The charset parameter of a Content-Type value ("text/html; charset=KOI8-R"
// -> "koi8-r"), lower-cased and unquoted; empty if there is none.
std::string CharsetFromContentType(std::string_view content_type);

// The charset of an HTML document, lower-cased: a byte order mark wins
// ("utf-8", "utf-16le", "utf-16be"), then `transport` (e.g. from the HTTP
// Content-Type header), then <meta charset> or <meta http-equiv=Content-Type
// content="...; charset=..."> in the first 4096 bytes. Empty if none is
// declared (the caller treats the bytes as UTF-8).
std::string DetectHtmlCharset(std::string_view bytes, std::string_view transport);

// True for the names of UTF-8 ("utf-8", "utf8", "unicode-1-1-utf-8") and for
// the empty name.
bool IsUtf8Charset(std::string_view charset);

// Converts `bytes` from `charset` to UTF-8 into *out, dropping a byte order
// mark. For UTF-8 the bytes are validated (not converted). Bytes that are not
// valid in the charset are an error naming the byte offset, or with `repair`
// become U+FFFD (counted in *replaced if given). Names HTML treats as
// windows-1252 (iso-8859-1, us-ascii, latin1) are read as windows-1252 when
// `html` is set. Returns nullopt on success, else a one-line reason such as
// "unknown charset 'x-foo'".
std::optional<std::string> ToUtf8(std::string_view bytes, std::string_view charset, bool repair, bool html,
                                  std::string* out, size_t* replaced);

}  // namespace chronicle::ingest
