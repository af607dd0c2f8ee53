#include "operators/rows_window/rows_window.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

#include "tests/operators/rows_window/rows_window_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

/// Two interleaved partitions: A gets px 10, 11, 13, 12, NULL and qty 1, NULL, 3, 5, 6;
/// B gets px 20, 21 and qty 2, 4. Event time is the row number in seconds.
TestBatch trades() {
  TestBatch t;
  t.add("sym", DataType::varchar(), {s("A"), s("B"), s("A"), s("A"), s("B"), s("A"), s("A")})
      .add("px", DataType::float64(), {d(10), d(20), d(11), d(13), d(21), d(12), null()})
      .add("qty", DataType::bigint(), {i(1), i(2), null(), i(3), i(4), i(5), i(6)})
      .event_time({Value::timestamp(0), Value::timestamp(1000), Value::timestamp(2000),
                   Value::timestamp(3000), Value::timestamp(4000), Value::timestamp(5000),
                   Value::timestamp(6000)});
  return t;
}

/// Builds a window over `t` partitioned by sym with the given calls, named c0, c1, ...
std::unique_ptr<RowsWindow> window(const TestBatch& t, int64_t buffer,
                                   std::vector<AnalyticCall> calls,
                                   std::vector<ExprPtr> partition_by = {},
                                   std::vector<ExprPtr> order_by = {},
                                   std::vector<bool> descending = {}) {
  RowsWindowSpec spec;
  spec.input_schema = t.schema();
  spec.buffer_rows = buffer;
  spec.partition_by = std::move(partition_by);
  spec.order_by = std::move(order_by);
  spec.descending = std::move(descending);
  for (size_t c = 0; c < calls.size(); ++c) {
    spec.names.push_back("c" + std::to_string(c));
  }
  spec.calls = std::move(calls);
  auto op = RowsWindow::make(std::move(spec));
  EXPECT_TRUE(op.is_ok()) << op.status().to_string();
  return op.is_ok() ? std::move(op).value() : nullptr;
}

TEST(RowsWindowTest, OutputSchemaEventTimeAndDescribe) {
  TestBatch t = trades();
  auto op =
      window(t, 3, {analytic("avg", {t.col("px")}), analytic("row_number", {})}, {t.col("sym")});
  ASSERT_NE(op, nullptr);
  const Schema& schema = *op->output_schema();
  ASSERT_EQ(schema.num_fields(), 5u);
  EXPECT_EQ(schema.field(3), (Field{"c0", DataType::float64()}));
  EXPECT_EQ(schema.field(4), (Field{"c1", DataType::bigint()}));
  CollectingEmitter out;
  BatchPtr batch = t.batch();
  ASSERT_TRUE(op->push(batch, out).is_ok());
  ASSERT_EQ(out.batches.size(), 1u);
  EXPECT_EQ(out.batches[0]->column(0).get(), batch->column(0).get());
  EXPECT_EQ(out.batches[0]->event_time().get(), batch->event_time().get());
  EXPECT_EQ(out.batches[0]->schema().get(), op->output_schema().get());
  ASSERT_TRUE(op->on_watermark(42, out).is_ok());
  EXPECT_THAT(out.watermarks, ElementsAre(42));
  EXPECT_EQ(op->describe(),
            "RowsWindow(BUFFER 3 ROWS PARTITION BY sym: AVG(px) AS c0, ROW_NUMBER() AS c1)");
}

TEST(RowsWindowTest, LagAndRowNumberPerPartition) {
  TestBatch t = trades();
  auto op =
      window(t, 3,
             {analytic("lag", {t.col("px")}), analytic("LAG", {t.col("px"), lit(i(2)), lit(d(-1))}),
              analytic("lag", {t.col("px"), lit(i(3))}), analytic("lag", {t.col("sym"), lit(i(0))}),
              analytic("row_number", {})},
             {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 3),
              ElementsAre("NULL", "NULL", "10.0", "11.0", "20.0", "13.0", "12.0"));
  EXPECT_THAT(column_strings(out, 4),
              ElementsAre("-1.0", "-1.0", "-1.0", "10.0", "-1.0", "11.0", "13.0"));
  // Offset 3 with BUFFER 3: the row has left the buffer.
  EXPECT_THAT(column_strings(out, 5),
              ElementsAre("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"));
  EXPECT_THAT(column_strings(out, 6), ElementsAre("A", "B", "A", "A", "B", "A", "A"));
  // ROW_NUMBER is not capped by the buffer.
  EXPECT_THAT(column_strings(out, 7), ElementsAre("1", "1", "2", "3", "2", "4", "5"));
}

