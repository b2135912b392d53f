// `chronicle extract` and `chronicle build --from-extract`: the per-document
// analysis as a streaming filter (articles in, one JSON line per document
// out, see events/jsonl.h), and reading those lines back for the merge.
//
//   chronicle::cli::ExtractOptions options;          // threads, window, dct, reading
//   auto r = chronicle::cli::Extract({"-"}, options, stdout, &std::cerr, &progress);
//
//   std::vector<chronicle::events::DocumentAnalysis> analyses;
//   auto batch = chronicle::cli::ReadExtract({"part-00000", "part-00001"}, 2, &analyses, &std::cerr);
#pragma once

#include <cstdint>
#include <cstdio>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/progress.h"
#include "events/analysis.h"
#include "ingest/reader.h"
#include "time/timex.h"

namespace chronicle::cli {

struct ExtractOptions {
  ingest::ReadOptions read;
  std::optional<time::CalendarDate> dct;  // for every document (else Published, else inferred)
  unsigned threads = 1;
  // Documents read but not yet written out, at most: what bounds memory
  // (0: 16 per thread).
  size_t window = 0;
};

struct ExtractResult {
  uint64_t documents = 0;  // lines written
  uint64_t errors = 0;     // broken inputs (reported on the diagnostics stream)
  bool write_failed = false;
};

// Reads `inputs` as `chronicle build` does (ingest::ForEachDocument, so a
// JSONL or WARC file of any size streams), analyses the documents on
// `options.threads` threads and writes one line per document to `out`, in
// input order, with ids d1, d2, ... Holds at most `window` documents and
// their output at a time, so memory does not grow with the input. Broken
// inputs are reported on `diagnostics`, one line each, and skipped; an empty
// stdin is no error (an empty Spark partition).
ExtractResult Extract(const std::vector<std::string>& inputs, const ExtractOptions& options, std::FILE* out,
                      std::ostream* diagnostics, Progress* progress);

// Reads extract lines from `inputs` (files, gzip-compressed or not, or "-"
// for stdin; blank lines are skipped), parsing on `threads` threads, and
// appends the analyses to *out in the order read. Documents are renumbered
// d1, d2, ... in that order (the ids in the lines, which restart at d1 in
// every extract shard, are not kept). A line that cannot be parsed is
// reported on `diagnostics` as "error: FILE:LINE: reason" and returned in
// the batch's errors; the batch has no documents.
ingest::ReadBatch ReadExtract(const std::vector<std::string>& inputs, unsigned threads,
                              std::vector<events::DocumentAnalysis>* out, std::ostream* diagnostics);

}  // namespace chronicle::cli
