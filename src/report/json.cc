// timeline.json. Built as an ordered nlohmann::json tree (the file is small
// next to the analysis that produced it) so the key order is the order of the
// contract in docs/timeline.schema.json, then dumped with a two-space indent.
// Dumping replaces ill-formed UTF-8 by U+FFFD, so the file is always valid.
#include <cmath>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/common.h"
#include "report/report.h"

namespace chronicle::report {

namespace {

using Json = nlohmann::ordered_json;

Json StringOrNull(const std::string& s) { return s.empty() ? Json(nullptr) : Json(s); }

Json DocumentJson(const merge::TimelineDocument& d) {
  Json j = Json::object();
  j["id"] = d.id;
  j["path"] = d.path;
  j["title"] = StringOrNull(d.title);
  j["source"] = StringOrNull(d.source);
  j["url"] = StringOrNull(d.url);
  j["published"] = StringOrNull(d.published);
  j["published_precision"] = StringOrNull(d.published.empty() ? std::string() : d.published_precision);
  j["published_inferred"] = d.published_inferred;
  return j;
}

Json MentionJson(const merge::EventMentionRef& m) {
  Json j = Json::object();
  j["doc"] = m.doc;
  j["sentence"] = m.sentence;
  j["timex"] = StringOrNull(m.timex);
  j["timex_value"] = StringOrNull(m.timex_value);
  const bool span = m.timex_in_sentence && internal::IsCharRange(m.sentence, m.timex_begin, m.timex_end);
  j["timex_begin"] = span ? Json(m.timex_begin) : Json(nullptr);
  j["timex_end"] = span ? Json(m.timex_end) : Json(nullptr);
  j["trigger"] = StringOrNull(m.trigger);
  j["class"] = StringOrNull(m.cls);
  j["hedge"] = StringOrNull(m.hedge);
  j["attributed_to"] = StringOrNull(m.attributed_to);
  return j;
}

Json EventJson(const merge::Event& e, const std::vector<size_t>* conflicts, const merge::Timeline& timeline) {
  Json j = Json::object();
  j["id"] = e.id;
  j["date"] = e.date;
  j["precision"] = e.precision;
  j["summary"] = e.summary;
  j["class"] = e.cls;
  Json actors = Json::array();
  for (const auto& a : e.actors) {
    actors.push_back(Json{{"name", a.name}, {"type", actors::ToString(a.type)}, {"role", a.role}});
  }
  j["actors"] = std::move(actors);
  Json numbers = Json::array();
  for (const auto& n : e.numbers) numbers.push_back(Json{{"value", n.value}, {"what", n.what}, {"doc", n.doc}});
  j["numbers"] = std::move(numbers);
  j["sources"] = e.sources;
  Json mentions = Json::array();
  for (const auto& m : e.mentions) mentions.push_back(MentionJson(m));
  j["mentions"] = std::move(mentions);
  j["disputed"] = e.disputed;
  // NaN or infinity have no JSON form; a score that is not a number ranks last.
  j["score"] = std::isfinite(e.score) ? e.score : 0.0;
  Json ids = Json::array();
  if (conflicts != nullptr) {
    for (const size_t c : *conflicts) ids.push_back(timeline.conflicts[c].id);
  }
  j["conflicts"] = std::move(ids);
  return j;
}

Json ConflictJson(const merge::Conflict& c) {
  Json j = Json::object();
  j["id"] = c.id;
  j["event"] = c.event;
  j["kind"] = c.kind;
  j["what"] = StringOrNull(c.what);
  Json claims = Json::array();
  for (const auto& claim : c.claims) {
    claims.push_back(Json{{"doc", claim.doc}, {"value", claim.value}, {"quote", claim.quote}});
  }
  j["claims"] = std::move(claims);
  return j;
}

Json TimelineTree(const merge::Timeline& timeline) {
  Json root = Json::object();
  root["chronicle"] = Json{{"version", internal::VersionOf(timeline)}, {"schema", kTimelineSchemaVersion}};
  Json documents = Json::array();
  for (const auto& d : timeline.documents) documents.push_back(DocumentJson(d));
  root["documents"] = std::move(documents);
  const auto by_event = internal::ConflictsByEvent(timeline);
  Json events = Json::array();
  for (const auto& e : timeline.events) {
    const auto it = by_event.find(e.id);
    events.push_back(EventJson(e, it == by_event.end() ? nullptr : &it->second, timeline));
  }
  root["events"] = std::move(events);
  Json conflicts = Json::array();
  for (const auto& c : timeline.conflicts) conflicts.push_back(ConflictJson(c));
  root["conflicts"] = std::move(conflicts);
  return root;
}

}  // namespace

std::string TimelineJson(const merge::Timeline& timeline) {
  std::string out = TimelineTree(timeline).dump(2, ' ', false, Json::error_handler_t::replace);
  out.push_back('\n');
  return out;
}

void WriteTimelineJson(const merge::Timeline& timeline, std::ostream& out) { out << TimelineJson(timeline); }

}  // namespace chronicle::report