TEST(RowsWindowTest, AggregatesOverTheWholeBufferWithEviction) {
  TestBatch t = trades();
  auto op = window(t, 3,
                   {analytic("sum", {t.col("qty")}), analytic("avg", {t.col("qty")}),
                    analytic("count", {t.col("qty")}), analytic("count", {}),
                    analytic("min", {t.col("px")}), analytic("max", {t.col("px")})},
                   {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 3), ElementsAre("1", "2", "1", "4", "6", "8", "14"));
  EXPECT_THAT(column_strings(out, 4),
              ElementsAre("1.0", "2.0", "1.0", "2.0", "3.0", "4.0", "4.666666666666667"));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("1", "1", "1", "2", "2", "2", "3"));
  EXPECT_THAT(column_strings(out, 6), ElementsAre("1", "1", "2", "3", "2", "3", "3"));
  EXPECT_THAT(column_strings(out, 7),
              ElementsAre("10.0", "20.0", "10.0", "10.0", "20.0", "11.0", "12.0"));
  EXPECT_THAT(column_strings(out, 8),
              ElementsAre("10.0", "20.0", "11.0", "13.0", "21.0", "13.0", "13.0"));
}

TEST(RowsWindowTest, FramesNarrowTheBuffer) {
  TestBatch t = trades();
  auto op = window(t, 3,
                   {analytic("sum", {t.col("qty")}, 1), analytic("min", {t.col("px")}, 1),
                    analytic("count", {}, 1), analytic("first_value", {t.col("px")}, 1),
                    analytic("sum", {t.col("qty")}, 50)},
                   {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 3), ElementsAre("1", "2", "1", "3", "6", "8", "11"));
  EXPECT_THAT(column_strings(out, 4),
              ElementsAre("10.0", "20.0", "10.0", "11.0", "20.0", "12.0", "12.0"));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("1", "1", "2", "2", "2", "2", "2"));
  EXPECT_THAT(column_strings(out, 6),
              ElementsAre("10.0", "20.0", "10.0", "11.0", "20.0", "13.0", "12.0"));
  // A frame wider than the buffer is capped by it.
  EXPECT_THAT(column_strings(out, 7), ElementsAre("1", "2", "1", "4", "6", "8", "14"));
}

TEST(RowsWindowTest, FirstLastNthValue) {
  TestBatch t = trades();
  auto op = window(t, 3,
                   {analytic("first_value", {t.col("px")}), analytic("last_value", {t.col("px")}),
                    analytic("nth_value", {t.col("px"), lit(i(2))}),
                    analytic("nth_value", {t.col("px"), lit(i(4))})},
                   {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 3),
              ElementsAre("10.0", "20.0", "10.0", "10.0", "20.0", "11.0", "13.0"));
  EXPECT_THAT(column_strings(out, 4),
              ElementsAre("10.0", "20.0", "11.0", "13.0", "21.0", "12.0", "NULL"));
  EXPECT_THAT(column_strings(out, 5),
              ElementsAre("NULL", "NULL", "11.0", "11.0", "21.0", "13.0", "12.0"));
  EXPECT_THAT(column_strings(out, 6),
              ElementsAre("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"));
}

TEST(RowsWindowTest, HugeOffsetsAndFramesDoNotOverflow) {
  TestBatch t = trades();
  auto op = window(t, 3,
                   {analytic("nth_value", {t.col("qty"), lit(i(INT64_MAX))}),
                    analytic("sum", {t.col("qty")}, INT64_MAX),
                    analytic("lag", {t.col("qty"), lit(i(INT64_MAX)), lit(i(9))}),
                    analytic("lead", {t.col("qty"), lit(i(INT64_MAX)), lit(i(8))})},
                   {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 3),
              ElementsAre("NULL", "NULL", "NULL", "NULL", "NULL", "NULL", "NULL"));
  EXPECT_THAT(column_strings(out, 4), ElementsAre("1", "2", "1", "4", "6", "8", "14"));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("9", "9", "9", "9", "9", "9", "9"));
  EXPECT_THAT(column_strings(out, 6), ElementsAre("8", "8", "8", "8", "8", "8", "8"));
}

