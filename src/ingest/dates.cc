// Date and URL helpers: small hand-written scanners, linear in the input.
#include "ingest/dates.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace chronicle::ingest {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

char Lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Reads exactly `len` digits at s[*i]; advances *i.
bool Digits(std::string_view s, size_t* i, size_t len, int* out) {
  if (*i + len > s.size()) return false;
  int v = 0;
  for (size_t k = *i; k < *i + len; ++k) {
    if (!IsDigit(s[k])) return false;
    v = v * 10 + (s[k] - '0');
  }
  *i += len;
  *out = v;
  return true;
}

bool ValidDay(int y, int m, int d) {
  static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > kDays[static_cast<size_t>(m - 1)]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string Ymd(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// ISO 8601: YYYY-MM-DD or YYYY/MM/DD, then optionally [T ]HH:MM[:SS[.f+]] and
// a zone (Z, +HH, +HH:MM, +HHMM).
std::optional<std::string> ParseIso(std::string_view s) {
  size_t i = 0;
  int y, m, d;
  if (!Digits(s, &i, 4, &y) || i >= s.size() || (s[i] != '-' && s[i] != '/')) return std::nullopt;
  const char sep = s[i++];
  if (!Digits(s, &i, 2, &m) || i >= s.size() || s[i++] != sep || !Digits(s, &i, 2, &d)) return std::nullopt;
  if (!ValidDay(y, m, d)) return std::nullopt;
  std::string out = Ymd(y, m, d);
  if (i == s.size()) return out;
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return std::nullopt;
  ++i;
  int hh, mm, ss;
  if (!Digits(s, &i, 2, &hh) || i >= s.size() || s[i++] != ':' || !Digits(s, &i, 2, &mm) || hh > 24 || mm > 59) {
    return std::nullopt;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", hh, mm);
  out += buf;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, &i, 2, &ss) || ss > 60) return std::nullopt;
    std::snprintf(buf, sizeof buf, ":%02d", ss);
    out += buf;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      const size_t start = i++;
      while (i < s.size() && IsDigit(s[i])) ++i;
      if (i == start + 1) return std::nullopt;
      out += '.';
      out.append(s.substr(start + 1, i - start - 1));
    }
  }
  while (i < s.size() && s[i] == ' ') ++i;
  if (i == s.size()) return out;
  if (s[i] == 'Z' || s[i] == 'z') {
    return i + 1 == s.size() ? std::optional(out + "Z") : std::nullopt;
  }
  if (s[i] != '+' && s[i] != '-') return std::nullopt;
  const char sign = s[i++];
  int zh, zm = 0;
  if (!Digits(s, &i, 2, &zh) || zh > 14) return std::nullopt;
  if (i < s.size() && s[i] == ':') ++i;
  if (i < s.size() && !Digits(s, &i, 2, &zm)) return std::nullopt;
  if (i != s.size() || zm > 59) return std::nullopt;
  std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, zh, zm);
  return out + buf;
}

int MonthFromName(std::string_view w) {
  static constexpr std::array<std::string_view, 12> kMonths = {"jan", "feb", "mar", "apr", "may", "jun",
                                                               "jul", "aug", "sep", "oct", "nov", "dec"};
  if (w.size() < 3) return 0;
  std::string low;
  for (char c : w.substr(0, 3)) low += Lower(c);
  for (size_t k = 0; k < kMonths.size(); ++k) {
    if (low == kMonths[k]) return static_cast<int>(k) + 1;
  }
  return 0;
}

// An RFC 822 zone as "Z" or "+HH:MM"; empty if unknown.
std::string Zone(std::string_view z) {
  std::string up;
  for (char c : z) up += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (up == "GMT" || up == "UT" || up == "UTC" || up == "Z") return "Z";
  struct Named {
    std::string_view name;
    int hours;
  };
  static constexpr std::array<Named, 8> kNamed = {{{"EST", -5}, {"EDT", -4}, {"CST", -6}, {"CDT", -5},
                                                   {"MST", -7}, {"MDT", -6}, {"PST", -8}, {"PDT", -7}}};
  char buf[16];
  for (const auto& n : kNamed) {
    if (up == n.name) {
      std::snprintf(buf, sizeof buf, "-%02d:00", -n.hours);
      return buf;
    }
  }
  if (up.size() == 5 && (up[0] == '+' || up[0] == '-')) {
    size_t i = 1;
    int hh, mm;
    if (Digits(up, &i, 2, &hh) && Digits(up, &i, 2, &mm) && hh <= 14 && mm <= 59) {
      std::snprintf(buf, sizeof buf, "%c%02d:%02d", up[0], hh, mm);
      return buf;
    }
  }
  return "";
}

