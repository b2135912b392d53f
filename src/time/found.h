// Internal to src/time: an expression the grammar found, on its way to a
// Timex, and predicates over its fields shared by the tagger's passes.
#pragma once

#include <vector>

#include "time/fields.h"
#include "time/grammar.h"
#include "time/normalizer.h"

namespace chronicle::time {

struct Found {
  Match match;
  const Rule* merged_rule = nullptr;  // the second rule when two matches were joined
  FieldList fields;                   // the rule's actions with $N substituted
  Tense tense = Tense::kNone;
  bool sure_future = false;  // the future was decided by "will"/"shall" (see TenseAround)
};

// "a year earlier", "the day before": an anaphoric step back.
bool LooksBack(const Found& f);
// A date whose year the text leaves out ("on 25 December", "in May",
// "Tuesday"): the tagger guesses it.
bool IsPartialDate(const Found& f);
// A comparison with an earlier period ("a year ago", "the year-earlier
// quarter"): it neither moves the story's time nor names its period.
bool IsComparison(const Found& f);
// An expression resolved against the narrative time ("three weeks later").
bool IsAnaphoric(const Found& f);
// A date that carries its own calendar position (a month, a day of a month,
// a year written out; not relative, not a weekday).
bool HasOwnDate(const Found& f);

}  // namespace chronicle::time