TEST(RowsWindowTest, NullsAreIgnoredByAggregates) {
  TestBatch t;
  t.add("x", DataType::bigint(), {null(), i(5), null(), null()});
  auto op = window(t, 2,
                   {analytic("sum", {t.col("x")}), analytic("avg", {t.col("x")}),
                    analytic("min", {t.col("x")}), analytic("count", {t.col("x")}),
                    analytic("stddev_pop", {t.col("x")}), analytic("count", {})});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 1), ElementsAre("NULL", "5", "5", "NULL"));
  EXPECT_THAT(column_strings(out, 2), ElementsAre("NULL", "5.0", "5.0", "NULL"));
  EXPECT_THAT(column_strings(out, 3), ElementsAre("NULL", "5", "5", "NULL"));
  EXPECT_THAT(column_strings(out, 4), ElementsAre("0", "1", "1", "0"));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("NULL", "0.0", "0.0", "NULL"));
  EXPECT_THAT(column_strings(out, 6), ElementsAre("1", "2", "2", "2"));
}

TEST(RowsWindowTest, SumKeepsDecimalAndOverflowsToNull) {
  TestBatch t;
  t.add("amount", DataType::decimal(10, 2), {dec("1.25", 2), dec("2.50", 2), null()})
      .add("big", DataType::bigint(), {i(INT64_MAX), i(1), i(-5)});
  auto op = window(t, 10,
                   {analytic("sum", {t.col("amount")}), analytic("avg", {t.col("amount")}),
                    analytic("sum", {t.col("big")}), analytic("max", {t.col("amount")})});
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->output_schema()->field(2).type, DataType::decimal(18, 2));
  EXPECT_EQ(op->output_schema()->field(5).type, DataType::decimal(10, 2));
  CollectingEmitter out = run(*op, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 2), ElementsAre("1.25", "3.75", "3.75"));
  EXPECT_THAT(column_strings(out, 3), ElementsAre("1.25", "1.875", "1.875"));
  // The exact running sum passes through an overflow and comes back into range.
  EXPECT_THAT(column_strings(out, 4),
              ElementsAre(std::to_string(INT64_MAX), "NULL", std::to_string(INT64_MAX - 4)));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("1.25", "2.50", "2.50"));
}

TEST(RowsWindowTest, MinMaxOfStringsAndBooleans) {
  TestBatch t;
  t.add("name", DataType::varchar(), {s("m"), s("c"), s("x"), null(), s("a")})
      .add("flag", DataType::boolean(), {b(true), b(false), b(true), b(true), null()});
  auto op = window(t, 3,
                   {analytic("min", {t.col("name")}), analytic("max", {t.col("name")}),
                    analytic("min", {t.col("flag")}), analytic("lag", {t.col("flag")})});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 2);
  EXPECT_THAT(column_strings(out, 2), ElementsAre("m", "c", "c", "c", "a"));
  EXPECT_THAT(column_strings(out, 3), ElementsAre("m", "m", "x", "x", "x"));
  EXPECT_THAT(column_strings(out, 4), ElementsAre("true", "false", "false", "false", "true"));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("NULL", "true", "false", "true", "true"));
}

TEST(RowsWindowTest, RankAndDenseRankByOrderBy) {
  TestBatch t;
  t.add("v", DataType::bigint(), {i(3), i(1), i(3), i(2), null(), i(1)});
  auto asc =
      window(t, 4, {analytic("rank", {}), analytic("dense_rank", {})}, {}, {t.col("v")}, {false});
  ASSERT_NE(asc, nullptr);
  CollectingEmitter out = run(*asc, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 1), ElementsAre("1", "1", "2", "2", "4", "1"));
  EXPECT_THAT(column_strings(out, 2), ElementsAre("1", "1", "2", "2", "4", "1"));

  auto desc =
      window(t, 4, {analytic("rank", {}), analytic("dense_rank", {})}, {}, {t.col("v")}, {true});
  ASSERT_NE(desc, nullptr);
  out = run(*desc, t.batch(), 1);
  EXPECT_THAT(column_strings(out, 1), ElementsAre("1", "2", "1", "3", "1", "4"));
  EXPECT_THAT(column_strings(out, 2), ElementsAre("1", "2", "1", "2", "1", "4"));

  auto framed = window(t, 4, {analytic("rank", {}, 1)}, {}, {t.col("v")});
  ASSERT_NE(framed, nullptr);
  out = run(*framed, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 1), ElementsAre("1", "1", "2", "1", "2", "1"));

  auto unordered = window(t, 4, {analytic("rank", {}), analytic("dense_rank", {})});
  ASSERT_NE(unordered, nullptr);
  out = run(*unordered, t.batch(), 100);
  EXPECT_THAT(column_strings(out, 1), ElementsAre("1", "1", "1", "1", "1", "1"));
  EXPECT_THAT(column_strings(out, 2), ElementsAre("1", "1", "1", "1", "1", "1"));
}

