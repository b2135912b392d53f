// The timex evaluation driver: runs the temporal tagger over a directory of
// TimeML gold documents and scores it TempEval-3 Task A style.
//
//   chronicle::eval::EvalOptions opts;
//   opts.gold_dir = "data/te3-platinum/gold";
//   opts.input_dir = "data/te3-platinum/input";   // optional
//   chronicle::eval::EvalReport report = chronicle::eval::RunTimexEval(opts);
//   std::cout << chronicle::eval::FormatReport(report);
//
// Problems with individual files are collected in the report (errors for
// files that cannot be read or parsed, warnings for input/gold mismatches)
// and the run goes on with the other documents.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/scorer.h"

namespace chronicle::eval {

struct EvalOptions {
  std::string gold_dir;   // walked recursively for *.tml
  // Optional: raw system input files (e.g. *.TE3input), walked recursively
  // and paired with the gold documents by DOCID, not by file name. A
  // document's text is taken from its input file; it must equal the gold
  // text, else the gold text is used and a warning is recorded.
  std::string input_dir;
};

struct EvalReport {
  TimexScores scores;
  int documents = 0;  // gold documents read and scored
  std::vector<std::string> warnings;
  std::vector<std::string> errors;
  // One line per error, for development:
  //   "DOCID\tkind\tgold text|value\tsystem text|value"
  // with kind one of missed, spurious, wrong-type, wrong-value (the field of
  // the absent side is empty; for wrong-type the values shown are types).
  // Tabs and line breaks inside timex text are shown as spaces.
  std::vector<std::string> mismatches;
};

// Reads every gold document, tags its text with
// TimexTagger::Default().Tag(text, gold DCT date) and scores the result.
// Documents are processed in path order, so the report is deterministic.
EvalReport RunTimexEval(const EvalOptions& opts);

// A human-readable table: documents, gold, system, strict and relaxed
// P/R/F1, type and value accuracy and value F1 (3 decimals), then the
// numbers of warnings and errors and the errors themselves.
std::string FormatReport(const EvalReport& report);

// The report as JSON: counts, scores, warnings, errors and mismatches.
// Strings that are not valid UTF-8 have the bad bytes replaced by U+FFFD, so
// the result can always be dumped.
nlohmann::json ReportJson(const EvalReport& report);

}  // namespace chronicle::eval
