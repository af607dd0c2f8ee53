#include "operators/rows_window/analytic_call.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::HasSubstr;

constexpr SourcePos kPos{2, 9};

ExprPtr col(DataType type, std::string name = "x") {
  return make_column(0, type, std::move(name), SourcePos{2, 14});
}

Result<AnalyticCall> bind(std::string_view name, std::vector<ExprPtr> args, FrameSpec frame = {}) {
  return make_analytic(name, std::move(args), frame, kPos);
}

TEST(AnalyticCallTest, ResultTypes) {
  EXPECT_EQ(bind("avg", {col(DataType::bigint())})->result_type, DataType::float64());
  EXPECT_EQ(bind("Avg", {col(DataType::decimal(10, 2))})->result_type, DataType::float64());
  EXPECT_EQ(bind("SUM", {col(DataType::bigint())})->result_type, DataType::bigint());
  EXPECT_EQ(bind("sum", {col(DataType::float64())})->result_type, DataType::float64());
  EXPECT_EQ(bind("sum", {col(DataType::decimal(10, 2))})->result_type, DataType::decimal(18, 2));
  EXPECT_EQ(bind("min", {col(DataType::varchar())})->result_type, DataType::varchar());
  EXPECT_EQ(bind("max", {col(DataType::timestamp())})->result_type, DataType::timestamp());
  EXPECT_EQ(bind("count", {col(DataType::varchar())})->result_type, DataType::bigint());
  EXPECT_EQ(bind("stddev", {col(DataType::bigint())})->kind, AnalyticKind::kStddevSamp);
  EXPECT_EQ(bind("variance", {col(DataType::bigint())})->kind, AnalyticKind::kVarSamp);
  EXPECT_EQ(bind("var_pop", {col(DataType::float64())})->result_type, DataType::float64());
  EXPECT_EQ(bind("rank", {})->result_type, DataType::bigint());
  EXPECT_EQ(bind("dense_rank", {})->kind, AnalyticKind::kDenseRank);
  EXPECT_EQ(bind("row_number", {})->kind, AnalyticKind::kRowNumber);
  EXPECT_EQ(bind("first_value", {col(DataType::varchar())})->result_type, DataType::varchar());
  EXPECT_EQ(bind("nth_value", {col(DataType::boolean()), lit(i(2))})->result_type,
            DataType::boolean());
}

TEST(AnalyticCallTest, CountWithoutArgumentsIsCountStar) {
  auto star = bind("COUNT", {});
  ASSERT_TRUE(star.is_ok());
  EXPECT_EQ(star->kind, AnalyticKind::kCountStar);
  EXPECT_EQ(star->to_string(), "COUNT(*)");
  EXPECT_EQ(bind("count", {col(DataType::bigint())})->kind, AnalyticKind::kCount);
}

TEST(AnalyticCallTest, LagFillsOffsetAndDefault) {
  auto lag = bind("lag", {col(DataType::float64(), "price")});
  ASSERT_TRUE(lag.is_ok());
  ASSERT_EQ(lag->args.size(), 3u);
  EXPECT_EQ(lag->args[1]->literal, Value::bigint(1));
  EXPECT_TRUE(lag->args[2]->literal.is_null());
  EXPECT_EQ(lag->args[2]->type, DataType::float64());
  EXPECT_EQ(lag->result_type, DataType::float64());
  // A BIGINT default is cast to the DOUBLE value type.
  auto lead =
      bind("LEAD", {col(DataType::float64(), "price"), lit(i(3)), lit(i(0))}, FrameSpec{2, 0});
  ASSERT_TRUE(lead.is_ok());
  EXPECT_EQ(lead->args[2]->type, DataType::float64());
  EXPECT_EQ(lead->frame.preceding, 2);
  EXPECT_EQ(lead->to_string(), "LEAD(price, 3, 0) ROWS 2 PRECEDING");
}

TEST(AnalyticCallTest, RejectsBadOffsets) {
  auto negative = bind("lag", {col(DataType::bigint()), lit(i(-1))});
  ASSERT_FALSE(negative.is_ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kBindError);
  EXPECT_THAT(negative.status().message(), HasSubstr("offset must be an integer constant >= 0"));
  EXPECT_FALSE(bind("lag", {col(DataType::bigint()), col(DataType::bigint())}).is_ok());
  EXPECT_FALSE(bind("lead", {col(DataType::bigint()), lit(d(1.5))}).is_ok());
  EXPECT_FALSE(
      bind("lead", {col(DataType::bigint()), lit(Value::null(DataType::bigint()))}).is_ok());
  EXPECT_FALSE(bind("nth_value", {col(DataType::bigint()), lit(i(0))}).is_ok());
  EXPECT_FALSE(bind("lag", {col(DataType::bigint()), lit(i(1)), lit(s("x")), lit(i(1))}).is_ok());
}

TEST(AnalyticCallTest, RejectsBadDefault) {
  auto r = bind("lag", {col(DataType::timestamp()), lit(i(1)), lit(b(true))});
  ASSERT_FALSE(r.is_ok());
  EXPECT_EQ(r.status().code(), StatusCode::kBindError);
  EXPECT_THAT(r.status().message(), HasSubstr("default"));
}

TEST(AnalyticCallTest, RejectsBadArguments) {
  auto text = bind("avg", {col(DataType::varchar())});
  ASSERT_FALSE(text.is_ok());
  EXPECT_EQ(text.status().code(), StatusCode::kBindError);
  EXPECT_THAT(text.status().message(), HasSubstr("numeric"));
  EXPECT_EQ(text.status().pos(), (SourcePos{2, 14}));
  EXPECT_FALSE(bind("stddev_pop", {col(DataType::timestamp())}).is_ok());
  EXPECT_FALSE(bind("min", {lit(Value::null())}).is_ok());
  auto arity = bind("row_number", {col(DataType::bigint())});
  ASSERT_FALSE(arity.is_ok());
  EXPECT_THAT(arity.status().message(), HasSubstr("no arguments"));
  EXPECT_EQ(arity.status().pos(), kPos);
  EXPECT_FALSE(bind("sum", {}).is_ok());
  EXPECT_FALSE(bind("first_value", {col(DataType::bigint()), col(DataType::bigint())}).is_ok());
  EXPECT_FALSE(bind("nth_value", {col(DataType::bigint())}).is_ok());
  EXPECT_FALSE(bind("lag", {}).is_ok());
}

TEST(AnalyticCallTest, RejectsUnknownAndUnsupportedFunctions) {
  auto unknown = bind("median", {col(DataType::bigint())});
  ASSERT_FALSE(unknown.is_ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kBindError);
  EXPECT_EQ(unknown.status().pos(), kPos);
  auto ntile = bind("ntile", {lit(i(4))});
  ASSERT_FALSE(ntile.is_ok());
  EXPECT_EQ(ntile.status().code(), StatusCode::kNotSupported);
}

TEST(AnalyticCallTest, RejectsBadFrames) {
  auto negative = bind("sum", {col(DataType::bigint())}, FrameSpec{-2, 0});
  ASSERT_FALSE(negative.is_ok());
  EXPECT_EQ(negative.status().code(), StatusCode::kBindError);
  auto following = bind("sum", {col(DataType::bigint())}, FrameSpec{2, 1});
  ASSERT_FALSE(following.is_ok());
  EXPECT_EQ(following.status().code(), StatusCode::kNotSupported);
  EXPECT_THAT(following.status().message(), HasSubstr("LEAD"));
  EXPECT_TRUE(bind("sum", {col(DataType::bigint())}, FrameSpec{0, 0}).is_ok());
}

}  // namespace
}  // namespace eddy::ops
