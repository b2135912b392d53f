// A document as Chronicle reads it: the body text plus whatever metadata its
// header (or, later, its container format) supplied.
#pragma once

#include <optional>
#include <string>

namespace chronicle::ingest {

struct Document {
  std::string path;       // file path as given, or "-" for stdin
  std::string body;       // body text as read (valid UTF-8; header removed)
  size_t body_offset = 0; // byte offset of the body within the file
  std::optional<std::string> title;
  std::optional<std::string> source;
  std::optional<std::string> url;
  std::optional<std::string> published;  // as written in the header
  std::optional<std::string> language;
};

}  // namespace chronicle::ingest
