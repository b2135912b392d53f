// Unit tests of the calendar arithmetic in src/time/calendar.h: day numbers,
// weekdays, ISO weeks, month arithmetic and movable holidays. Known dates are
// checked against published calendars; the day-number functions are checked
// exhaustively over 1600-2400 against a day-by-day count.
#include <gtest/gtest.h>

#include <cstdint>

#include "time/calendar.h"

namespace {

using chronicle::time::cal::AddMonths;
using chronicle::time::cal::CivilFromDays;
using chronicle::time::cal::DaysFromCivil;
using chronicle::time::cal::DaysInMonth;
using chronicle::time::cal::EasterSunday;
using chronicle::time::cal::IsoWeek;
using chronicle::time::cal::IsoWeekStart;
using chronicle::time::cal::IsValidDate;
using chronicle::time::cal::NthWeekdayOfMonth;
using chronicle::time::cal::Weekday;
using chronicle::time::cal::Ymd;

constexpr int kMonday = 1, kThursday = 4, kFriday = 5, kSaturday = 6, kSunday = 7;

::testing::AssertionResult SameDate(const Ymd& got, int y, int m, int d) {
  if (got.y == y && got.m == m && got.d == d) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "got " << got.y << "-" << got.m << "-" << got.d << ", want " << y << "-"
                                       << m << "-" << d;
}

struct IsoWeekOf {
  int iso_year = 0;
  int week = 0;
};

IsoWeekOf IsoWeekOfDate(int y, int m, int d) {
  IsoWeekOf w;
  IsoWeek(DaysFromCivil(y, m, d), &w.iso_year, &w.week);
  return w;
}

TEST(TimexCalendar, EpochAndKnownDayNumbers) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2000, 1, 1), 10957);
  EXPECT_EQ(DaysFromCivil(2024, 2, 29), 19782);
  EXPECT_EQ(DaysFromCivil(2025, 7, 25), 20294);
  EXPECT_EQ(DaysFromCivil(1600, 1, 1), -135140);
  EXPECT_EQ(DaysFromCivil(2400, 12, 31), 157419);
  EXPECT_TRUE(SameDate(CivilFromDays(0), 1970, 1, 1));
  EXPECT_TRUE(SameDate(CivilFromDays(-1), 1969, 12, 31));
  EXPECT_TRUE(SameDate(CivilFromDays(19782), 2024, 2, 29));
  EXPECT_TRUE(SameDate(CivilFromDays(-135140), 1600, 1, 1));
}

// Walks every day of 1600-01-01 .. 2400-12-31 in calendar order: each date
// must get the next day number, and the day number must map back to it. The
// range spans the 1700/1800/1900/2100/2200/2300 non-leap and 1600/2000/2400
// leap century years.
TEST(TimexCalendar, DaysFromCivilRoundTrips1600To2400) {
  int64_t expected = DaysFromCivil(1600, 1, 1);
  int failures = 0;
  for (int y = 1600; y <= 2400 && failures < 10; ++y) {
    for (int m = 1; m <= 12; ++m) {
      for (int d = 1; d <= DaysInMonth(y, m); ++d) {
        const int64_t z = DaysFromCivil(y, m, d);
        const Ymd back = CivilFromDays(z);
        if (z != expected || back.y != y || back.m != m || back.d != d) {
          ADD_FAILURE() << y << "-" << m << "-" << d << ": day " << z << " (want " << expected << "), back "
                        << back.y << "-" << back.m << "-" << back.d;
          ++failures;
        }
        ++expected;
      }
    }
  }
  // 801 years with 195 leap years (97 per 400 years, plus 1600, 2000 and 2400
  // counted in the extra year).
  EXPECT_EQ(expected - DaysFromCivil(1600, 1, 1), 801 * 365 + 195);
}

