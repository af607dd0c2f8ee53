#include "operators/connectors/row_formatter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "runtime/core/column_builder.hpp"

namespace eddy::ops {
namespace {

// One row of every type, then a row of NULLs, then a row of edge values.
BatchPtr all_types_batch() {
  auto schema = std::make_shared<const Schema>(std::vector<Field>{
      {"i", DataType::bigint()},
      {"d", DataType::float64()},
      {"m", DataType::decimal(10, 4)},
      {"b", DataType::boolean()},
      {"s", DataType::varchar()},
      {"t", DataType::timestamp()},
  });
  ColumnBuilder i(DataType::bigint()), d(DataType::float64()), m(DataType::decimal(10, 4)),
      b(DataType::boolean()), s(DataType::varchar()), t(DataType::timestamp());
  i.append_int(-42);
  d.append_double(150.0);
  m.append_int(125000);
  b.append_bool(true);
  s.append_string("plain");
  t.append_int(1705312800000);
  i.append_null();
  d.append_null();
  m.append_null();
  b.append_null();
  s.append_null();
  t.append_null();
  i.append_int(0);
  d.append_double(std::numeric_limits<double>::quiet_NaN());
  m.append_int(-5);
  b.append_bool(false);
  s.append_string("q\"b\\s,\n\t\x01 \xC3\xA9");
  t.append_int(-1);
  return Batch::make(schema,
                     {i.finish(), d.finish(), m.finish(), b.finish(), s.finish(), t.finish()}, 3);
}

TEST(RowFormatterTest, JsonlIsByteExact) {
  auto batch = all_types_batch();
  RowFormatter f(batch->schema(), OutputFormat::kJsonl);
  std::string out;
  f.append_header(out);
  EXPECT_EQ(out, "");
  f.append_rows(*batch, out);
  EXPECT_EQ(out,
            "{\"i\":-42,\"d\":150.0,\"m\":12.5000,\"b\":true,\"s\":\"plain\",\"t\":1705312800000}\n"
            "{\"i\":null,\"d\":null,\"m\":null,\"b\":null,\"s\":null,\"t\":null}\n"
            "{\"i\":0,\"d\":null,\"m\":-0.0005,\"b\":false,"
            "\"s\":\"q\\\"b\\\\s,\\u000a\\u0009\\u0001 \xC3\xA9\",\"t\":-1}\n");
}

TEST(RowFormatterTest, CsvIsByteExact) {
  auto batch = all_types_batch();
  RowFormatter f(batch->schema(), OutputFormat::kCsv);
  std::string out;
  f.append_header(out);
  f.append_rows(*batch, out);
  EXPECT_EQ(out,
            "i,d,m,b,s,t\n"
            "-42,150.0,12.5000,true,plain,1705312800000\n"
            ",,,,,\n"
            "0,,-0.0005,false,\"q\"\"b\\s,\n\t\x01 \xC3\xA9\",-1\n");
}

TEST(RowFormatterTest, CsvQuotesEmptyStringsAndOtherDelimiters) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"a;b", DataType::varchar()}, {"c", DataType::varchar()}});
  ColumnBuilder a(DataType::varchar()), c(DataType::varchar());
  a.append_string("");
  c.append_string("x;y,z");
  auto batch = Batch::make(schema, {a.finish(), c.finish()}, 1);
  RowFormatter f(schema, OutputFormat::kCsv, ';');
  std::string out;
  f.append_header(out);
  f.append_rows(*batch, out);
  EXPECT_EQ(out, "\"a;b\";c\n\"\";\"x;y,z\"\n");
}

TEST(RowFormatterTest, CsvOneColumnNullIsNotABlankLine) {
  // A blank line is skipped by CSV readers (Eddy's too): the row would vanish.
  auto schema = std::make_shared<const Schema>(std::vector<Field>{{"n", DataType::bigint()}});
  ColumnBuilder n(DataType::bigint());
  n.append_int(1);
  n.append_null();
  n.append_int(3);
  auto batch = Batch::make(schema, {n.finish()}, 3);
  RowFormatter f(schema, OutputFormat::kCsv);
  std::string out;
  f.append_header(out);
  f.append_rows(*batch, out);
  EXPECT_EQ(out, "n\n1\n\"\"\n3\n");
}

TEST(RowFormatterTest, JsonStringEscaping) {
  std::string out;
  append_json_string(out, std::string("a\0b\x1f\r\"", 6));
  EXPECT_EQ(out, "\"a\\u0000b\\u001f\\u000d\\\"\"");
}

}  // namespace
}  // namespace eddy::ops
