// timeline.json, written straight into a string by util::JsonWriter with a
// two-space indent, keys in the order of the contract in
// docs/timeline.schema.json. The writer replaces ill-formed UTF-8 by U+FFFD,
// so the file is always valid JSON. (A DOM built first cost more than the
// merge that produced the timeline.)
#include <cmath>
#include <ostream>

#include "report/common.h"
#include "report/report.h"
#include "util/json_writer.h"

namespace chronicle::report {

namespace {

using util::JsonWriter;

void WriteDocument(JsonWriter& w, const merge::TimelineDocument& d) {
  w.BeginObject();
  w.Key("id");
  w.String(d.id);
  w.Key("path");
  w.String(d.path);
  w.Key("title");
  w.StringOrNull(d.title);
  w.Key("source");
  w.StringOrNull(d.source);
  w.Key("url");
  w.StringOrNull(d.url);
  w.Key("published");
  w.StringOrNull(d.published);
  w.Key("published_precision");
  w.StringOrNull(d.published.empty() ? std::string_view() : std::string_view(d.published_precision));
  w.Key("published_inferred");
  w.Bool(d.published_inferred);
  w.EndObject();
}

void WriteMention(JsonWriter& w, const merge::EventMentionRef& m) {
  w.BeginObject();
  w.Key("doc");
  w.String(m.doc);
  w.Key("sentence");
  w.String(m.sentence);
  w.Key("timex");
  w.StringOrNull(m.timex);
  w.Key("timex_value");
  w.StringOrNull(m.timex_value);
  const bool span = m.timex_in_sentence && internal::IsCharRange(m.sentence, m.timex_begin, m.timex_end);
  w.Key("timex_begin");
  span ? w.Int(static_cast<int64_t>(m.timex_begin)) : w.Null();
  w.Key("timex_end");
  span ? w.Int(static_cast<int64_t>(m.timex_end)) : w.Null();
  w.Key("trigger");
  w.StringOrNull(m.trigger);
  w.Key("class");
  w.StringOrNull(m.cls);
  w.Key("hedge");
  w.StringOrNull(m.hedge);
  w.Key("attributed_to");
  w.StringOrNull(m.attributed_to);
  w.EndObject();
}

void WriteEvent(JsonWriter& w, const merge::Event& e, const std::vector<size_t>* conflicts,
                const merge::Timeline& timeline, merge::SpillReader& spilled) {
  w.BeginObject();
  w.Key("id");
  w.String(e.id);
  w.Key("date");
  w.String(e.date);
  w.Key("precision");
  w.String(e.precision);
  w.Key("summary");
  w.String(e.summary);
  w.Key("class");
  w.String(e.cls);
  w.Key("actors");
  w.BeginArray();
  for (const auto& a : e.actors) {
    w.BeginObject();
    w.Key("name");
    w.String(a.name);
    w.Key("type");
    w.String(actors::ToString(a.type));
    w.Key("role");
    w.String(a.role);
    w.EndObject();
  }
  w.EndArray();
  w.Key("numbers");
  w.BeginArray();
  for (const auto& n : e.numbers) {
    w.BeginObject();
    w.Key("value");
    w.Int(n.value);
    w.Key("what");
    w.String(n.what);
    w.Key("doc");
    w.String(n.doc);
    w.EndObject();
  }
  w.EndArray();
  w.Key("sources");
  w.BeginArray();
  for (const auto& s : e.sources) w.String(s);
  w.EndArray();
  w.Key("mentions");
  w.BeginArray();
  for (const auto& m : spilled.Mentions(e)) WriteMention(w, m);
  w.EndArray();
  w.Key("disputed");
  w.Bool(e.disputed);
  // NaN or infinity have no JSON form; a score that is not a number ranks last.
  w.Key("score");
  w.Double(std::isfinite(e.score) ? e.score : 0.0);
  w.Key("conflicts");
  w.BeginArray();
  if (conflicts != nullptr) {
    for (const size_t c : *conflicts) w.String(timeline.conflicts[c].id);
  }
  w.EndArray();
  w.EndObject();
}

void WriteConflict(JsonWriter& w, const merge::Conflict& c, merge::SpillReader& spilled) {
  w.BeginObject();
  w.Key("id");
  w.String(c.id);
  w.Key("event");
  w.String(c.event);
  w.Key("kind");
  w.String(c.kind);
  w.Key("what");
  w.StringOrNull(c.what);
  w.Key("claims");
  w.BeginArray();
  for (const auto& claim : spilled.Claims(c)) {
    w.BeginObject();
    w.Key("doc");
    w.String(claim.doc);
    w.Key("value");
    w.String(claim.value);
    w.Key("quote");
    w.String(claim.quote);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// Writes the timeline into *out, calling flush() after each document, event
// and conflict (it may empty *out: the writer keeps its state itself).
template <typename Flush>
void WriteJson(const merge::Timeline& timeline, std::string* out, Flush flush) {
  JsonWriter w(out, 2);
  w.BeginObject();
  w.Key("chronicle");
  w.BeginObject();
  w.Key("version");
  w.String(internal::VersionOf(timeline));
  w.Key("schema");
  w.Int(kTimelineSchemaVersion);
  w.EndObject();
  w.Key("documents");
  w.BeginArray();
  for (const auto& d : timeline.documents) {
    WriteDocument(w, d);
    flush();
  }
  w.EndArray();
  const auto by_event = internal::ConflictsByEvent(timeline);
  merge::SpillReader spilled(timeline);
  w.Key("events");
  w.BeginArray();
  for (const auto& e : timeline.events) {
    const auto it = by_event.find(e.id);
    WriteEvent(w, e, it == by_event.end() ? nullptr : &it->second, timeline, spilled);
    flush();
  }
  w.EndArray();
  w.Key("conflicts");
  w.BeginArray();
  for (const auto& c : timeline.conflicts) {
    WriteConflict(w, c, spilled);
    flush();
  }
  w.EndArray();
  w.EndObject();
  out->push_back('\n');
}

}  // namespace

std::string TimelineJson(const merge::Timeline& timeline) {
  std::string out;
  size_t mentions = 0;
  for (const auto& e : timeline.events) mentions += merge::MentionCount(e);
  out.reserve(4096 + timeline.documents.size() * 256 + mentions * 640);
  WriteJson(timeline, &out, [] {});
  return out;
}

// Streamed in pieces of about a megabyte: the whole file is never in memory
// (on a large corpus it is several times the size of the input).
void WriteTimelineJson(const merge::Timeline& timeline, std::ostream& out) {
  constexpr size_t kPiece = size_t{1} << 20;
  std::string buffer;
  buffer.reserve(2 * kPiece);
  WriteJson(timeline, &buffer, [&] {
    if (buffer.size() >= kPiece) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  });
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
}

}  // namespace chronicle::report
