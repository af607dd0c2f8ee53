#include "operators/stateless/filter.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT

TestBatch orders() {
  TestBatch t;
  t.add("order_id", DataType::bigint(), {i(1), i(2), i(3), i(4)})
      .add("amount", DataType::bigint(), {i(50), i(150), null(), i(1000)})
      .event_time({ts("2024-01-01T00:00:01Z"), ts("2024-01-01T00:00:02Z"),
                   ts("2024-01-01T00:00:03Z"), ts("2024-01-01T00:00:04Z")});
  return t;
}

TEST(FilterTest, KeepsTrueRowsAndDropsFalseAndNull) {
  TestBatch t = orders();
  auto filter = Filter::make(t.schema(), call(">", {t.col("amount"), lit(i(100))}));
  ASSERT_TRUE(filter.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*filter)->push(t.batch(), out).is_ok());
  ASSERT_EQ(out.batches.size(), 1u);
  EXPECT_EQ(out.batches[0]->to_string(), "order_id=2, amount=150\norder_id=4, amount=1000\n");
  ASSERT_NE(out.batches[0]->event_time(), nullptr);
  EXPECT_EQ(out.batches[0]->event_time()->value(0).to_string(), "2024-01-01T00:00:02.000Z");
  EXPECT_EQ(out.batches[0]->event_time()->value(1).to_string(), "2024-01-01T00:00:04.000Z");
  EXPECT_EQ(*(*filter)->output_schema(), *t.schema());
}

TEST(FilterTest, SharesTheBatchWhenAllRowsPassAndEmitsNothingWhenNonePass) {
  TestBatch t = orders();
  BatchPtr batch = t.batch();
  auto all = Filter::make(t.schema(), call(">", {t.col("order_id"), lit(i(0))}));
  ASSERT_TRUE(all.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*all)->push(batch, out).is_ok());
  ASSERT_EQ(out.batches.size(), 1u);
  EXPECT_EQ(out.batches[0].get(), batch.get());

  auto none = Filter::make(t.schema(), call(">", {t.col("order_id"), lit(i(99))}));
  ASSERT_TRUE(none.is_ok());
  CollectingEmitter empty;
  ASSERT_TRUE((*none)->push(batch, empty).is_ok());
  EXPECT_TRUE(empty.batches.empty());

  auto null_pred = Filter::make(t.schema(), lit(Value::null(DataType::boolean())));
  ASSERT_TRUE(null_pred.is_ok());
  ASSERT_TRUE((*null_pred)->push(batch, empty).is_ok());
  EXPECT_TRUE(empty.batches.empty());
}

TEST(FilterTest, CompoundPredicateAndWatermarks) {
  TestBatch t;
  t.add("amount", DataType::float64(), {d(150), d(250), d(90), d(500)})
      .add("region", DataType::varchar(), {s("eu"), s("mars"), s("us"), s("apac")});
  ExprPtr pred =
      call("and", {call(">", {t.col("amount"), lit(i(100))}),
                   call("in", {t.col("region"), lit(s("eu")), lit(s("us")), lit(s("apac"))})});
  auto filter = Filter::make(t.schema(), pred);
  ASSERT_TRUE(filter.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*filter)->push(t.batch(), out).is_ok());
  ASSERT_EQ(out.batches.size(), 1u);
  EXPECT_EQ(out.batches[0]->to_string(), "amount=150.0, region=eu\namount=500.0, region=apac\n");
  ASSERT_TRUE((*filter)->on_watermark(42, out).is_ok());
  EXPECT_THAT(out.watermarks, ::testing::ElementsAre(42));
  EXPECT_TRUE((*filter)->finish(out).is_ok());
}

TEST(FilterTest, RejectsNonBooleanPredicate) {
  TestBatch t = orders();
  auto filter = Filter::make(t.schema(), call("+", {t.col("amount"), lit(i(1))}));
  ASSERT_FALSE(filter.is_ok());
  EXPECT_EQ(filter.status().code(), StatusCode::kBindError);
  EXPECT_NE(filter.status().message().find("must be BOOLEAN"), std::string::npos);
  Filter direct(t.schema(), call("+", {t.col("amount"), lit(i(1))}));
  CollectingEmitter out;
  EXPECT_FALSE(direct.push(t.batch(), out).is_ok());
}

TEST(FilterTest, Describe) {
  TestBatch t = orders();
  auto filter = Filter::make(t.schema(), call(">", {t.col("amount"), lit(i(100))}));
  ASSERT_TRUE(filter.is_ok());
  EXPECT_EQ((*filter)->describe(), "Filter((amount > 100))");
}

}  // namespace
}  // namespace eddy::ops
