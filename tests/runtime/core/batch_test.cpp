#include "runtime/core/batch.hpp"

#include <gtest/gtest.h>

#include "runtime/core/column_builder.hpp"

namespace eddy {
namespace {

BatchPtr make_batch() {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"id", DataType::bigint()}, {"name", DataType::varchar()}});
  ColumnBuilder ids(DataType::bigint());
  ColumnBuilder names(DataType::varchar());
  for (int i = 0; i < 5; ++i) {
    ids.append_int(i);
    if (i == 2) {
      names.append_null();
    } else {
      names.append_string("n" + std::to_string(i));
    }
  }
  return Batch::make(schema, {ids.finish(), names.finish()}, 5);
}

TEST(BatchTest, FilterKeepsSelectedRowsAndNulls) {
  auto batch = make_batch();
  const uint8_t keep[] = {0, 1, 1, 0, 1};
  auto out = batch->filter(batch, keep, 3);
  ASSERT_EQ(out->num_rows(), 3u);
  EXPECT_EQ(out->to_string(), "id=1, name=n1\nid=2, name=NULL\nid=4, name=n4\n");
  EXPECT_EQ(out->column(1)->null_count(), 1u);
}

TEST(BatchTest, FilterSharesTheBatchWhenAllRowsPass) {
  auto batch = make_batch();
  const uint8_t keep[] = {1, 1, 1, 1, 1};
  EXPECT_EQ(batch->filter(batch, keep, 5).get(), batch.get());
}

TEST(BatchTest, SchemaLookupIsCaseInsensitive) {
  auto batch = make_batch();
  EXPECT_EQ(batch->schema()->find("NAME"), std::optional<size_t>(1));
  EXPECT_EQ(batch->schema()->find("missing"), std::nullopt);
}

TEST(BatchTest, TakeReordersRows) {
  auto batch = make_batch();
  const uint32_t idx[] = {4, 0};
  EXPECT_EQ(batch->take(idx, 2)->to_string(), "id=4, name=n4\nid=0, name=n0\n");
}

TEST(BatchTest, TakeCopiesShortLongEmptyAndNullStrings) {
  ColumnBuilder names(DataType::varchar());
  const std::string long_text(100, 'x');
  names.append_string("ab");
  names.append_string("");
  names.append_null();
  names.append_string(long_text);
  names.append_string("sixteen_chars_ok");
  ColumnPtr col = names.finish();
  const uint32_t idx[] = {3, 0, 2, 4, 1, 3};
  auto taken = col->take(idx, 6);
  ASSERT_EQ(taken->size(), 6u);
  EXPECT_EQ(taken->str(0), long_text);
  EXPECT_EQ(taken->str(1), "ab");
  EXPECT_TRUE(taken->is_null(2));
  EXPECT_EQ(taken->str(3), "sixteen_chars_ok");
  EXPECT_EQ(taken->str(4), "");
  EXPECT_EQ(taken->str(5), long_text);
  EXPECT_EQ(taken->chars_size(), 2 + 100 * 2 + 16u);
}

TEST(BatchTest, TakeCarriesKeyHashesAndProjectionsDropThem) {
  auto batch = make_batch();
  auto hashes = std::make_shared<KeyHashes>();
  hashes->columns = {1};
  hashes->hashes = {10, 11, 12, 13, 14};
  auto hashed = batch->with_key_hashes(hashes);
  EXPECT_EQ(hashed->column(0), batch->column(0)) << "columns are shared, not copied";
  ASSERT_NE(hashed->key_hashes({1}), nullptr);
  EXPECT_EQ(hashed->key_hashes({0}), nullptr) << "hashes of another key are not these";
  EXPECT_EQ(batch->key_hashes({1}), nullptr);
  const uint32_t rows[] = {4, 1};
  auto taken = hashed->take(rows, 2);
  const uint64_t* h = taken->key_hashes({1});
  ASSERT_NE(h, nullptr);
  EXPECT_EQ(h[0], 14u);
  EXPECT_EQ(h[1], 11u);
  auto projected = hashed->with_columns(hashed->schema(), hashed->columns());
  EXPECT_EQ(projected->key_hashes({1}), nullptr);
}

}  // namespace
}  // namespace eddy
