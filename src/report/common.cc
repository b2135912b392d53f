#include "report/common.h"

#include <map>
#include <string_view>

namespace chronicle::report::internal {

std::string VersionOf(const merge::Timeline& timeline) {
#ifdef CHRONICLE_VERSION
  if (timeline.version.empty()) return CHRONICLE_VERSION;
#endif
  return timeline.version;
}

IdMap<std::vector<size_t>> ConflictsByEvent(const merge::Timeline& timeline) {
  IdMap<std::vector<size_t>> by_event;
  for (size_t i = 0; i < timeline.conflicts.size(); ++i) by_event[timeline.conflicts[i].event].push_back(i);
  return by_event;
}

IdMap<size_t> DocumentIndex(const merge::Timeline& timeline) {
  IdMap<size_t> index;
  index.reserve(timeline.documents.size());
  for (size_t i = 0; i < timeline.documents.size(); ++i) index.emplace(timeline.documents[i].id, i);
  return index;
}

bool IsCharRange(std::string_view s, size_t begin, size_t end) {
  auto boundary = [&](size_t i) { return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80; };
  return begin < end && end <= s.size() && boundary(begin) && boundary(end);
}

Evidence SelectEvidence(const merge::Event& e, const std::vector<merge::EventMentionRef>& mentions) {
  Evidence ev;
  std::map<std::string_view, size_t> group_of;
  std::vector<EvidenceGroup> all;
  auto group = [&](std::string_view doc) -> size_t {
    const auto [it, inserted] = group_of.try_emplace(doc, all.size());
    if (inserted) all.push_back({std::string(doc), {}});
    return it->second;
  };
  for (const auto& d : e.sources) group(d);
  for (const auto& m : mentions) all[group(m.doc)].mentions.push_back(&m);
  ev.sources = all.size();
  for (auto& g : all) {
    if (g.mentions.empty()) continue;
    if (ev.groups.size() >= kEvidenceSources) {
      ++ev.hidden_sources;
      ev.hidden_mentions += g.mentions.size();
      continue;
    }
    if (g.mentions.size() > kEvidencePerSource) {
      ev.hidden_mentions += g.mentions.size() - kEvidencePerSource;
      g.mentions.resize(kEvidencePerSource);
    }
    ev.groups.push_back(std::move(g));
  }
  return ev;
}

}  // namespace chronicle::report::internal
