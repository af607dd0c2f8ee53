#include "operators/rows_window/sort_key.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT

/// The keys of every row of `values` (one column), in row order.
std::vector<std::string> keys(DataType type, const std::vector<Value>& values, bool descending) {
  ColumnPtr c = column(type, values);
  std::vector<std::string> out;
  for (size_t r = 0; r < c->size(); ++r) {
    std::string k;
    append_sort_key(*c, r, descending, k);
    out.push_back(k);
  }
  return out;
}

/// Expects keys strictly increasing in row order.
void expect_increasing(const std::vector<std::string>& k) {
  for (size_t r = 1; r < k.size(); ++r) {
    EXPECT_LT(k[r - 1], k[r]) << "rows " << r - 1 << " and " << r;
  }
}

TEST(SortKeyTest, IntegersOrderWithSignAndNullLast) {
  expect_increasing(keys(DataType::bigint(),
                         {i(INT64_MIN), i(-5), i(-1), i(0), i(1), i(300), i(INT64_MAX), null()},
                         false));
  expect_increasing(keys(DataType::bigint(), {null(), i(7), i(0), i(-3)}, true));
}

TEST(SortKeyTest, DoublesOrderAndZeroesAreEqual) {
  expect_increasing(keys(DataType::float64(),
                         {d(-1e300), d(-2.5), d(-1e-300), d(0), d(1e-300), d(3), null()}, false));
  auto zeros = keys(DataType::float64(), {d(-0.0), d(0.0)}, false);
  EXPECT_EQ(zeros[0], zeros[1]);
}

TEST(SortKeyTest, StringsOrderBytewiseAndPrefixesFirst) {
  expect_increasing(
      keys(DataType::varchar(),
           {s(""), s("a"), s(std::string("a\0", 2)), s("ab"), s("b"), s("\xff"), null()}, false));
}

TEST(SortKeyTest, BooleansAndMultiColumnKeysDoNotCollide) {
  expect_increasing(keys(DataType::boolean(), {b(false), b(true), null()}, false));
  // ("a", "bc") and ("ab", "c") must differ although their bytes concatenate alike.
  ColumnPtr first = column(DataType::varchar(), {s("a"), s("ab")});
  ColumnPtr second = column(DataType::varchar(), {s("bc"), s("c")});
  std::string k0;
  std::string k1;
  append_sort_key(*first, 0, false, k0);
  append_sort_key(*second, 0, false, k0);
  append_sort_key(*first, 1, false, k1);
  append_sort_key(*second, 1, false, k1);
  EXPECT_LT(k0, k1);
}

}  // namespace
}  // namespace eddy::ops
