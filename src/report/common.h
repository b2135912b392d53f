// Helpers shared by the report writers; not part of the public API.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "merge/timeline.h"
#include "util/string_map.h"

namespace chronicle::report::internal {

// The version to print: timeline.version, or this build's when empty.
std::string VersionOf(const merge::Timeline& timeline);

// A map from an id (an event's, a document's) found by a string_view too.
// Hashed: the reports look an id up for every mention and conflict, and a
// tree of 100,000 document ids took 17 string comparisons a lookup.
template <typename V>
using IdMap = util::StringMap<V>;

// For each event id, the indices into timeline.conflicts of its conflicts,
// in conflict order.
IdMap<std::vector<size_t>> ConflictsByEvent(const merge::Timeline& timeline);

// For each document id, its index into timeline.documents.
IdMap<size_t> DocumentIndex(const merge::Timeline& timeline);

// The evidence of an event the HTML and Markdown reports show: mentions
// grouped by source (the event's sources in order, then any other document),
// at most kEvidenceSources sources and kEvidencePerSource sentences of each,
// so that an event told by thousands of articles stays readable (and the
// report small); timeline.json keeps every mention.
inline constexpr size_t kEvidenceSources = 20;
inline constexpr size_t kEvidencePerSource = 3;
struct EvidenceGroup {
  std::string doc;
  std::vector<const merge::EventMentionRef*> mentions;
};
struct Evidence {
  std::vector<EvidenceGroup> groups;
  size_t sources = 0;           // the event's sources and other documents with evidence
  size_t hidden_mentions = 0;   // sentences left out
  size_t hidden_sources = 0;    // sources left out
};
// `mentions`: those of e (merge::SpillReader::Mentions), which the groups point into.
Evidence SelectEvidence(const merge::Event& e, const std::vector<merge::EventMentionRef>& mentions);

// True when [begin, end) is a non-empty range inside `s` whose ends fall on
// UTF-8 character boundaries, so the three parts can be escaped separately.
bool IsCharRange(std::string_view s, size_t begin, size_t end);

}  // namespace chronicle::report::internal
