#include "time/normalizer.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "time/calendar.h"

namespace chronicle::time {
namespace {

// Appends v as a zero-padded decimal of at least `width` digits (a negative
// value keeps its sign in front of the padding).
void AppendPadded(std::string* out, int v, int width) {
  char buf[24];
  const int64_t magnitude = v < 0 ? -static_cast<int64_t>(v) : v;
  const auto digits_end = std::to_chars(buf, buf + sizeof buf, magnitude).ptr;
  const int digits = static_cast<int>(digits_end - buf);
  if (v < 0) out->push_back('-');
  if (digits < width) out->append(static_cast<size_t>(width - digits), '0');
  out->append(buf, digits_end);
}

// Zero-padded decimal (negative values keep their sign in front).
std::string Pad(int v, int width) {
  std::string out;
  AppendPadded(&out, v, width);
  return out;
}

bool ToInt(const std::string& s, int* out) {
  if (s.empty()) return false;
  const char* b = s.data();
  const char* e = s.data() + s.size();
  if (*b == '+') ++b;
  auto [p, ec] = std::from_chars(b, e, *out);
  return ec == std::errc() && p == e;
}

// The fields, as the normaliser reads them: a field with an empty value
// counts as absent.
struct Fields {
  const FieldList& kv;
  const std::string* Get(Field key) const {
    if (!kv.Has(key)) return nullptr;
    for (const FieldEntry& e : kv) {
      if (e.key == key && !e.value.empty()) return &e.value;
    }
    return nullptr;
  }
  bool Int(Field key, int* out) const {
    const std::string* v = Get(key);
    return v != nullptr && ToInt(*v, out);
  }
  std::string Str(Field key) const {
    const std::string* v = Get(key);
    return v ? *v : std::string();
  }
  std::string_view View(Field key) const {
    const std::string* v = Get(key);
    return v ? std::string_view(*v) : std::string_view();
  }
};

int64_t DayNumber(const TimePoint& p) { return cal::DaysFromCivil(p.y, p.m, p.d); }

TimePoint FromDays(int64_t days) {
  const cal::Ymd ymd = cal::CivilFromDays(days);
  return PointFromDate(ymd.y, ymd.m, ymd.d);
}

TimePoint WeekOf(int64_t days) {
  TimePoint p;
  p.gran = TimePoint::kWeek;
  cal::IsoWeek(days, &p.y, &p.week);
  return p;
}

int SeasonStartMonth(const std::string& s) {
  if (s == "SP") return 3;
  if (s == "SU") return 6;
  if (s == "FA") return 9;
  if (s == "WI") return 12;
  return 0;
}

// A reference day for a point: its first day (used to compare with partial
// dates and to shift by units).
int64_t StartDay(const TimePoint& p) {
  switch (p.gran) {
    case TimePoint::kDay:
      return DayNumber(p);
    case TimePoint::kWeek:
      return cal::IsoWeekStart(p.y, p.week);
    case TimePoint::kMonth:
      return cal::DaysFromCivil(p.y, p.m, 1);
    default:
      return cal::DaysFromCivil(p.y, p.m > 0 ? p.m : 1, 1);
  }
}

// Chooses the year for a period given without one (a day, a month, a
// season, a quarter), written as month*100+day keys [start, end].
//   - "last"/"next"/"this" are deictic: the period before, after or around
//     the reference.
//   - Otherwise the candidates are the reference's year and the years either
//     side. A past-tense clause rules out periods starting more than a month
//     after the document date (a past happening cannot follow the report; a
//     month of slack lets "authorized a split payable Dec. 7" stand). A
//     future clause rules out periods that ended more than a month before the
//     reference (future-in-the-past is common in reported speech, so the
//     narrative time is the yardstick there; "will" and "shall" are never
//     told in the past, so they get no slack). Of the candidates left, the
//     one nearest the reference wins.
int ChooseYear(const TimePoint& dct, const TimePoint& ref, int start, int end, std::string_view dir, Tense tense,
               bool sure_future) {
  const int y = ref.y;
  if (ref.m == 0) return y;
  const int ref_key = ref.m * 100 + (ref.gran == TimePoint::kDay ? ref.d : 15);
  if (dir == "this") return y;
  if (dir == "last") return end >= ref_key ? y - 1 : y;
  if (dir == "next") return start <= ref_key ? y + 1 : y;
  auto day_of = [](int year, int key) {
    const int m = key / 100;
    const int d = key % 100;
    const int mm = (m - 1) % 12 + 1, yy = year + (m - 1) / 12;
    const int dim = cal::DaysInMonth(yy, mm);
    return cal::DaysFromCivil(yy, mm, d > dim ? dim : (d < 1 ? 1 : d));
  };
  const int64_t ref_day = day_of(ref.y, ref_key);
  const bool dct_known = dct.known() && dct.m > 0;
  const int64_t dct_day = dct_known ? day_of(dct.y, dct.m * 100 + (dct.gran == TimePoint::kDay ? dct.d : 15)) : ref_day;
  const bool past = dir == "past" || (dir.empty() && tense == Tense::kPast);
  const bool future = dir == "future" || (dir.empty() && tense == Tense::kFuture);
  const int64_t slack = dir.empty() ? 31 : 0;
  int best = y;
  int64_t best_dist = -1;
  for (int cand = y - 1; cand <= y + 1; ++cand) {
    const int64_t s = day_of(cand, start), e = day_of(cand, end);
    if (past && s > dct_day + slack) continue;
    if (future && e < std::min(ref_day, dct_day) - (sure_future ? 0 : slack)) continue;
    const int64_t mid = (s + e) / 2;
    // Without a tense, news speaks of the past more often than of the
    // future: a later candidate must be twice as near to win.
    const int64_t dist = mid > ref_day ? (mid - ref_day) * (past || future ? 1 : 2) : ref_day - mid;
    if (best_dist < 0 || dist < best_dist) {
      best = cand;
      best_dist = dist;
    }
  }
  return best;
}

// A quarter or half that ended by the document date (true when the date is unknown).
bool PeriodEnded(const TimePoint& period, const TimePoint& dct) {
  if (!dct.known() || dct.m == 0 || period.part.size() != 2) return true;
  const int end_month = period.part[0] == 'Q' ? (period.part[1] - '0') * 3 : period.part[1] == '1' ? 6 : 12;
  return period.y * 100 + end_month < dct.y * 100 + dct.m;
}

}  // namespace

// How many sentences a narrative date keeps deciding the year of later
// partial dates.
constexpr int kYearContextSentences = 4;

TimePoint PointFromDate(int y, int m, int d) {
  TimePoint p;
  p.y = y;
  p.m = m;
  p.d = d;
  p.gran = d > 0 ? TimePoint::kDay : m > 0 ? TimePoint::kMonth : TimePoint::kYear;
  return p;
}

std::string TimePoint::Format() const {
  switch (gran) {
    case kNone:
      return "";
    case kCentury:
      return Pad(y / 100, 2);
    case kDecade:
      return Pad(y / 10, 3);
    case kYear:
      return Pad(y, 4);
    case kSeason:
    case kQuarter:
    case kHalf:
      return Pad(y, 4) + "-" + part;
    case kMonth:
    case kDay: {
      // The most frequent values: built in one string.
      if (char buf[10]; cal::WriteIsoDigits(y, m, d, buf)) return std::string(buf, gran == kDay ? 10 : 7);
      std::string out;
      AppendPadded(&out, y, 4);
      out.push_back('-');
      AppendPadded(&out, m, 2);
      if (gran == kDay) {
        out.push_back('-');
        AppendPadded(&out, d, 2);
      }
      return out;
    }
    case kWeek:
      return Pad(y, 4) + "-W" + Pad(week, 2) + (part.empty() ? "" : "-" + part);
  }
  return "";
}

// Shifts a point by `off` units. The result has the unit's granularity unless
// `gran_day` asks for a day (and the anchor has one).
static TimePoint Shift(const TimePoint& a, std::string_view unit, int off, bool gran_day) {
  TimePoint r;
  if (!a.known()) return r;
  if (a.gran == TimePoint::kWeek && (unit == "M" || unit == "Q")) {
    // "For the week ... the month's gains": a week counts as the month of
    // its Thursday (the day ISO gives a week its year by).
    const cal::Ymd thu = cal::CivilFromDays(cal::IsoWeekStart(a.y, a.week) + 3);
    return Shift(PointFromDate(thu.y, thu.m, 0), unit, off, false);
  }
  const bool has_day = a.gran == TimePoint::kDay;
  if (unit == "D") {
    if (!has_day) return a;
    return FromDays(DayNumber(a) + off);
  }
  if (unit == "W" || unit == "WE") {
    if (a.gran != TimePoint::kDay && a.gran != TimePoint::kWeek) return a;
    const int64_t day = StartDay(a) + (has_day ? DayNumber(a) - StartDay(a) : 0) + 7LL * off;
    if (gran_day && has_day) return FromDays(day);
    r = WeekOf(day);
    if (unit == "WE") r.part = "WE";
    return r;
  }
  if (unit == "M") {
    if (a.m == 0) return a;
    cal::Ymd ymd = cal::AddMonths(cal::Ymd{a.y, a.m, has_day ? a.d : 0}, off);
    if (gran_day && has_day) return PointFromDate(ymd.y, ymd.m, ymd.d);
    return PointFromDate(ymd.y, ymd.m, 0);
  }
  if (unit == "Q") {
    // A quarter anchor ("the third quarter") has no month: take its number.
    const int first_month = a.gran == TimePoint::kQuarter && a.part.size() == 2 ? (a.part[1] - '1') * 3 + 1 : a.m;
    if (first_month == 0) return a;
    int q = (first_month - 1) / 3 + off;
    int y = a.y + (q >= 0 ? q / 4 : (q - 3) / 4);
    q -= (y - a.y) * 4;
    r.gran = TimePoint::kQuarter;
    r.y = y;
    r.part = "Q" + std::to_string(q + 1);
    return r;
  }
  if (unit == "Y") {
    if (gran_day && has_day) {
      cal::Ymd ymd = cal::AddMonths(cal::Ymd{a.y, a.m, a.d}, 12 * off);
      return PointFromDate(ymd.y, ymd.m, ymd.d);
    }
    // "A year on" from "March 2012": keep the month the anchor has.
    if (gran_day && a.gran == TimePoint::kMonth) return PointFromDate(a.y + off, a.m, 0);
    return PointFromDate(a.y + off, 0, 0);
  }
  if (unit == "DE" || unit == "CE") {
    const int years = (unit == "DE" ? 10 : 100) * off;
    // "A decade later" after a dated happening: that date's year moved on.
    if (gran_day) return PointFromDate(a.y + years, 0, 0);
    r.gran = unit == "DE" ? TimePoint::kDecade : TimePoint::kCentury;
    r.y = unit == "DE" ? (a.y / 10 + off) * 10 : (a.y / 100 + off) * 100;
    return r;
  }

  if (unit == "H" || unit == "MIN" || unit == "S") {
    return a;  // sub-day shifts keep the anchor's date
  }
  return r;
}

NormalizeOutput Normalize(const NormalizeInput& in) {
  NormalizeOutput out;
  static const FieldList kNone;
  const Fields f{in.fields != nullptr ? *in.fields : kNone};
  out.type = in.type;
  out.mod = f.Str(Field::kMod);
  out.anchor = "none";
  const std::string_view anchor_kind = f.View(Field::kAnchor);
  const TimePoint& anchor = anchor_kind == "narr" && in.narrative.known() ? in.narrative : in.dct;
  const char* const anchor_name = anchor_kind == "narr" && in.narrative.known() ? "narrative" : "dct";
  // Partial dates ("on 28 December", "in May") in a narrative take their year
  // from the story's current time when the story has just set one ("On 25
  // December 2024 ... on 28 December"), and from the document date otherwise.
  const std::string_view dir_early = f.View(Field::kDir);
  // Only a narrative time within a year of the document date counts, so a
  // backgrounder that wanders into older years does not drag later partial
  // dates with it.
  const bool narrative_near_dct =
      !in.dct.known() || (in.narrative.known() && std::abs((in.narrative.y * 12 + in.narrative.m) -
                                                           (in.dct.y * 12 + (in.dct.m > 0 ? in.dct.m : 6))) <= 12);
  const bool use_narrative_year = anchor_kind != "narr" && dir_early.empty() &&
                                  in.narrative_age <= kYearContextSentences && in.narrative.gran >= TimePoint::kMonth &&
                                  in.narrative.gran != TimePoint::kWeek && narrative_near_dct &&
                                  (in.narrative_year_given || in.tense == Tense::kFuture);
  const TimePoint& year_ref = use_narrative_year ? in.narrative : anchor;
  const char* const year_ref_name = use_narrative_year ? "narrative" : anchor_name;

  if (const std::string* v = f.Get(Field::kValue)) {
    out.value = *v;
    // "every August": a month from the lexicon is one digit, TIMEX3 wants two (XXXX-08).
    if (out.value.size() == 6 && out.value.starts_with("XXXX-") && out.value[5] >= '1' && out.value[5] <= '9') {
      out.value.insert(5, 1, '0');
    }
    out.ok = true;
    return out;
  }

  if (in.type == TimexType::kDuration || (in.type == TimexType::kSet && f.Get(Field::kDur) != nullptr)) {
    const std::string unit = f.Str(Field::kUnit);
    std::string amount = f.Str(Field::kDur);
    if (amount.empty()) amount = "1";
    if (unit.empty()) return out;
    if (const std::string* frac = f.Get(Field::kFrac)) {
      // "5 1/2 hours"; other fractions are left to the whole number.
      if (*frac == "1/2") amount += ".5";
    }
    // A half unit in the next smaller one: "2 1/2 years" P2Y6M, "5 1/2
    // hours" PT5H30M, "a minute and a half" PT1M30S.
    if (amount.size() > 2 && amount.compare(amount.size() - 2, 2, ".5") == 0) {
      int whole = 0;
      const std::string w = amount.substr(0, amount.size() - 2);
      if (ToInt(w, &whole) && whole >= 0 && whole < 100000) {
        const char* half = unit == "Y"     ? "6M"
                           : unit == "M"   ? "15D"
                           : unit == "D"   ? "T12H"
                           : unit == "H"   ? "30M"
                           : unit == "MIN" ? "30S"
                                           : nullptr;
        if (half != nullptr) {
          const bool clock = unit == "H" || unit == "MIN";
          const std::string u = unit == "MIN" ? "M" : unit;
          out.value = std::string(clock ? "PT" : "P") + (whole > 0 ? w + u : "") + half;
          out.ok = true;
          return out;
        }
      }
    }
    if (unit == "DE" || unit == "CE") {
      // Decades and centuries as a length are written in years, as TimeBank
      // does ("two decades": P20Y, "a century": P100Y).
      const int per = unit == "DE" ? 10 : 100;
      int n = 0;
      out.value = ToInt(amount, &n) && n > 0 && n < 1000 ? "P" + std::to_string(per * n) + "Y"
                  : amount == "X"                        ? "PXY"
                                                         : "P" + amount + unit;
    } else if (unit == "H" || unit == "MIN" || unit == "S") {
      out.value = "PT" + amount + (unit == "MIN" ? "M" : unit);
    } else {
      out.value = "P" + amount + unit;
    }
    out.ok = true;
    return out;
  }

  // A date (or the date part of a time).
  TimePoint p;
  int y = 0, m = 0, d = 0, dow = 0, num = 0;
  bool has_y = f.Int(Field::kY, &y);
  if (int yw = 0, y2 = 0; f.Int(Field::kYw, &yw) && f.Int(Field::kY2, &y2)) {
    // A year in words: "nineteen ninety-six", "twenty twenty-five".
    if (y2 < 10 || y2 > 99 || (yw != 19 && yw != 20)) return out;
    y = yw * 100 + y2;
    has_y = true;
  }
  bool year_from_dct = false;
  if (int yoff = 0; !has_y && f.Int(Field::kYoff, &yoff) && in.dct.known()) {
    year_from_dct = true;
    // "February this year", "June last year": the year counted from the
    // document date.
    y = in.dct.y + yoff;
    has_y = true;
  }
  if (has_y && (y < 1000 || y > 2199)) return out;
  if (!has_y && f.Int(Field::kYy, &num)) y = num < 30 ? 2000 + num : 1900 + num;
  const bool year_given = has_y || f.Get(Field::kYy) != nullptr;
  f.Int(Field::kM, &m);
  f.Int(Field::kD, &d);
  int na = 0, nb = 0;
  if (f.Int(Field::kA, &na) && f.Int(Field::kB, &nb)) {
    // A numeric date: a number above 12 can only be the day; otherwise the
    // document's convention decides.
    const bool dmy = na > 12 || (nb <= 12 && (in.prefer_dmy || f.Get(Field::kDayfirst) != nullptr));
    d = dmy ? na : nb;
    m = dmy ? nb : na;
    if (m < 1 || m > 12) return out;
  }
  f.Int(Field::kDow, &dow);
  const std::string_view dir = f.View(Field::kDir);
  const std::string season = f.Str(Field::kSeason);
  const std::string quarter = f.Str(Field::kQ);
  const std::string half = f.Str(Field::kHalf);
  // Numbers come from the text: reject what no calendar has, before any
  // arithmetic can overflow ("Q9555555", "the 7th quarter").
  if (!quarter.empty() && (quarter.size() != 1 || quarter[0] < '1' || quarter[0] > '4')) return out;
  if (!half.empty() && half != "H1" && half != "H2") return out;  // "H3"
  if (f.Get(Field::kCentury) != nullptr) {
    int c = 0;
    if (!f.Int(Field::kCentury, &c) || c < 1 || c > 30) return out;
  }
  if (int off_check = 0;
      f.Get(Field::kOff) != nullptr && f.Int(Field::kOff, &off_check) && std::abs(off_check) > 10000) {
    return out;
  }
  const std::string_view unit = f.View(Field::kUnit);
  const std::string holiday = f.Str(Field::kHoliday);

  if (!holiday.empty()) {
    // Holidays: "MM-DD" fixed dates, "easter+N", or "nth:M:DOW:N".
    int hy = year_given ? y : anchor.y;
    auto resolve = [&](int year, int* hm, int* hd) {
      if (holiday.rfind("easter", 0) == 0) {
        int shift = 0;
        if (holiday.size() > 6) ToInt(holiday.substr(6), &shift);
        const cal::Ymd e = cal::EasterSunday(year);
        const cal::Ymd r = cal::CivilFromDays(cal::DaysFromCivil(e.y, e.m, e.d) + shift);
        *hm = r.m;
        *hd = r.d;
      } else if (holiday.rfind("nth:", 0) == 0) {
        // nth:MONTH:WEEKDAY:N[+D][:election] — the N-th weekday (N=-1: the
        // last), D days on ("Black Friday": nth:11:4:4+1, the day after
        // Thanksgiving); US election day is the Tuesday after the first Monday.
        int hm2 = 0, hdow = 0, hn = 0, consumed = 0, shift = 0;
        std::sscanf(holiday.c_str(), "nth:%d:%d:%d%n", &hm2, &hdow, &hn, &consumed);
        if (consumed > 0 && static_cast<size_t>(consumed) < holiday.size() && holiday[consumed] == '+') {
          std::sscanf(holiday.c_str() + consumed + 1, "%d", &shift);
          if (shift < 0 || shift > 31) shift = 0;
        }
        if (hm2 < 1 || hm2 > 12 || hdow < 1 || hdow > 7 || hn == 0 || hn > 5) {
          *hm = 0;
          return;
        }
        cal::Ymd r = cal::NthWeekdayOfMonth(year, hm2, hdow, hn);
        if (holiday.find(":election") != std::string::npos) {
          const cal::Ymd monday = cal::NthWeekdayOfMonth(year, hm2, 1, 1);
          r = cal::CivilFromDays(cal::DaysFromCivil(monday.y, monday.m, monday.d) + 1);
        }
        if (r.m != hm2) {  // a fifth weekday the month does not have
          *hm = 0;
          return;
        }
        if (shift != 0) r = cal::CivilFromDays(cal::DaysFromCivil(r.y, r.m, r.d) + shift);
        *hm = r.m;
        *hd = r.d;
      } else {
        std::sscanf(holiday.c_str(), "%d-%d", hm, hd);
      }
    };
    if (!anchor.known() && !year_given) {
      out.value = "XXXX";
      out.ok = true;
      return out;
    }
    resolve(hy, &m, &d);
    if (m == 0) return out;
    if (!year_given) {
      hy = ChooseYear(in.dct, year_ref, m * 100 + d, m * 100 + d, dir, in.tense, in.sure_future);
      resolve(hy, &m, &d);
      if (m == 0) return out;
      out.anchor = year_ref_name;
    }
    p = PointFromDate(hy, m, d);
  } else if (f.Get(Field::kCentury)) {
    int c = 0;
    f.Int(Field::kCentury, &c);
    p.gran = TimePoint::kCentury;
    p.y = (c - 1) * 100;
  } else if (f.Get(Field::kDecade)) {
    int dec = 0;
    f.Int(Field::kDecade, &dec);
    p.gran = TimePoint::kDecade;
    p.y = dec * 10;
  } else if (year_given) {
    if (m > 0 && d > 0 && !cal::IsValidDate(y, m, d)) return out;
    p = PointFromDate(y, m, d);
    if (year_from_dct) out.anchor = "dct";
    if (!season.empty() || !quarter.empty() || !half.empty()) {
      p.gran = !season.empty() ? TimePoint::kSeason : !quarter.empty() ? TimePoint::kQuarter : TimePoint::kHalf;
      p.part = !season.empty() ? season : !quarter.empty() ? "Q" + quarter : half;
    } else if (f.Get(Field::kPeriod) != nullptr && in.period.known() && in.period_age <= kPeriodContextSentences) {
      // "the 1988 quarter" after "the third quarter": that quarter of 1988.
      p = in.period;
      p.y = y;
    }
  } else if (m > 0) {
    if (d > 31) return out;
    if (!anchor.known()) {
      out.value = "XXXX-" + Pad(m, 2) + (d > 0 ? "-" + Pad(d, 2) : "");
      out.ok = true;
      return out;
    }
    const int yy = d > 0 ? ChooseYear(in.dct, year_ref, m * 100 + d, m * 100 + d, dir, in.tense, in.sure_future)
                         : ChooseYear(in.dct, year_ref, m * 100 + 1, m * 100 + 31, dir, in.tense, in.sure_future);
    if (d > 0 && !cal::IsValidDate(yy, m, d)) return out;
    p = PointFromDate(yy, m, d);
    out.anchor = year_ref_name;
  } else if (!season.empty() || !quarter.empty() || !half.empty()) {
    if (!anchor.known()) {
      out.value = "XXXX-" + (!season.empty() ? season : !quarter.empty() ? "Q" + quarter : half);
      out.ok = true;
      return out;
    }
    const int start_month = !season.empty()    ? SeasonStartMonth(season)
                            : !quarter.empty() ? (std::atoi(quarter.c_str()) - 1) * 3 + 1
                                               : (half == "H2" ? 7 : 1);
    int off = 0;
    f.Int(Field::kOff, &off);
    const int end_month = start_month + (!half.empty() ? 5 : 2);
    if (season.empty() && dir.empty() && anchor.m > 0) {
      // Quarters and halves name reporting periods. Unless the clause is
      // future, a report speaks of the latest one that has begun: "the
      // fourth quarter" in a March report is last year's, "the third
      // quarter" in November this year's. A future clause takes the first
      // one that has not ended, or, when its results are named (the tagger
      // marks results=1), ended within the last three months ("will report
      // fourth-quarter results" in January is last year's; "sales will
      // recover in the fourth quarter" in February this year's).
      const int64_t ref = cal::DaysFromCivil(anchor.y, anchor.m, anchor.d > 0 ? anchor.d : 15);
      const int end_y = end_month > 12 ? 1 : 0;
      int chosen = anchor.y;
      if (in.tense == Tense::kFuture) {
        for (int cy = anchor.y - 1; cy <= anchor.y + 1; ++cy) {
          // Quarterly results come after the quarter.
          const int64_t grace = !quarter.empty() && f.Get(Field::kResults) != nullptr ? 92 : 0;
          if (cal::DaysFromCivil(cy + end_y, (end_month - 1) % 12 + 1, 28) >= ref - grace) {
            chosen = cy;
            break;
          }
        }
      } else {
        for (int cy = anchor.y + 1; cy >= anchor.y - 1; --cy) {
          if (cal::DaysFromCivil(cy, start_month, 1) <= ref + 31) {
            chosen = cy;
            break;
          }
        }
      }
      p.y = chosen + off;
    } else {
      p.y = ChooseYear(in.dct, anchor, start_month * 100 + 1, end_month * 100 + 31, dir, in.tense, in.sure_future) + off;
    }
    p.gran = !season.empty() ? TimePoint::kSeason : !quarter.empty() ? TimePoint::kQuarter : TimePoint::kHalf;
    p.part = !season.empty() ? season : !quarter.empty() ? "Q" + quarter : half;
    out.anchor = anchor_name;
  } else if (dow > 0) {
    if (!anchor.known() || anchor.gran != TimePoint::kDay) {
      out.value = "XXXX-WXX-" + std::to_string(dow);
      out.ok = true;
      return out;
    }
    const int64_t a = DayNumber(anchor);
    const int aw = cal::Weekday(a);
    int64_t day;
    const bool future = dir == "next" || dir == "future" || (dir.empty() && in.tense == Tense::kFuture);
    if (dir == "this") {
      day = a - (aw - 1) + (dow - 1);
    } else if (dir == "last") {
      day = a - ((aw - dow + 7) % 7 == 0 ? 7 : (aw - dow + 7) % 7);
    } else if (future) {
      // The same weekday as the reference is that day ("talks are due to
      // end on Thursday" written on a Thursday), as in the past case.
      day = dir == "next" ? a + ((dow - aw + 7) % 7 == 0 ? 7 : (dow - aw + 7) % 7) : a + (dow - aw + 7) % 7;
    } else {
      day = a - (aw - dow + 7) % 7;
    }
    p = FromDays(day);
    out.anchor = anchor_name;
  } else if (!unit.empty()) {
    int off = 0;
    const std::string* off_s = f.Get(Field::kOff);
    if (off_s != nullptr && *off_s != "X" && *off_s != "-X" && !ToInt(*off_s, &off)) return out;
    if (!anchor.known()) {
      out.value = unit == "Y" ? "XXXX" : unit == "M" ? "XXXX-XX" : unit == "W" ? "XXXX-WXX" : "XXXX-XX-XX";
      out.ok = true;
      return out;
    }
    if (off_s != nullptr && (*off_s == "X" || *off_s == "-X")) {
      // "days earlier", "weeks later": an unknown number of units; keep the
      // granularity one step coarser than the unit.
      const std::string_view coarse = unit == "D" ? "W" : unit == "W" ? "M" : unit == "M" ? "Y" : unit;
      p = Shift(anchor, coarse, 0, false);
      if (unit == "D" && anchor.gran == TimePoint::kDay) p = anchor;  // "days earlier": near the anchor
      out.mod = (*off_s == "X") ? "AFTER" : "BEFORE";
    } else {
      // "the weekend" in a past-tense clause written on a weekday is the
      // one just gone.
      if (unit == "WE" && off == 0 && f.Get(Field::kWeekend) != nullptr && in.tense == Tense::kPast &&
          anchor.gran == TimePoint::kDay && cal::Weekday(DayNumber(anchor)) < 6) {
        off = -1;
      }
      p = Shift(anchor, unit, off, f.Str(Field::kGran) == "D");
      out.anchor = anchor_name;
      // A quarter cannot be counted from a year alone ("the quarter" after
      // "in 1990"): count from the document date instead; in a past clause
      // "the quarter" is the one just reported.
      if (unit == "Q" && p.gran != TimePoint::kQuarter && in.dct.known() && &anchor != &in.dct) {
        p = Shift(in.dct, unit, off - (off == 0 && in.tense == Tense::kPast ? 1 : 0), false);
        out.anchor = "dct";
      }
      // "the latest period", "the latest quarter" shortly after a reporting
      // period was named ("fiscal second-quarter net ... The latest period
      // includes gains"): that period rather than the quarter before the
      // document's, if it can have been reported: a fiscal one, or one that
      // ended by the document date (not "a fourth-quarter charge" foreseen
      // in November).
      const bool period_is_part = in.period.gran == TimePoint::kQuarter || in.period.gran == TimePoint::kHalf;
      if (f.Get(Field::kLatest) != nullptr && in.period.known() && in.period_age <= kPeriodContextSentences &&
          period_is_part && (in.period_fiscal || PeriodEnded(in.period, in.dct))) {
        p = in.period;
        out.anchor = "narrative";
      }
      // A comparison ("a year earlier", "the year-ago quarter") shortly
      // after a reporting period ("the third quarter") is that period a year
      // before.
      // After a span of months ("the nine months"), the period is a year:
      // "the year-earlier period" is the year before, "the quarter" is left
      // to the document date.
      if (f.Get(Field::kCmp) != nullptr && in.period.known() && in.period_age <= kPeriodContextSentences &&
          (unit == "Y" || (unit == "Q" && (period_is_part || off % 4 == 0)))) {
        p = Shift(in.period, unit, off, false);
        if (unit == "Y" || !period_is_part) {
          p = in.period;
          p.y += unit == "Y" ? off : off / 4;
        }
        out.anchor = "narrative";
      }
    }
  } else if (f.Get(Field::kH) || f.Get(Field::kPod) || f.Get(Field::kHhmm)) {
    // A time of day alone: the day the narrative is on when it was set in
    // this or the previous sentence ("On Friday ... at 10:35 a.m."), else
    // the document date.
    if (in.narrative_recent && in.narrative.gran == TimePoint::kDay) {
      p = in.narrative;
      out.anchor = "narrative";
    } else {
      p = in.dct;
      out.anchor = "dct";
    }
  } else if (f.Get(Field::kRef)) {
    p = anchor;
    out.anchor = anchor_name;
  } else {
    return out;
  }

  // Time of day.
  int h = -1, mi = 0;
  std::string pod = f.Str(Field::kPod);
  // The lexicon's MI (midnight) and MD (noon, midday) are clock times, not
  // TimeML parts of the day: "midnight on Sunday" is T24:00, "Friday noon"
  // T12:00, as the rules for the words alone give.
  if (!f.Get(Field::kH) && !f.Get(Field::kHhmm) && (pod == "MI" || pod == "MD")) {
    h = pod == "MI" ? 24 : 12;
    pod.clear();
  } else if (const std::string* hhmm = f.Get(Field::kHhmm)) {
    // A 24-hour clock written as four digits: "0830 GMT".
    int v = 0;
    if (hhmm->size() != 4 || !ToInt(*hhmm, &v) || v / 100 > 23 || v % 100 > 59) return out;
    h = v / 100;
    mi = v % 100;
  } else if (f.Int(Field::kH, &h)) {
    f.Int(Field::kMin, &mi);
    const std::string_view ampm = f.View(Field::kAmpm);
    if (ampm == "pm" && h < 12) h += 12;
    if (ampm == "am" && h == 12) h = 0;
    if (h > 24 || mi > 59) return out;
  }
  // "the week of March 6": the ISO week that holds the day; weekof=WE its
  // weekend ("the second weekend of May").
  if (const std::string* wk = f.Get(Field::kWeekof); wk != nullptr && p.gran == TimePoint::kDay) {
    p = WeekOf(DayNumber(p));
    if (*wk == "WE") p.part = "WE";
  }
  std::string value = p.Format();
  if (value.empty()) value = "XXXX-XX-XX";
  if (h >= 0 || !pod.empty()) {
    if (p.gran != TimePoint::kDay) {
      value = p.known() && p.gran == TimePoint::kDay ? value : (p.known() ? value : "XXXX-XX-XX");
    }
    value += h >= 0 ? "T" + Pad(h, 2) + ":" + Pad(mi, 2) : "T" + pod;
    out.type = in.type == TimexType::kDate && h >= 0 ? TimexType::kTime : in.type;
  }
  out.value = value;
  out.point = p;
  out.ok = true;
  return out;
}

}  // namespace chronicle::time
