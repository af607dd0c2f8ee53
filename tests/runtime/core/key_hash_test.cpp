#include "runtime/core/key_hash.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <vector>

#include "runtime/core/column_builder.hpp"
#include "runtime/core/hash.hpp"

namespace eddy {
namespace {

std::vector<uint64_t> hash_all(const std::vector<ColumnPtr>& columns, size_t n) {
  std::vector<uint64_t> out(n);
  hash_key_columns(columns.data(), columns.size(), nullptr, n, out.data());
  return out;
}

TEST(KeyHashTest, SingleVarcharKeyIsXxh3OfItsBytes) {
  ColumnBuilder b(DataType::varchar());
  b.append_string("SYM42");
  b.append_string("");
  auto h = hash_all({b.finish()}, 2);
  EXPECT_EQ(h[0], hash_bytes("SYM42", 5));
  EXPECT_EQ(h[1], hash_bytes("", 0));
}

TEST(KeyHashTest, NullsHashAlikeWhateverTheirPayload) {
  // Two BIGINT NULLs with different payloads, and a NULL VARCHAR with bytes under it.
  auto ints = Column::make(DataType::bigint(), 3);
  ints->mutable_i64()[0] = 7;
  ints->mutable_i64()[1] = 8;
  ints->mutable_i64()[2] = 7;
  ints->set_null(0);
  ints->set_null(1);
  auto h = hash_all({ints}, 3);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_NE(h[0], h[2]);
  ColumnBuilder text(DataType::varchar());
  text.append_string("payload");
  text.append_null();
  text.append_string("");
  auto strings = std::const_pointer_cast<Column>(std::shared_ptr<const Column>(text.finish()));
  strings->set_null(0);
  auto hs = hash_all({strings}, 3);
  EXPECT_EQ(hs[0], hs[1]);
  EXPECT_NE(hs[0], hs[2]) << "NULL and the empty string are different keys";
}

TEST(KeyHashTest, DoubleZeroesAndNaNsFold) {
  auto d = Column::make(DataType::float64(), 4);
  d->mutable_f64()[0] = 0.0;
  d->mutable_f64()[1] = -0.0;
  d->mutable_f64()[2] = std::numeric_limits<double>::quiet_NaN();
  uint64_t bits = 0x7ff8000000000123ULL;  // another NaN payload
  std::memcpy(&d->mutable_f64()[3], &bits, sizeof bits);
  ASSERT_TRUE(std::isnan(d->f64()[3]));
  auto h = hash_all({d}, 4);
  EXPECT_EQ(h[0], h[1]);
  EXPECT_EQ(h[2], h[3]);
  EXPECT_NE(h[0], h[2]);
}

TEST(KeyHashTest, SelectionGivesTheSelectedRowsHashes) {
  ColumnBuilder a(DataType::varchar());
  ColumnBuilder b(DataType::bigint());
  for (int i = 0; i < 10; ++i) {
    a.append_string("k" + std::to_string(i % 3));
    b.append_int(i % 4);
  }
  std::vector<ColumnPtr> cols{a.finish(), b.finish()};
  auto all = hash_all(cols, 10);
  const std::vector<uint32_t> rows{9, 4, 0};
  std::vector<uint64_t> picked(rows.size());
  hash_key_columns(cols.data(), cols.size(), rows.data(), rows.size(), picked.data());
  for (size_t i = 0; i < rows.size(); ++i) {
    EXPECT_EQ(picked[i], all[rows[i]]);
  }
  // Row 0 is (k0, 0) and row 6 is (k0, 2): the second column counts.
  EXPECT_NE(all[0], all[6]);
}

TEST(KeyHashTest, ColumnOrderMatters) {
  ColumnBuilder a(DataType::varchar());
  ColumnBuilder b(DataType::varchar());
  a.append_string("x");
  b.append_string("y");
  ColumnPtr ca = a.finish();
  ColumnPtr cb = b.finish();
  EXPECT_NE(hash_all({ca, cb}, 1)[0], hash_all({cb, ca}, 1)[0]);
}

}  // namespace
}  // namespace eddy
