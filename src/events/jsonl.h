// The JSON Lines form of a DocumentAnalysis: what `chronicle extract` writes,
// one line per document, and `chronicle build --from-extract` reads back to
// merge. Everything the merge stage and the store need survives the round
// trip: AnalysisFromJson(AnalysisJsonLine(a)) == a, field for field.
//
//   std::string line = chronicle::events::AnalysisJsonLine(analysis);   // ends in '\n'
//   chronicle::events::DocumentAnalysis back;
//   std::string error;
//   if (!chronicle::events::AnalysisFromJson(line, &back, &error)) std::cerr << error << "\n";
//
// The layout (one compact object per line, no raw tab or newline inside, so
// Hadoop Streaming takes the whole line as its key):
//
//   {"chronicle_extract":1,"id":"d1",
//    "doc":{"path":..,"title":..|null,"source":..|null,"url":..|null,"published":..|null,
//           "language":..|null,"body":..,"body_offset":0},
//    "dct":{"date":"2025-07-02"|null,"inferred":false,"method":"given"},
//    "sentences":[{"start":0,"end":80,"heading":false}],
//    "timexes":[{"start":3,"end":15,"type":"DATE","value":"2025-06-27","mod":"","anchor":"none"}],
//    "actors":[{"start":..,"end":..,"name":"Russia","type":"country","country":"Russia","form":"demonym"}],
//    "mentions":[{"sentence":0,"trigger":"detained","trigger_start":..,"trigger_end":..,"class":"arrest",
//                 "clause_start":..,"clause_end":..,"timex":0,"own_date":true,"date":"2025-06-27"|null,
//                 "day_lo":..,"day_hi":..,"actors":[{"name","type","country","role","text"}],
//                 "numbers":[{"value","what","text","noun"}],"attributed_to":"","hedge":"asserted",
//                 "negated":false,"cues":[{"kind","value","text"}],"in_timeline":true,"excluded":""}]}
//
// Texts that are the body's bytes at their offsets (a sentence's, a timex's,
// an actor mention's, a trigger's) are left out and cut from the body again
// when read; a "text" member is written only where it differs.
#pragma once

#include <string>
#include <string_view>

#include "events/analysis.h"

namespace chronicle::events {

// The version written as "chronicle_extract"; lines of another version are refused.
inline constexpr int kExtractFormatVersion = 1;

// One line of JSON, '\n' included.
std::string AnalysisJsonLine(const DocumentAnalysis& analysis);
// Appends the same to *out.
void AppendAnalysisJsonLine(const DocumentAnalysis& analysis, std::string* out);

// Parses one line (a trailing '\n' or "\r\n" is allowed). Returns false with a
// one-line *error (and *out unspecified) on malformed JSON, a missing or
// mistyped member, another format version, or offsets outside the body.
bool AnalysisFromJson(std::string_view line, DocumentAnalysis* out, std::string* error);

}  // namespace chronicle::events
