// Publication dates and URLs in the metadata of HTML pages, feeds, JSONL and
// WARC records.
//
//   NormaliseDate("Mon, 30 Jun 2025 14:05:00 +0200")  -> "2025-06-30T14:05:00+02:00"
//   NormaliseDate("2025-06-30 14:05")                  -> "2025-06-30T14:05"
//   NormaliseDate("2025/06/30")                        -> "2025-06-30"
//   DateFromUrlPath("https://example.org/2025/06/30/raid") -> "2025-06-30"
//   HostOfUrl("https://www.Example.org:8080/a")        -> "example.org"
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace chronicle::ingest {

// An ISO 8601 form of a date or date-time written as ISO 8601 (date first,
// 'T' or a space before the time, any zone kept) or as RFC 822 / RFC 1123
// (the RSS pubDate form; named zones become offsets, GMT/UT/UTC become "Z",
// two-digit years 00-49 are 20xx). The local date and time are kept as
// written, so the date part is the date the publisher gave. nullopt when the
// text is neither, or names an impossible day.
std::optional<std::string> NormaliseDate(std::string_view text);

// YYYY-MM-DD from a /YYYY/MM/DD/ or /YYYY-MM-DD path segment of a URL.
std::optional<std::string> DateFromUrlPath(std::string_view url);

// The lower-cased host of an absolute http(s) URL, without "www." or a port.
std::optional<std::string> HostOfUrl(std::string_view url);

}  // namespace chronicle::ingest
