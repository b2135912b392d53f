#include "events/jsonl.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "util/json_writer.h"

namespace chronicle::events {
namespace {

using Form = actors::ActorMention::Form;

// ---- writing ---------------------------------------------------------------

void OptionalString(util::JsonWriter& w, std::string_view key, const std::optional<std::string>& s) {
  w.Key(key);
  s ? w.String(*s) : w.Null();
}

void Size(util::JsonWriter& w, std::string_view key, size_t v) {
  w.Key(key);
  w.Int(static_cast<int64_t>(v));
}

void Str(util::JsonWriter& w, std::string_view key, std::string_view v) {
  w.Key(key);
  w.String(v);
}

void Flag(util::JsonWriter& w, std::string_view key, bool v) {
  w.Key(key);
  w.Bool(v);
}

void Date(util::JsonWriter& w, std::string_view key, const time::CalendarDate& d) {
  w.Key(key);
  d.year != 0 ? w.String(d.Iso()) : w.Null();
}

// "text" only when it is not body[start, end).
void SpanText(util::JsonWriter& w, std::string_view body, size_t start, size_t end, std::string_view text) {
  if (start <= end && end <= body.size() && body.substr(start, end - start) == text) return;
  Str(w, "text", text);
}

void WriteActor(util::JsonWriter& w, const actors::Actor& a) {
  Str(w, "name", a.name);
  Str(w, "type", actors::ToString(a.type));
  Str(w, "country", a.country);
}

// ---- reading ---------------------------------------------------------------

using nlohmann::json;

// Thrown (and caught in AnalysisFromJson) on a missing or mistyped member.
struct BadMember : std::runtime_error {
  using std::runtime_error::runtime_error;
};

const json& Member(const json& j, const char* key) {
  if (!j.is_object()) throw BadMember(std::string("expected an object holding \"") + key + "\"");
  const auto it = j.find(key);
  if (it == j.end()) throw BadMember(std::string("missing \"") + key + "\"");
  return *it;
}

std::string GetString(const json& j, const char* key) {
  const json& v = Member(j, key);
  if (!v.is_string()) throw BadMember(std::string("\"") + key + "\" is not a string");
  return v.get<std::string>();
}

std::optional<std::string> GetOptionalString(const json& j, const char* key) {
  const json& v = Member(j, key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) throw BadMember(std::string("\"") + key + "\" is not a string or null");
  return v.get<std::string>();
}

int64_t GetInt(const json& j, const char* key) {
  const json& v = Member(j, key);
  if (!v.is_number_integer()) throw BadMember(std::string("\"") + key + "\" is not an integer");
  return v.get<int64_t>();
}

size_t GetSize(const json& j, const char* key) {
  const int64_t v = GetInt(j, key);
  if (v < 0) throw BadMember(std::string("\"") + key + "\" is negative");
  return static_cast<size_t>(v);
}

bool GetBool(const json& j, const char* key) {
  const json& v = Member(j, key);
  if (!v.is_boolean()) throw BadMember(std::string("\"") + key + "\" is not a boolean");
  return v.get<bool>();
}

const json& GetArray(const json& j, const char* key) {
  const json& v = Member(j, key);
  if (!v.is_array()) throw BadMember(std::string("\"") + key + "\" is not an array");
  return v;
}

time::CalendarDate GetDate(const json& j, const char* key) {
  const auto s = GetOptionalString(j, key);
  if (!s) return {};
  const auto d = time::ParseIsoDate(*s);
  if (!d) throw BadMember(std::string("\"") + key + "\" is not a date: " + *s);
  return *d;
}

// The span's text: "text" when present, else body[start, end), which must exist.
std::string GetSpanText(const json& j, std::string_view body, size_t start, size_t end, const char* what) {
  if (const auto it = j.find("text"); it != j.end()) {
    if (!it->is_string()) throw BadMember(std::string(what) + " \"text\" is not a string");
    return it->get<std::string>();
  }
  if (start > end || end > body.size()) throw BadMember(std::string(what) + " offsets outside the body");
  return std::string(body.substr(start, end - start));
}

void CheckSpan(size_t start, size_t end, size_t body_size, const char* what) {
  if (start > end || end > body_size) throw BadMember(std::string(what) + " offsets outside the body");
}

actors::ActorType ActorTypeFromName(const std::string& name) {
  if (const auto t = actors::ActorTypeFromString(name)) return *t;
  throw BadMember("unknown actor type \"" + name + "\"");
}

actors::Actor GetActor(const json& j) {
  actors::Actor a;
  a.name = GetString(j, "name");
  a.type = ActorTypeFromName(GetString(j, "type"));
  a.country = GetString(j, "country");
  return a;
}

Form FormFromName(const std::string& name) {
  if (const auto f = actors::FormFromString(name)) return *f;
  throw BadMember("unknown actor form \"" + name + "\"");
}

EventClass ClassFromName(const std::string& name) {
  if (const auto c = EventClassFromString(name)) return *c;
  throw BadMember("unknown event class \"" + name + "\"");
}

Hedge HedgeFromName(const std::string& name) {
  if (const auto h = HedgeFromString(name)) return *h;
  throw BadMember("unknown hedge \"" + name + "\"");
}

void Read(const json& j, DocumentAnalysis* a) {
  const json& version = Member(j, "chronicle_extract");
  if (!version.is_number_integer() || version.get<int64_t>() != kExtractFormatVersion) {
    throw BadMember("not a chronicle extract line of format version " + std::to_string(kExtractFormatVersion));
  }
  a->id = GetString(j, "id");
  const json& d = Member(j, "doc");
  a->doc.path = GetString(d, "path");
  a->doc.title = GetOptionalString(d, "title");
  a->doc.source = GetOptionalString(d, "source");
  a->doc.url = GetOptionalString(d, "url");
  a->doc.published = GetOptionalString(d, "published");
  a->doc.language = GetOptionalString(d, "language");
  a->doc.body = GetString(d, "body");
  a->doc.body_offset = GetSize(d, "body_offset");
  const std::string_view body = a->doc.body;

  const json& dct = Member(j, "dct");
  a->dct.date = GetDate(dct, "date");
  a->dct.inferred = GetBool(dct, "inferred");
  a->dct.method = GetString(dct, "method");

  for (const json& s : GetArray(j, "sentences")) {
    Sentence out;
    out.start = GetSize(s, "start");
    out.end = GetSize(s, "end");
    out.text = GetSpanText(s, body, out.start, out.end, "sentence");
    out.heading = GetBool(s, "heading");
    a->sentences.push_back(std::move(out));
  }
  for (const json& t : GetArray(j, "timexes")) {
    time::Timex out;
    out.start = GetSize(t, "start");
    out.end = GetSize(t, "end");
    CheckSpan(out.start, out.end, body.size(), "timex");
    out.text = GetSpanText(t, body, out.start, out.end, "timex");
    out.type = GetString(t, "type");
    out.value = GetString(t, "value");
    out.mod = GetString(t, "mod");
    out.anchor = GetString(t, "anchor");
    a->timexes.push_back(std::move(out));
  }
  for (const json& m : GetArray(j, "actors")) {
    actors::ActorMention out;
    out.start = GetSize(m, "start");
    out.end = GetSize(m, "end");
    CheckSpan(out.start, out.end, body.size(), "actor mention");
    out.text = GetSpanText(m, body, out.start, out.end, "actor mention");
    out.actor = GetActor(m);
    out.form = FormFromName(GetString(m, "form"));
    a->actors.push_back(std::move(out));
  }
  for (const json& m : GetArray(j, "mentions")) {
    EventMention out;
    out.sentence = GetSize(m, "sentence");
    if (out.sentence >= a->sentences.size()) throw BadMember("mention of a sentence that does not exist");
    out.trigger_start = GetSize(m, "trigger_start");
    out.trigger_end = GetSize(m, "trigger_end");
    CheckSpan(out.trigger_start, out.trigger_end, body.size(), "trigger");
    if (const auto it = m.find("trigger"); it != m.end()) {
      if (!it->is_string()) throw BadMember("\"trigger\" is not a string");
      out.trigger = it->get<std::string>();
    } else {
      out.trigger = std::string(body.substr(out.trigger_start, out.trigger_end - out.trigger_start));
    }
    out.cls = ClassFromName(GetString(m, "class"));
    out.clause_start = GetSize(m, "clause_start");
    out.clause_end = GetSize(m, "clause_end");
    CheckSpan(out.clause_start, out.clause_end, body.size(), "clause");
    const int64_t timex = GetInt(m, "timex");
    if (timex < -1 || timex >= static_cast<int64_t>(a->timexes.size())) {
      throw BadMember("mention of a timex that does not exist");
    }
    out.timex = static_cast<int>(timex);
    out.own_date = GetBool(m, "own_date");
    out.date = GetDate(m, "date");
    out.day_lo = GetInt(m, "day_lo");
    out.day_hi = GetInt(m, "day_hi");
    for (const json& r : GetArray(m, "actors")) {
      RoleActor ra;
      ra.actor = GetActor(r);
      ra.role = GetString(r, "role");
      ra.text = GetString(r, "text");
      out.actors.push_back(std::move(ra));
    }
    for (const json& q : GetArray(m, "numbers")) {
      out.numbers.push_back({GetInt(q, "value"), GetString(q, "what"), GetString(q, "text"), GetString(q, "noun")});
    }
    out.attributed_to = GetString(m, "attributed_to");
    out.hedge = HedgeFromName(GetString(m, "hedge"));
    out.negated = GetBool(m, "negated");
    for (const json& c : GetArray(m, "cues")) {
      out.cues.push_back({GetString(c, "kind"), GetString(c, "value"), GetString(c, "text")});
    }
    out.in_timeline = GetBool(m, "in_timeline");
    out.excluded = GetString(m, "excluded");
    a->mentions.push_back(std::move(out));
  }
}

}  // namespace

void AppendAnalysisJsonLine(const DocumentAnalysis& a, std::string* out) {
  const std::string_view body = a.doc.body;
  util::JsonWriter w(out);
  w.BeginObject();
  w.Key("chronicle_extract");
  w.Int(kExtractFormatVersion);
  Str(w, "id", a.id);

  w.Key("doc");
  w.BeginObject();
  Str(w, "path", a.doc.path);
  OptionalString(w, "title", a.doc.title);
  OptionalString(w, "source", a.doc.source);
  OptionalString(w, "url", a.doc.url);
  OptionalString(w, "published", a.doc.published);
  OptionalString(w, "language", a.doc.language);
  Str(w, "body", body);
  Size(w, "body_offset", a.doc.body_offset);
  w.EndObject();

  w.Key("dct");
  w.BeginObject();
  Date(w, "date", a.dct.date);
  Flag(w, "inferred", a.dct.inferred);
  Str(w, "method", a.dct.method);
  w.EndObject();

  w.Key("sentences");
  w.BeginArray();
  for (const auto& s : a.sentences) {
    w.BeginObject();
    Size(w, "start", s.start);
    Size(w, "end", s.end);
    SpanText(w, body, s.start, s.end, s.text);
    Flag(w, "heading", s.heading);
    w.EndObject();
  }
  w.EndArray();

  w.Key("timexes");
  w.BeginArray();
  for (const auto& t : a.timexes) {
    w.BeginObject();
    Size(w, "start", t.start);
    Size(w, "end", t.end);
    SpanText(w, body, t.start, t.end, t.text);
    Str(w, "type", t.type);
    Str(w, "value", t.value);
    Str(w, "mod", t.mod);
    Str(w, "anchor", t.anchor);
    w.EndObject();
  }
  w.EndArray();

  w.Key("actors");
  w.BeginArray();
  for (const auto& m : a.actors) {
    w.BeginObject();
    Size(w, "start", m.start);
    Size(w, "end", m.end);
    SpanText(w, body, m.start, m.end, m.text);
    WriteActor(w, m.actor);
    Str(w, "form", actors::ToString(m.form));
    w.EndObject();
  }
  w.EndArray();

  w.Key("mentions");
  w.BeginArray();
  for (const auto& m : a.mentions) {
    w.BeginObject();
    Size(w, "sentence", m.sentence);
    if (!(m.trigger_start <= m.trigger_end && m.trigger_end <= body.size() &&
          body.substr(m.trigger_start, m.trigger_end - m.trigger_start) == m.trigger)) {
      Str(w, "trigger", m.trigger);
    }
    Size(w, "trigger_start", m.trigger_start);
    Size(w, "trigger_end", m.trigger_end);
    Str(w, "class", ToString(m.cls));
    Size(w, "clause_start", m.clause_start);
    Size(w, "clause_end", m.clause_end);
    w.Key("timex");
    w.Int(m.timex);
    Flag(w, "own_date", m.own_date);
    Date(w, "date", m.date);
    w.Key("day_lo");
    w.Int(m.day_lo);
    w.Key("day_hi");
    w.Int(m.day_hi);
    w.Key("actors");
    w.BeginArray();
    for (const auto& r : m.actors) {
      w.BeginObject();
      WriteActor(w, r.actor);
      Str(w, "role", r.role);
      Str(w, "text", r.text);
      w.EndObject();
    }
    w.EndArray();
    w.Key("numbers");
    w.BeginArray();
    for (const auto& q : m.numbers) {
      w.BeginObject();
      w.Key("value");
      w.Int(q.value);
      Str(w, "what", q.what);
      Str(w, "text", q.text);
      Str(w, "noun", q.noun);
      w.EndObject();
    }
    w.EndArray();
    Str(w, "attributed_to", m.attributed_to);
    Str(w, "hedge", ToString(m.hedge));
    Flag(w, "negated", m.negated);
    w.Key("cues");
    w.BeginArray();
    for (const auto& c : m.cues) {
      w.BeginObject();
      Str(w, "kind", c.kind);
      Str(w, "value", c.value);
      Str(w, "text", c.text);
      w.EndObject();
    }
    w.EndArray();
    Flag(w, "in_timeline", m.in_timeline);
    Str(w, "excluded", m.excluded);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  out->push_back('\n');
}

std::string AnalysisJsonLine(const DocumentAnalysis& analysis) {
  std::string out;
  out.reserve(2 * analysis.doc.body.size() + 1024);
  AppendAnalysisJsonLine(analysis, &out);
  return out;
}

bool AnalysisFromJson(std::string_view line, DocumentAnalysis* out, std::string* error) {
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  *out = DocumentAnalysis();
  try {
    const json j = json::parse(line);
    Read(j, out);
  } catch (const json::parse_error& e) {
    *error = std::string("not JSON: ") + e.what();
    return false;
  } catch (const BadMember& e) {
    *error = e.what();
    return false;
  } catch (const json::exception& e) {
    *error = e.what();
    return false;
  }
  return true;
}

}  // namespace chronicle::events
