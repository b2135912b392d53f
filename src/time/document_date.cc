#include "time/document_date.h"

#include <cstdlib>
#include <string_view>
#include <unordered_set>

#include "time/calendar.h"
#include "time/normalizer.h"

namespace chronicle::time {

// Explains the document-date inference. Without metadata the document date
// is taken from the content: a report is written on or shortly after the
// latest happening it dates confidently. Candidates are expressions that
// carry their own year (absolute dates like "27 June 2025" or "July 2025")
// outside future-tense clauses; the latest one wins, preferring day over
// month precision when they agree. A deictic cue pointing at the day before
// ("yesterday") moves the date one day on. The result is marked inferred.
DocumentDate InferDocumentDate(const std::vector<Found>& found, const std::vector<Token>& tokens) {
  DocumentDate dd;
  dd.inferred = true;
  TimePoint best;
  bool best_is_bound = false;  // the latest date is named as a starting point ("since December 2024")
  bool yesterday_cue = false;
  for (const auto& f : found) {
    if (!f.match.rule->TypeIs(TimexType::kDate)) continue;
    if (f.tense == Tense::kFuture) continue;
    const bool has_year = f.fields.Has(Field::kY);
    if (!has_year || f.fields.Has(Field::kUnit) || f.fields.Has(Field::kSeason) || f.fields.Has(Field::kQ) ||
        f.fields.Has(Field::kDecade) || f.fields.Has(Field::kCentury) || f.fields.Has(Field::kMod)) {
      if (f.match.rule->name.rfind("yesterday", 0) == 0) yesterday_cue = true;
      continue;
    }
    NormalizeInput in;
    in.fields = &f.fields;
    in.type = TimexType::kDate;
    const NormalizeOutput o = Normalize(in);
    if (!o.ok || o.point.gran < TimePoint::kYear) continue;
    const TimePoint& p = o.point;
    auto key = [](const TimePoint& t) {
      return static_cast<int64_t>(t.y) * 10000 + (t.m > 0 ? t.m : 0) * 100 + (t.d > 0 ? t.d : 0);
    };
    // Month-level "July 2025" beats "27 June 2025"; "27 July" beats "July".
    auto later = [&](const TimePoint& a, const TimePoint& b) {
      const int64_t ka = static_cast<int64_t>(a.y) * 100 + a.m, kb = static_cast<int64_t>(b.y) * 100 + b.m;
      if (ka != kb) return ka > kb;
      return key(a) > key(b);
    };
    // "since the December 2024 downing": the story's present lies after it.
    bool bound = false;
    for (int t = f.match.begin - 1; t >= 0 && t >= f.match.begin - 3; --t) {
      const std::string_view w = tokens[static_cast<size_t>(t)].lower;
      if (w == "since") bound = true;
    }
    if (!best.known() || later(p, best)) {
      best = p;
      best_is_bound = bound;
    }
  }
  if (!best.known()) {
    dd.method = "none";
    return dd;
  }
  dd.date = CalendarDate{best.y, best.m, best.d};
  dd.method = "latest-dated-event";
  // Day-and-month dates without a year ("on 19 July") that fall shortly
  // after that date, in the same year, are later happenings of the same
  // story: the report cannot predate them.
  if (best.m > 0) {
    const int64_t base = cal::DaysFromCivil(best.y, best.m, best.d > 0 ? best.d : 1);
    int64_t latest = base;
    for (const auto& f : found) {
      if (!f.match.rule->TypeIs(TimexType::kDate) || f.tense == Tense::kFuture) continue;
      if (!f.fields.Has(Field::kM) || !f.fields.Has(Field::kD) || f.fields.Has(Field::kY) || f.fields.Has(Field::kYy) ||
          f.fields.Has(Field::kUnit) || f.fields.Has(Field::kA)) {
        continue;
      }
      int m = 0, d = 0;
      for (const FieldEntry& e : f.fields) {
        if (e.key == Field::kM) m = std::atoi(e.value.c_str());
        if (e.key == Field::kD) d = std::atoi(e.value.c_str());
      }
      // The first occurrence after the latest date; after a starting point
      // ("since ...") the story runs up to a year on, else up to two months.
      int64_t day = -1;
      for (int y = best.y; y <= best.y + 1 && day < 0; ++y) {
        if (cal::IsValidDate(y, m, d) && cal::DaysFromCivil(y, m, d) > base) day = cal::DaysFromCivil(y, m, d);
      }
      const int64_t window = best_is_bound ? 366 : 60;
      if (day > latest && day - base <= window) latest = day;
    }
    if (latest > base) {
      const cal::Ymd ymd = cal::CivilFromDays(latest);
      best = PointFromDate(ymd.y, ymd.m, ymd.d);
      dd.date = CalendarDate{ymd.y, ymd.m, ymd.d};
      dd.method = "latest-dated-event+partial-dates";
    }
  }
  if (yesterday_cue && best.gran == TimePoint::kDay) {
    const cal::Ymd next = cal::CivilFromDays(cal::DaysFromCivil(best.y, best.m, best.d) + 1);
    dd.date = CalendarDate{next.y, next.m, next.d};
    dd.method = "latest-dated-event+yesterday";
  }
  return dd;
}

// Decides the order of ambiguous numeric dates (03/07/2025) for the whole
// document: numeric dates with a part above 12 show the convention; failing
// that, a reading that equals the document date or a date written out in
// words elsewhere in the text does. Month-first is the default.
bool PreferDayFirst(const std::vector<Found>& found, const CalendarDate& dct, int month_class) {
  int dmy = 0, mdy = 0;
  // Without numeric evidence, the order of the dates written with a month
  // name decides: a text that writes "5 May" writes 05/03 for 5 March.
  int day_word = 0, word_day = 0;
  // Dates written out in full, as yyyymmdd keys; a hash set keeps this
  // linear however many dates a document holds.
  std::unordered_set<int64_t> written;
  auto key = [](int y, int m, int d) { return static_cast<int64_t>(y) * 10000 + m * 100 + d; };
  if (dct.day != 0) written.insert(key(dct.year, dct.month, dct.day));
  for (const auto& f : found) {
    if (f.fields.Has(Field::kY) && f.fields.Has(Field::kM) && f.fields.Has(Field::kD)) {
      NormalizeInput in;
      in.fields = &f.fields;
      in.type = TimexType::kDate;
      const NormalizeOutput o = Normalize(in);
      if (o.ok && o.point.gran == TimePoint::kDay) written.insert(key(o.point.y, o.point.m, o.point.d));
    }
  }
  for (const auto& f : found) {
    if (f.fields.Has(Field::kM) && f.fields.Has(Field::kD) && !f.fields.Has(Field::kA)) {
      const auto& elements = f.match.rule->elements;
      for (size_t k = 0; k < elements.size() && k < f.match.captures.size(); ++k) {
        if (f.match.captures[k].begin < 0) continue;
        if (elements[k].kind == ElementKind::kDay) {
          ++day_word;
          break;
        }
        if (elements[k].kind == ElementKind::kLexClass && elements[k].cls == month_class) {
          ++word_day;
          break;
        }
      }
    }
    int a = 0, b = 0, y = 0;
    for (const FieldEntry& e : f.fields) {
      // The grammar gives day-sized numbers and four-digit years; anything
      // longer is not a date part (and must not overflow the key).
      if (e.value.size() > 4) continue;
      if (e.key == Field::kA) a = std::atoi(e.value.c_str());
      if (e.key == Field::kB) b = std::atoi(e.value.c_str());
      if (e.key == Field::kY) y = std::atoi(e.value.c_str());
    }
    if (a == 0 || b == 0 || a > 31 || b > 31) continue;
    if (a > 12)
      ++dmy;
    else if (b > 12)
      ++mdy;
    if (written.count(key(y, b, a))) ++dmy;
    if (written.count(key(y, a, b))) ++mdy;
  }
  return dmy > mdy || (dmy == mdy && day_word > word_day);
}

}  // namespace chronicle::time
