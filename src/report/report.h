// The timeline reports: the machine-readable timeline.json, a Markdown report
// for terminals and forges, and one self-contained HTML page.
//
//   chronicle::merge::Timeline timeline = chronicle::merge::BuildTimeline(docs);
//   std::vector<size_t> top = chronicle::merge::TopEvents(timeline, 10);
//   chronicle::report::WriteTimelineHtml(timeline, top, std::cout);
//   std::string error;
//   if (!chronicle::report::WriteTimelineFiles(timeline, top, "out", &error)) ...
//
// The writers only read the Timeline; they never re-rank or re-merge. Output
// is deterministic (the same Timeline gives the same bytes) and valid UTF-8:
// ill-formed sequences in article text become U+FFFD. All article-derived text
// is escaped for its format (see report/escape.h).
//
// timeline.json is a stable contract, described field by field in
// docs/timeline.schema.json; kTimelineSchemaVersion changes whenever a field
// is renamed, removed or changes meaning (adding a field does not).
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

#include "merge/timeline.h"

namespace chronicle::report {

// The "schema" number written in timeline.json's "chronicle" object.
inline constexpr int kTimelineSchemaVersion = 1;

// Writes timeline.json: {"chronicle":{"version","schema"}, "documents",
// "events", "conflicts"}, pretty-printed with a two-space indent and a final
// newline. Empty optional strings (a document's title, source, url,
// published; a mention's timex; ...) are written as null. An empty
// timeline.version is written as this build's CHRONICLE_VERSION.
void WriteTimelineJson(const merge::Timeline& timeline, std::ostream& out);

// The same JSON as a string.
std::string TimelineJson(const merge::Timeline& timeline);

// Writes a Markdown report: the documents, "Key dates" (the events at the
// indices `top` into timeline.events, in the order given; out-of-range indices
// are skipped), then every event grouped by date with its sources, a
// **disputed** mark and, under each of its conflicts, the claims side by side.
void WriteTimelineMarkdown(const merge::Timeline& timeline, const std::vector<size_t>& top, std::ostream& out);

// Writes one self-contained HTML5 page (inline CSS and script, no network
// access: a Content-Security-Policy forbids every fetch): the documents, a
// key-dates strip of the `top` events, an actor filter, and the full timeline
// with, for each event, its sources, a "disputed" badge, a table of claims per
// conflict (one column per claim) and the evidence sentences per source with
// the date expression marked.
void WriteTimelineHtml(const merge::Timeline& timeline, const std::vector<size_t>& top, std::ostream& out);

// Writes timeline.json, timeline.md and timeline.html into the existing
// directory `dir`. Each file is written to a temporary name and renamed into
// place, so a failed or interrupted run never leaves a truncated report.
// Returns false and sets *error (one line naming the file) on failure.
bool WriteTimelineFiles(const merge::Timeline& timeline, const std::vector<size_t>& top, const std::string& dir,
                        std::string* error);

}  // namespace chronicle::report
