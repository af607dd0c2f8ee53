#include "operators/aggregate/hash_aggregate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

TestBatch orders(const std::vector<Value>& customers, const std::vector<Value>& amounts) {
  TestBatch t;
  t.add("customer", DataType::varchar(), customers).add("amount", DataType::bigint(), amounts);
  return t;
}

AggregateOpSpec count_and_sum(const TestBatch& t, EmitMode emit) {
  AggregateOpSpec spec;
  spec.input_schema = t.schema();
  spec.keys = {t.col("customer")};
  spec.key_names = {"customer"};
  spec.aggregates = {agg("COUNT", {}), agg("SUM", {t.col("amount")})};
  spec.aggregate_names = {"n", "total"};
  spec.emit = emit;
  return spec;
}

TEST(HashAggregateTest, EmitChangesEmitsChangedGroupsPerBatchInFirstChangeOrder) {
  TestBatch b1 = orders({s("a"), s("b"), s("a")}, {i(10), i(20), i(5)});
  TestBatch b2 = orders({s("c"), s("a"), s("c")}, {i(1), i(1), null()});
  auto op = HashAggregate::make(count_and_sum(b1, EmitMode::kChanges));
  ASSERT_TRUE(op.is_ok()) << op.status().to_string();
  const Schema& schema = *(*op)->output_schema();
  ASSERT_EQ(schema.num_fields(), 3u);
  EXPECT_EQ(schema.field(2).type, DataType::bigint());
  CollectingEmitter out;
  ASSERT_TRUE((*op)->push(b1.batch(), out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("customer=a, n=2, total=15", "customer=b, n=1, total=20"));
  out.batches.clear();
  ASSERT_TRUE((*op)->push(b2.batch(), out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("customer=c, n=2, total=1", "customer=a, n=3, total=16"));
  out.batches.clear();
  ASSERT_TRUE((*op)->on_watermark(123, out).is_ok());
  EXPECT_THAT(out.watermarks, ElementsAre(123));
  ASSERT_TRUE((*op)->finish(out).is_ok());
  EXPECT_TRUE(out.batches.empty());
  EXPECT_EQ((*op)->num_groups(), 3u);
  EXPECT_NE((*op)->describe().find("COUNT(*) AS n"), std::string::npos);
}

TEST(HashAggregateTest, PushRowsFoldsOnlyTheSelectedRowsWithoutCopying) {
  TestBatch b = orders({s("a"), s("b"), s("a"), s("c"), s("b")}, {i(10), i(20), i(5), i(7), i(1)});
  const uint32_t selected[] = {1, 2, 4};
  auto op = HashAggregate::make(count_and_sum(b, EmitMode::kChanges));
  ASSERT_TRUE(op.is_ok()) << op.status().to_string();
  CollectingEmitter out;
  ASSERT_TRUE((*op)->push_rows(b.batch(), selected, 3, out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("customer=b, n=2, total=21", "customer=a, n=1, total=5"));
  EXPECT_EQ((*op)->num_groups(), 2u);
}

TEST(HashAggregateTest, EmitFinalEmitsOnceAtFinish) {
  TestBatch b1 = orders({s("a"), s("b"), s("a")}, {i(10), i(20), i(5)});
  TestBatch b2 = orders({s("c"), null()}, {i(1), i(7)});
  auto op = HashAggregate::make(count_and_sum(b1, EmitMode::kFinal));
  ASSERT_TRUE(op.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*op)->push(b1.batch(), out).is_ok());
  ASSERT_TRUE((*op)->push(b2.batch(), out).is_ok());
  EXPECT_TRUE(out.batches.empty());
  ASSERT_TRUE((*op)->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("customer=a, n=2, total=15", "customer=b, n=1, total=20",
                                     "customer=c, n=1, total=1", "customer=NULL, n=1, total=7"));
}

TEST(HashAggregateTest, GlobalAggregateWithoutKeys) {
  TestBatch t = orders({s("a"), s("b")}, {i(4), i(6)});
  AggregateOpSpec spec;
  spec.input_schema = t.schema();
  spec.aggregates = {agg("COUNT", {}), agg("AVG", {t.col("amount")})};
  spec.aggregate_names = {"n", "mean"};
  spec.emit = EmitMode::kFinal;
  auto empty = HashAggregate::make(spec);
  ASSERT_TRUE(empty.is_ok());
  CollectingEmitter out_empty;
  ASSERT_TRUE((*empty)->finish(out_empty).is_ok());
  EXPECT_THAT(rows(out_empty), ElementsAre("n=0, mean=NULL"));

  spec.emit = EmitMode::kChanges;
  auto op = HashAggregate::make(spec);
  ASSERT_TRUE(op.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*op)->push(t.batch(), out).is_ok());
  ASSERT_TRUE((*op)->push(t.batch(), out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("n=2, mean=5.0", "n=4, mean=5.0"));
}

TEST(HashAggregateTest, ExpressionKeysAndManyGroupsFinalInFirstSeenOrder) {
  TestBatch t;
  std::vector<Value> ids;
  for (int k = 0; k < 10000; ++k) {
    ids.push_back(i((k * 7919) % 5000));
  }
  t.add("id", DataType::bigint(), ids);
  AggregateOpSpec spec;
  spec.input_schema = t.schema();
  spec.keys = {call("%", {t.col("id"), lit(i(1000))})};
  spec.key_names = {"bucket"};
  spec.aggregates = {agg("COUNT", {})};
  spec.aggregate_names = {"n"};
  spec.emit = EmitMode::kFinal;
  auto op = HashAggregate::make(spec);
  ASSERT_TRUE(op.is_ok());
  CollectingEmitter out;
  ASSERT_TRUE((*op)->push(t.batch(), out).is_ok());
  ASSERT_TRUE((*op)->finish(out).is_ok());
  auto r = rows(out);
  ASSERT_EQ(r.size(), 1000u);
  EXPECT_EQ(r[0], "bucket=0, n=10");
  EXPECT_EQ(r[1], "bucket=919, n=10");  // 7919 % 5000 % 1000
}

TEST(HashAggregateTest, OverflowFailsThePush) {
  TestBatch t = orders({s("a"), s("a")}, {i(INT64_MAX), i(1)});
  auto op = HashAggregate::make(count_and_sum(t, EmitMode::kChanges));
  ASSERT_TRUE(op.is_ok());
  CollectingEmitter out;
  Status st = (*op)->push(t.batch(), out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_TRUE(out.batches.empty());
}

TEST(HashAggregateTest, RejectsMalformedSpecs) {
  TestBatch t = orders({s("a")}, {i(1)});
  AggregateOpSpec spec = count_and_sum(t, EmitMode::kChanges);
  spec.aggregate_names.pop_back();
  EXPECT_EQ(HashAggregate::make(spec).status().code(), StatusCode::kInternal);
  AggregateOpSpec windowed = count_and_sum(t, EmitMode::kChanges);
  windowed.window.kind = WindowKind::kTumbling;
  windowed.window.size_ms = 1000;
  EXPECT_FALSE(HashAggregate::make(windowed).is_ok());
  AggregateOpSpec no_arg = count_and_sum(t, EmitMode::kChanges);
  no_arg.aggregates[1].arg = nullptr;
  EXPECT_FALSE(HashAggregate::make(no_arg).is_ok());
}

}  // namespace
}  // namespace eddy::ops
