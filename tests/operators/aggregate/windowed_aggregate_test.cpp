#include "operators/aggregate/windowed_aggregate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "operators/aggregate/aggregate_operator.hpp"
#include "runtime/core/column_builder.hpp"
#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

// Rows (key, amount) with event times in ms.
TestBatch trades(const std::vector<Value>& keys, const std::vector<Value>& amounts,
                 const std::vector<int64_t>& times) {
  TestBatch t;
  std::vector<Value> et;
  for (int64_t ms : times) {
    et.push_back(Value::timestamp(ms));
  }
  t.add("sym", DataType::varchar(), keys).add("amount", DataType::bigint(), amounts).event_time(et);
  return t;
}

AggregateOpSpec windowed(const TestBatch& t, WindowKind kind, int64_t size, int64_t advance,
                         EmitMode emit, bool keyed = true) {
  AggregateOpSpec spec;
  spec.input_schema = t.schema();
  if (keyed) {
    spec.keys = {t.col("sym")};
    spec.key_names = {"sym"};
  }
  spec.aggregates = {agg("COUNT", {}), agg("SUM", {t.col("amount")})};
  spec.aggregate_names = {"n", "total"};
  spec.window.kind = kind;
  spec.window.size_ms = size;
  spec.window.advance_ms = advance;
  spec.emit = emit;
  return spec;
}

std::unique_ptr<WindowedAggregate> make_op(AggregateOpSpec spec) {
  auto op = WindowedAggregate::make(std::move(spec));
  EXPECT_TRUE(op.is_ok()) << op.status().to_string();
  return op.is_ok() ? std::move(op).value() : nullptr;
}

TEST(WindowedAggregateTest, TumblingVelostreamVector) {
  // TUMBLING 5s over rows at 1s, 2s, 3s | 6s, 7s: COUNT [3, 2], SUM [300, 700].
  TestBatch b1 = trades({s("x"), s("x"), s("x")}, {i(100), i(100), i(100)}, {1000, 2000, 3000});
  TestBatch b2 = trades({s("x"), s("x")}, {i(300), i(400)}, {6000, 7000});
  auto op = make_op(windowed(b1, WindowKind::kTumbling, 5000, 0, EmitMode::kFinal, false));
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b1.batch(), out).is_ok());
  ASSERT_TRUE(op->push(b2.batch(), out).is_ok());
  EXPECT_TRUE(out.batches.empty());
  ASSERT_TRUE(op->on_watermark(4999, out).is_ok());
  EXPECT_TRUE(out.batches.empty());
  ASSERT_TRUE(op->on_watermark(5000, out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("_window_start=0, _window_end=5000, n=3, total=300"));
  EXPECT_THAT(out.watermarks, ElementsAre(4999, 5000));
  out.batches.clear();
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("_window_start=5000, _window_end=10000, n=2, total=700"));
  EXPECT_EQ(op->num_windows(), 0u);
}

TEST(WindowedAggregateTest, WindowsArePerKeyAndOrderedByEndThenFirstSeenKey) {
  TestBatch b = trades({s("b"), s("a"), s("b"), s("a"), s("c")}, {i(1), i(2), i(3), i(4), i(5)},
                       {6000, 1000, 1500, 7000, 4000});
  auto op = make_op(windowed(b, WindowKind::kTumbling, 5000, 0, EmitMode::kFinal));
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b.batch(), out).is_ok());
  EXPECT_EQ(op->num_windows(), 2u);
  EXPECT_EQ(op->num_groups(), 5u);
  ASSERT_TRUE(op->on_watermark(20000, out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("sym=a, _window_start=0, _window_end=5000, n=1, total=2",
                                     "sym=b, _window_start=0, _window_end=5000, n=1, total=3",
                                     "sym=c, _window_start=0, _window_end=5000, n=1, total=5",
                                     "sym=b, _window_start=5000, _window_end=10000, n=1, total=1",
                                     "sym=a, _window_start=5000, _window_end=10000, n=1, total=4"));
  EXPECT_EQ(op->num_groups(), 0u);
}

