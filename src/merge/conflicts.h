// Disagreements between the sources of one merged event.
//
// Each kind compares what each document says about the event, document by
// document (repeated mentions in one document are one voice):
//   agent     who did it: the most specific agent each source names. Two agents
//             agree when they are the same actor, when one is a country and the
//             other belongs to it ("Russia" / "Russian air defences"), or when
//             one is generic ("the authorities"); two different specific
//             bodies disagree ("special forces" / "FSB" / "local police").
//   number    how many: the same thing counted ("killed", "detained") with
//             different values.
//   date      when: different days (or months) given as the event's own date.
//   attribute incompatible descriptions: opposite attribute cues (public vs
//             private, accidental vs deliberate), different counted people
//             ("journalists" vs "employees"), or a happening told as fact by
//             one source and as denied or unverified by another.
//   framing   the same happening in loaded vs neutral words ("beaten to death"
//             vs "died"), or with opposite motives (a political reprisal vs a
//             routine operation).
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "events/analysis.h"
#include "merge/timeline.h"

namespace chronicle::merge {

// What the conflicts read of one mention (of an events::EventMention, with
// its sentence); the views point into storage the caller keeps.
struct FactActor {
  std::string_view name;
  std::string_view country;  // "" if unknown
  std::string_view role;     // "agent", "target" or "participant"
  actors::ActorType type = actors::ActorType::kCountry;
};
struct FactNumber {
  int64_t value = 0;
  std::string_view what;
  std::string_view noun;
};
struct FactCue {
  std::string_view kind;
  std::string_view value;
  std::string_view text;
};
struct MentionFacts {
  events::EventClass cls = events::EventClass::kOther;
  events::Hedge hedge = events::Hedge::kAsserted;
  bool own_date = false;
  bool has_timex = false;  // EventMention::timex >= 0
  time::CalendarDate date;
  std::string_view sentence;  // the mention's sentence, quoted in claims
  std::span<const FactActor> actors;
  std::span<const FactNumber> numbers;
  std::span<const FactCue> cues;
};

struct MentionEvidence {
  size_t doc_index = 0;
  std::string_view doc;  // document id
  const MentionFacts* mention = nullptr;
};

// Conflicts of one event (ids and event left empty for the caller to fill).
std::vector<Conflict> FindConflicts(const std::vector<MentionEvidence>& evidence);

}  // namespace chronicle::merge