TEST(RowsWindowTest, StddevAndVariance) {
  TestBatch t;
  t.add("x", DataType::bigint(), {i(2), i(4), i(4), i(4), i(5), i(5), i(7), i(9)});
  auto op = window(t, 8,
                   {analytic("stddev_pop", {t.col("x")}), analytic("var_pop", {t.col("x")}),
                    analytic("stddev", {t.col("x")}), analytic("variance", {t.col("x")})});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out = run(*op, t.batch(), 3);
  std::vector<Value> pop = column_values(out, 1);
  std::vector<Value> var_pop = column_values(out, 2);
  std::vector<Value> samp = column_values(out, 3);
  std::vector<Value> var_samp = column_values(out, 4);
  ASSERT_EQ(pop.size(), 8u);
  EXPECT_DOUBLE_EQ(pop[0].float64(), 0.0);
  EXPECT_TRUE(samp[0].is_null());
  EXPECT_TRUE(var_samp[0].is_null());
  EXPECT_DOUBLE_EQ(var_samp[1].float64(), 2.0);
  EXPECT_NEAR(pop[7].float64(), 2.0, 1e-12);
  EXPECT_NEAR(var_pop[7].float64(), 4.0, 1e-12);
  EXPECT_NEAR(var_samp[7].float64(), 32.0 / 7.0, 1e-12);
  EXPECT_NEAR(samp[7].float64(), std::sqrt(32.0 / 7.0), 1e-12);
}

