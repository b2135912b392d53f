#include "time/fields.h"

#include <iterator>

namespace chronicle::time {

namespace {

// By Field, as the rules write them.
constexpr std::string_view kFieldNames[] = {
    "a",     "after", "ampm",    "anchor", "b",   "century", "cmp",  "d",       "dayfirst", "decade", "dir",
    "dow",   "dur",   "frac",    "gran",   "h",   "half",    "hhmm", "holiday", "latest",   "m",      "min",
    "mod",   "noref", "off",     "period", "pod", "q",       "ref",  "results", "season",   "span",   "unit",
    "value", "via",   "weekend", "weekof", "y",   "y2",      "yoff", "yw",      "yy"};
static_assert(std::size(kFieldNames) == static_cast<size_t>(Field::kCount), "a name for every Field");

constexpr const char* kTypeNames[] = {"DATE", "TIME", "DURATION", "SET", "NONE"};

}  // namespace

const char* TypeName(TimexType t) { return kTypeNames[static_cast<size_t>(t)]; }

bool ParseTimexType(std::string_view name, TimexType* out) {
  for (size_t i = 0; i < std::size(kTypeNames); ++i) {
    if (name == kTypeNames[i]) {
      *out = static_cast<TimexType>(i);
      return true;
    }
  }
  return false;
}

std::string_view FieldName(Field k) { return kFieldNames[static_cast<size_t>(k)]; }

bool ParseField(std::string_view name, Field* out) {
  for (size_t i = 0; i < std::size(kFieldNames); ++i) {
    if (name == kFieldNames[i]) {
      *out = static_cast<Field>(i);
      return true;
    }
  }
  return false;
}

}  // namespace chronicle::time
