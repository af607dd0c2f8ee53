#include "runtime/core/duration.hpp"

#include <gtest/gtest.h>

namespace eddy {
namespace {

TEST(DurationTest, ParsesShorthand) {
  EXPECT_EQ(parse_duration_ms("5s"), 5000);
  EXPECT_EQ(parse_duration_ms("500ms"), 500);
  EXPECT_EQ(parse_duration_ms("1m"), 60000);
  EXPECT_EQ(parse_duration_ms("2h"), 7200000);
  EXPECT_EQ(parse_duration_ms("1d"), 86400000);
  EXPECT_EQ(parse_duration_ms("30"), 30000);
  EXPECT_EQ(parse_duration_ms("1.5s"), 1500);
  EXPECT_EQ(parse_duration_ms("10 seconds"), 10000);
}

TEST(DurationTest, RejectsNonsense) {
  EXPECT_EQ(parse_duration_ms("fast"), std::nullopt);
  EXPECT_EQ(parse_duration_ms("5 parsecs"), std::nullopt);
  EXPECT_EQ(parse_duration_ms("1us"), std::nullopt) << "not a whole millisecond";
  EXPECT_EQ(parse_duration_ms(""), std::nullopt);
}

TEST(DurationTest, IntervalUnits) {
  EXPECT_EQ(duration_unit_ms("MINUTE"), 60000);
  EXPECT_EQ(duration_unit_ms("Hours"), 3600000);
  EXPECT_EQ(duration_unit_ms("M"), std::nullopt) << "single letters are case-sensitive";
}

}  // namespace
}  // namespace eddy
