#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy {

/// A 128-bit signed integer for overflow-free intermediate decimal arithmetic (GCC/Clang).
__extension__ using Int128 = __int128;

/// Returns 10^exp for exp in 0..18.
int64_t pow10_i64(int exp);

/// Converts an unscaled DECIMAL (value × 10^scale) to double.
double decimal_to_double(int64_t unscaled, int scale);

/// Renders an unscaled DECIMAL with exactly `scale` fractional digits: (125000, 4) → "12.5000".
std::string format_decimal(int64_t unscaled, int scale);

/// Appends format_decimal(unscaled, scale) to `out` without a temporary string.
void append_decimal(std::string& out, int64_t unscaled, int scale);

/// Parses a decimal literal ("-12.5", "3", "1e3" is rejected) into an unscaled int64 at `scale`,
/// rounding half away from zero when the text has more digits. Returns nullopt on bad syntax or
/// overflow.
std::optional<int64_t> parse_decimal(std::string_view text, int scale);

/// Rescales an unscaled DECIMAL from `from_scale` to `to_scale`, rounding half away from zero when
/// digits are dropped. Returns nullopt on overflow.
std::optional<int64_t> rescale_decimal(int64_t unscaled, int from_scale, int to_scale);

/// Renders a double as the shortest text that reads back to the same value, with ".0" added to
/// integral values so that DOUBLE output stays recognisable: 150.0 → "150.0", 0.1 → "0.1".
/// NaN and infinities render as "NaN", "Infinity", "-Infinity".
std::string format_double(double v);

/// Appends format_double(v) to `out`.
void append_double(std::string& out, double v);

}  // namespace eddy
