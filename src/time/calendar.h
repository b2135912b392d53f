// Proleptic Gregorian calendar arithmetic for the normaliser: day numbers,
// weekdays, ISO weeks, month arithmetic and movable holidays.
//
// Days are counted from 1970-01-01 (day 0), using Howard Hinnant's
// civil-from-days algorithms, so any shift is O(1).
#pragma once

#include <cstdint>

namespace chronicle::time::cal {

struct Ymd {
  int y = 0, m = 0, d = 0;
};

int64_t DaysFromCivil(int y, int m, int d);
Ymd CivilFromDays(int64_t z);
int DaysInMonth(int y, int m);
bool IsValidDate(int y, int m, int d);
// ISO weekday: 1 = Monday ... 7 = Sunday.
int Weekday(int64_t days);
// ISO 8601 week: the week-numbering year and week number of a day.
void IsoWeek(int64_t days, int* iso_year, int* week);
// Monday of the given ISO week.
int64_t IsoWeekStart(int iso_year, int week);
// Adds months, clamping the day to the end of the target month.
Ymd AddMonths(Ymd date, int months);
// Easter Sunday of a year (anonymous Gregorian algorithm).
Ymd EasterSunday(int year);
// The n-th (1-based; -1 = last) given weekday of a month.
Ymd NthWeekdayOfMonth(int y, int m, int weekday, int n);
// Writes y-m-d as "YYYY-MM-DD" (as "%04d-%02d-%02d" would) into out[0..10)
// when 0 <= y <= 9999 and 0 <= m, d <= 99 (every real date); returns false,
// writing nothing, otherwise. Dates are written often: no snprintf.
bool WriteIsoDigits(int y, int m, int d, char out[10]);

}  // namespace chronicle::time::cal
