// Header block parsing.
//
// One forward pass over at most kMaxHeaderLines lines. Each line must be
// "Key: value", where the key is a letter followed by letters, digits, '-',
// '_' or spaces (at most 64 bytes) and the value is trimmed of spaces, tabs
// and a trailing \r. The first line that is exactly "---" ends the block and
// the body starts after its newline. Anything else (a line that is not
// "Key: value", "---" on the first line, no "---" in time, or the end of the
// file) means there is no header and the body is the whole file. Metadata is
// only committed once the block is known to be a header.
#include "ingest/header.h"

#include <optional>
#include <string>

namespace chronicle::ingest {
namespace {

constexpr size_t kMaxKeyBytes = 64;

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string_view TrimBlanks(std::string_view s) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && blank(s.back())) s.remove_suffix(1);
  return s;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

struct Field {
  std::string_view key;
  std::string_view value;
};

std::optional<Field> ParseField(std::string_view line) {
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > kMaxKeyBytes) return std::nullopt;
  // The key starts the line (no indentation); blanks before the colon go.
  const std::string_view key = TrimBlanks(line.substr(0, colon));
  if (!IsAsciiLetter(line.front())) return std::nullopt;
  for (char c : key) {
    if (!IsAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '-' && c != '_' && c != ' ') {
      return std::nullopt;
    }
  }
  return Field{key, TrimBlanks(line.substr(colon + 1))};
}

}  // namespace

namespace {

// The metadata and body_offset of ParseHeader; the body is left to the caller.
void ParseHeaderFields(std::string_view file_bytes, Document& doc) {
  size_t start = 0;
  if (file_bytes.substr(0, 3) == "\xEF\xBB\xBF") start = 3;

  Document meta;  // metadata collected so far, committed at "---"
  size_t pos = start;
  std::optional<size_t> body_start;
  for (size_t line_no = 0; line_no < kMaxHeaderLines && pos < file_bytes.size(); ++line_no) {
    const size_t nl = file_bytes.find('\n', pos);
    const size_t line_end = nl == std::string_view::npos ? file_bytes.size() : nl;
    std::string_view line = file_bytes.substr(pos, line_end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "---") {
      if (line_no > 0) body_start = nl == std::string_view::npos ? file_bytes.size() : nl + 1;
      break;
    }
    const auto field = ParseField(line);
    if (!field) break;
    const std::string key = Lower(field->key);
    std::optional<std::string>* slot = nullptr;
    if (key == "title") slot = &meta.title;
    else if (key == "source") slot = &meta.source;
    else if (key == "url") slot = &meta.url;
    else if (key == "published") slot = &meta.published;
    else if (key == "language") slot = &meta.language;
    if (slot != nullptr && !slot->has_value() && !field->value.empty()) {
      *slot = std::string(field->value);
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }

  if (!body_start) meta = Document{};  // not a header after all
  doc.title = std::move(meta.title);
  doc.source = std::move(meta.source);
  doc.url = std::move(meta.url);
  doc.published = std::move(meta.published);
  doc.language = std::move(meta.language);
  doc.body_offset = body_start.value_or(start);
}

}  // namespace

void ParseHeader(std::string_view file_bytes, Document& doc) {
  ParseHeaderFields(file_bytes, doc);
  doc.body = std::string(file_bytes.substr(doc.body_offset));
}

void ParseHeaderAndTake(std::string&& file_bytes, Document& doc) {
  ParseHeaderFields(file_bytes, doc);
  doc.body = std::move(file_bytes);
  doc.body.erase(0, doc.body_offset);
}

}  // namespace chronicle::ingest
