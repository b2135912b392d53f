#include "time/found.h"

namespace chronicle::time {

namespace {

// Field keys are a few letters long: a loop beats a call to memcmp, and
// the passes over the expressions ask for fields all the time.
bool SameKey(const std::string& a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < b.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

bool FieldIs(const std::vector<std::pair<std::string, std::string>>& f, std::string_view key) {
  for (const auto& kv : f) {
    if (SameKey(kv.first, key)) return true;
  }
  return false;
}

std::string FieldValue(const std::vector<std::pair<std::string, std::string>>& f, std::string_view key) {
  for (const auto& kv : f) {
    if (SameKey(kv.first, key)) return kv.second;
  }
  return {};
}

// "a year earlier", "the day before": an anaphoric step back. Reports use
// these for comparisons and flashbacks, so the story's time stays where it
// was (a second "a year earlier" compares with the same year, not one
// further back); steps forward ("three weeks later") move the story on.
bool LooksBack(const Found& f) {
  if (FieldValue(f.fields, "anchor") != "narr") return false;
  const std::string off = FieldValue(f.fields, "off");
  return !off.empty() && off[0] == '-';
}

bool IsPartialDate(const Found& f) {
  for (const char* key : {"y", "yy", "yw", "unit", "decade", "century", "value"}) {
    if (FieldIs(f.fields, key)) return false;
  }
  return true;
}

bool IsComparison(const Found& f) { return FieldIs(f.fields, "cmp") && FieldValue(f.fields, "off").starts_with('-'); }

// An expression resolved against the narrative time ("three weeks later",
// "two days before").
bool IsAnaphoric(const Found& f) {
  return f.match.rule->TypeIs("DATE") && FieldValue(f.fields, "anchor") == "narr" && FieldIs(f.fields, "unit");
}

// A date that carries its own calendar position: a month, a day of a month
// or a year written out (not relative, not a weekday).
bool HasOwnDate(const Found& f) {
  return f.match.rule->TypeIs("DATE") && !FieldIs(f.fields, "unit") && !FieldIs(f.fields, "dow") &&
         (FieldIs(f.fields, "m") || FieldIs(f.fields, "y") || FieldIs(f.fields, "a") || FieldIs(f.fields, "holiday"));
}

}  // namespace chronicle::time
