// Format sniffing from the first bytes of a file.
#include <cctype>

#include "ingest/formats.h"

namespace chronicle::ingest {
namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(s[i])) != prefix[i]) return false;
  }
  return true;
}

std::string_view SkipSpace(std::string_view s) {
  while (!s.empty() && (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n' || s[0] == '\f')) {
    s.remove_prefix(1);
  }
  return s;
}

// After '<': the markup kind by the first element's name, skipping the XML
// declaration, processing instructions, comments and a DOCTYPE.
Format SniffMarkup(std::string_view s, std::string_view extension) {
  bool xml = false;
  while (!s.empty() && s[0] == '<') {
    if (s.starts_with("<?")) {
      xml = xml || s.starts_with("<?xml");
      const size_t e = s.find("?>");
      if (e == std::string_view::npos) break;
      s = SkipSpace(s.substr(e + 2));
    } else if (s.starts_with("<!--")) {
      const size_t e = s.find("-->");
      if (e == std::string_view::npos) break;
      s = SkipSpace(s.substr(e + 3));
    } else if (s.starts_with("<!")) {
      if (StartsWithNoCase(s, "<!doctype html")) return Format::kHtml;
      if (StartsWithNoCase(s, "<!doctype rss")) return Format::kFeed;
      // Another DOCTYPE: skip it, with any internal subset.
      const size_t bracket = s.find_first_of("[>");
      if (bracket == std::string_view::npos) break;
      size_t e = bracket;
      if (s[bracket] == '[') e = s.find("]", bracket);
      if (e == std::string_view::npos) break;
      e = s.find('>', e);
      if (e == std::string_view::npos) break;
      s = SkipSpace(s.substr(e + 1));
    } else {
      if (StartsWithNoCase(s, "<rss") || StartsWithNoCase(s, "<feed") || StartsWithNoCase(s, "<rdf:rdf")) {
        return Format::kFeed;
      }
      if (StartsWithNoCase(s, "<html") || StartsWithNoCase(s, "<head") || StartsWithNoCase(s, "<body")) {
        return Format::kHtml;
      }
      break;
    }
  }
  if (xml) return Format::kFeed;  // any other XML: the feed reader names its root
  if (extension == ".html" || extension == ".htm" || extension == ".xhtml" || extension == ".shtml") {
    return Format::kHtml;
  }
  if (extension == ".xml" || extension == ".rss" || extension == ".atom") return Format::kFeed;
  return Format::kText;
}

}  // namespace

const char* ToString(Format format) {
  switch (format) {
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "HTML";
    case Format::kFeed:
      return "feed";
    case Format::kJsonl:
      return "JSONL";
    case Format::kWarc:
      return "WARC";
    case Format::kGzip:
      return "gzip";
  }
  return "?";
}

Format SniffFormat(std::string_view head, std::string_view extension) {
  if (head.starts_with("\x1f\x8b")) return Format::kGzip;
  // UTF-16 with a byte order mark: sniff the ASCII projection (markup only).
  if (head.starts_with("\xFF\xFE") || head.starts_with("\xFE\xFF")) {
    const size_t low = head[0] == '\xFF' ? 0 : 1;
    std::string ascii;
    for (size_t i = 2 + low; i < head.size(); i += 2) ascii += head[i];
    const Format f = SniffFormat(ascii, extension);
    return f == Format::kHtml || f == Format::kFeed ? f : Format::kText;
  }
  std::string_view s = head;
  if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);
  s = SkipSpace(s);
  if (s.starts_with("WARC/")) return Format::kWarc;
  if (s.starts_with("<")) return SniffMarkup(s, extension);
  if (s.starts_with("{")) return Format::kJsonl;
  return Format::kText;
}

}  // namespace chronicle::ingest
