#include "operators/expr/like_matcher.hpp"

#include <gtest/gtest.h>

namespace eddy::ops {
namespace {

TEST(LikeMatcherTest, ChoosesFastPaths) {
  EXPECT_EQ(LikeMatcher("abc").kind(), LikeMatcher::Kind::kExact);
  EXPECT_EQ(LikeMatcher("abc%").kind(), LikeMatcher::Kind::kPrefix);
  EXPECT_EQ(LikeMatcher("%abc").kind(), LikeMatcher::Kind::kSuffix);
  EXPECT_EQ(LikeMatcher("%abc%").kind(), LikeMatcher::Kind::kContains);
  EXPECT_EQ(LikeMatcher("%%").kind(), LikeMatcher::Kind::kAny);
  EXPECT_EQ(LikeMatcher("a%c").kind(), LikeMatcher::Kind::kGeneral);
  EXPECT_EQ(LikeMatcher("a_c").kind(), LikeMatcher::Kind::kGeneral);
  EXPECT_EQ(LikeMatcher("abc%").literal(), "abc");
}

TEST(LikeMatcherTest, MatchesWholeString) {
  EXPECT_TRUE(LikeMatcher("abc").matches("abc"));
  EXPECT_FALSE(LikeMatcher("abc").matches("abcd"));
  EXPECT_TRUE(LikeMatcher("ab%").matches("ab"));
  EXPECT_FALSE(LikeMatcher("ab%").matches("a"));
  EXPECT_TRUE(LikeMatcher("%bc").matches("abc"));
  EXPECT_FALSE(LikeMatcher("%bc").matches("bca"));
  EXPECT_TRUE(LikeMatcher("%b%").matches("abc"));
  EXPECT_TRUE(LikeMatcher("%").matches(""));
  EXPECT_TRUE(LikeMatcher("").matches(""));
  EXPECT_FALSE(LikeMatcher("").matches("a"));
}

TEST(LikeMatcherTest, GeneralPatternsBacktrack) {
  EXPECT_TRUE(LikeMatcher("a%b%c").matches("aXXbYYbZc"));
  EXPECT_FALSE(LikeMatcher("a%b%c").matches("aXXbYYbZ"));
  EXPECT_TRUE(LikeMatcher("_b_").matches("abc"));
  EXPECT_FALSE(LikeMatcher("_b_").matches("abcd"));
  EXPECT_TRUE(LikeMatcher("%n_").matches("banana"));
  EXPECT_FALSE(LikeMatcher("%a_").matches("banana"));
  EXPECT_TRUE(LikeMatcher("%%x").matches("x"));
}

TEST(LikeMatcherTest, BackslashEscapesWildcards) {
  EXPECT_TRUE(LikeMatcher("100\\%").matches("100%"));
  EXPECT_FALSE(LikeMatcher("100\\%").matches("1000"));
  EXPECT_TRUE(LikeMatcher("a\\_b").matches("a_b"));
  EXPECT_FALSE(LikeMatcher("a\\_b").matches("axb"));
  EXPECT_TRUE(LikeMatcher::match_general("x%", "x\\%"));
}

}  // namespace
}  // namespace eddy::ops
