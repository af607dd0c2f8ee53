#include "operators/rows_window/partition_map.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT
using ::testing::ElementsAre;

TEST(PartitionMapTest, NoKeysIsOnePartition) {
  PartitionMap map({});
  std::vector<uint32_t> ids;
  map.assign({}, 3, ids);
  EXPECT_THAT(ids, ElementsAre(0, 0, 0));
  EXPECT_EQ(map.size(), 1u);
}

TEST(PartitionMapTest, IntegerKeysWithNullAcrossBatches) {
  PartitionMap map({DataType::bigint()});
  std::vector<uint32_t> ids;
  map.assign({column(DataType::bigint(), {i(7), null(), i(-7), i(7)})}, 4, ids);
  EXPECT_THAT(ids, ElementsAre(0, 1, 2, 0));
  map.assign({column(DataType::bigint(), {i(-7), i(9), null()})}, 3, ids);
  EXPECT_THAT(ids, ElementsAre(2, 3, 1));
  EXPECT_EQ(map.size(), 4u);
}

TEST(PartitionMapTest, BooleanAndStringKeys) {
  PartitionMap flags({DataType::boolean()});
  std::vector<uint32_t> ids;
  flags.assign({column(DataType::boolean(), {b(true), b(false), b(true)})}, 3, ids);
  EXPECT_THAT(ids, ElementsAre(0, 1, 0));
  PartitionMap names({DataType::varchar()});
  names.assign({column(DataType::varchar(), {s("x"), s("x"), s(""), null(), s("y"), s("x")})}, 6,
               ids);
  EXPECT_THAT(ids, ElementsAre(0, 0, 1, 2, 3, 0));
  EXPECT_EQ(names.size(), 4u);
}

TEST(PartitionMapTest, MultiColumnKeys) {
  PartitionMap map({DataType::varchar(), DataType::float64()});
  std::vector<uint32_t> ids;
  map.assign({column(DataType::varchar(), {s("a"), s("a"), s("b"), null(), s("a")}),
              column(DataType::float64(), {d(1), d(2), d(1), d(1), d(1)})},
             5, ids);
  EXPECT_THAT(ids, ElementsAre(0, 1, 2, 3, 0));
}

}  // namespace
}  // namespace eddy::ops