TEST(WindowedAggregateTest, SlidingMembership) {
  // SLIDING(10s, 5s): 7s is in [0, 10s) and [5s, 15s); 12s in [5s, 15s) and [10s, 20s).
  TestBatch b = trades({s("x"), s("x")}, {i(1), i(10)}, {7000, 12000});
  auto op = make_op(windowed(b, WindowKind::kSliding, 10000, 5000, EmitMode::kFinal, false));
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b.batch(), out).is_ok());
  EXPECT_EQ(op->num_windows(), 3u);
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("_window_start=0, _window_end=10000, n=1, total=1",
                                     "_window_start=5000, _window_end=15000, n=2, total=11",
                                     "_window_start=10000, _window_end=20000, n=1, total=10"));
}

TEST(WindowedAggregateTest, LateRowsAreDroppedCountedAndHandedOver) {
  TestBatch first = trades({s("x")}, {i(1)}, {12000});
  auto op = make_op(windowed(first, WindowKind::kSliding, 10000, 5000, EmitMode::kFinal, false));
  ASSERT_NE(op, nullptr);
  std::vector<std::string> late;
  op->set_late_row_handler([&late](const Batch& batch, size_t row) {
    late.push_back(batch.column(1)->value(row).to_string());
    return Status::ok();
  });
  CollectingEmitter out;
  ASSERT_TRUE(op->push(first.batch(), out).is_ok());
  ASSERT_TRUE(op->on_watermark(10000, out).is_ok());
  EXPECT_TRUE(out.batches.empty());  // [0, 10s) never had rows
  // 4s: windows [-5s, 5s) and [0, 10s) are both closed: late. 9s: [5s, 15s) is still open.
  TestBatch second = trades({s("x"), s("x")}, {i(4), i(9)}, {4000, 9000});
  ASSERT_TRUE(op->push(second.batch(), out).is_ok());
  EXPECT_EQ(op->late_dropped(), 1u);
  EXPECT_THAT(late, ElementsAre("4"));
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("_window_start=5000, _window_end=15000, n=2, total=10",
                                     "_window_start=10000, _window_end=20000, n=1, total=1"));
}

// Attaches the source's per-row watermarks to a test batch.
BatchPtr with_row_watermarks(const BatchPtr& b, const std::vector<int64_t>& wms) {
  ColumnBuilder builder(DataType::timestamp());
  for (int64_t wm : wms) {
    builder.append_int(wm);
  }
  return Batch::make(b->schema(), b->columns(), b->num_rows(), b->event_time(), builder.finish());
}

TEST(WindowedAggregateTest, LatenessFollowsRowWatermarksWithinABatch) {
  // One batch with rows at 1s, 7s and a straggler at 2s: by the time the straggler arrived the
  // watermark was 7s, so its window [0, 5s) had closed, exactly as if rows came one by one.
  TestBatch t = trades({s("x"), s("x"), s("x")}, {i(1), i(7), i(2)}, {1000, 7000, 2000});
  auto op = make_op(windowed(t, WindowKind::kTumbling, 5000, 0, EmitMode::kFinal, false));
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(with_row_watermarks(t.batch(), {INT64_MIN, 1000, 7000}), out).is_ok());
  EXPECT_EQ(op->late_dropped(), 1u);
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("_window_start=0, _window_end=5000, n=1, total=1",
                                     "_window_start=5000, _window_end=10000, n=1, total=7"));
}

