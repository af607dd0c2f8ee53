#include "operators/aggregate/session_aggregate.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

TestBatch events(const std::vector<Value>& users, const std::vector<Value>& pages,
                 const std::vector<int64_t>& times) {
  TestBatch t;
  std::vector<Value> et;
  for (int64_t ms : times) {
    et.push_back(Value::timestamp(ms));
  }
  t.add("user", DataType::varchar(), users).add("page", DataType::varchar(), pages).event_time(et);
  return t;
}

std::unique_ptr<SessionAggregate> make_op(const TestBatch& t, int64_t gap, EmitMode emit) {
  AggregateOpSpec spec;
  spec.input_schema = t.schema();
  spec.keys = {t.col("user")};
  spec.key_names = {"user"};
  spec.aggregates = {agg("COUNT", {}), agg("STRING_AGG", {t.col("page")})};
  spec.aggregate_names = {"n", "pages"};
  spec.window.kind = WindowKind::kSession;
  spec.window.gap_ms = gap;
  spec.emit = emit;
  auto op = SessionAggregate::make(std::move(spec));
  EXPECT_TRUE(op.is_ok()) << op.status().to_string();
  return op.is_ok() ? std::move(op).value() : nullptr;
}

TEST(SessionAggregateTest, SessionsSplitOnTheGapPerKey) {
  TestBatch b = events({s("u"), s("v"), s("u"), s("u")}, {s("a"), s("x"), s("b"), s("c")},
                       {1000, 1500, 1900, 3000});
  auto op = make_op(b, 1000, EmitMode::kFinal);
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b.batch(), out).is_ok());
  // u: 1000 and 1900 are 900 apart (one session); 3000 is 1100 after 1900 (a new one).
  EXPECT_EQ(op->num_sessions(), 3u);
  ASSERT_TRUE(op->on_watermark(2900, out).is_ok());
  EXPECT_THAT(rows(out),
              ElementsAre("user=v, _window_start=1500, _window_end=2500, n=1, pages=x",
                          "user=u, _window_start=1000, _window_end=2900, n=2, pages=a,b"));
  out.batches.clear();
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out), ElementsAre("user=u, _window_start=3000, _window_end=4000, n=1, pages=c"));
  EXPECT_EQ(op->num_sessions(), 0u);
}

TEST(SessionAggregateTest, OutOfOrderRecordMergesTwoSessions) {
  TestBatch b1 = events({s("u"), s("u")}, {s("a"), s("c")}, {1000, 2600});
  TestBatch b2 = events({s("u")}, {s("b")}, {1800});  // within 1000 of both
  auto op = make_op(b1, 1000, EmitMode::kFinal);
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b1.batch(), out).is_ok());
  EXPECT_EQ(op->num_sessions(), 2u);
  ASSERT_TRUE(op->on_watermark(1900, out).is_ok());  // 1000's session ends at 2000: still open
  ASSERT_TRUE(op->push(b2.batch(), out).is_ok());
  EXPECT_EQ(op->num_sessions(), 1u);
  ASSERT_TRUE(op->finish(out).is_ok());
  // Merged state: the earlier session's pages, the later one's, then the bridging record.
  EXPECT_THAT(rows(out),
              ElementsAre("user=u, _window_start=1000, _window_end=3600, n=3, pages=a,c,b"));
}

TEST(SessionAggregateTest, MergeWithinOneBatchRoutesEarlierRowsToTheSurvivor) {
  TestBatch b = events({s("u"), s("u"), s("u"), s("u")}, {s("a"), s("c"), s("b"), s("d")},
                       {1000, 2600, 1800, 2700});
  auto op = make_op(b, 1000, EmitMode::kChanges);
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b.batch(), out).is_ok());
  EXPECT_THAT(rows(out),
              ElementsAre("user=u, _window_start=1000, _window_end=3700, n=4, pages=a,c,b,d"));
  EXPECT_EQ(op->num_sessions(), 1u);
}

TEST(SessionAggregateTest, LateRecordsAreDroppedAndCounted) {
  TestBatch b1 = events({s("u")}, {s("a")}, {10000});
  auto op = make_op(b1, 1000, EmitMode::kFinal);
  ASSERT_NE(op, nullptr);
  size_t handed = 0;
  op->set_late_row_handler([&handed](const Batch&, size_t) {
    ++handed;
    return Status::ok();
  });
  CollectingEmitter out;
  ASSERT_TRUE(op->push(b1.batch(), out).is_ok());
  ASSERT_TRUE(op->on_watermark(9500, out).is_ok());
  // 8000 + gap <= 9500: late. 9200 joins the open session [10000, 11000). 8600 would open a
  // session ending at 9600 > 9500: accepted, and then bridged by 9200 into one session.
  TestBatch b2 = events({s("u"), s("v"), s("u"), s("u")}, {s("late"), s("late2"), s("b"), s("c")},
                        {8000, 1000, 9200, 8600});
  ASSERT_TRUE(op->push(b2.batch(), out).is_ok());
  EXPECT_EQ(op->late_dropped(), 2u);
  EXPECT_EQ(handed, 2u);
  ASSERT_TRUE(op->finish(out).is_ok());
  EXPECT_THAT(rows(out),
              ElementsAre("user=u, _window_start=8600, _window_end=11000, n=3, pages=a,b,c"));
}

TEST(SessionAggregateTest, KeysAndSlotsAreRecycled) {
  TestBatch shape = events({s("u")}, {s("a")}, {0});
  auto op = make_op(shape, 100, EmitMode::kFinal);
  ASSERT_NE(op, nullptr);
  CollectingEmitter out;
  for (int round = 0; round < 20; ++round) {
    std::vector<Value> users;
    std::vector<Value> pages;
    std::vector<int64_t> times;
    for (int k = 0; k < 500; ++k) {
      users.push_back(s("user" + std::to_string(round * 500 + k)));
      pages.push_back(s("p"));
      times.push_back(round * 1000);
    }
    ASSERT_TRUE(op->push(events(users, pages, times).batch(), out).is_ok());
    ASSERT_TRUE(op->on_watermark(round * 1000 + 500, out).is_ok());
    EXPECT_EQ(op->num_sessions(), 0u);
  }
  EXPECT_LT(op->num_keys(), 2000u);  // compacted, not 10000
  EXPECT_EQ(out.num_rows(), 10000u);
}

TEST(SessionAggregateTest, RejectsANonPositiveGap) {
  TestBatch t = events({s("u")}, {s("a")}, {0});
  AggregateOpSpec spec;
  spec.input_schema = t.schema();
  spec.window.kind = WindowKind::kSession;
  EXPECT_EQ(SessionAggregate::make(spec).status().code(), StatusCode::kInvalidConfig);
}

}  // namespace
}  // namespace eddy::ops