TEST(TimexCalendar, DaysInMonthAndLeapYears) {
  EXPECT_EQ(DaysInMonth(2025, 1), 31);
  EXPECT_EQ(DaysInMonth(2025, 4), 30);
  EXPECT_EQ(DaysInMonth(2025, 2), 28);
  EXPECT_EQ(DaysInMonth(2024, 2), 29);
  EXPECT_EQ(DaysInMonth(1900, 2), 28);
  EXPECT_EQ(DaysInMonth(2000, 2), 29);
  EXPECT_EQ(DaysInMonth(2100, 2), 28);
  EXPECT_EQ(DaysInMonth(2025, 0), 0);
  EXPECT_EQ(DaysInMonth(2025, 13), 0);

  EXPECT_TRUE(IsValidDate(2024, 2, 29));
  EXPECT_FALSE(IsValidDate(2025, 2, 29));
  EXPECT_FALSE(IsValidDate(1900, 2, 29));
  EXPECT_TRUE(IsValidDate(2000, 2, 29));
  EXPECT_FALSE(IsValidDate(2025, 4, 31));
  EXPECT_FALSE(IsValidDate(2025, 0, 1));
  EXPECT_FALSE(IsValidDate(2025, 13, 1));
  EXPECT_FALSE(IsValidDate(2025, 1, 0));
  EXPECT_TRUE(IsValidDate(2025, 12, 31));
}

TEST(TimexCalendar, WeekdayOfKnownDates) {
  EXPECT_EQ(Weekday(DaysFromCivil(1970, 1, 1)), kThursday);
  EXPECT_EQ(Weekday(DaysFromCivil(1969, 12, 28)), kSunday);  // negative day numbers
  EXPECT_EQ(Weekday(DaysFromCivil(1600, 1, 1)), kSaturday);
  EXPECT_EQ(Weekday(DaysFromCivil(1752, 9, 14)), kThursday);  // proleptic Gregorian
  EXPECT_EQ(Weekday(DaysFromCivil(2000, 1, 1)), kSaturday);
  EXPECT_EQ(Weekday(DaysFromCivil(2001, 9, 11)), 2);  // Tuesday
  EXPECT_EQ(Weekday(DaysFromCivil(2024, 2, 29)), kThursday);
  EXPECT_EQ(Weekday(DaysFromCivil(2025, 7, 25)), kFriday);
  EXPECT_EQ(Weekday(DaysFromCivil(2025, 12, 25)), kThursday);
  EXPECT_EQ(Weekday(DaysFromCivil(2400, 12, 31)), kSunday);
}

TEST(TimexCalendar, IsoWeeksOfEdgeDates) {
  struct Case {
    int y, m, d, iso_year, week;
  };
  const Case cases[] = {
      {2020, 12, 31, 2020, 53},  // Thursday: week 53 of its own year
      {2021, 1, 1, 2020, 53},    // Friday
      {2021, 1, 3, 2020, 53},    // Sunday: still the last week of 2020
      {2021, 1, 4, 2021, 1},     // Monday
      {2024, 12, 29, 2024, 52},  // Sunday
      {2024, 12, 30, 2025, 1},   // Monday of the week holding 2025-01-02 (Thursday)
      {2024, 12, 31, 2025, 1},
      {2025, 1, 1, 2025, 1},
      {2008, 12, 29, 2009, 1},
      {2010, 1, 3, 2009, 53},
      {2015, 12, 31, 2015, 53},
      {2016, 1, 3, 2015, 53},
      {2026, 1, 1, 2026, 1},     // Thursday
      {2027, 1, 1, 2026, 53},    // Friday
      {2025, 7, 25, 2025, 30},
  };
  for (const Case& c : cases) {
    const IsoWeekOf w = IsoWeekOfDate(c.y, c.m, c.d);
    EXPECT_EQ(w.iso_year, c.iso_year) << c.y << "-" << c.m << "-" << c.d;
    EXPECT_EQ(w.week, c.week) << c.y << "-" << c.m << "-" << c.d;
  }
}

TEST(TimexCalendar, IsoWeekStartIsMondayOfThatWeek) {
  EXPECT_TRUE(SameDate(CivilFromDays(IsoWeekStart(2025, 1)), 2024, 12, 30));
  EXPECT_TRUE(SameDate(CivilFromDays(IsoWeekStart(2020, 53)), 2020, 12, 28));
  EXPECT_TRUE(SameDate(CivilFromDays(IsoWeekStart(2021, 1)), 2021, 1, 4));
  EXPECT_TRUE(SameDate(CivilFromDays(IsoWeekStart(2025, 30)), 2025, 7, 21));
}