TEST(WindowedAggregateTest, PushRowsGivesWhatPushingTheCopiedRowsGives) {
  // Hash routing hands a partition a shared batch and its rows: lateness (per-row watermarks),
  // late-row indices and every result must match a push of just those rows.
  TestBatch t = trades({s("x"), s("y"), s("x"), s("y"), s("x"), s("y"), s("x")},
                       {i(1), i(2), i(3), i(4), i(5), i(6), i(7)},
                       {1000, 2000, 7000, 6000, 2500, 12000, 11000});
  BatchPtr batch = with_row_watermarks(t.batch(), {INT64_MIN, 0, 1000, 6000, 6000, 6000, 11000});
  const uint32_t selected[] = {0, 2, 4, 5, 6};
  for (EmitMode emit : {EmitMode::kFinal, EmitMode::kChanges}) {
    auto via_rows = make_op(windowed(t, WindowKind::kTumbling, 5000, 0, emit));
    auto via_copy = make_op(windowed(t, WindowKind::kTumbling, 5000, 0, emit));
    ASSERT_NE(via_rows, nullptr);
    ASSERT_NE(via_copy, nullptr);
    std::vector<std::string> late_rows;
    std::vector<std::string> late_copy;
    via_rows->set_late_row_handler([&](const Batch& b, size_t row) {
      late_rows.push_back(b.column(1)->value(row).to_string());
      return Status::ok();
    });
    via_copy->set_late_row_handler([&](const Batch& b, size_t row) {
      late_copy.push_back(b.column(1)->value(row).to_string());
      return Status::ok();
    });
    CollectingEmitter out_rows;
    CollectingEmitter out_copy;
    ASSERT_TRUE(via_rows->push_rows(batch, selected, 5, out_rows).is_ok());
    ASSERT_TRUE(via_copy->push(batch->take(selected, 5), out_copy).is_ok());
    ASSERT_TRUE(via_rows->finish(out_rows).is_ok());
    ASSERT_TRUE(via_copy->finish(out_copy).is_ok());
    EXPECT_EQ(rows(out_rows), rows(out_copy));
    EXPECT_FALSE(rows(out_rows).empty());
    EXPECT_EQ(via_rows->late_dropped(), 1u);  // the row at 2.5s after a 6s watermark
    EXPECT_EQ(late_rows, late_copy);
    EXPECT_THAT(late_rows, ElementsAre("5"));
  }
}

TEST(WindowedAggregateTest, AFailingLateRowHandlerStopsThePush) {
  TestBatch t = trades({s("x"), s("x")}, {i(1), i(2)}, {9000, 1000});
  auto op = make_op(windowed(t, WindowKind::kTumbling, 5000, 0, EmitMode::kFinal, false));
  ASSERT_NE(op, nullptr);
  op->set_late_row_handler(
      [](const Batch&, size_t) { return Status::io_error("cannot write dead-letter file"); });
  CollectingEmitter out;
  Status st = op->push(with_row_watermarks(t.batch(), {INT64_MIN, 9000}), out);
  EXPECT_EQ(st.code(), StatusCode::kIoError);
}

TEST(WindowedAggregateTest, EmitChangesFollowsTheLastRowRule) {
  TestBatch b1 = trades({s("a"), s("b"), s("a")}, {i(1), i(2), i(3)}, {1000, 1000, 6000});
  TestBatch b2 = trades({s("a")}, {i(10)}, {2000});
  auto op = make_op(windowed(b1, WindowKind::kTumbling, 5000, 0, EmitMode::kChanges));
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b1.batch(), out).is_ok());
  ASSERT_TRUE(op->push(b2.batch(), out).is_ok());
  ASSERT_TRUE(op->on_watermark(5000, out).is_ok());
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("sym=a, _window_start=0, _window_end=5000, n=1, total=1",
                                     "sym=b, _window_start=0, _window_end=5000, n=1, total=2",
                                     "sym=a, _window_start=5000, _window_end=10000, n=1, total=3",
                                     "sym=a, _window_start=0, _window_end=5000, n=2, total=11"));
  EXPECT_EQ(op->num_groups(), 0u);
}

