#include "runtime/core/timestamp.hpp"

#include <gtest/gtest.h>

namespace eddy {
namespace {

TEST(TimestampTest, ParsesIsoForms) {
  EXPECT_EQ(parse_timestamp("1970-01-01"), 0);
  EXPECT_EQ(parse_timestamp("2024-01-15T10:00:00Z"), 1705312800000);
  EXPECT_EQ(parse_timestamp("2024-01-15 10:00:00.123"), 1705312800123);
  EXPECT_EQ(parse_timestamp("2024-01-15T12:00:00+02:00"), 1705312800000);
  EXPECT_EQ(parse_timestamp("2024-01-15T10:00"), 1705312800000);
  EXPECT_EQ(parse_timestamp("2024-02-30"), std::nullopt);
  EXPECT_EQ(parse_timestamp("2024-01-15X"), std::nullopt);
  EXPECT_EQ(parse_timestamp("hello"), std::nullopt);
}

TEST(TimestampTest, FormatsRoundTrip) {
  EXPECT_EQ(format_timestamp(1705312800123), "2024-01-15T10:00:00.123Z");
  EXPECT_EQ(format_timestamp(-1), "1969-12-31T23:59:59.999Z");
  for (int64_t t : {0LL, 951782400000LL, 4102444800000LL, -86400000LL * 365 * 300}) {
    EXPECT_EQ(parse_timestamp(format_timestamp(t)), t);
  }
}

}  // namespace
}  // namespace eddy
