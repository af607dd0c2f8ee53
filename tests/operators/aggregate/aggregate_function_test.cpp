#include "operators/aggregate/aggregate_function.hpp"

#include <gtest/gtest.h>

#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT

ExprPtr col(DataType type) {
  return make_column(0, type, "x", SourcePos{2, 9});
}

Status error(std::string_view name, std::vector<ExprPtr> args, bool distinct = false) {
  auto r = make_aggregate(name, std::move(args), distinct, SourcePos{2, 5});
  return r.is_ok() ? Status::ok() : r.status();
}

TEST(AggregateFunctionTest, ResolvesKindsAndResultTypes) {
  EXPECT_EQ(agg("COUNT", {}).kind, AggregateKind::kCountStar);
  EXPECT_EQ(agg("count", {col(DataType::varchar())}).kind, AggregateKind::kCount);
  EXPECT_EQ(agg("COUNT", {col(DataType::varchar())}, /*distinct=*/true).kind,
            AggregateKind::kCountDistinct);
  EXPECT_EQ(agg("COUNT", {}).result_type, DataType::bigint());
  EXPECT_EQ(agg("SUM", {col(DataType::bigint())}).result_type, DataType::bigint());
  EXPECT_EQ(agg("SUM", {col(DataType::float64())}).result_type, DataType::float64());
  EXPECT_EQ(agg("SUM", {col(DataType::decimal(9, 3))}).result_type, DataType::decimal(18, 3));
  EXPECT_EQ(agg("AVG", {col(DataType::bigint())}).result_type, DataType::float64());
  EXPECT_EQ(agg("AVG", {col(DataType::decimal(9, 6))}).result_type, DataType::decimal(18, 6));
  EXPECT_EQ(agg("MIN", {col(DataType::varchar())}).result_type, DataType::varchar());
  EXPECT_EQ(agg("first", {col(DataType::boolean())}).kind, AggregateKind::kFirstValue);
  EXPECT_EQ(agg("LAST", {col(DataType::boolean())}).kind, AggregateKind::kLastValue);
  EXPECT_EQ(agg("STDDEV", {col(DataType::bigint())}).kind, AggregateKind::kStddevSamp);
  EXPECT_EQ(agg("VARIANCE", {col(DataType::bigint())}).kind, AggregateKind::kVarSamp);
  EXPECT_EQ(agg("MEDIAN", {col(DataType::bigint())}).result_type, DataType::float64());
  AggregateSpec p = agg("PERCENTILE_CONT", {col(DataType::float64()), lit(d(0.9))});
  EXPECT_EQ(p.kind, AggregateKind::kPercentileCont);
  EXPECT_DOUBLE_EQ(p.fraction, 0.9);
  EXPECT_EQ(agg("PERCENTILE_DISC", {col(DataType::timestamp()), lit(i(1))}).result_type,
            DataType::timestamp());
  AggregateSpec sa = agg("STRING_AGG", {col(DataType::bigint()), lit(s("|"))});
  EXPECT_EQ(sa.separator, "|");
  EXPECT_EQ(sa.arg->type, DataType::varchar());
  EXPECT_EQ(agg("DELTA", {col(DataType::decimal(5, 2))}).result_type, DataType::decimal(18, 2));
  EXPECT_EQ(agg("SUM", {lit(Value::null())}).result_type, DataType::bigint());
  EXPECT_EQ(aggregate_to_string(agg("COUNT", {})), "COUNT(*)");
}

TEST(AggregateFunctionTest, TypeErrorsNameTheFunctionAndType) {
  Status st = error("sum", {col(DataType::varchar())});
  EXPECT_EQ(st.code(), StatusCode::kBindError);
  EXPECT_EQ(st.message(), "SUM expects a number, got VARCHAR");
  EXPECT_EQ(st.pos(), (SourcePos{2, 9}));
  EXPECT_EQ(error("AVG", {col(DataType::timestamp())}).code(), StatusCode::kBindError);
  EXPECT_EQ(error("STDDEV", {col(DataType::boolean())}).code(), StatusCode::kBindError);
  EXPECT_EQ(error("DELTA", {col(DataType::varchar())}).code(), StatusCode::kBindError);
  EXPECT_EQ(error("PERCENTILE_DISC", {col(DataType::varchar()), lit(d(0.5))}).code(),
            StatusCode::kBindError);
}

TEST(AggregateFunctionTest, ArityAndArgumentErrors) {
  EXPECT_EQ(error("SUM", {}).code(), StatusCode::kBindError);
  EXPECT_EQ(error("MIN", {col(DataType::bigint()), col(DataType::bigint())}).code(),
            StatusCode::kBindError);
  EXPECT_EQ(error("COUNT", {}, /*distinct=*/true).code(), StatusCode::kBindError);
  EXPECT_EQ(error("PERCENTILE_CONT", {col(DataType::bigint())}).code(), StatusCode::kBindError);
  Status frac = error("PERCENTILE_CONT", {col(DataType::bigint()), lit(d(1.5))});
  EXPECT_EQ(frac.code(), StatusCode::kBindError);
  EXPECT_NE(frac.message().find("between 0 and 1"), std::string::npos);
  EXPECT_EQ(error("PERCENTILE_CONT", {col(DataType::bigint()), col(DataType::float64())}).code(),
            StatusCode::kBindError);
  EXPECT_EQ(error("STRING_AGG", {col(DataType::varchar()), col(DataType::varchar())}).code(),
            StatusCode::kBindError);
}

TEST(AggregateFunctionTest, UnknownAndUnsupported) {
  Status unknown = error("FROBNICATE", {col(DataType::bigint())});
  EXPECT_EQ(unknown.code(), StatusCode::kBindError);
  EXPECT_NE(unknown.message().find("unknown aggregate function FROBNICATE"), std::string::npos);
  EXPECT_EQ(unknown.pos(), (SourcePos{2, 5}));
  EXPECT_EQ(error("CORR", {col(DataType::bigint())}).code(), StatusCode::kNotSupported);
  EXPECT_EQ(error("SUM", {col(DataType::bigint())}, /*distinct=*/true).code(),
            StatusCode::kNotSupported);
}

}  // namespace
}  // namespace eddy::ops
