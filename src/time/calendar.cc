#include "time/calendar.h"

#include <cstddef>

namespace chronicle::time::cal {

int64_t DaysFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = yoe + era * 400;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Ymd{static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

static bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

bool IsValidDate(int y, int m, int d) { return m >= 1 && m <= 12 && d >= 1 && d <= DaysInMonth(y, m); }

int Weekday(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  int64_t w = (days + 3) % 7;
  if (w < 0) w += 7;
  return static_cast<int>(w) + 1;
}

int64_t IsoWeekStart(int iso_year, int week) {
  // Week 1 holds January 4th.
  const int64_t jan4 = DaysFromCivil(iso_year, 1, 4);
  const int64_t week1_monday = jan4 - (Weekday(jan4) - 1);
  return week1_monday + static_cast<int64_t>(week - 1) * 7;
}

void IsoWeek(int64_t days, int* iso_year, int* week) {
  // The Thursday of this week decides the year.
  const int64_t thursday = days - (Weekday(days) - 1) + 3;
  const int y = CivilFromDays(thursday).y;
  *iso_year = y;
  *week = static_cast<int>((thursday - IsoWeekStart(y, 1)) / 7) + 1;
}

Ymd AddMonths(Ymd date, int months) {
  int total = date.y * 12 + (date.m - 1) + months;
  Ymd r;
  r.y = total >= 0 ? total / 12 : (total - 11) / 12;
  r.m = total - r.y * 12 + 1;
  r.d = date.d;
  if (r.d > 0) {
    const int dim = DaysInMonth(r.y, r.m);
    if (r.d > dim) r.d = dim;
  }
  return r;
}

Ymd EasterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return Ymd{year, month, day};
}

Ymd NthWeekdayOfMonth(int y, int m, int weekday, int n) {
  if (n > 0) {
    const int64_t first = DaysFromCivil(y, m, 1);
    const int shift = (weekday - Weekday(first) + 7) % 7;
    return CivilFromDays(first + shift + 7 * (n - 1));
  }
  const int64_t last = DaysFromCivil(y, m, DaysInMonth(y, m));
  const int shift = (Weekday(last) - weekday + 7) % 7;
  return CivilFromDays(last - shift);
}

bool WriteIsoDigits(int y, int m, int d, char out[10]) {
  if (y < 0 || y > 9999 || m < 0 || m > 99 || d < 0 || d > 99) return false;
  auto digits = [out](size_t at, int value, int width) {
    for (int k = width - 1; k >= 0; --k, value /= 10) {
      out[at + static_cast<size_t>(k)] = static_cast<char>('0' + value % 10);
    }
  };
  digits(0, y, 4);
  out[4] = out[7] = '-';
  digits(5, m, 2);
  digits(8, d, 2);
  return true;
}

}  // namespace chronicle::time::cal
