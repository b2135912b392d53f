// Reading input documents: files, directories of *.txt files, or stdin.
//
//   chronicle::ingest::ReadOptions options;
//   options.repair = true;  // replace invalid UTF-8 by U+FFFD instead of failing
//   auto batch = chronicle::ingest::ReadInputs({"articles/", "extra.md", "-"}, options);
//   for (const auto& e : batch.errors) std::cerr << e.path << ": " << e.reason << "\n";
//   for (const auto& w : batch.warnings) std::cerr << "warning: " << w << "\n";
//   for (const auto& doc : batch.documents) Process(doc);
//
// Every document that comes out has a non-empty body of valid UTF-8, kept
// byte for byte as read (CRLF stays CRLF, no NFC), so offsets computed on the
// body are offsets into the file at doc.body_offset + offset. Expected
// failures are returned as ReadError values, never thrown.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ingest/document.h"

namespace chronicle::ingest {

struct ReadError {
  std::string path;
  std::string reason;  // one line, e.g. "invalid UTF-8 at byte 1234 (invalid
                       // continuation byte)", "empty file", "binary file (NUL
                       // byte at 17)", "cannot open: No such file or directory"
};

struct ReadOptions {
  bool repair = false;  // repair invalid UTF-8 (with a warning) instead of failing
};

struct ReadBatch {
  std::vector<Document> documents;
  std::vector<ReadError> errors;
  std::vector<std::string> warnings;  // "path: message"
};

// Reads each of `paths` in order: "-" is stdin; a directory is walked
// recursively for regular files named *.txt (any case), read in byte order of
// their paths; anything else is read as a file whatever its extension.
ReadBatch ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options);

// Turns the bytes of one file into `out`: checks (empty, binary, UTF-8),
// optional repair, header parsing. On success fills out and returns nullopt;
// warnings get "path: ..." lines. With repair, offsets (error offsets,
// body_offset) refer to the repaired bytes, which differ from the file only
// where U+FFFD was substituted.
std::optional<ReadError> LoadDocument(std::string path, std::string bytes,
                                      const ReadOptions& options, Document& out,
                                      std::vector<std::string>& warnings);

}  // namespace chronicle::ingest
