#include "runtime/core/column_builder.hpp"

#include <gtest/gtest.h>

namespace eddy {
namespace {

TEST(ColumnBuilderTest, BuildsColumnsWithoutBitmapWhenNoNulls) {
  ColumnBuilder b(DataType::float64());
  b.append_double(1.5);
  b.append_double(2.5);
  auto col = b.finish();
  EXPECT_EQ(col->size(), 2u);
  EXPECT_EQ(col->validity(), nullptr);
  EXPECT_EQ(col->f64()[1], 2.5);
  EXPECT_EQ(b.size(), 0u) << "finish() resets the builder";
}

TEST(ColumnBuilderTest, TracksNullsAcrossManyWords) {
  ColumnBuilder b(DataType::bigint(), 4);
  for (int i = 0; i < 200; ++i) {
    if (i % 3 == 0) {
      b.append_null();
    } else {
      b.append_int(i);
    }
  }
  auto col = b.finish();
  EXPECT_EQ(col->null_count(), 67u);
  for (int i = 0; i < 200; ++i) {
    EXPECT_EQ(col->is_null(i), i % 3 == 0) << i;
  }
  EXPECT_EQ(col->value(199).int64(), 199);
}

TEST(ColumnBuilderTest, RowsPastTheLastNullStayValidBeyondTheReservation) {
  ColumnBuilder b(DataType::bigint(), 2);
  b.append_null();
  for (int i = 1; i < 300; ++i) {
    b.append_int(i);
  }
  auto col = b.finish();
  EXPECT_EQ(col->null_count(), 1u);
  for (int i = 1; i < 300; ++i) {
    ASSERT_FALSE(col->is_null(i)) << i;
  }
}

TEST(ColumnBuilderTest, ConvertsValuesToTheColumnType) {
  ColumnBuilder b(DataType::decimal(18, 2));
  b.append_value(Value::decimal(12345, 18, 4));  // 1.2345 -> 1.23
  b.append_value(Value::bigint(7));
  b.append_value(Value::varchar("x"));  // not convertible: NULL
  auto col = b.finish();
  EXPECT_EQ(col->value(0).to_string(), "1.23");
  EXPECT_EQ(col->value(1).to_string(), "7.00");
  EXPECT_TRUE(col->is_null(2));
}

TEST(ColumnBuilderTest, StringsKeepTheirBytes) {
  ColumnBuilder b(DataType::varchar());
  b.append_string("héllo");
  b.append_string("");
  b.append_null();
  b.append_string("a,\"b\"");
  auto col = b.finish();
  EXPECT_EQ(col->str(0), "héllo");
  EXPECT_EQ(col->str(1), "");
  EXPECT_TRUE(col->is_null(2));
  EXPECT_EQ(col->str(3), "a,\"b\"");
}

TEST(ColumnBuilderTest, ConstantColumns) {
  auto col = Column::make_constant(Value::varchar("ab"), 3);
  EXPECT_EQ(col->str(2), "ab");
  auto nulls = Column::make_constant(Value::null(DataType::bigint()), 70);
  EXPECT_EQ(nulls->null_count(), 70u);
}

TEST(ColumnBuilderTest, AReusedBuilderStartsEmptyAfterABigColumn) {
  // finish() reserves for the next column what the last one held; nothing else carries over.
  for (DataType type : {DataType::bigint(), DataType::varchar()}) {
    ColumnBuilder b(type);
    for (int i = 0; i < 1000; ++i) {
      if (type == DataType::varchar()) {
        b.append_string("value-" + std::to_string(i));
      } else {
        b.append_int(i);
      }
    }
    b.append_null();
    ColumnPtr big = b.finish();
    EXPECT_EQ(big->size(), 1001u);
    EXPECT_EQ(b.size(), 0u);
    if (type == DataType::varchar()) {
      b.append_string("a");
      b.append_null();
      b.append_string("c");
    } else {
      b.append_int(7);
      b.append_null();
      b.append_int(9);
    }
    ColumnPtr small = b.finish();
    ASSERT_EQ(small->size(), 3u);
    EXPECT_EQ(small->null_count(), 1u);
    EXPECT_FALSE(small->is_null(0));
    EXPECT_TRUE(small->is_null(1));
    EXPECT_FALSE(small->is_null(2));
    EXPECT_EQ(small->value(2).to_string(), type == DataType::varchar() ? "c" : "9");
    if (type == DataType::varchar()) {
      EXPECT_EQ(small->chars_size(), 2u);
    }
  }
}

}  // namespace
}  // namespace eddy