TEST(WindowedAggregateTest, StateIsFreedOverALongRun) {
  TestBatch shape = trades({s("k")}, {i(1)}, {0});
  auto op = make_op(windowed(shape, WindowKind::kTumbling, 1000, 0, EmitMode::kFinal));
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  size_t peak = 0;
  for (int64_t second = 0; second < 200; ++second) {
    std::vector<Value> keys;
    std::vector<Value> amounts;
    std::vector<int64_t> times;
    for (int k = 0; k < 50; ++k) {
      keys.push_back(s("key" + std::to_string(k)));
      amounts.push_back(i(k));
      times.push_back(second * 1000 + k * 10);
    }
    ASSERT_TRUE(op->push(trades(keys, amounts, times).batch(), out).is_ok());
    peak = std::max(peak, op->num_groups());
    ASSERT_TRUE(op->on_watermark((second + 1) * 1000, out).is_ok());
    EXPECT_EQ(op->num_groups(), 0u);
  }
  EXPECT_EQ(peak, 50u);
  EXPECT_EQ(op->num_windows(), 0u);
  ASSERT_TRUE(op->on_watermark(kWatermarkMax, out).is_ok());
  EXPECT_EQ(op->num_groups(), 0u);
  EXPECT_EQ(op->num_windows(), 0u);
  EXPECT_EQ(out.num_rows(), 200u * 50u);
}

TEST(WindowedAggregateTest, TimeExpressionAndBadTimes) {
  TestBatch t;
  t.add("sym", DataType::varchar(), {s("x"), s("x"), s("x")})
      .add("amount", DataType::bigint(), {i(1), i(2), i(3)})
      .add("ts", DataType::bigint(), {i(1000), null(), i(1500)});
  AggregateOpSpec spec = windowed(t, WindowKind::kTumbling, 1000, 0, EmitMode::kFinal, false);
  spec.window.time = t.col("ts");
  auto op = make_op(spec);
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(t.batch(), out).is_ok());
  EXPECT_EQ(op->bad_time_dropped(), 1u);
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("_window_start=1000, _window_end=2000, n=2, total=4"));
}

TEST(WindowedAggregateTest, ErrorsForBadSpecsAndMissingEventTime) {
  TestBatch t;
  t.add("sym", DataType::varchar(), {s("x")}).add("amount", DataType::bigint(), {i(1)});
  CollectingEmitter out;
  auto op = make_op(windowed(t, WindowKind::kTumbling, 1000, 0, EmitMode::kFinal));
  ASSERT_NE(op, nullptr);
  Status st = op->push(t.batch(), out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("event time"), std::string::npos);
  EXPECT_EQ(WindowedAggregate::make(windowed(t, WindowKind::kTumbling, 0, 0, EmitMode::kFinal))
                .status()
                .code(),
            StatusCode::kInvalidConfig);
  EXPECT_EQ(WindowedAggregate::make(windowed(t, WindowKind::kSliding, 1000, 2000, EmitMode::kFinal))
                .status()
                .code(),
            StatusCode::kInvalidConfig);
  AggregateOpSpec bad_time = windowed(t, WindowKind::kTumbling, 1000, 0, EmitMode::kFinal);
  bad_time.window.time = t.col("sym");
  EXPECT_EQ(WindowedAggregate::make(bad_time).status().code(), StatusCode::kBindError);
}

TEST(WindowedAggregateTest, FactoryPicksTheOperator) {
  TestBatch t = trades({s("x")}, {i(1)}, {0});
  auto plain = make_aggregate_operator(windowed(t, WindowKind::kNone, 0, 0, EmitMode::kFinal));
  ASSERT_TRUE(plain.is_ok());
  EXPECT_EQ((*plain)->describe().rfind("HashAggregate(", 0), 0u);
  auto tumbling =
      make_aggregate_operator(windowed(t, WindowKind::kTumbling, 10, 0, EmitMode::kFinal));
  ASSERT_TRUE(tumbling.is_ok());
  EXPECT_EQ((*tumbling)->describe().rfind("WindowedAggregate(TUMBLING(10ms)", 0), 0u);
  auto session = make_aggregate_operator(windowed(t, WindowKind::kSession, 0, 0, EmitMode::kFinal));
  EXPECT_EQ(session.status().code(), StatusCode::kInvalidConfig);
}

}  // namespace
}  // namespace eddy::ops
