#include "time/found.h"

namespace chronicle::time {

// "a year earlier", "the day before": an anaphoric step back. Reports use
// these for comparisons and flashbacks, so the story's time stays where it
// was (a second "a year earlier" compares with the same year, not one
// further back); steps forward ("three weeks later") move the story on.
bool LooksBack(const Found& f) {
  if (f.fields.Value(Field::kAnchor) != "narr") return false;
  return f.fields.Value(Field::kOff).starts_with('-');
}

bool IsPartialDate(const Found& f) {
  for (Field key : {Field::kY, Field::kYy, Field::kYw, Field::kUnit, Field::kDecade, Field::kCentury, Field::kValue}) {
    if (f.fields.Has(key)) return false;
  }
  return true;
}

bool IsComparison(const Found& f) { return f.fields.Has(Field::kCmp) && f.fields.Value(Field::kOff).starts_with('-'); }

// An expression resolved against the narrative time ("three weeks later",
// "two days before").
bool IsAnaphoric(const Found& f) {
  return f.match.rule->TypeIs(TimexType::kDate) && f.fields.Value(Field::kAnchor) == "narr" &&
         f.fields.Has(Field::kUnit);
}

// A date that carries its own calendar position: a month, a day of a month
// or a year written out (not relative, not a weekday).
bool HasOwnDate(const Found& f) {
  return f.match.rule->TypeIs(TimexType::kDate) && !f.fields.Has(Field::kUnit) && !f.fields.Has(Field::kDow) &&
         (f.fields.Has(Field::kM) || f.fields.Has(Field::kY) || f.fields.Has(Field::kA) ||
          f.fields.Has(Field::kHoliday));
}

}  // namespace chronicle::time
