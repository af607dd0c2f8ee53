#include "operators/connectors/jsonl_parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace eddy::ops {
namespace {

using ::testing::HasSubstr;

struct Parsed {
  bool ok;
  std::string text;  // the rows, or the error
};

Parsed parse_line(const std::string& line) {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"a", DataType::bigint()}, {"b", DataType::varchar()}});
  RecordBuilder builder(schema, 4, std::nullopt, EventTimeFormat::kAuto);
  JsonlParser parser(schema);
  std::string padded = line + std::string(kJsonPadding, ' ');
  bool ok = parser.parse(padded.data(), line.size(), padded.size(), builder);
  if (!ok) {
    return {false, parser.error()};
  }
  return {true, builder.finish()->to_string()};
}

TEST(JsonlParserTest, ParsesObjectsInAnyKeyOrder) {
  EXPECT_EQ(parse_line("{\"b\":\"x\",\"a\":1}").text, "a=1, b=x\n");
  EXPECT_EQ(parse_line(" {\"A\":2} ").text, "a=2, b=NULL\n");
  EXPECT_EQ(parse_line("{\"b\":[1,{\"c\":2}],\"z\":{}}").text, "a=NULL, b=[1,{\"c\":2}]\n");
  EXPECT_EQ(parse_line("{\"b\":12.50,\"a\":-1}").text, "a=-1, b=12.50\n");
  EXPECT_EQ(parse_line("{\"b\":\"\"}").text, "a=NULL, b=\n");
}

TEST(JsonlParserTest, RejectsBadLines) {
  for (std::string bad :
       {"not json", "nul", "{\"a\":1", "{\"a\":1} {\"a\":2}", "{\"a\":1} x", "{\"a\" 1}", "tru"}) {
    Parsed p = parse_line(bad);
    EXPECT_FALSE(p.ok) << bad;
    EXPECT_THAT(p.text, HasSubstr("invalid JSON")) << bad;
  }
  EXPECT_EQ(parse_line("[1]").text, "expected a JSON object, got an array");
  EXPECT_EQ(parse_line("42").text, "expected a JSON object, got a number");
  EXPECT_EQ(parse_line("{\"a\":\"x1\"}").text, "column 'a': 'x1' is not a BIGINT");
  EXPECT_EQ(parse_line("{\"a\":{\"x\":1}}").text, "column 'a': {\"x\":1} is not a BIGINT");
  EXPECT_EQ(parse_line("{\"a\":true}").text, "column 'a': 'true' is not a BIGINT");
}

}  // namespace
}  // namespace eddy::ops