// RFC 822 / 1123: [Wdy,] D Mon YYYY [HH:MM[:SS] [zone]].
std::optional<std::string> ParseRfc822(std::string_view s) {
  std::array<std::string_view, 8> words{};
  size_t n = 0;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == ',' || s[i] == '\t')) ++i;
    const size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != ',' && s[i] != '\t') ++i;
    if (i > start) {
      if (n == words.size()) return std::nullopt;
      words[n++] = s.substr(start, i - start);
    }
  }
  size_t w = 0;
  if (n > 0 && !IsDigit(words[0][0])) ++w;  // the day of the week
  if (n < w + 3) return std::nullopt;
  int d, y;
  size_t k = 0;
  const std::string_view day = words[w], year = words[w + 2];
  if (day.size() > 2 || !Digits(day, &k, day.size(), &d)) return std::nullopt;
  const int m = MonthFromName(words[w + 1]);
  k = 0;
  if (m == 0 || (year.size() != 4 && year.size() != 2) || !Digits(year, &k, year.size(), &y)) return std::nullopt;
  if (year.size() == 2) y += y < 50 ? 2000 : 1900;
  if (!ValidDay(y, m, d)) return std::nullopt;
  std::string out = Ymd(y, m, d);
  if (n == w + 3) return out;
  const std::string_view t = words[w + 3];
  k = 0;
  int hh, mm, ss = -1;
  if (!Digits(t, &k, 2, &hh) || k >= t.size() || t[k++] != ':' || !Digits(t, &k, 2, &mm) || hh > 24 || mm > 59) {
    return std::nullopt;
  }
  if (k < t.size() && (t[k++] != ':' || !Digits(t, &k, 2, &ss) || ss > 60)) return std::nullopt;
  if (k != t.size()) return std::nullopt;
  char buf[32];
  std::snprintf(buf, sizeof buf, "T%02d:%02d", hh, mm);
  out += buf;
  if (ss >= 0) {
    std::snprintf(buf, sizeof buf, ":%02d", ss);
    out += buf;
  }
  if (n == w + 5) {
    const std::string zone = Zone(words[w + 4]);
    if (zone.empty()) return std::nullopt;
    out += zone;
  } else if (n != w + 4) {
    return std::nullopt;
  }
  return out;
}

}  // namespace

std::optional<std::string> NormaliseDate(std::string_view text) {
  const std::string_view s = Trim(text);
  if (s.empty() || s.size() > 64) return std::nullopt;
  if (auto iso = ParseIso(s)) return iso;
  return ParseRfc822(s);
}

std::optional<std::string> DateFromUrlPath(std::string_view url) {
  const size_t scheme = url.find("://");
  size_t path = url.find('/', scheme == std::string_view::npos ? 0 : scheme + 3);
  if (path == std::string_view::npos) return std::nullopt;
  const size_t end = url.find_first_of("?#", path);
  const std::string_view p = url.substr(path, end == std::string_view::npos ? std::string_view::npos : end - path);
  for (size_t i = 0; i < p.size(); ++i) {
    if (p[i] != '/') continue;
    size_t k = i + 1;
    int y, m, d;
    if (!Digits(p, &k, 4, &y) || k >= p.size() || (p[k] != '/' && p[k] != '-')) continue;
    const char sep = p[k++];
    if (!Digits(p, &k, 2, &m) || k >= p.size() || p[k++] != sep || !Digits(p, &k, 2, &d)) continue;
    // The day must end the segment (or be followed by a separator).
    if (k < p.size() && p[k] != '/' && p[k] != '-' && p[k] != '_' && p[k] != '.') continue;
    if (y < 1990 || y > 2100 || !ValidDay(y, m, d)) continue;
    return Ymd(y, m, d);
  }
  return std::nullopt;
}

std::optional<std::string> HostOfUrl(std::string_view url) {
  url = Trim(url);
  size_t start;
  if (url.size() > 7 && (url.substr(0, 7) == "http://" || url.substr(0, 7) == "HTTP://")) {
    start = 7;
  } else if (url.size() > 8 && (url.substr(0, 8) == "https://" || url.substr(0, 8) == "HTTPS://")) {
    start = 8;
  } else {
    return std::nullopt;
  }
  size_t end = url.find_first_of("/?#", start);
  std::string_view host = url.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
  if (const size_t at = host.rfind('@'); at != std::string_view::npos) host.remove_prefix(at + 1);
  if (const size_t colon = host.find(':'); colon != std::string_view::npos) host = host.substr(0, colon);
  std::string out;
  for (char c : host) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ||
                    static_cast<unsigned char>(c) >= 0x80;
    if (!ok) return std::nullopt;
    out += Lower(c);
  }
  if (out.starts_with("www.")) out.erase(0, 4);
  if (out.empty()) return std::nullopt;
  return out;
}

}  // namespace chronicle::ingest
