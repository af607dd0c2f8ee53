#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace eddy {

/// Returns the length in milliseconds of one duration unit: ms, s, m, h, d, w (and us, ns, which
/// must then divide whole milliseconds), or the SQL interval words MILLISECOND[S], SECOND[S],
/// MINUTE[S], HOUR[S], DAY[S], WEEK[S], case-insensitive. Returns nullopt for an unknown unit.
std::optional<int64_t> duration_unit_ms(std::string_view unit);

/// Parses a duration such as "5s", "500ms", "1m", "2h", "1d", "1.5s" or "30" (a bare number is
/// seconds) into milliseconds. Returns nullopt on bad syntax, a negative value, or a value that is
/// not a whole number of milliseconds.
std::optional<int64_t> parse_duration_ms(std::string_view text);

}  // namespace eddy
