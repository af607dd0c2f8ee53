#include "operators/aggregate/window_assigner.hpp"

#include <gtest/gtest.h>

namespace eddy::ops::window {
namespace {

TEST(WindowAssignerTest, FloorToHandlesNegativeTimes) {
  EXPECT_EQ(floor_to(0, 5), 0);
  EXPECT_EQ(floor_to(4, 5), 0);
  EXPECT_EQ(floor_to(5, 5), 5);
  EXPECT_EQ(floor_to(-1, 5), -5);
  EXPECT_EQ(floor_to(-5, 5), -5);
  EXPECT_EQ(floor_to(-6, 5), -10);
}

TEST(WindowAssignerTest, TumblingIsHalfOpen) {
  EXPECT_EQ(tumbling_start(4999, 5000), 0);
  EXPECT_EQ(tumbling_start(5000, 5000), 5000);
  EXPECT_EQ(tumbling_start(-1, 5000), -5000);
}

TEST(WindowAssignerTest, SlidingCoversEveryContainingWindow) {
  SlidingStarts a = sliding_starts(7000, 10000, 5000);
  EXPECT_EQ(a.first, 0);
  EXPECT_EQ(a.last, 5000);
  SlidingStarts b = sliding_starts(10000, 10000, 5000);  // not in [0, 10000)
  EXPECT_EQ(b.first, 5000);
  EXPECT_EQ(b.last, 10000);
  SlidingStarts c = sliding_starts(8000, 7000, 5000);  // size not a multiple of advance
  EXPECT_EQ(c.first, 5000);
  EXPECT_EQ(c.last, 5000);
  SlidingStarts d = sliding_starts(3, 3, 1);
  EXPECT_EQ(d.first, 1);
  EXPECT_EQ(d.last, 3);
}

TEST(WindowAssignerTest, SessionJoinRule) {
  // Session [100, 200 + 50): a record joins when less than the gap away.
  EXPECT_TRUE(joins_session(249, 100, 200, 50));
  EXPECT_FALSE(joins_session(250, 100, 200, 50));
  EXPECT_TRUE(joins_session(51, 100, 200, 50));
  EXPECT_FALSE(joins_session(50, 100, 200, 50));
  EXPECT_TRUE(valid_time(0));
  EXPECT_FALSE(valid_time(INT64_MAX));
}

}  // namespace
}  // namespace eddy::ops::window
