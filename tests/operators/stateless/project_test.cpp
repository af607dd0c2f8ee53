#include "operators/stateless/project.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT

TEST(ProjectTest, EvaluatesExpressionsAndSharesColumns) {
  TestBatch t;
  t.add("order_id", DataType::bigint(), {i(1), i(2)})
      .add("amount", DataType::decimal(10, 2), {dec("10.50", 2), null()})
      .add("customer", DataType::varchar(), {s("ann"), s("bob")})
      .event_time({ts("2024-01-01"), ts("2024-01-02")});
  BatchPtr batch = t.batch();
  auto project = Project::make({t.col("order_id"), call("*", {t.col("amount"), lit(i(2))}),
                                call("upper", {t.col("customer")})},
                               {"order_id", "doubled", "customer"});
  ASSERT_TRUE(project.is_ok());
  const Schema& schema = *(*project)->output_schema();
  ASSERT_EQ(schema.num_fields(), 3u);
  EXPECT_EQ(schema.field(1).name, "doubled");
  EXPECT_EQ(schema.field(1).type, DataType::decimal(18, 2));
  CollectingEmitter out;
  ASSERT_TRUE((*project)->push(batch, out).is_ok());
  ASSERT_EQ(out.batches.size(), 1u);
  const BatchPtr& b = out.batches[0];
  EXPECT_EQ(b->to_string(),
            "order_id=1, doubled=21.00, customer=ANN\norder_id=2, doubled=NULL, customer=BOB\n");
  EXPECT_EQ(b->column(0).get(), batch->column(0).get());
  EXPECT_EQ(b->event_time().get(), batch->event_time().get());
  EXPECT_EQ(b->schema().get(), (*project)->output_schema().get());
}

TEST(ProjectTest, ConstantsAreMaterialisedPerBatch) {
  TestBatch t;
  t.add("a", DataType::bigint(), {i(1), i(2), i(3)});
  auto project = Project::make({lit(s("k")), call("+", {lit(i(1)), lit(i(1))})}, {"k", "two"});
  ASSERT_TRUE(project.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*project)->push(t.batch(), out).is_ok());
  ASSERT_EQ(out.batches.size(), 1u);
  EXPECT_EQ(out.batches[0]->to_string(), "k=k, two=2\nk=k, two=2\nk=k, two=2\n");
}

TEST(ProjectTest, RejectsMismatchedNames) {
  TestBatch t;
  t.add("a", DataType::bigint(), {i(1)});
  auto project = Project::make({t.col("a")}, {});
  ASSERT_FALSE(project.is_ok());
  Project direct({t.col("a")}, {"x", "y"});
  CollectingEmitter out;
  EXPECT_FALSE(direct.push(t.batch(), out).is_ok());
  EXPECT_TRUE(out.batches.empty());
}

TEST(ProjectTest, PropagatesEvaluationErrors) {
  TestBatch t;
  t.add("a", DataType::bigint(), {i(1)});
  auto project = Project::make({make_column(5, DataType::bigint(), "gone")}, {"gone"});
  ASSERT_TRUE(project.is_ok());
  CollectingEmitter out;
  EXPECT_FALSE((*project)->push(t.batch(), out).is_ok());
}

TEST(ProjectTest, Describe) {
  TestBatch t;
  t.add("order_id", DataType::bigint(), {i(1)}).add("amount", DataType::bigint(), {i(1)});
  auto project = Project::make({t.col("order_id"), call("*", {t.col("amount"), lit(i(2))})},
                               {"order_id", "doubled"});
  ASSERT_TRUE(project.is_ok());
  EXPECT_EQ((*project)->describe(), "Project(order_id, (amount * 2) AS doubled)");
}

}  // namespace
}  // namespace eddy::ops
