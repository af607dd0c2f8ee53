#include "runtime/core/decimal.hpp"

#include <gtest/gtest.h>

#include <limits>

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
