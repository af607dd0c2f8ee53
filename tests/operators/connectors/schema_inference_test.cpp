#include "operators/connectors/schema_inference.hpp"

#include <gtest/gtest.h>

#include "tests/operators/connectors/test_files.hpp"

namespace eddy::ops {
namespace {

std::string infer_csv(const std::string& text, bool header = true, CsvDialect dialect = {}) {
  auto r = infer_csv_schema(text, /*at_eof=*/true, dialect, header);
  EXPECT_TRUE(r.is_ok()) << r.status().to_string();
  return r.is_ok() ? (*r)->to_string() : "";
}

TEST(SchemaInferenceTest, TypeVotes) {
  auto vote = [](std::vector<std::string> values) {
    TypeVote v;
    for (const auto& s : values) {
      v.add_text(s);
    }
    return v.result().to_string();
  };
  EXPECT_EQ(vote({"1", "-2", "+3"}), "BIGINT");
  EXPECT_EQ(vote({"1", "2.5"}), "DOUBLE");
  EXPECT_EQ(vote({"1e3", ""}), "DOUBLE");
  EXPECT_EQ(vote({"99999999999999999999"}), "DOUBLE");
  EXPECT_EQ(vote({"true", "FALSE", ""}), "BOOLEAN");
  EXPECT_EQ(vote({"1", "x"}), "VARCHAR");
  EXPECT_EQ(vote({"true", "1"}), "VARCHAR");
  EXPECT_EQ(vote({"", ""}), "VARCHAR");
  EXPECT_EQ(vote({"nan", "inf"}), "VARCHAR");
  EXPECT_EQ(vote({"2024-01-15T10:00:00Z"}), "VARCHAR");
}

TEST(SchemaInferenceTest, CsvFromHeaderAndRows) {
  EXPECT_EQ(infer_csv("id, price,name,flag,empty\n1,2.5,a,true,\n2,3,b,false,\n"),
            "(id BIGINT, price DOUBLE, name VARCHAR, flag BOOLEAN, empty VARCHAR)");
  EXPECT_EQ(infer_csv("1;x\n2;y\n", /*header=*/false, {';', '"'}),
            "(column_1 BIGINT, column_2 VARCHAR)");
  // A record of the wrong width does not vote.
  EXPECT_EQ(infer_csv("a,b\n1,2\nx\n"), "(a BIGINT, b BIGINT)");
  EXPECT_EQ(infer_csv(""), "()");
}

TEST(SchemaInferenceTest, CsvIgnoresACutOffLastRecord) {
  auto r = infer_csv_schema("a\n1\n2\nxy", /*at_eof=*/false, {}, true);
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ((*r)->to_string(), "(a BIGINT)");
  auto bad = infer_csv_schema("\"a,b\n", /*at_eof=*/true, {}, true);
  EXPECT_FALSE(bad.is_ok());
}

TEST(SchemaInferenceTest, JsonlUnionOfKeys) {
  auto s = infer_jsonl_schema(
      "{\"a\":1,\"b\":\"2\",\"c\":null}\n"
      "bad line\n"
      "{\"a\":2.5,\"d\":{\"x\":1},\"e\":true,\"c\":null}\n"
      "{\"f\":[1],\"e\":false}",
      /*at_eof=*/true);
  EXPECT_EQ(s->to_string(), "(a DOUBLE, b VARCHAR, c VARCHAR, d VARCHAR, e BOOLEAN, f VARCHAR)");
}

TEST(SchemaInferenceTest, ExplainsWhyAColumnIsVarchar) {
  testing::TempDir dir;
  FileSourceOptions o;
  o.name = "ev";
  // Line 1 is skipped, line 2 the header; the first text value of 'amount' is on line 5, after
  // a quoted field spanning two lines.
  o.path = dir.write("ev.csv", "# comment\nid,note,amount\n1,\"a\nb\",10\n2,,\n3,c,x\n4,d,2.5\n");
  o.skip_lines = 1;
  auto amount = explain_varchar_column(o, "AMOUNT");
  ASSERT_TRUE(amount.has_value());
  EXPECT_EQ(amount->value, "x");
  EXPECT_EQ(amount->line, 6u);
  EXPECT_FALSE(amount->json_string);
  EXPECT_EQ(amount->others.to_string(), "DOUBLE") << "10 and 2.5 without the text value";

  auto note = explain_varchar_column(o, "note");
  ASSERT_TRUE(note.has_value());
  EXPECT_EQ(note->value, "a\nb");
  EXPECT_EQ(note->line, 3u);
  EXPECT_EQ(note->others.to_string(), "VARCHAR") << "no other values: a text column";

  EXPECT_FALSE(explain_varchar_column(o, "id").has_value()) << "no text value";
  o.path = dir.write("header.csv", "# comment\nid,amount\n");
  auto empty = explain_varchar_column(o, "amount");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->no_values);
  EXPECT_FALSE(explain_varchar_column(o, "nope").has_value());

  FileSourceOptions j;
  j.name = "js";
  j.format = FileFormat::kJsonl;
  j.path = dir.write("ev.jsonl", "{\"a\":1}\n\n{\"a\":\"12\"}\n{\"a\":true}\n");
  auto a = explain_varchar_column(j, "a");
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->value, "12");
  EXPECT_EQ(a->line, 3u);
  EXPECT_TRUE(a->json_string);
  EXPECT_EQ(a->others.to_string(), "VARCHAR") << "1 and true do not agree on a type";
}

}  // namespace
}  // namespace eddy::ops
