// Escaping of article text for the report formats. Article text is hostile:
// titles, sentences and quotes come from arbitrary web pages, so every byte of
// it is escaped for the context it lands in before it reaches an output.
//
//   std::string cell = chronicle::report::EscapeMarkdown("a | b <script>");  // "a \| b \<script\>"
//   std::string html = chronicle::report::EscapeHtml("\"><img src=x>");     // "&quot;&gt;&lt;img src=x&gt;"
//
// Both functions first make the text valid UTF-8 (ill-formed sequences become
// U+FFFD) and replace control characters, so their output is always safe to
// write into a UTF-8 file.
#pragma once

#include <string>
#include <string_view>

namespace chronicle::report {

// Escapes & < > " ' as character references. Safe in element content and in
// quoted attribute values alike. Control characters other than tab and line
// breaks become U+FFFD.
std::string EscapeHtml(std::string_view text);

// Escapes text for inline use in CommonMark / GitHub Markdown, including
// table cells. Backslash-escapes the characters that start markup: ` * [ ]
// < > | ~ \, an _ unless it stands inside a word ("01_airliner" cannot
// emphasise), the & of a character reference such as "&lt;", and a leading
// # + - = or "1." that would start a block. Folds line breaks and runs of
// white space into one space so the text stays on its line.
std::string EscapeMarkdown(std::string_view text);

// True when `url` is an absolute http:// or https:// URL (case-insensitive
// scheme), the only ones the HTML report turns into links.
bool IsWebUrl(std::string_view url);

// Valid UTF-8 copy of `text` with control characters (other than tab, LF and
// CR) replaced by U+FFFD.
std::string CleanText(std::string_view text);

}  // namespace chronicle::report
