// Article text and metadata from HTML pages (parsed with gumbo, the HTML5
// parser packaged by Debian as libgumbo-dev).
//
//   chronicle::ingest::HtmlPage page;
//   chronicle::ingest::HtmlOptions opts;
//   opts.url = "https://example.org/2025/06/30/raid";   // where the page came from, if known
//   if (auto err = chronicle::ingest::ReadHtml(bytes, /*transport_charset=*/"", opts, &page)) Fail(*err);
//   page.text   // "Heading\n\nFirst paragraph.\n\nSecond paragraph."
//
// Text: the article body without navigation, headers, footers, asides,
// scripts, styles, forms, iframes, and elements whose class or id names them
// as comments, ads, share bars, related links, newsletters or cookie notices.
// The body is the first [itemprop=articleBody], else the <article> with the
// most paragraph text, else the element whose <p> children hold the most text
// (else the whole <body>). Each paragraph, heading, list item, quote or table
// cell becomes one line; lines are separated by a blank line; whitespace runs
// become one space.
//
// Metadata, first found wins:
//   title      og:title, JSON-LD headline, <title>, first <h1>
//   source     og:site_name, JSON-LD publisher.name, host of the URL
//   url        <link rel=canonical>, og:url, HtmlOptions::url
//   published  article:published_time, itemprop=datePublished, JSON-LD
//              datePublished, other date metas (pubdate, dc.date, ...), the
//              first <time datetime> outside navigation/asides/footers, a
//              /YYYY/MM/DD/ date in the URL path; normalised by NormaliseDate.
//
// Limits: a page must not nest deeper than HtmlOptions::max_depth elements
// (checked by a linear pre-scan before parsing, because the HTML5 tree builder
// is quadratic in the depth); all tree walks use explicit stacks.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace chronicle::ingest {

struct HtmlOptions {
  std::string url;          // the page's address when the container knows it (WARC, feed, JSONL)
  bool fragment = false;    // HTML inside a feed item or a JSONL field: all of it is content
  bool repair = false;      // replace bytes invalid in the page's charset by U+FFFD
  size_t max_depth = 1000;  // deeper nesting is refused
};

struct HtmlPage {
  std::string text;  // valid UTF-8; may be blank when the page has no text
  std::optional<std::string> title, source, url, published;
  std::string charset;  // the charset the bytes were read in ("" = undeclared, read as UTF-8)
  size_t repaired = 0;  // invalid sequences replaced (with HtmlOptions::repair)
};

// Decodes `bytes` to UTF-8 (BOM, transport_charset, <meta> declarations;
// converted with ICU) and extracts the page. Returns nullopt on success or a
// one-line reason: invalid bytes for the charset, unknown charset, nesting
// too deep.
std::optional<std::string> ReadHtml(std::string_view bytes, std::string_view transport_charset,
                                    const HtmlOptions& options, HtmlPage* page);

// The extraction alone, on text that is already UTF-8.
std::optional<std::string> ExtractHtml(std::string_view utf8, const HtmlOptions& options, HtmlPage* page);

// The nesting pre-scan: an upper estimate of how deep the HTML5 tree builder
// will nest the elements of `html` (it follows the implied end tags of p, li,
// dd, dt, table rows and cells, raw-text elements, comments, and keeps
// formatting elements that the tree builder would reopen). Returns a reason
// ("HTML nested deeper than 1000 elements (at byte 5012)") or nullopt.
std::optional<std::string> CheckHtmlNesting(std::string_view html, size_t max_depth);

}  // namespace chronicle::ingest
