// The timeline scorer. Both files are read with nlohmann-json and checked
// field by field, so a bad file is reported with the place and the reason
// instead of being scored as if it were empty. Scoring compares every output
// event with every gold happening once (a few thousand pairs for the seeds)
// and derives all figures and the misses from that table.
#include "eval/timeline_eval.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <utility>

#include "time/timex.h"

namespace chronicle::eval {
namespace {

using nlohmann::json;

// ---------------------------------------------------------------- dates

// A date as timeline.json and the gold write it: exactly "YYYY", "YYYY-MM"
// or "YYYY-MM-DD" (time::ParseIsoDate also takes timestamps).
std::optional<time::CalendarDate> ParseDate(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  return time::ParseIsoDate(s);
}

// ---------------------------------------------------------------- JSON input

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Reads `key` of `obj` as a string into *out. Absent or null is allowed
// unless `required`.
bool GetString(const json& obj, const char* key, bool required, std::string* out, const std::string& where,
               std::string* error) {
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (!required) return true;
    *error = where + ": no " + Quoted(key);
    return false;
  }
  if (!it->is_string()) {
    *error = where + ": " + Quoted(key) + " is not a string";
    return false;
  }
  *out = it->get<std::string>();
  if (required && out->empty()) {
    *error = where + ": " + Quoted(key) + " is empty";
    return false;
  }
  return true;
}

// The array `key` of `obj` (an empty one when absent and not required).
const json* GetArray(const json& obj, const char* key, bool required, const std::string& where,
                     std::string* error) {
  static const json kEmpty = json::array();
  const auto it = obj.find(key);
  if (it == obj.end() || it->is_null()) {
    if (!required) return &kEmpty;
    *error = where + ": no " + Quoted(key) + " array";
    return nullptr;
  }
  if (!it->is_array()) {
    *error = where + ": " + Quoted(key) + " is not an array";
    return nullptr;
  }
  return &*it;
}

// Reads `key` of `obj` as an array of non-empty strings.
bool GetStrings(const json& obj, const char* key, bool required, std::vector<std::string>* out,
                const std::string& where, std::string* error) {
  const json* array = GetArray(obj, key, required, where, error);
  if (array == nullptr) return false;
  for (size_t i = 0; i < array->size(); ++i) {
    const json& v = (*array)[i];
    if (!v.is_string() || v.get<std::string>().empty()) {
      *error = where + ": " + key + "[" + std::to_string(i) + "] is not a non-empty string";
      return false;
    }
    out->push_back(v.get<std::string>());
  }
  if (required && out->empty()) {
    *error = where + ": " + Quoted(key) + " is empty";
    return false;
  }
  return true;
}

bool ValidKind(const std::string& kind) {
  return kind == "agent" || kind == "number" || kind == "date" || kind == "attribute" || kind == "framing";
}

bool ParseDisagreement(const json& j, const GoldHappening& h, const std::string& where, GoldDisagreement* d,
                       std::string* error) {
  if (!j.is_object()) {
    *error = where + ": not an object";
    return false;
  }
  if (!GetString(j, "kind", true, &d->kind, where, error)) return false;
  if (!ValidKind(d->kind)) {
    *error = where + ": kind " + Quoted(d->kind) + " is not agent, number, date, attribute or framing";
    return false;
  }
  if (!GetString(j, "note", false, &d->note, where, error)) return false;
  const json* sides = GetArray(j, "sides", true, where, error);
  if (sides == nullptr) return false;
  if (sides->size() < 2) {
    *error = where + ": a disagreement needs at least two sides";
    return false;
  }
  for (size_t i = 0; i < sides->size(); ++i) {
    const std::string at = where + ".sides[" + std::to_string(i) + "]";
    const json& s = (*sides)[i];
    if (!s.is_object()) {
      *error = at + ": not an object";
      return false;
    }
    GoldSide side;
    if (!GetString(s, "value", false, &side.value, at, error)) return false;
    if (!GetStrings(s, "files", true, &side.files, at, error)) return false;
    for (const auto& f : side.files) {
      if (std::find(h.sources.begin(), h.sources.end(), f) == h.sources.end()) {
        *error = at + ": file " + Quoted(f) + " is not a source of the happening";
        return false;
      }
    }
    d->sides.push_back(std::move(side));
  }
  return true;
}

bool ParseHappening(const json& j, const std::string& index, GoldHappening* h, std::string* error) {
  if (!j.is_object()) {
    *error = index + ": not an object";
    return false;
  }
  if (!GetString(j, "id", true, &h->id, index, error)) return false;
  const std::string where = index + " (" + h->id + ")";
  if (!GetString(j, "date", true, &h->date, where, error)) return false;
  if (!ParseDate(h->date)) {
    *error = where + ": date " + Quoted(h->date) + " is not YYYY, YYYY-MM or YYYY-MM-DD";
    return false;
  }
  if (!GetString(j, "description", false, &h->description, where, error)) return false;
  if (!GetStrings(j, "sources", true, &h->sources, where, error)) return false;
  if (!GetStrings(j, "keywords", true, &h->keywords, where, error)) return false;
  if (const auto it = j.find("optional"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      *error = where + ": \"optional\" is not true or false";
      return false;
    }
    h->optional = it->get<bool>();
  }
  if (const auto it = j.find("multi_source"); it != j.end() && !it->is_null()) {
    if (!it->is_boolean()) {
      *error = where + ": \"multi_source\" is not true or false";
      return false;
    }
    if (it->get<bool>() != (h->sources.size() >= 2)) {
      *error = where + ": \"multi_source\" is " + (it->get<bool>() ? "true" : "false") + " but there are " +
               std::to_string(h->sources.size()) + " sources";
      return false;
    }
  }
  const json* ds = GetArray(j, "disagreements", false, where, error);
  if (ds == nullptr) return false;
  for (size_t i = 0; i < ds->size(); ++i) {
    GoldDisagreement d;
    if (!ParseDisagreement((*ds)[i], *h, where + ".disagreements[" + std::to_string(i) + "]", &d, error)) {
      return false;
    }
    h->disagreements.push_back(std::move(d));
  }
  return true;
}

std::string Basename(const std::string& path) {
  const size_t slash = path.find_last_of("/\\");
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::optional<json> ReadJsonFile(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return std::nullopt;
  }
  try {
    return json::parse(in);
  } catch (const json::parse_error& e) {
    *error = path + ": not valid JSON: " + e.what();
    return std::nullopt;
  }
}

// ---------------------------------------------------------------- scoring

void Add(std::vector<std::string>* v, const std::string& s) {
  if (std::find(v->begin(), v->end(), s) == v->end()) v->push_back(s);
}

std::string Join(const std::vector<std::string>& items, const char* sep) {
  std::string out;
  for (const auto& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

// True when some mention of `e` from a source of `h` has a key word of `h`.
bool KeywordFromSource(const GoldHappening& h, const OutputEvent& e) {
  for (const auto& m : e.mentions) {
    if (std::find(h.sources.begin(), h.sources.end(), m.file) == h.sources.end()) continue;
    for (const auto& k : h.keywords) {
      if (ContainsKeyword(m.sentence, k)) return true;
    }
  }
  return false;
}

std::vector<std::string> GoldFilesOf(const GoldHappening& h, const OutputEvent& e) {
  std::vector<std::string> files;
  for (const auto& f : h.sources) {
    if (std::binary_search(e.files.begin(), e.files.end(), f)) files.push_back(f);
  }
  return files;
}

// True when the claims of `c` come from files of at least two different
// sides of `d`.
bool SidesCovered(const GoldDisagreement& d, const OutputConflict& c) {
  int sides = 0;
  for (const auto& side : d.sides) {
    bool has = false;
    for (const auto& f : side.files) {
      has = has || std::find(c.files.begin(), c.files.end(), f) != c.files.end();
    }
    sides += has ? 1 : 0;
  }
  return sides >= 2;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

json RatioJson(const Ratio& r) { return {{"hit", r.hit}, {"total", r.total}, {"value", r.value()}}; }

}  // namespace

// ---------------------------------------------------------------- public

bool IsTimelineDate(std::string_view date) { return ParseDate(date).has_value(); }

bool DateInside(std::string_view output, std::string_view gold) {
  const auto o = ParseDate(output);
  const auto g = ParseDate(gold);
  if (!o || !g || o->year != g->year) return false;
  // Each field the gold gives must be given and equal (a zero month or day
  // is not given).
  if (g->month != 0 && o->month != g->month) return false;
  if (g->day != 0 && o->day != g->day) return false;
  return true;
}

bool DatesNest(std::string_view a, std::string_view b) { return DateInside(a, b) || DateInside(b, a); }

bool ContainsKeyword(std::string_view sentence, std::string_view keyword) {
  if (keyword.empty() || keyword.size() > sentence.size()) return false;
  auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
  for (size_t i = 0; i + keyword.size() <= sentence.size(); ++i) {
    if (i > 0 && alnum(sentence[i - 1])) continue;
    size_t k = 0;
    while (k < keyword.size() && lower(sentence[i + k]) == lower(keyword[k])) ++k;
    if (k == keyword.size()) return true;
  }
  return false;
}

bool EventMatches(const GoldHappening& h, const OutputEvent& e, bool lenient_date) {
  const bool date_ok = lenient_date ? DatesNest(e.date, h.date) : DateInside(e.date, h.date);
  return date_ok && KeywordFromSource(h, e);
}

std::optional<GoldTimeline> ParseGoldTimeline(const json& j, std::string* error) {
  if (!j.is_object()) {
    *error = "the gold timeline is not a JSON object";
    return std::nullopt;
  }
  const json* hs = GetArray(j, "happenings", true, "gold timeline", error);
  if (hs == nullptr) return std::nullopt;
  if (hs->empty()) {
    *error = "gold timeline: \"happenings\" is empty";
    return std::nullopt;
  }
  GoldTimeline gold;
  std::set<std::string> ids;
  for (size_t i = 0; i < hs->size(); ++i) {
    GoldHappening h;
    if (!ParseHappening((*hs)[i], "happenings[" + std::to_string(i) + "]", &h, error)) return std::nullopt;
    if (!ids.insert(h.id).second) {
      *error = "happenings[" + std::to_string(i) + "]: duplicate id " + Quoted(h.id);
      return std::nullopt;
    }
    gold.happenings.push_back(std::move(h));
  }
  return gold;
}

std::optional<OutputTimeline> ParseOutputTimeline(const json& j, std::string* error) {
  if (!j.is_object()) {
    *error = "the timeline is not a JSON object";
    return std::nullopt;
  }
  std::map<std::string, std::string> file_of;  // document id -> file name
  const json* docs = GetArray(j, "documents", true, "timeline", error);
  if (docs == nullptr) return std::nullopt;
  for (size_t i = 0; i < docs->size(); ++i) {
    const std::string where = "documents[" + std::to_string(i) + "]";
    const json& d = (*docs)[i];
    if (!d.is_object()) {
      *error = where + ": not an object";
      return std::nullopt;
    }
    std::string id, path;
    if (!GetString(d, "id", true, &id, where, error) || !GetString(d, "path", false, &path, where, error)) {
      return std::nullopt;
    }
    if (!file_of.emplace(id, path.empty() ? id : Basename(path)).second) {
      *error = where + ": duplicate id " + Quoted(id);
      return std::nullopt;
    }
  }
  auto file = [&](const std::string& doc, const std::string& where, std::string* out) {
    const auto it = file_of.find(doc);
    if (it == file_of.end()) {
      *error = where + ": unknown document " + Quoted(doc);
      return false;
    }
    *out = it->second;
    return true;
  };

  OutputTimeline out;
  std::map<std::string, size_t> index_of;  // event id -> position
  const json* events = GetArray(j, "events", true, "timeline", error);
  if (events == nullptr) return std::nullopt;
  for (size_t i = 0; i < events->size(); ++i) {
    const std::string index = "events[" + std::to_string(i) + "]";
    const json& ej = (*events)[i];
    if (!ej.is_object()) {
      *error = index + ": not an object";
      return std::nullopt;
    }
    OutputEvent e;
    if (!GetString(ej, "id", true, &e.id, index, error)) return std::nullopt;
    const std::string where = index + " (" + e.id + ")";
    if (!GetString(ej, "date", false, &e.date, where, error) ||
        !GetString(ej, "summary", false, &e.summary, where, error)) {
      return std::nullopt;
    }
    std::vector<std::string> sources;
    if (!GetStrings(ej, "sources", false, &sources, where, error)) return std::nullopt;
    for (size_t s = 0; s < sources.size(); ++s) {
      std::string f;
      if (!file(sources[s], where + ".sources[" + std::to_string(s) + "]", &f)) return std::nullopt;
      e.files.push_back(f);
    }
    const json* mentions = GetArray(ej, "mentions", true, where, error);
    if (mentions == nullptr) return std::nullopt;
    for (size_t m = 0; m < mentions->size(); ++m) {
      const std::string at = where + ".mentions[" + std::to_string(m) + "]";
      const json& mj = (*mentions)[m];
      if (!mj.is_object()) {
        *error = at + ": not an object";
        return std::nullopt;
      }
      std::string doc;
      OutputMention mention;
      if (!GetString(mj, "doc", true, &doc, at, error) ||
          !GetString(mj, "sentence", true, &mention.sentence, at, error) || !file(doc, at, &mention.file)) {
        return std::nullopt;
      }
      e.files.push_back(mention.file);
      e.mentions.push_back(std::move(mention));
    }
    std::sort(e.files.begin(), e.files.end());
    e.files.erase(std::unique(e.files.begin(), e.files.end()), e.files.end());
    if (!index_of.emplace(e.id, out.events.size()).second) {
      *error = where + ": duplicate id";
      return std::nullopt;
    }
    out.events.push_back(std::move(e));
  }

  const json* conflicts = GetArray(j, "conflicts", false, "timeline", error);
  if (conflicts == nullptr) return std::nullopt;
  for (size_t i = 0; i < conflicts->size(); ++i) {
    const std::string where = "conflicts[" + std::to_string(i) + "]";
    const json& c = (*conflicts)[i];
    if (!c.is_object()) {
      *error = where + ": not an object";
      return std::nullopt;
    }
    std::string event;
    OutputConflict conflict;
    if (!GetString(c, "event", true, &event, where, error) ||
        !GetString(c, "kind", true, &conflict.kind, where, error)) {
      return std::nullopt;
    }
    const auto it = index_of.find(event);
    if (it == index_of.end()) {
      *error = where + ": unknown event " + Quoted(event);
      return std::nullopt;
    }
    const json* claims = GetArray(c, "claims", false, where, error);
    if (claims == nullptr) return std::nullopt;
    for (size_t k = 0; k < claims->size(); ++k) {
      const std::string at = where + ".claims[" + std::to_string(k) + "]";
      const json& cl = (*claims)[k];
      if (!cl.is_object()) {
        *error = at + ": not an object";
        return std::nullopt;
      }
      std::string doc, f;
      if (!GetString(cl, "doc", true, &doc, at, error) || !file(doc, at, &f)) return std::nullopt;
      Add(&conflict.files, f);
    }
    out.events[it->second].conflicts.push_back(std::move(conflict));
  }
  return out;
}

std::optional<GoldTimeline> ReadGoldTimeline(const std::string& path, std::string* error) {
  auto j = ReadJsonFile(path, error);
  if (!j) return std::nullopt;
  auto gold = ParseGoldTimeline(*j, error);
  if (!gold) *error = path + ": " + *error;
  return gold;
}

std::optional<OutputTimeline> ReadOutputTimeline(const std::string& path, std::string* error) {
  auto j = ReadJsonFile(path, error);
  if (!j) return std::nullopt;
  auto out = ParseOutputTimeline(*j, error);
  if (!out) *error = path + ": " + *error;
  return out;
}

TimelineReport ScoreTimeline(const GoldTimeline& gold, const OutputTimeline& output) {
  TimelineReport r;
  const auto& hs = gold.happenings;
  const auto& es = output.events;
  r.events = static_cast<int>(es.size());

  // matches[h][e]: the strict rule; lenient[e]: any happening by the lenient rule.
  std::vector<std::vector<bool>> matches(hs.size(), std::vector<bool>(es.size()));
  for (size_t h = 0; h < hs.size(); ++h) {
    for (size_t e = 0; e < es.size(); ++e) matches[h][e] = EventMatches(hs[h], es[e]);
  }

  std::vector<TimelineMiss> missed, unmerged, unreported, unmatched;
  for (size_t h = 0; h < hs.size(); ++h) {
    const GoldHappening& g = hs[h];
    if (g.optional) {
      ++r.optional;
      continue;
    }
    ++r.happenings;
    const bool multi = g.sources.size() >= 2;
    if (multi) ++r.multi_source;
    r.disagreements += static_cast<int>(g.disagreements.size());
    r.scores.recall.total += 1;
    r.scores.disagreements_strict.total += static_cast<int>(g.disagreements.size());
    r.scores.disagreements_lenient.total += static_cast<int>(g.disagreements.size());
    r.scores.disagreements_sided.total += static_cast<int>(g.disagreements.size());

    std::vector<size_t> found;
    for (size_t e = 0; e < es.size(); ++e) {
      if (matches[h][e]) found.push_back(e);
    }
    if (found.empty()) {
      std::vector<std::string> near;
      for (const auto& e : es) {
        if (KeywordFromSource(g, e)) near.push_back(e.id + " " + (e.date.empty() ? "(no date)" : e.date));
      }
      missed.push_back({"missed", g.id, g.date, g.description,
                        near.empty() ? "no event with a key word from a source"
                                     : "same words, other date: " + Join(near, ", ")});
      for (const auto& d : g.disagreements) {
        unreported.push_back({"unreported", g.id, g.date, d.kind + ": " + d.note, "happening missed"});
      }
      continue;
    }
    r.scores.recall.hit += 1;

    if (multi) {
      r.scores.merged.total += 1;
      r.scores.merged_all.total += 1;
      size_t best = 0;
      std::vector<std::string> carried;
      for (size_t e : found) {
        const auto files = GoldFilesOf(g, es[e]);
        best = std::max(best, files.size());
        carried.push_back(es[e].id + " [" + Join(files, " ") + "]");
      }
      if (best >= 2) r.scores.merged.hit += 1;
      if (best == g.sources.size()) r.scores.merged_all.hit += 1;
      if (best < 2) {
        unmerged.push_back({"unmerged", g.id, g.date, g.description,
                            "of " + Join(g.sources, " ") + ": " + Join(carried, ", ")});
      }
    }

    for (const auto& d : g.disagreements) {
      bool strict = false, lenient = false, sided = false;
      std::vector<std::string> kinds;
      for (size_t e : found) {
        for (const auto& c : es[e].conflicts) {
          Add(&kinds, c.kind);
          lenient = true;
          if (c.kind != d.kind) continue;
          strict = true;
          sided = sided || SidesCovered(d, c);
        }
      }
      if (strict) r.scores.disagreements_strict.hit += 1;
      if (lenient) r.scores.disagreements_lenient.hit += 1;
      if (sided) r.scores.disagreements_sided.hit += 1;
      if (!sided) {
        unreported.push_back({"unreported", g.id, g.date, d.kind + ": " + d.note,
                              kinds.empty() ? "no conflict on the matching events"
                              : strict      ? "a " + d.kind + " conflict, but not between the gold sides"
                                            : "reported kinds: " + Join(kinds, " ")});
      }
    }
  }

  for (size_t e = 0; e < es.size(); ++e) {
    bool strict = false, lenient = false;
    std::vector<std::string> near;
    for (size_t h = 0; h < hs.size(); ++h) {
      strict = strict || matches[h][e];
      if (!matches[h][e] && KeywordFromSource(hs[h], es[e])) {
        near.push_back(hs[h].id + " " + hs[h].date);
        lenient = lenient || DatesNest(es[e].date, hs[h].date);
      }
    }
    r.scores.precision.total += 1;
    r.scores.precision_lenient.total += 1;
    if (strict) r.scores.precision.hit += 1;
    if (strict || lenient) r.scores.precision_lenient.hit += 1;
    if (!strict) {
      const OutputEvent& ev = es[e];
      std::string detail = ev.mentions.empty() ? "no mention" : ev.mentions.front().file;
      if (!near.empty()) detail += "; same words, other date: " + Join(near, ", ");
      unmatched.push_back({"unmatched", ev.id, ev.date.empty() ? "(no date)" : ev.date, ev.summary, detail});
    }
  }

  for (auto* part : {&missed, &unmerged, &unreported, &unmatched}) {
    r.misses.insert(r.misses.end(), part->begin(), part->end());
  }
  return r;
}

std::optional<TimelineReport> RunTimelineEval(const std::string& gold_path, const std::string& timeline_path,
                                              std::string* error) {
  const auto gold = ReadGoldTimeline(gold_path, error);
  if (!gold) return std::nullopt;
  const auto output = ReadOutputTimeline(timeline_path, error);
  if (!output) return std::nullopt;
  return ScoreTimeline(*gold, *output);
}

std::string FormatTimelineReport(const TimelineReport& r) {
  std::string out;
  char line[200];
  auto add = [&](const char* label, const Ratio& x) {
    const int n = std::snprintf(line, sizeof line, "%-34s%.3f   %d/%d\n", label, x.value(), x.hit, x.total);
    if (n > 0) out.append(line, std::min(static_cast<size_t>(n), sizeof line - 1));
  };
  int n = std::snprintf(line, sizeof line,
                        "gold happenings   %d (%d multi-source, %d disagreements; %d optional not counted)\n"
                        "output events     %d\n\n",
                        r.happenings, r.multi_source, r.disagreements, r.optional, r.events);
  if (n > 0) out.append(line, std::min(static_cast<size_t>(n), sizeof line - 1));
  out += "                                  share   count\n";
  const TimelineScores& s = r.scores;
  add("recall (found, right date)", s.recall);
  add("merged (>= 2 gold sources)", s.merged);
  add("merged (all gold sources)", s.merged_all);
  add("disagreements (same kind)", s.disagreements_strict);
  add("disagreements (any kind)", s.disagreements_lenient);
  add("disagreements (same kind, sides)", s.disagreements_sided);
  add("precision (real dated happening)", s.precision);
  add("precision (date nesting)", s.precision_lenient);
  int kinds[4] = {0, 0, 0, 0};
  for (const auto& m : r.misses) {
    kinds[m.kind == "missed" ? 0 : m.kind == "unmerged" ? 1 : m.kind == "unreported" ? 2 : 3] += 1;
  }
  n = std::snprintf(line, sizeof line, "\nmisses            %d missed, %d unmerged, %d unreported, %d unmatched\n",
                    kinds[0], kinds[1], kinds[2], kinds[3]);
  if (n > 0) out.append(line, std::min(static_cast<size_t>(n), sizeof line - 1));
  return out;
}

json TimelineReportJson(const TimelineReport& r) {
  json misses = json::array();
  for (const auto& m : r.misses) {
    misses.push_back({{"kind", m.kind}, {"id", m.id}, {"date", m.date}, {"text", m.text}, {"detail", m.detail}});
  }
  const TimelineScores& s = r.scores;
  return {
      {"happenings", r.happenings},
      {"optional", r.optional},
      {"multi_source", r.multi_source},
      {"disagreements", r.disagreements},
      {"events", r.events},
      {"recall", RatioJson(s.recall)},
      {"merged", RatioJson(s.merged)},
      {"merged_all", RatioJson(s.merged_all)},
      {"disagreements_strict", RatioJson(s.disagreements_strict)},
      {"disagreements_lenient", RatioJson(s.disagreements_lenient)},
      {"disagreements_sided", RatioJson(s.disagreements_sided)},
      {"precision", RatioJson(s.precision)},
      {"precision_lenient", RatioJson(s.precision_lenient)},
      {"misses", misses},
  };
}

std::string FormatTimelineMisses(const TimelineReport& r) {
  std::string out;
  for (const auto& m : r.misses) {
    out += m.kind + "\t" + OneLine(m.id) + "\t" + OneLine(m.date) + "\t" + OneLine(m.text) + "\t" +
           OneLine(m.detail) + "\n";
  }
  return out;
}

}  // namespace chronicle::eval
