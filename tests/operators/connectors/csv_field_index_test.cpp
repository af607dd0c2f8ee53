#include "operators/connectors/csv_field_index.hpp"

#include <gtest/gtest.h>

#include <string>

namespace eddy::ops {
namespace {

std::string fields_of(const CsvFieldIndex& index) {
  std::string out;
  for (size_t r = 0; r < index.records(); ++r) {
    for (size_t f = 0; f < index.num_fields(); ++f) {
      out += (f == 0 ? "" : "|") + std::string(index.field(r, f));
    }
    out += "\n";
  }
  return out;
}

TEST(CsvFieldIndexTest, IndexesSimpleRecordsAndSkipsBlankLines) {
  CsvFieldIndex index(CsvDialect{}, 3);
  const std::string text = "a,b,c\n\n,,\r\n\r\nx,yy,z\r\n";
  index.index(text.data(), text.size(), text.size(), 100);
  EXPECT_EQ(fields_of(index), "a|b|c\n||\nx|yy|z\n");
  EXPECT_EQ(index.offset_of(3), text.size());
  EXPECT_EQ(index.lines_before(3), 5u);
  EXPECT_EQ(index.offset_of(1), 7u);  // after "a,b,c\n\n"
  EXPECT_EQ(index.lines_before(1), 2u);
  EXPECT_EQ(index.lines_before(2), 4u);
}

TEST(CsvFieldIndexTest, StopsBeforeARecordWithAQuote) {
  CsvFieldIndex index(CsvDialect{}, 2);
  const std::string text = "1,a\n2,b\"c\n3,d\n";
  index.index(text.data(), text.size(), text.size(), 100);
  EXPECT_EQ(fields_of(index), "1|a\n");
  EXPECT_EQ(index.offset_of(1), 4u);
  EXPECT_EQ(index.lines_before(1), 1u);
}

TEST(CsvFieldIndexTest, StopsBeforeAWrongFieldCountOrAnUnterminatedRecord) {
  CsvFieldIndex index(CsvDialect{';'}, 2);
  std::string text = "1;a\n2;b;c\n";
  index.index(text.data(), text.size(), text.size(), 100);
  EXPECT_EQ(fields_of(index), "1;a\n" == std::string() ? "" : "1|a\n");
  text = "1;a\n2\n";
  index.index(text.data(), text.size(), text.size(), 100);
  EXPECT_EQ(index.records(), 1u);
  text = "1;a\n2;b";
  index.index(text.data(), text.size(), text.size(), 100);
  EXPECT_EQ(index.records(), 1u);
  EXPECT_EQ(index.offset_of(1), 4u);
}

TEST(CsvFieldIndexTest, TakesSimpleQuotedFields) {
  CsvFieldIndex index(CsvDialect{}, 3);
  const std::string text = "\"a,b\",\"\",c\n\"x\",,\"y\"\r\n1,2,3\n";
  index.index(text.data(), text.size(), text.size(), 100);
  EXPECT_EQ(fields_of(index), "a,b||c\nx||y\n1|2|3\n");
  EXPECT_TRUE(index.quoted(0, 0));
  EXPECT_TRUE(index.quoted(0, 1));
  EXPECT_FALSE(index.quoted(0, 2));
  EXPECT_FALSE(index.quoted(1, 1));
  EXPECT_TRUE(index.quoted(1, 2));
  EXPECT_EQ(index.offset_of(3), text.size());
}

TEST(CsvFieldIndexTest, StopsBeforeQuotingThatNeedsTheGeneralPath) {
  CsvFieldIndex index(CsvDialect{}, 2);
  for (const char* bad : {"\"a\"\"b\",1\n",  // doubled quote
                          "\"a\nb\",1\n",    // line break inside quotes
                          "\"a\"b,1\n",      // text after the closing quote
                          "\"a\"\r,1\n",     // '\r' after the closing quote, not before '\n'
                          "a\"b\",1\n",      // a quote inside an unquoted field
                          "\"a,1\n"}) {      // unterminated
    const std::string text = std::string("0,0\n") + bad + "2,2\n";
    index.index(text.data(), text.size(), text.size(), 100);
    EXPECT_EQ(index.records(), 1u) << bad;
    EXPECT_EQ(index.offset_of(1), 4u) << bad;
  }
}

TEST(CsvFieldIndexTest, StopsAtMaxRecordsAndSpansBlocks) {
  CsvFieldIndex index(CsvDialect{}, 2);
  std::string text;
  for (int i = 0; i < 50; ++i) {
    text += std::to_string(i) + "," + std::string(static_cast<size_t>(i * 3), 'x') + "\n";
  }
  index.index(text.data(), text.size(), text.size(), 40);
  ASSERT_EQ(index.records(), 40u);
  for (size_t r = 0; r < 40; ++r) {
    EXPECT_EQ(index.field(r, 0), std::to_string(r));
    EXPECT_EQ(index.field(r, 1), std::string(r * 3, 'x'));
  }
  EXPECT_EQ(index.lines_before(40), 40u);
  EXPECT_EQ(text.substr(index.offset_of(40), 3), "40,");
}

TEST(CsvFieldIndexTest, UnusableDialectsIndexNothing) {
  CsvFieldIndex index(CsvDialect{'"', '"'}, 1);
  EXPECT_FALSE(index.usable());
  const std::string text = "a\n";
  index.index(text.data(), text.size(), text.size(), 10);
  EXPECT_EQ(index.records(), 0u);
  EXPECT_EQ(index.offset_of(0), 0u);
}

}  // namespace
}  // namespace eddy::ops
