// The normaliser turns a grammar match into a TIMEX3 value. A rule's actions
// describe a temporal expression as fields (year, month, day, weekday, season,
// relative unit and offset, duration amount, ...); the normaliser resolves
// the underspecified ones against a reference time:
//   - deictic expressions ("yesterday", "last week", "on Thursday") against
//     the document creation time (DCT);
//   - anaphoric ones ("three weeks later", "the day before") against the
//     narrative reference time: the most recent resolved date in the text;
//   - partial dates ("on 25 December", "in February") take the year that
//     makes them past or future according to the tense of their clause.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "time/fields.h"

namespace chronicle::time {

// A resolved point or period of time at some granularity.
// How many sentences a reporting period stays the subject of comparisons
// ("Sales rose 8% ... [five sentences] ... from a year earlier" still
// compares quarters).
constexpr int kPeriodContextSentences = 8;

struct TimePoint {
  enum Gran { kNone, kCentury, kDecade, kYear, kSeason, kQuarter, kHalf, kMonth, kWeek, kDay };
  Gran gran = kNone;
  int y = 0, m = 0, d = 0;
  int week = 0;      // ISO week (kWeek; y is the ISO year)
  std::string part;  // season (SP/SU/FA/WI), quarter (Q1..Q4), half (H1/H2), "WE" (weekend)
  bool known() const { return gran != kNone; }
  std::string Format() const;
};

enum class Tense { kNone, kPast, kFuture };

struct NormalizeInput {
  // The rule's actions with $N substituted. Points at the caller's list (no
  // copy per expression); must outlive the call.
  const FieldList* fields = nullptr;
  TimexType type = TimexType::kDate;
  TimePoint dct;        // may be unknown
  TimePoint narrative;  // may be unknown
  Tense tense = Tense::kNone;
  bool sure_future = false;  // a "will" future: no slack for futures told in the past
  bool narrative_recent = false;  // the narrative time was set in this or the previous sentence
  int narrative_age = 1000;       // sentences since the narrative time was set
  // The narrative time's year was written, not guessed: only then does it
  // decide the year of a later partial date in a clause that is not future.
  bool narrative_year_given = true;
  bool prefer_dmy = false;  // numeric dates like 03/07/2025 read day first
  // The latest reporting period (a quarter or a half) the text named, and how
  // many sentences ago: "a year earlier" compares with that period.
  TimePoint period;
  int period_age = 1000;
  bool period_fiscal = false;  // the period was named as a fiscal one ("fiscal second-quarter")
};

struct NormalizeOutput {
  TimexType type = TimexType::kDate;
  std::string value;
  std::string mod;
  std::string anchor;  // "dct", "narrative" or "none"
  TimePoint point;     // the resolved date, when it is one
  bool ok = false;     // false: the match should be dropped
};

NormalizeOutput Normalize(const NormalizeInput& in);

// A point from a calendar date at day/month/year precision.
TimePoint PointFromDate(int y, int m, int d);

}  // namespace chronicle::time
