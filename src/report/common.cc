#include "report/common.h"

namespace chronicle::report::internal {

std::string VersionOf(const merge::Timeline& timeline) {
#ifdef CHRONICLE_VERSION
  if (timeline.version.empty()) return CHRONICLE_VERSION;
#endif
  return timeline.version;
}

std::map<std::string, std::vector<size_t>, std::less<>> ConflictsByEvent(const merge::Timeline& timeline) {
  std::map<std::string, std::vector<size_t>, std::less<>> by_event;
  for (size_t i = 0; i < timeline.conflicts.size(); ++i) by_event[timeline.conflicts[i].event].push_back(i);
  return by_event;
}

std::map<std::string, size_t, std::less<>> DocumentIndex(const merge::Timeline& timeline) {
  std::map<std::string, size_t, std::less<>> index;
  for (size_t i = 0; i < timeline.documents.size(); ++i) index.emplace(timeline.documents[i].id, i);
  return index;
}

bool IsCharRange(std::string_view s, size_t begin, size_t end) {
  auto boundary = [&](size_t i) { return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80; };
  return begin < end && end <= s.size() && boundary(begin) && boundary(end);
}

}  // namespace chronicle::report::internal
