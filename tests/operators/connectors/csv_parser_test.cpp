#include "operators/connectors/csv_parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace eddy::ops {
namespace {

// Scans every record of `text` (as one buffer at EOF) into "field|field" strings; quoted fields
// are marked with a leading '^'.
std::vector<std::string> scan_all(const std::string& text, CsvDialect dialect = {}) {
  CsvParser parser(dialect);
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < text.size()) {
    CsvScan s = parser.scan(text.data() + pos, text.size() - pos, /*at_eof=*/true);
    EXPECT_NE(s.kind, CsvScanKind::kNeedMore);
    if (s.consumed == 0) {
      break;
    }
    pos += s.consumed;
    if (s.kind == CsvScanKind::kBlank) {
      continue;
    }
    if (s.kind == CsvScanKind::kMalformed) {
      out.push_back(std::string("!") + s.error);
      continue;
    }
    std::string rec;
    for (size_t i = 0; i < parser.fields().size(); ++i) {
      const auto& f = parser.fields()[i];
      rec += (i ? "|" : "") + std::string(f.quoted ? "^" : "") + std::string(f.text);
    }
    out.push_back(rec);
  }
  return out;
}

TEST(CsvParserTest, SplitsSimpleRecords) {
  EXPECT_THAT(scan_all("a,b,c\n1,2,3\n"), ::testing::ElementsAre("a|b|c", "1|2|3"));
}

TEST(CsvParserTest, HandlesQuotesDoubledQuotesAndEmbeddedNewlines) {
  EXPECT_THAT(scan_all("\"x,y\",\"say \"\"hi\"\"\",\"line1\nline2\"\n"),
              ::testing::ElementsAre("^x,y|^say \"hi\"|^line1\nline2"));
}

TEST(CsvParserTest, EmptyFieldsQuotedEmptyAndCrlf) {
  EXPECT_THAT(scan_all("a,,\"\"\r\n,b,\r\n"), ::testing::ElementsAre("a||^", "|b|"));
}

TEST(CsvParserTest, MissingFinalNewlineAndBlankLines) {
  EXPECT_THAT(scan_all("\n1,2\n\r\n\n3,4"), ::testing::ElementsAre("1|2", "3|4"));
}

TEST(CsvParserTest, OtherDelimitersAndQuote) {
  EXPECT_THAT(scan_all("a;b;'c;d'\n", {';', '\''}), ::testing::ElementsAre("a|b|^c;d"));
  EXPECT_THAT(scan_all("a\tb c\t\n", {'\t', '"'}), ::testing::ElementsAre("a|b c|"));
}

TEST(CsvParserTest, MalformedRecordsAreReportedAndSkipped) {
  EXPECT_THAT(scan_all("\"ab\"c,d\n1,2\n\"open"),
              ::testing::ElementsAre("!unexpected character after a closing quote", "1|2",
                                     "!unterminated quoted field"));
}

TEST(CsvParserTest, AsksForMoreDataWhenARecordIsCutOff) {
  CsvParser parser;
  for (std::string cut : {"1,2", "1,\"a\nb", "1,\"a\"", "1,2\r"}) {
    CsvScan s = parser.scan(cut.data(), cut.size(), /*at_eof=*/false);
    EXPECT_EQ(s.kind, CsvScanKind::kNeedMore) << cut;
  }
  std::string whole = "1,\"a\nb\"\r\nnext";
  CsvScan s = parser.scan(whole.data(), whole.size(), /*at_eof=*/false);
  ASSERT_EQ(s.kind, CsvScanKind::kRecord);
  EXPECT_EQ(s.consumed, whole.size() - 4);
  EXPECT_EQ(s.newlines, 2u);
  EXPECT_EQ(s.raw, "1,\"a\nb\"");
}

}  // namespace
}  // namespace eddy::ops
