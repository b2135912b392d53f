// Per-document analysis: sentences, temporal expressions, actors and event
// mentions of one article. A pure function of the document, so documents are
// analysed in parallel and the result streams.
//
//   auto analysis = chronicle::events::AnalyseDocument(std::move(doc), std::nullopt);
//   for (const auto& m : analysis.mentions)
//     if (m.in_timeline) std::cout << m.date.Iso() << " " << ToString(m.cls) << ": "
//                                  << analysis.sentences[m.sentence].text << "\n";
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "actors/actors.h"
#include "dedup/near_duplicates.h"
#include "ingest/document.h"
#include "time/timex.h"

namespace chronicle::events {

enum class EventClass {
  kStatement,      // said, announced, stated, warned, denied ...
  kMeeting,        // met, visit, talks, phone call ...
  kAgreement,      // signed, agreed, treaty, memorandum ...
  kCooperation,    // aid, supply, support, cooperation ...
  kPressure,       // ban, sanction, closure, expel, cancel, protest note ...
  kArrest,         // arrested, detained, seized, taken into custody ...
  kAttack,         // shot down, struck, killed, beaten, raid, cyberattack ...
  kProtest,        // demanded, protested, condemned, accused ...
  kInvestigation,  // investigation, lawsuit, charges, summoned ...
  kOther,
};
// "statement", "meeting", "agreement", "cooperation", "pressure", "arrest",
// "attack", "protest", "investigation", "other".
std::string_view ToString(EventClass cls);
// The class ToString names, or nullopt.
std::optional<EventClass> EventClassFromString(std::string_view name);

// How the source presents the happening.
enum class Hedge {
  kAsserted,    // told as fact
  kReported,    // "according to X", "X said"
  kAlleged,     // "allegedly", "alleged", "accused of", "X claimed"
  kBelieved,    // "widely believed", "suspected", "reportedly"
  kUnverified,  // "unverified", "unconfirmed"
  kDenied,      // "X denied"
};
// "asserted", "reported", "alleged", "believed", "unverified", "denied".
std::string_view ToString(Hedge hedge);
// The hedge ToString names, or nullopt.
std::optional<Hedge> HedgeFromString(std::string_view name);

struct RoleActor {
  actors::Actor actor;
  std::string role;  // "agent", "target" or "participant"
  std::string text;  // the words of the sentence that name it
};

struct Quantity {
  int64_t value = 0;  // 38, 7, 2
  std::string what;   // what it counts, as a lemma: "killed", "passengers", "employees"
  std::string text;   // as written: "38 of the 67 passengers", "seven employees"
  std::string noun;   // the counted noun, singular lower case: "passenger", "employee"
};

// A cue word of the mention's clause that later stages compare across
// sources: kind "framing" (loaded/neutral), "motive" (political/routine) or
// an attribute ("publicity": public/private, "intent": accidental/deliberate).
struct Cue {
  std::string kind;
  std::string value;
  std::string text;  // the words as written
};

struct Sentence {
  size_t start = 0;  // byte offsets into the document body
  size_t end = 0;
  std::string text;      // body[start, end)
  bool heading = false;  // a title or section heading on its own line
};

struct EventMention {
  size_t sentence = 0;       // index into DocumentAnalysis::sentences
  std::string trigger;       // the word(s) that say what happened: "shot down"
  size_t trigger_start = 0;  // byte offsets into the body
  size_t trigger_end = 0;
  EventClass cls = EventClass::kOther;
  size_t clause_start = 0;  // the clause of the sentence this mention was cut
  size_t clause_end = 0;    // from (byte offsets into the body)

  // When. `timex` indexes DocumentAnalysis::timexes: the sentence's own date
  // expression (own_date) or the one of the dated happening this mention joins.
  // -1 and date.year == 0 when the mention cannot be tied to a date.
  int timex = -1;
  bool own_date = false;
  time::CalendarDate date;  // at its precision (date.Precision())
  int64_t day_lo = 0;       // the days the date covers, counted from
  int64_t day_hi = -1;      // 1970-01-01 (a week or quarter keeps its range)

  std::vector<RoleActor> actors;
  std::vector<Quantity> numbers;
  std::string attributed_to;  // who says so ("The Jerusalem Post", "Russia"), "" if the author
  Hedge hedge = Hedge::kAsserted;
  bool negated = false;  // "did not attend"
  std::vector<Cue> cues;

  // True for a dated happening that belongs on the timeline; false for
  // opinions, forecasts, headings, background claims and undated mentions,
  // which stay in the store. `excluded` says why when false.
  bool in_timeline = false;
  std::string excluded;
};

struct DocumentAnalysis {
  std::string id;  // "d1", "d2" ... assigned by the caller in input order
  ingest::Document doc;
  time::DocumentDate dct;
  std::vector<Sentence> sentences;
  std::vector<time::Timex> timexes;  // offsets into doc.body
  std::vector<actors::ActorMention> actors;
  std::vector<EventMention> mentions;
  // dedup::Signature(doc.body) when the caller has it already (chronicle
  // build and add compute it on their analysis threads); the store computes
  // it when it is not set. AnalyseDocument leaves it unset.
  std::optional<dedup::MinHash> minhash;
  // store::ContentHash(doc), likewise computed beforehand by build and add on
  // their analysis threads; empty: the store computes it.
  std::string content_hash;
};

// Analyses one document. `dct` overrides the document date (else: header
// Published, else inferred from the text).
DocumentAnalysis AnalyseDocument(ingest::Document doc, std::optional<time::CalendarDate> dct);

}  // namespace chronicle::events
