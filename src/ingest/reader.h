// Reading input documents: plain text, HTML pages, RSS/Atom feeds, JSON
// Lines, WARC crawls (any of them gzip-compressed), from files, directories
// or stdin. The format is recognised from the content (see README.md).
//
//   chronicle::ingest::ReadOptions options;
//   options.repair = true;  // replace invalid UTF-8 by U+FFFD instead of failing
//   auto batch = chronicle::ingest::ReadInputs({"articles/", "feed.xml", "crawl.warc.gz", "-"}, options);
//   for (const auto& e : batch.errors) std::cerr << e.path << ": " << e.reason << "\n";
//   for (const auto& w : batch.warnings) std::cerr << "warning: " << w << "\n";
//   for (const auto& doc : batch.documents) Process(doc);
//
// or, for inputs too large to hold (a WARC or JSONL file of millions of
// records), one document at a time:
//
//   chronicle::ingest::ForEachDocument(paths, options,
//       [](chronicle::ingest::Document&& doc) { Process(doc); },
//       [](chronicle::ingest::ReadError&& e) { Report(e); });
//
// Every document that comes out has a non-empty body of valid UTF-8. For
// plain-text files the body is kept byte for byte as read (CRLF stays CRLF,
// no NFC), so offsets computed on the body are offsets into the file at
// doc.body_offset + offset. For the other formats the body is derived text
// (extracted from HTML, decoded from JSON) and body_offset is 0.
//
// Document::path names where a document came from:
//   notes.txt, page.html      the file
//   feed.xml#item3            the third <item> of an RSS feed (#entry3: Atom)
//   dump.jsonl:17             line 17 of a JSONL file
//   crawl.warc.gz#record42    the 42nd record of a WARC file (every record counts)
//   -                         stdin (and "-#item3", "-:17", ...)
// Errors use the same names (ReadError::path); WARC errors add the record's
// byte offset in the uncompressed stream to the reason. Expected failures
// are reported, never thrown.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/document.h"

namespace chronicle::ingest {

struct ReadError {
  std::string path;
  std::string reason;  // one line, e.g. "invalid UTF-8 at byte 1234 (invalid
                       // continuation byte)", "empty file", "binary file (NUL
                       // byte at 17)", "cannot open: No such file or directory"
};

// The JSONL field names (a dotted name such as "meta.title" reaches into a
// nested object when no field has the literal name). `text` wins over
// `html`, which is extracted like an HTML page.
struct JsonlFields {
  std::string text = "text";
  std::string html = "html";
  std::string title = "title";
  std::string url = "url";
  std::string source = "source";
  std::string published = "published";
};

struct ReadOptions {
  bool repair = false;  // repair invalid UTF-8 (with a warning) instead of failing
  JsonlFields jsonl;
  // One plain-text file, JSONL line or WARC record larger than this is
  // skipped with an error (it is never held in memory whole).
  size_t max_record_bytes = size_t{64} << 20;
  // One HTML page or feed larger than this is refused: the parsers build a
  // tree several times the size of the input.
  size_t max_markup_bytes = size_t{16} << 20;
  size_t max_html_depth = 1000;  // HTML nested deeper is refused
  // Directories Chronicle writes its reports into (build -o, add's report
  // directory): a directory walk does not read the reports it finds there
  // (timeline.json, timeline.html) as inputs, so a re-run with the output
  // inside the corpus reads the same articles as the first run.
  std::vector<std::string> output_dirs;
};

struct ReadBatch {
  std::vector<Document> documents;
  std::vector<ReadError> errors;
  std::vector<std::string> warnings;  // "path: message"
};

// Where the streaming reader delivers what it reads, in input order.
struct DocumentSink {
  std::function<void(Document&&)> on_document;
  std::function<void(ReadError&&)> on_error;
  std::function<void(std::string&&)> on_warning;  // "path: message"; may be empty
};

// Reads each of `paths` in order: "-" is stdin; a directory is walked
// recursively for regular files with the extensions of kInputExtensions
// (any case), read in byte order of their paths; anything else is read as a
// file whatever its extension. Each file's format is sniffed from its first
// bytes (gzip is decompressed first). Holds at most one record of one file
// (or one whole text/HTML/feed file) at a time.
void ForEachDocument(const std::vector<std::string>& paths, const ReadOptions& options,
                     const std::function<void(Document&&)>& on_document,
                     const std::function<void(ReadError&&)>& on_error,
                     const std::function<void(std::string&&)>& on_warning = {});

// Collects ForEachDocument's output.
ReadBatch ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options);

// Reads one input that is already in memory, sniffing its format as a file
// named `name` (tests and fuzzing).
void ReadBuffer(const std::string& name, std::string_view bytes, const ReadOptions& options,
                const DocumentSink& sink);

// The extensions a directory walk picks up.
inline constexpr const char* kInputExtensions[] = {".txt",   ".text", ".htm", ".html", ".xhtml",
                                                   ".xml",   ".rss",  ".atom", ".jsonl", ".ndjson",
                                                   ".json",  ".warc", ".gz"};

// Turns the bytes of one file into `out`: checks (empty, binary, UTF-8),
// optional repair, header parsing. On success fills out and returns nullopt;
// warnings get "path: ..." lines. With repair, offsets (error offsets,
// body_offset) refer to the repaired bytes, which differ from the file only
// where U+FFFD was substituted.
std::optional<ReadError> LoadDocument(std::string path, std::string bytes,
                                      const ReadOptions& options, Document& out,
                                      std::vector<std::string>& warnings);

}  // namespace chronicle::ingest
