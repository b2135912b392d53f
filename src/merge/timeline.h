// The cross-document stage: event mentions of many documents merged into one
// dated, source-attributed timeline, with the disagreements between sources.
//
//   std::vector<chronicle::events::DocumentAnalysis> docs = ...;  // ids d1, d2, ...
//   chronicle::merge::Timeline timeline = chronicle::merge::BuildTimeline(docs);
//   for (const auto& e : timeline.events) std::cout << e.date << " " << e.summary << "\n";
//
// Or one document at a time, so that each analysis can be dropped once it
// is added (chronicle build):
//
//   chronicle::merge::TimelineBuilder builder;
//   for (...) builder.Add(analysis);  // in input order
//   chronicle::merge::Timeline timeline = builder.Finish();
//
// With builder.SpillTo(dir) before the first Add, the sentences, the
// events' mentions and the conflicts' claims are kept in an unnamed temporary
// file in `dir` rather than in memory (merge/spill.h): each event's
// `mentions` and each conflict's `claims` is then empty, and a SpillReader
// reads them back, one event or conflict at a time, for whoever writes them:
//
//   chronicle::merge::SpillReader reader(timeline);
//   for (const auto& e : timeline.events)
//     for (const auto& m : reader.Mentions(e)) std::cout << m.sentence << "\n";
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "actors/actors.h"
#include "events/analysis.h"

namespace chronicle::merge {

struct TimelineDocument {
  std::string id;  // "d1"
  std::string path;
  std::string title;                // "" when unknown
  std::string source;               // "" when unknown
  std::string url;                  // "" when unknown
  std::string published;            // ISO prefix "2025-07-25", "" when unknown
  std::string published_precision;  // "day", "month", "year" or ""
  bool published_inferred = false;
};

struct EventActor {
  std::string name;
  actors::ActorType type = actors::ActorType::kCountry;
  std::string role;  // "agent", "target" or "participant"
};

struct EventNumber {
  int64_t value = 0;
  std::string what;
  std::string doc;
};

struct EventMentionRef {
  std::string doc;          // document id
  std::string sentence;     // exact sentence text from the body
  std::string timex;        // the date expression as written, "" if none
  std::string timex_value;  // its TIMEX3 value, "" if none
  // Byte range of the date expression inside `sentence`, when it is there
  // (an inherited date's expression may be in an earlier sentence).
  bool timex_in_sentence = false;
  size_t timex_begin = 0;
  size_t timex_end = 0;
  std::string trigger;
  std::string cls;    // events::ToString(EventClass)
  std::string hedge;  // events::ToString(Hedge)
  std::string attributed_to;
  // Where the mention stands in its document's analysis: the index of its
  // sentence and of the mention itself, -1 when unknown (a timeline read
  // back from JSON).
  int64_t sentence_index = -1;
  int64_t mention_index = -1;
};

class Spill;

// Where the mentions of a spilled event, or the claims of a spilled conflict,
// are: `bytes` bytes at `offset` of the timeline's spill, `count` of them
// (merge::EncodeMention, merge::EncodeClaim).
struct SpilledRun {
  uint64_t offset = 0;
  uint32_t bytes = 0;
  uint32_t count = 0;
};

struct Event {
  std::string id;         // "e1", ... in timeline order
  std::string date;       // ISO prefix at the event's precision
  std::string precision;  // "year", "month" or "day"
  std::string summary;    // a source sentence or a clause cut from one
  std::string cls;        // events::ToString(EventClass)
  std::vector<EventActor> actors;
  std::vector<EventNumber> numbers;
  std::vector<std::string> sources;  // document ids, in document order
  std::vector<EventMentionRef> mentions;  // empty when spilled: see SpillReader
  SpilledRun spilled;                     // count 0 unless spilled
  bool disputed = false;
  double score = 0;  // ranking: sources reporting it and centrality of its actors
};

struct Claim {
  std::string doc;
  std::string value;
  std::string quote;  // the source's own words
};

struct Conflict {
  std::string id;     // "c1", ...
  std::string event;  // event id
  std::string kind;   // "agent", "number", "date", "attribute" or "framing"
  std::string what;   // short description of the disputed point, e.g. "killed"
  std::vector<Claim> claims;  // empty when spilled: see SpillReader
  SpilledRun spilled;         // count 0 unless spilled
};

struct Timeline {
  std::string version;  // Chronicle version
  std::vector<TimelineDocument> documents;
  std::vector<Event> events;  // sorted by date, then score
  std::vector<Conflict> conflicts;
  // Set when the events' mentions and the conflicts' claims live in a spill
  // file (TimelineBuilder::SpillTo); copies of the timeline share it, and the
  // last one closes it.
  std::shared_ptr<const Spill> spill;
};

// The number of mentions of e, wherever they are.
inline size_t MentionCount(const Event& e) { return e.mentions.empty() ? e.spilled.count : e.mentions.size(); }

// Reads what one timeline keeps in its spill: an event's own `mentions` (a
// conflict's own `claims`), or, when spilled, those read back from the spill
// (one read of the event's or conflict's bytes). One reader per thread;
// readers of the same timeline may run at once. Throws SpillError when the
// spill cannot be read.
class SpillReader {
 public:
  explicit SpillReader(const Timeline& timeline) : timeline_(timeline) {}
  // Valid until the next Mentions() call.
  const std::vector<EventMentionRef>& Mentions(const Event& e);
  // Valid until the next Claims() call.
  const std::vector<Claim>& Claims(const Conflict& c);

 private:
  const Timeline& timeline_;
  std::string bytes_;
  std::vector<EventMentionRef> mentions_;
  std::vector<Claim> claims_;
};

// Merges the mentions of all documents into events and finds the conflicts.
// Deterministic for a given input order.
Timeline BuildTimeline(const std::vector<events::DocumentAnalysis>& docs);

// BuildTimeline fed one document at a time. Add() keeps of a document only
// what the merge, the events and the conflicts read (its metadata, and per
// candidate mention its features, its sentence and its facts), so the
// caller may drop the analysis as soon as Add() returns. Adding the
// documents of `docs` in order and calling Finish() gives
// BuildTimeline(docs), byte for byte.
class TimelineBuilder {
 public:
  TimelineBuilder();
  ~TimelineBuilder();
  TimelineBuilder(const TimelineBuilder&) = delete;
  TimelineBuilder& operator=(const TimelineBuilder&) = delete;

  // Keeps the sentences of the mentions, and then the events' mentions and
  // the conflicts' claims, in an unnamed temporary file in the existing directory `dir` (nothing is
  // left there when the process ends, however it ends) instead of memory;
  // Finish() gives a timeline whose events' mentions are read back with a
  // SpillReader. Call before the first Add(). False, with *error set, when
  // the file cannot be made. With a spill, Add() and Finish() throw
  // SpillError when it cannot be written or read (a full disk).
  bool SpillTo(const std::string& dir, std::string* error);
  // The next document (ids are the caller's: d1, d2, ... in input order).
  void Add(const events::DocumentAnalysis& doc);
  // The documents added so far.
  size_t size() const;
  // Merges everything added. Call once; the builder is empty afterwards.
  // Without SpillTo(), every event's mentions are in its `mentions`.
  Timeline Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Indices into timeline.events of the `n` highest-ranked events, in date order.
std::vector<size_t> TopEvents(const Timeline& timeline, size_t n);

}  // namespace chronicle::merge