TEST(RowsWindowTest, LeadDelaysOutputUntilLaterRowsOrFinish) {
  TestBatch t = trades();
  auto op = window(
      t, 3,
      {analytic("lead", {t.col("px")}), analytic("lead", {t.col("px"), lit(i(1)), lit(d(0))}),
       analytic("row_number", {}), analytic("lag", {t.col("px")})},
      {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(slice(t.batch(), 0, 2), out).is_ok());
  EXPECT_TRUE(out.batches.empty());
  ASSERT_TRUE(op->push(slice(t.batch(), 2, 5), out).is_ok());
  ASSERT_EQ(out.num_rows(), 5u);
  ASSERT_TRUE(op->finish(out).is_ok());
  ASSERT_EQ(out.num_rows(), 7u);
  EXPECT_THAT(column_strings(out, 1),
              ElementsAre("10.0", "11.0", "20.0", "13.0", "12.0", "NULL", "21.0"));
  EXPECT_THAT(column_strings(out, 3),
              ElementsAre("11.0", "13.0", "21.0", "12.0", "NULL", "NULL", "NULL"));
  EXPECT_THAT(column_strings(out, 4),
              ElementsAre("11.0", "13.0", "21.0", "12.0", "NULL", "0.0", "0.0"));
  EXPECT_THAT(column_strings(out, 5), ElementsAre("1", "2", "1", "3", "4", "5", "2"));
  EXPECT_THAT(column_strings(out, 6),
              ElementsAre("NULL", "10.0", "NULL", "11.0", "13.0", "12.0", "20.0"));
  std::vector<int64_t> times;
  for (const auto& b : out.batches) {
    ASSERT_NE(b->event_time(), nullptr);
    for (size_t r = 0; r < b->num_rows(); ++r) {
      times.push_back(b->event_time()->i64()[r]);
    }
  }
  EXPECT_THAT(times, ElementsAre(0, 2000, 1000, 3000, 5000, 6000, 4000));
}

TEST(RowsWindowTest, LeadOutputDoesNotDependOnBatchSize) {
  TestBatch t = trades();
  auto make = [&] {
    return window(t, 4, {analytic("lead", {t.col("qty"), lit(i(2)), lit(i(-1))})}, {t.col("sym")});
  };
  auto one = make();
  auto all = make();
  ASSERT_NE(one, nullptr);
  ASSERT_NE(all, nullptr);
  CollectingEmitter a = run(*one, t.batch(), 1);
  CollectingEmitter b = run(*all, t.batch(), 7);
  EXPECT_EQ(column_strings(a, 3), column_strings(b, 3));
  EXPECT_EQ(column_strings(a, 2), column_strings(b, 2));
  // A: qty 1, NULL, 3, 5, 6 -> LEAD 2 = 3, 5, 6, -1, -1; B: -1, -1 (B is flushed second).
  EXPECT_THAT(column_strings(b, 3), ElementsAre("3", "5", "6", "-1", "-1", "-1", "-1"));
  EXPECT_THAT(column_strings(b, 2), ElementsAre("1", "NULL", "3", "5", "6", "2", "4"));
}

TEST(RowsWindowTest, LeadBeyondTheBufferGivesTheDefaultWithoutDelay) {
  TestBatch t = trades();
  auto op = window(t, 2,
                   {analytic("lead", {t.col("qty"), lit(i(2)), lit(i(7))}),
                    analytic("lead", {t.col("qty"), lit(i(0))})},
                   {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(t.batch(), out).is_ok());
  ASSERT_EQ(out.num_rows(), 7u);
  EXPECT_THAT(column_strings(out, 3), ElementsAre("7", "7", "7", "7", "7", "7", "7"));
  EXPECT_THAT(column_strings(out, 4), ElementsAre("1", "2", "NULL", "3", "4", "5", "6"));
}

TEST(RowsWindowTest, LeadHoldsWatermarksBackToDelayedRows) {
  TestBatch t = trades();
  auto op = window(t, 3, {analytic("lead", {t.col("px")})}, {t.col("sym")});
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(t.batch(), out).is_ok());
  // Pending: A's row at 6000 and B's row at 4000.
  ASSERT_TRUE(op->on_watermark(10000, out).is_ok());
  ASSERT_TRUE(op->on_watermark(3000, out).is_ok());
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(out.watermarks, ElementsAre(4000, 10000));
}

TEST(RowsWindowTest, SingleAndMultiColumnPartitionKeys) {
  TestBatch t;
  t.add("k", DataType::bigint(), {i(1), i(2), null(), i(1), null(), i(2)})
      .add("g", DataType::varchar(), {s("x"), s("x"), s("y"), s("y"), s("y"), s("x")});
  auto by_int = window(t, 5, {analytic("row_number", {})}, {t.col("k")});
  ASSERT_NE(by_int, nullptr);
  EXPECT_THAT(column_strings(run(*by_int, t.batch(), 4), 2),
              ElementsAre("1", "1", "1", "2", "2", "2"));
  auto by_both = window(t, 5, {analytic("row_number", {})}, {t.col("k"), t.col("g")});
  ASSERT_NE(by_both, nullptr);
  EXPECT_THAT(column_strings(run(*by_both, t.batch(), 4), 2),
              ElementsAre("1", "1", "1", "1", "2", "2"));
  auto by_expr = window(t, 5, {analytic("row_number", {})}, {call("upper", {t.col("g")})});
  ASSERT_NE(by_expr, nullptr);
  EXPECT_THAT(column_strings(run(*by_expr, t.batch(), 4), 2),
              ElementsAre("1", "2", "1", "2", "3", "3"));
}

TEST(RowsWindowTest, RejectsBadSpecs) {
  TestBatch t = trades();
  RowsWindowSpec spec;
  spec.input_schema = t.schema();
  spec.buffer_rows = 0;
  spec.calls = {analytic("row_number", {})};
  spec.names = {"rn"};
  auto zero = RowsWindow::make(spec);
  ASSERT_FALSE(zero.is_ok());
  EXPECT_EQ(zero.status().code(), StatusCode::kBindError);
  EXPECT_THAT(zero.status().message(), ::testing::HasSubstr("BUFFER"));

  spec.buffer_rows = 5;
  spec.names = {};
  EXPECT_FALSE(RowsWindow::make(spec).is_ok());

  spec.names = {"x"};
  AnalyticCall malformed;
  malformed.kind = AnalyticKind::kLag;
  malformed.args = {t.col("px")};
  malformed.result_type = DataType::float64();
  spec.calls = {malformed};
  EXPECT_EQ(RowsWindow::make(spec).status().code(), StatusCode::kInternal);

  spec.calls = {analytic("row_number", {})};
  spec.order_by = {t.col("px")};
  spec.descending = {true, false};
  EXPECT_FALSE(RowsWindow::make(spec).is_ok());

  spec.input_schema = nullptr;
  spec.descending = {true};
  EXPECT_FALSE(RowsWindow::make(spec).is_ok());
}

TEST(RowsWindowTest, RejectsBatchesOfTheWrongShape) {
  TestBatch t = trades();
  auto op = window(t, 3, {analytic("row_number", {})});
  ASSERT_NE(op, nullptr);
  TestBatch other;
  other.add("only", DataType::bigint(), {i(1)});
  CollectingEmitter out;
  EXPECT_FALSE(op->push(other.batch(), out).is_ok());
  EXPECT_TRUE(out.batches.empty());
}

}  // namespace
}  // namespace eddy::ops
