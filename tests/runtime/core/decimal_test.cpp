#include "runtime/core/decimal.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <random>
#include <string>

namespace eddy {
namespace {

TEST(DecimalTest, FormatsWithExactScale) {
  EXPECT_EQ(format_decimal(125000, 4), "12.5000");
  EXPECT_EQ(format_decimal(-5, 2), "-0.05");
  EXPECT_EQ(format_decimal(0, 3), "0.000");
  EXPECT_EQ(format_decimal(42, 0), "42");
  EXPECT_EQ(format_decimal(std::numeric_limits<int64_t>::min(), 0), "-9223372036854775808");
}

TEST(DecimalTest, ParsesAndRounds) {
  EXPECT_EQ(parse_decimal("12.5", 4), 125000);
  EXPECT_EQ(parse_decimal("-0.125", 2), -13);
  EXPECT_EQ(parse_decimal("7", 2), 700);
  EXPECT_EQ(parse_decimal(".5", 1), 5);
  EXPECT_EQ(parse_decimal("1e3", 0), std::nullopt);
  EXPECT_EQ(parse_decimal("", 0), std::nullopt);
  EXPECT_EQ(parse_decimal("1.2.3", 0), std::nullopt);
  EXPECT_EQ(parse_decimal("99999999999999999999", 0), std::nullopt);
}

TEST(DecimalTest, ParsingMatchesExactArithmeticOnRandomNumbers) {
  // Short numbers take a fast path; long ones, extra fraction digits (rounded half away from
  // zero) and overflow take the general one. Both must agree with exact 128-bit arithmetic.
  std::mt19937_64 rng(42);
  for (int iter = 0; iter < 20000; ++iter) {
    const int scale = static_cast<int>(rng() % 7);
    const int int_digits = static_cast<int>(rng() % 21);
    const int frac_digits = static_cast<int>(rng() % 9);
    const bool point = frac_digits > 0 || rng() % 4 == 0;
    const int sign = static_cast<int>(rng() % 3);  // none, '-', '+'
    std::string text = sign == 1 ? "-" : sign == 2 ? "+" : "";
    Int128 exact = 0;  // the value times 10^scale, truncated
    int round_digit = -1;
    for (int d = 0; d < int_digits; ++d) {
      int digit = static_cast<int>(rng() % 10);
      text += static_cast<char>('0' + digit);
      exact = exact * 10 + digit;
    }
    if (point) {
      text += '.';
    }
    for (int d = 0; d < frac_digits; ++d) {
      int digit = static_cast<int>(rng() % 10);
      text += static_cast<char>('0' + digit);
      if (d < scale) {
        exact = exact * 10 + digit;
      } else if (round_digit < 0) {
        round_digit = digit;
      }
    }
    for (int d = frac_digits; d < scale; ++d) {
      exact *= 10;
    }
    if (round_digit >= 5) {
      exact += 1;
    }
    std::optional<int64_t> expected;
    if (int_digits + frac_digits > 0 && exact <= std::numeric_limits<int64_t>::max()) {
      expected = sign == 1 ? -static_cast<int64_t>(exact) : static_cast<int64_t>(exact);
    }
    EXPECT_EQ(parse_decimal(text, scale), expected) << text << " at scale " << scale;
  }
}

TEST(DecimalTest, Rescales) {
  EXPECT_EQ(rescale_decimal(12345, 4, 2), 123);
  EXPECT_EQ(rescale_decimal(12355, 4, 2), 124);
  EXPECT_EQ(rescale_decimal(-12355, 4, 2), -124);
  EXPECT_EQ(rescale_decimal(5, 0, 3), 5000);
  EXPECT_EQ(rescale_decimal(std::numeric_limits<int64_t>::max(), 0, 1), std::nullopt);
}

TEST(DecimalTest, FormatsDoublesRoundTrip) {
  EXPECT_EQ(format_double(150.0), "150.0");
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(-2.5), "-2.5");
  EXPECT_EQ(format_double(1e300), "1e+300");
}

}  // namespace
}  // namespace eddy
