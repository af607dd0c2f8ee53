#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy {

/// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t days_from_civil(int64_t year, unsigned month, unsigned day);

/// The broken-down UTC parts of an epoch-milliseconds timestamp.
struct CivilTime {
  int64_t year;
  unsigned month;   ///< 1..12
  unsigned day;     ///< 1..31
  unsigned hour;    ///< 0..23
  unsigned minute;  ///< 0..59
  unsigned second;  ///< 0..59
  unsigned millis;  ///< 0..999
};

/// Splits epoch milliseconds into UTC calendar parts (floor semantics for negative values).
CivilTime civil_from_epoch_ms(int64_t epoch_ms);

/// Parses an ISO-8601 timestamp to epoch milliseconds: "2024-01-15", "2024-01-15T10:00:00",
/// "2024-01-15 10:00:00.123", with an optional "Z" or "+HH:MM"/"-HHMM" offset (no offset means
/// UTC). Fractions beyond milliseconds are truncated. Returns nullopt on anything else.
std::optional<int64_t> parse_timestamp(std::string_view text);

/// Renders epoch milliseconds as "2024-01-15T10:00:00.000Z".
std::string format_timestamp(int64_t epoch_ms);

}  // namespace eddy
