#include "runtime/core/timestamp.hpp"

#include <cstdio>

namespace eddy {

// The civil-date conversions follow the well-known era-based algorithms (400-year cycles of
// 146097 days), which are exact over the whole int64 range of days we accept.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

CivilTime civil_from_epoch_ms(int64_t epoch_ms) {
  int64_t days = epoch_ms / 86400000;
  int64_t rem = epoch_ms % 86400000;
  if (rem < 0) {
    rem += 86400000;
    --days;
  }
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  CivilTime t{};
  t.day = doy - (153 * mp + 2) / 5 + 1;
  t.month = mp < 10 ? mp + 3 : mp - 9;
  t.year = static_cast<int64_t>(yoe) + era * 400 + (t.month <= 2);
  t.hour = static_cast<unsigned>(rem / 3600000);
  t.minute = static_cast<unsigned>(rem / 60000 % 60);
  t.second = static_cast<unsigned>(rem / 1000 % 60);
  t.millis = static_cast<unsigned>(rem % 1000);
  return t;
}

namespace {

bool read_digits(std::string_view s, size_t& i, int n, int& out) {
  if (i + static_cast<size_t>(n) > s.size()) {
    return false;
  }
  int v = 0;
  for (int k = 0; k < n; ++k) {
    char c = s[i + static_cast<size_t>(k)];
    if (c < '0' || c > '9') {
      return false;
    }
    v = v * 10 + (c - '0');
  }
  i += static_cast<size_t>(n);
  out = v;
  return true;
}

bool is_leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

}  // namespace

std::optional<int64_t> parse_timestamp(std::string_view s) {
  size_t i = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  if (!read_digits(s, i, 4, year) || i >= s.size() || s[i++] != '-' ||
      !read_digits(s, i, 2, month) || i >= s.size() || s[i++] != '-' ||
      !read_digits(s, i, 2, day)) {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1 ||
      day > kDays[month - 1] + (month == 2 && is_leap(year) ? 1 : 0)) {
    return std::nullopt;
  }
  int64_t offset_ms = 0;
  if (i < s.size()) {
    if (s[i] != 'T' && s[i] != ' ' && s[i] != 't') {
      return std::nullopt;
    }
    ++i;
    if (!read_digits(s, i, 2, hour) || i >= s.size() || s[i++] != ':' ||
        !read_digits(s, i, 2, minute)) {
      return std::nullopt;
    }
    if (i < s.size() && s[i] == ':') {
      ++i;
      if (!read_digits(s, i, 2, second)) {
        return std::nullopt;
      }
      if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
        ++i;
        int digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
          if (digits < 3) {
            millis = millis * 10 + (s[i] - '0');
          }
          ++digits;
          ++i;
        }
        if (digits == 0) {
          return std::nullopt;
        }
        for (int k = digits; k < 3; ++k) {
          millis *= 10;
        }
      }
    }
    if (hour > 23 || minute > 59 || second > 60) {
      return std::nullopt;
    }
    if (i < s.size()) {
      if (s[i] == 'Z' || s[i] == 'z') {
        ++i;
      } else if (s[i] == '+' || s[i] == '-') {
        int sign = s[i] == '-' ? -1 : 1;
        ++i;
        int oh = 0, om = 0;
        if (!read_digits(s, i, 2, oh)) {
          return std::nullopt;
        }
        if (i < s.size() && s[i] == ':') {
          ++i;
        }
        if (i < s.size() && !read_digits(s, i, 2, om)) {
          return std::nullopt;
        }
        offset_ms = sign * (static_cast<int64_t>(oh) * 3600000 + static_cast<int64_t>(om) * 60000);
      }
    }
    if (i != s.size()) {
      return std::nullopt;
    }
  }
  int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  return days * 86400000 + static_cast<int64_t>(hour) * 3600000 +
         static_cast<int64_t>(minute) * 60000 + static_cast<int64_t>(second) * 1000 + millis -
         offset_ms;
}

std::string format_timestamp(int64_t epoch_ms) {
  CivilTime t = civil_from_epoch_ms(epoch_ms);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02u:%02u:%02u.%03uZ",
                static_cast<long long>(t.year), t.month, t.day, t.hour, t.minute, t.second,
                t.millis);
  return buf;
}

}  // namespace eddy
