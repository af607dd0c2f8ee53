#include "operators/expr/function_registry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using ::testing::HasSubstr;
using namespace ::eddy::ops::testing;  // NOLINT

TEST(FunctionRegistryTest, NamesAreCaseInsensitiveWithAliases) {
  const auto& r = FunctionRegistry::instance();
  EXPECT_TRUE(r.is_scalar("upper"));
  EXPECT_TRUE(r.is_scalar("CEILING"));
  EXPECT_EQ(r.find("ceiling"), r.find("CEIL"));
  EXPECT_EQ(r.find("<>"), r.find("!="));
  EXPECT_EQ(r.find("len"), r.find("LENGTH"));
  EXPECT_FALSE(r.is_scalar("COUNT"));
  EXPECT_TRUE(r.is_aggregate("count"));
  EXPECT_TRUE(r.is_aggregate("COUNT_DISTINCT"));
  EXPECT_FALSE(r.is_aggregate("UPPER"));
  EXPECT_TRUE(r.is_window_function("lag"));
  EXPECT_TRUE(r.is_window_function("ROW_NUMBER"));
  EXPECT_FALSE(r.is_window_function("SUM_X"));
}

TEST(FunctionRegistryTest, UnknownFunctionSuggestsANearName) {
  Status s = bind_error("FLOR", {lit(d(1.5))});
  EXPECT_EQ(s.code(), StatusCode::kBindError);
  EXPECT_EQ(s.pos(), (SourcePos{3, 7}));
  EXPECT_EQ(s.message(), "unknown function 'FLOR'; did you mean 'FLOOR'?");
  Status none = bind_error("qqqqqqqqq", {});
  EXPECT_EQ(none.message(), "unknown function 'qqqqqqqqq'");
}

TEST(FunctionRegistryTest, AggregatesAreNotScalarCalls) {
  Status s = bind_error("sum", {lit(i(1))});
  EXPECT_EQ(s.code(), StatusCode::kNotSupported);
  EXPECT_THAT(s.message(), HasSubstr("SUM"));
}

TEST(FunctionRegistryTest, TypeAndArityErrorsNameTheFunction) {
  Status type = bind_error("upper", {lit(i(5))});
  EXPECT_EQ(type.code(), StatusCode::kBindError);
  EXPECT_THAT(type.message(), HasSubstr("function UPPER expects a VARCHAR argument, got BIGINT"));
  Status arity = bind_error("substring", {lit(s("abc"))});
  EXPECT_THAT(arity.message(), HasSubstr("function SUBSTRING expects 2 to 3 arguments, got 1"));
  Status arith = bind_error("+", {lit(s("a")), lit(i(1))});
  EXPECT_THAT(arith.message(), HasSubstr("use || to concatenate"));
  Status unit = bind_error("extract", {lit(s("fortnight")), lit(ts("2024-01-01"))});
  EXPECT_THAT(unit.message(), HasSubstr("does not know the unit 'FORTNIGHT'"));
  Status regex = bind_error("regexp", {lit(s("a")), lit(s("(unclosed"))});
  EXPECT_THAT(regex.message(), HasSubstr("invalid regular expression"));
}

TEST(FunctionRegistryTest, InsertsImplicitCastsAndComputesTypes) {
  ExprPtr e = call("sqrt", {lit(i(16))});
  EXPECT_EQ(e->type, DataType::float64());
  ASSERT_EQ(e->args.size(), 1u);
  EXPECT_EQ(e->args[0]->kind, ExprKind::kCast);
  EXPECT_EQ(e->args[0]->type, DataType::float64());
  EXPECT_EQ(eval1(e), "4.0");
  // A NULL literal takes the expected type.
  ExprPtr n = call("upper", {lit(null())});
  EXPECT_EQ(n->args[0]->type, DataType::varchar());
  EXPECT_EQ(eval1(n), "NULL");
}

TEST(FunctionRegistryTest, RendersSqlForExplain) {
  TestBatch t;
  t.add("amount", DataType::bigint(), {i(1)}).add("name", DataType::varchar(), {s("x")});
  EXPECT_EQ(call(">", {t.col("amount"), lit(i(100))})->to_string(), "(amount > 100)");
  EXPECT_EQ(call("*", {t.col("amount"), lit(d(2.5))})->to_string(), "(amount * 2.5)");
  EXPECT_EQ(call("upper", {t.col("name")})->to_string(), "UPPER(name)");
  EXPECT_EQ(call("is_not_null", {t.col("name")})->to_string(), "(name IS NOT NULL)");
  EXPECT_EQ(call("between", {t.col("amount"), lit(i(1)), lit(i(9))})->to_string(),
            "(amount BETWEEN 1 AND 9)");
  EXPECT_EQ(call("in", {t.col("name"), lit(s("a")), lit(s("it's"))})->to_string(),
            "(name IN ('a', 'it''s'))");
  EXPECT_EQ(call("negate", {t.col("amount")})->to_string(), "(-amount)");
  EXPECT_EQ(call("not", {call("like", {t.col("name"), lit(s("x%"))})})->to_string(),
            "(NOT (name LIKE 'x%'))");
  EXPECT_EQ((*make_cast(t.col("amount"), DataType::varchar(), {}))->to_string(),
            "CAST(amount AS VARCHAR)");
}

}  // namespace
}  // namespace eddy::ops
