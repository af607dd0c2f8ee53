#include "runtime/core/properties.hpp"

#include <gtest/gtest.h>

namespace eddy {
namespace {

TEST(PropertiesTest, UnknownKeySuggestsTheClosest) {
  Properties p;
  p.set("path", "a.csv", {3, 5});
  p.set("fromat", "csv", {4, 5});
  Status st = p.check_allowed({"type", "path", "format"}, "source 'trades'");
  ASSERT_FALSE(st.is_ok());
  EXPECT_EQ(st.code(), StatusCode::kInvalidConfig);
  EXPECT_EQ(st.message(), "unknown property 'fromat' for source 'trades'; did you mean 'format'?");
  EXPECT_EQ(st.pos(), (SourcePos{4, 5}));
}

TEST(PropertiesTest, Lookup) {
  Properties p;
  p.set("a", "1");
  EXPECT_EQ(p.get("a"), "1");
  EXPECT_EQ(p.get_or("b", "x"), "x");
  EXPECT_TRUE(p.check_allowed({"a"}, "x").is_ok());
}

}  // namespace
}  // namespace eddy
