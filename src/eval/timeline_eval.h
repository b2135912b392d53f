// Scores a timeline.json against a hand-made gold timeline: how many of the
// dated happenings it finds with the right date, how many of the
// multi-source ones it merges, how many of the known disagreements it
// reports, and how many of its events are real dated happenings.
//
//   std::string error;
//   auto gold = chronicle::eval::ReadGoldTimeline("tests/e2e/seeds_gold_timeline.json", &error);
//   auto out = chronicle::eval::ReadOutputTimeline("out/timeline.json", &error);
//   chronicle::eval::TimelineReport r = chronicle::eval::ScoreTimeline(*gold, *out);
//   std::cout << chronicle::eval::FormatTimelineReport(r);
//
// The gold file (schema in tests/e2e/seeds_gold_timeline.json, whose "notes"
// give the annotation criteria) is an object with "happenings", each with
// "id", "date" (YYYY, YYYY-MM or YYYY-MM-DD), "description", "sources" (file
// names, e.g. "000_da2f21641001f4f4.txt"), "keywords", optional "optional"
// (true: a borderline item, see precision below), optional "multi_source"
// (must agree with the number of sources) and optional "disagreements"
// ({"kind": agent|number|date|attribute|framing, "note", "sides":
// [{"value", "files"}, ...]}, the files being sources of the happening).
// Other fields ("notes", "documents", "undated_in", "note") are for readers.
//
// Matching rule. An output event E matches a gold happening H when
//   1. E's date is H's date or more precise and inside it (H 2025-06 is
//      matched by 2025-06 and 2025-06-27, not by 2025 or 2025-07), and
//   2. one of E's mentions comes from one of H's sources (the basename of
//      the mention document's path equals a source file name) and its
//      sentence contains one of H's keywords, case-insensitively (ASCII),
//      starting at a word start (the byte before it is not an ASCII letter
//      or digit), so "cancel" matches "cancelled" but "war" not "toward".
// The lenient date rule (used for the second precision figure only) accepts
// any two dates of which one contains the other (2025 and 2025-06-27).
//
// The figures (optional happenings count only where said):
//   recall       required happenings matched by at least one event;
//   merged       of the found multi-source happenings, those for which one
//                matching event carries at least two of the happening's
//                sources (event "sources" plus its mention documents);
//                merged_all: one matching event carries all of them;
//   disagreements of the gold disagreements (of required happenings), those
//                whose happening is found and one matching event has a
//                conflict of the same kind (strict) / of any kind (lenient);
//                sided: of the same kind and with claims from files of at
//                least two different sides of the gold disagreement;
//   precision    of the output events, those that match some gold happening,
//                optional ones included (strict date rule); precision_lenient
//                the same with the lenient date rule.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace chronicle::eval {

struct GoldSide {
  std::string value;
  std::vector<std::string> files;
};

struct GoldDisagreement {
  std::string kind;  // agent, number, date, attribute or framing
  std::string note;
  std::vector<GoldSide> sides;
};

struct GoldHappening {
  std::string id;
  std::string date;  // YYYY, YYYY-MM or YYYY-MM-DD
  std::string description;
  std::vector<std::string> sources;  // file names
  std::vector<std::string> keywords;
  bool optional = false;
  std::vector<GoldDisagreement> disagreements;
};

struct GoldTimeline {
  std::vector<GoldHappening> happenings;
};

struct OutputMention {
  std::string file;  // basename of the document's path (its id when it has none)
  std::string sentence;
};

struct OutputConflict {
  std::string kind;
  std::vector<std::string> files;  // of the claims, as file names
};

struct OutputEvent {
  std::string id;
  std::string date;
  std::string summary;
  std::vector<std::string> files;  // sources and mention documents, as file names, sorted, unique
  std::vector<OutputMention> mentions;
  std::vector<OutputConflict> conflicts;  // in file order
};

struct OutputTimeline {
  std::vector<OutputEvent> events;
};

// Parse the gold file / a timeline.json. On bad input they return nullopt
// and set *error to the place and the reason ("happenings[3] (h004): date
// \"2025-13\" is not YYYY, YYYY-MM or YYYY-MM-DD"); the Read* forms read the
// file and prefix the error with its path.
std::optional<GoldTimeline> ParseGoldTimeline(const nlohmann::json& j, std::string* error);
std::optional<GoldTimeline> ReadGoldTimeline(const std::string& path, std::string* error);
std::optional<OutputTimeline> ParseOutputTimeline(const nlohmann::json& j, std::string* error);
std::optional<OutputTimeline> ReadOutputTimeline(const std::string& path, std::string* error);

// True for YYYY, YYYY-MM and YYYY-MM-DD with a real month and day.
bool IsTimelineDate(std::string_view date);
// The strict date rule: `output` equals `gold` or is more precise and inside
// it. False when either is not a timeline date.
bool DateInside(std::string_view output, std::string_view gold);
// The lenient date rule: one of the two contains the other.
bool DatesNest(std::string_view a, std::string_view b);
// `keyword` occurs in `sentence` at a word start, ignoring ASCII case.
bool ContainsKeyword(std::string_view sentence, std::string_view keyword);
// The matching rule above (lenient_date: the lenient date rule).
bool EventMatches(const GoldHappening& h, const OutputEvent& e, bool lenient_date = false);

struct Ratio {
  int hit = 0;
  int total = 0;
  double value() const { return total > 0 ? static_cast<double>(hit) / total : 0.0; }
};

struct TimelineScores {
  Ratio recall;
  Ratio merged;
  Ratio merged_all;
  Ratio disagreements_strict;
  Ratio disagreements_lenient;
  Ratio disagreements_sided;
  Ratio precision;
  Ratio precision_lenient;
};

// One error, for development (`--misses`). kind is one of
//   missed      a required happening no event matches; detail names events
//               with a key word from a source but another date ("e12 2025-07-03");
//   unmerged    a found multi-source happening no single event carries two
//               sources of; detail lists the matching events and their files;
//   unreported  a gold disagreement not reported with its sides (the sided
//               figure); detail says whether the happening was missed, which
//               kinds were reported, or that the kind was but between other files;
//   unmatched   an output event matching no gold happening; text is its
//               summary, detail its first mention's file.
struct TimelineMiss {
  std::string kind;
  std::string id;  // happening or event id
  std::string date;
  std::string text;
  std::string detail;
};

struct TimelineReport {
  TimelineScores scores;
  int happenings = 0;  // required
  int optional = 0;
  int multi_source = 0;  // required, with two or more sources
  int disagreements = 0;
  int events = 0;
  std::vector<TimelineMiss> misses;  // in the order missed, unmerged, unreported, unmatched
};

TimelineReport ScoreTimeline(const GoldTimeline& gold, const OutputTimeline& output);

// Reads both files and scores; nullopt with *error set on bad input.
std::optional<TimelineReport> RunTimelineEval(const std::string& gold_path, const std::string& timeline_path,
                                              std::string* error);

// A table of the counts and the figures (3 decimals, with hit/total).
std::string FormatTimelineReport(const TimelineReport& report);
// The figures as JSON: {"recall": {"hit", "total", "value"}, ...} plus the
// counts and the misses.
nlohmann::json TimelineReportJson(const TimelineReport& report);
// One tab-separated line per miss: kind, id, date, text, detail.
std::string FormatTimelineMisses(const TimelineReport& report);

}  // namespace chronicle::eval
