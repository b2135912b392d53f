// The timex evaluation driver: runs the temporal tagger over a directory of
// gold documents (TimeML, or CAT XML as in the MEANTIME corpus) and scores it
// TempEval-3 Task A style.
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

#include "eval/cat.h"
#include "eval/scorer.h"

namespace chronicle::eval {

struct EvalOptions {
  // Walked recursively. Formats by content: *.tml files are TimeML; *.xml
  // files whose root is <Document> with <token> children are CAT (eval/cat.h),
  // any other *.xml file is skipped with a warning; other files are ignored.
  // A CAT document is scored like a TimeML one except that its DCT markable
  // is not scored and system timexes overlapping the DCT's span are dropped
  // (TempEval-3 does not score the DCT either), and that system timexes
  // starting after its first cat_sentences sentences (CatScoredEnd) are
  // dropped too: MEANTIME annotates only the first sentences of an article.
  std::string gold_dir;
  // Optional: raw system input files (e.g. *.TE3input), walked recursively
  // and paired with the gold documents by DOCID, not by file name. A
  // document's text is taken from its input file; it must equal the gold
  // text, else the gold text is used and a warning is recorded.
  std::string input_dir;
  // How many leading sentences of a CAT document are scored; 0 scores the
  // whole text (every system timex after the annotated part then counts as
  // spurious).
  size_t cat_sentences = kMeantimeAnnotatedSentences;
};

struct EvalReport {
  TimexScores scores;
  int documents = 0;  // gold documents read and scored (both formats)
  // CAT documents only: how many were read, how many of them had an anchored
  // DCT markable (left out of the scoring), the system timexes dropped for
  // overlapping it, the TIMEX3 markables skipped for having no token anchor
  // (the DCT not counted), and the system timexes dropped for starting after
  // the scored sentences (EvalOptions::cat_sentences, copied here).
  int cat_documents = 0;
  int cat_dct_excluded = 0;
  int cat_system_dropped = 0;
  int cat_unanchored = 0;
  int cat_system_out_of_scope = 0;
  size_t cat_sentences = 0;
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
// numbers of warnings and errors and the errors themselves. When CAT
// documents were read, the CAT counts come before the warnings (a report of
// TimeML documents only is unchanged).
std::string FormatReport(const EvalReport& report);

// The report as JSON: counts, scores, warnings, errors and mismatches, and
// "cat" {documents, dct_excluded, system_dropped, sentences,
// system_out_of_scope, unanchored} when CAT documents were read.
// Strings that are not valid UTF-8 have the bad bytes replaced by U+FFFD, so
// the result can always be dumped.
nlohmann::json ReportJson(const EvalReport& report);

}  // namespace chronicle::eval
