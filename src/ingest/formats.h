// The readers of the container formats, used by reader.cc (and the fuzz
// targets). Each reports documents and errors to a DocumentSink as it goes
// and never throws; see reader.h for the path forms and README.md for the
// formats.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "ingest/html.h"
#include "ingest/reader.h"
#include "ingest/source.h"

namespace chronicle::ingest {

enum class Format { kText, kHtml, kFeed, kJsonl, kWarc, kGzip };

const char* ToString(Format format);

// The format of a file from its first bytes (up to 4 KiB); `extension` (lower
// case, with the dot, e.g. ".html") only decides between HTML, a feed and
// plain text when the content starts with '<' but names no root the sniffer
// knows.
Format SniffFormat(std::string_view head, std::string_view extension);

// RSS 2.0 (and 0.9x/1.0) and Atom, from a whole feed file. Documents are
// named "<name>#item<N>" (RSS) or "<name>#entry<N>" (Atom), N from 1.
void ReadFeed(std::string_view bytes, const std::string& name, const ReadOptions& options, const DocumentSink& sink);

// JSON Lines, one article per line, named "<name>:<line>" (from 1).
void ReadJsonl(StreamReader& in, const std::string& name, const ReadOptions& options, const DocumentSink& sink);

// WARC 1.0/1.1 records, named "<name>#record<N>" (N counts every record from
// 1, whatever its type).
void ReadWarc(StreamReader& in, const std::string& name, const ReadOptions& options, const DocumentSink& sink);

// Checks derived text (from JSON, a feed, a WARC payload): blank, NUL bytes,
// mostly control characters, UTF-8 (repaired with options.repair, counting
// into *repaired). Returns a reason or nullopt.
std::optional<std::string> CheckText(std::string* text, bool repair, size_t* repaired);

// An extracted page as the document `path`: its text is checked (a page
// without text is "no article text in the HTML"), a repair is reported as a
// warning. Returns a reason or nullopt (then *doc is filled).
std::optional<std::string> DocumentFromPage(std::string path, HtmlPage&& page, const ReadOptions& options,
                                            const DocumentSink& sink, Document* doc);

// The maximum nesting of brackets in JSON text (outside strings): checked
// before parsing so that no value is deep enough to make recursion hurt.
size_t JsonNestingDepth(std::string_view json);

// The HtmlOptions for a container's HTML: repair and depth from `options`.
HtmlOptions HtmlOptionsFor(const ReadOptions& options, std::string url, bool fragment);

// Replaces control characters (newlines included) by spaces, so that a
// reason quoting input stays on one line; at most max_bytes.
std::string OneLine(std::string_view s, size_t max_bytes = 80);

// "64 MiB", "1.5 KiB", "12 bytes".
std::string FormatBytes(uint64_t n);

}  // namespace chronicle::ingest