// Every day of 1600-2400 lies in the ISO week whose Monday IsoWeekStart
// returns, and weeks are numbered 1..52 or 1..53.
TEST(TimexCalendar, IsoWeekAgreesWithIsoWeekStart1600To2400) {
  int failures = 0;
  for (int64_t z = DaysFromCivil(1600, 1, 1); z <= DaysFromCivil(2400, 12, 31) && failures < 10; ++z) {
    int iso_year = 0, week = 0;
    IsoWeek(z, &iso_year, &week);
    const int64_t monday = IsoWeekStart(iso_year, week);
    if (week < 1 || week > 53 || Weekday(monday) != kMonday || z < monday || z >= monday + 7) {
      const Ymd d = CivilFromDays(z);
      ADD_FAILURE() << d.y << "-" << d.m << "-" << d.d << ": " << iso_year << "-W" << week;
      ++failures;
    }
  }
}

TEST(TimexCalendar, EasterSundays) {
  EXPECT_TRUE(SameDate(EasterSunday(1818), 1818, 3, 22));  // earliest possible
  EXPECT_TRUE(SameDate(EasterSunday(1943), 1943, 4, 25));  // latest possible
  EXPECT_TRUE(SameDate(EasterSunday(2000), 2000, 4, 23));
  EXPECT_TRUE(SameDate(EasterSunday(2019), 2019, 4, 21));
  EXPECT_TRUE(SameDate(EasterSunday(2024), 2024, 3, 31));
  EXPECT_TRUE(SameDate(EasterSunday(2025), 2025, 4, 20));
  EXPECT_TRUE(SameDate(EasterSunday(2026), 2026, 4, 5));
  EXPECT_TRUE(SameDate(EasterSunday(2038), 2038, 4, 25));
  for (int y = 1600; y <= 2400; ++y) {
    const Ymd e = EasterSunday(y);
    EXPECT_EQ(Weekday(DaysFromCivil(e.y, e.m, e.d)), kSunday) << y;
    EXPECT_TRUE((e.m == 3 && e.d >= 22) || (e.m == 4 && e.d <= 25)) << y << ": " << e.m << "-" << e.d;
  }
}

TEST(TimexCalendar, NthWeekdayOfMonth) {
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2025, 11, kThursday, 4), 2025, 11, 27));  // Thanksgiving
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2024, 11, kThursday, 4), 2024, 11, 28));
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2025, 9, kMonday, 1), 2025, 9, 1));   // Labor Day: the 1st itself
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2025, 1, kMonday, 3), 2025, 1, 20));  // MLK Day
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2025, 5, kMonday, -1), 2025, 5, 26));  // Memorial Day
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2025, 8, kSunday, -1), 2025, 8, 31));  // last day itself
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2024, 2, kThursday, -1), 2024, 2, 29));
  EXPECT_TRUE(SameDate(NthWeekdayOfMonth(2025, 3, kSunday, -1), 2025, 3, 30));  // EU summer time
}

TEST(TimexCalendar, AddMonthsClampsToMonthEnd) {
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 1, 31}, 1), 2025, 2, 28));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2024, 1, 31}, 1), 2024, 2, 29));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 3, 31}, -1), 2025, 2, 28));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 5, 31}, 1), 2025, 6, 30));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 1, 31}, 2), 2025, 3, 31));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2024, 2, 29}, 12), 2025, 2, 28));
}

TEST(TimexCalendar, AddMonthsCrossesYears) {
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 11, 15}, 2), 2026, 1, 15));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 1, 15}, -1), 2024, 12, 15));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 1, 15}, -13), 2023, 12, 15));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 12, 1}, 25), 2028, 1, 1));
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 7, 25}, 0), 2025, 7, 25));
  // Month precision (day 0) stays month precision.
  EXPECT_TRUE(SameDate(AddMonths(Ymd{2025, 7, 0}, -7), 2024, 12, 0));
}

}  // namespace
