#include "runtime/actor/operator_chain.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/runtime/actor/test_stages.hpp"

namespace eddy::rt {
namespace {

using testing::DoubleOp;
using testing::EventLogOp;
using testing::FailingOp;
using testing::make_values;

std::vector<int64_t> values_of(const ops::CollectingEmitter& out) {
  std::vector<int64_t> v;
  for (const auto& b : out.batches) {
    v.insert(v.end(), b->column(0)->i64(), b->column(0)->i64() + b->num_rows());
  }
  return v;
}

TEST(OperatorChainTest, EmptyChainPassesThrough) {
  OperatorChain chain({});
  ops::CollectingEmitter out;
  ASSERT_TRUE(chain.push(make_values({1, 2}), out).is_ok());
  ASSERT_TRUE(chain.on_watermark(7, out).is_ok());
  ASSERT_TRUE(chain.finish(out).is_ok());
  EXPECT_EQ(values_of(out), (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(out.watermarks, (std::vector<int64_t>{7}));
}

TEST(OperatorChainTest, OutputOfOneOperatorFeedsTheNext) {
  std::vector<std::unique_ptr<ops::Operator>> ops;
  ops.push_back(std::make_unique<DoubleOp>());
  ops.push_back(std::make_unique<DoubleOp>());
  OperatorChain chain(std::move(ops));
  ops::CollectingEmitter out;
  ASSERT_TRUE(chain.push(make_values({1, 5}), out).is_ok());
  EXPECT_EQ(values_of(out), (std::vector<int64_t>{4, 20}));
}

TEST(OperatorChainTest, FinishFlushesEachOperatorThroughTheRestInOrder) {
  auto log1 = std::make_shared<std::vector<std::string>>();
  auto log2 = std::make_shared<std::vector<std::string>>();
  std::vector<std::unique_ptr<ops::Operator>> ops;
  ops.push_back(std::make_unique<EventLogOp>(log1));
  ops.push_back(std::make_unique<EventLogOp>(log2));
  OperatorChain chain(std::move(ops));
  ops::CollectingEmitter out;
  ASSERT_TRUE(chain.push(make_values({1, 2, 3}), out).is_ok());
  ASSERT_TRUE(chain.on_watermark(3, out).is_ok());
  ASSERT_TRUE(chain.finish(out).is_ok());
  EXPECT_EQ(*log1, (std::vector<std::string>{"b", "w3", "f"}));
  // Operator 2 sees operator 1's finish output before its own finish.
  EXPECT_EQ(*log2, (std::vector<std::string>{"w3", "b", "f"}));
  EXPECT_EQ(values_of(out), (std::vector<int64_t>{1}));  // op 2 saw one row
  EXPECT_EQ(out.watermarks, (std::vector<int64_t>{3}));
}

TEST(OperatorChainTest, ErrorInANestedOperatorIsReturned) {
  std::vector<std::unique_ptr<ops::Operator>> ops;
  ops.push_back(std::make_unique<DoubleOp>());
  ops.push_back(std::make_unique<FailingOp>(1, false));
  OperatorChain chain(std::move(ops));
  ops::CollectingEmitter out;
  EXPECT_TRUE(chain.push(make_values({1}), out).is_ok());
  Status st = chain.push(make_values({2}), out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(values_of(out), (std::vector<int64_t>{2}));
  // The error is reported once, not carried into the next call.
  EXPECT_TRUE(chain.push(make_values({3}), out).is_ok());
}

}  // namespace
}  // namespace eddy::rt
