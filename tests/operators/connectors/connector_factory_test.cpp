#include "operators/connectors/connector_factory.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/operators/connectors/test_files.hpp"

namespace eddy::ops {
namespace {

using ::testing::HasSubstr;
using testing::TempDir;

ConnectorConfig config(const std::string& name,
                       std::vector<std::pair<std::string, std::string>> props) {
  ConnectorConfig cfg{name, {}};
  int line = 1;
  for (auto& [k, v] : props) {
    cfg.props.set(k, v, SourcePos{line++, 5});
  }
  return cfg;
}

Status source_error(const ConnectorConfig& cfg) {
  auto schema = std::make_shared<const Schema>(std::vector<Field>{{"a", DataType::bigint()}});
  auto r = make_source(cfg, schema);
  EXPECT_FALSE(r.is_ok());
  return r.is_ok() ? Status::ok() : r.status();
}

TEST(ConnectorFactoryTest, UnknownKeyGetsASuggestionAndPosition) {
  Status s = source_error(
      config("trades", {{"type", "file_source"}, {"path", "x.csv"}, {"on.eror", "fail"}}));
  EXPECT_EQ(s.code(), StatusCode::kInvalidConfig);
  EXPECT_EQ(s.message(),
            "unknown property 'on.eror' for source 'trades'; did you mean 'on.error'?");
  EXPECT_EQ(s.pos(), (SourcePos{3, 5}));
}

TEST(ConnectorFactoryTest, BadFormatAndMissingPath) {
  Status s =
      source_error(config("trades", {{"type", "file_source"}, {"path", "x"}, {"format", "xml"}}));
  EXPECT_EQ(s.code(), StatusCode::kInvalidConfig);
  EXPECT_EQ(s.message(),
            "unknown format 'xml' for source 'trades'; use 'csv', 'csv_no_header' or "
            "'jsonl'");
  EXPECT_EQ(s.pos(), (SourcePos{3, 5}));
  s = source_error(config("trades", {{"type", "file_source"}}));
  EXPECT_EQ(s.message(), "source 'trades' needs a 'path' property ('trades.path')");
}

TEST(ConnectorFactoryTest, BadValues) {
  auto msg = [](std::vector<std::pair<std::string, std::string>> extra) {
    extra.insert(extra.begin(), {{"type", "file_source"}, {"path", "x.csv"}});
    return source_error(config("t", extra)).message();
  };
  EXPECT_THAT(msg({{"on.error", "ignore"}}), HasSubstr("use 'log_and_continue', 'fail' or"));
  EXPECT_THAT(msg({{"on.error", "dead_letter"}}), HasSubstr("no 'dlq.path' ('t.dlq.path')"));
  EXPECT_THAT(msg({{"delimiter", "ab"}}), HasSubstr("use a single character"));
  EXPECT_THAT(msg({{"watermark.max_out_of_orderness", "soon"}}), HasSubstr("bad duration"));
  EXPECT_THAT(msg({{"event.time.field", "a"}, {"event.time.format", "unix"}}),
              HasSubstr("use 'epoch_millis', 'epoch_seconds' or 'iso8601'"));
  EXPECT_THAT(msg({{"event.time.field", "zz"}}), HasSubstr("event.time.field 'zz'"));
  EXPECT_THAT(msg({{"batch.size", "0"}}), HasSubstr("at least 1"));
  EXPECT_THAT(msg({{"header", "yes"}}), HasSubstr("use 'true' or 'false'"));
}

TEST(ConnectorFactoryTest, TypeErrors) {
  Status s = source_error(config("k", {{"type", "kafka_source"}, {"path", "x"}}));
  EXPECT_EQ(s.code(), StatusCode::kNotSupported);
  EXPECT_THAT(s.message(), HasSubstr("'kafka_source'"));
  EXPECT_THAT(s.message(), HasSubstr("not supported yet"));
  EXPECT_EQ(s.pos(), (SourcePos{1, 5}));
  s = source_error(config("k", {{"type", "file_sink"}, {"path", "x"}}));
  EXPECT_EQ(s.code(), StatusCode::kInvalidConfig);
  s = source_error(config("k", {{"type", "file_sourse"}}));
  EXPECT_THAT(s.message(), HasSubstr("did you mean 'file_source'"));
  s = source_error(config("k", {{"path", "x"}}));
  EXPECT_EQ(s.message(), "source 'k' needs a 'type' property ('k.type'); use 'file_source'");

  auto schema = std::make_shared<const Schema>(std::vector<Field>{{"a", DataType::bigint()}});
  auto sink = make_sink(config("o", {{"type", "kafka_sink"}}), schema);
  EXPECT_EQ(sink.status().code(), StatusCode::kNotSupported);
  sink = make_sink(config("o", {{"type", "file_sink"}}), schema);
  EXPECT_EQ(sink.status().message(), "sink 'o' needs a 'path' property ('o.path')");
  sink = make_sink(config("o", {{"type", "file_sink"}, {"path", "p"}, {"format", "xml"}}), schema);
  EXPECT_EQ(sink.status().message(), "unknown format 'xml' for sink 'o'; use 'jsonl' or 'csv'");
  sink = make_sink(config("o", {{"type", "stdout_sink"}, {"path", "p"}}), schema);
  EXPECT_THAT(sink.status().message(), HasSubstr("unknown property 'path' for sink 'o'"));
  sink = make_sink(config("o", {{"type", "stdout_sink"}}), schema);
  ASSERT_TRUE(sink.is_ok());
  EXPECT_EQ((*sink)->describe(), "StdoutSink(o: jsonl)");
}

TEST(ConnectorFactoryTest, VelostreamsMmapSourceNameIsAFileSource) {
  TempDir dir;
  std::string path = dir.write("m.txt", "Oslo;1.5\nRome;20.0\n");
  auto cfg = config("m", {{"type", "file_source_mmap"},
                          {"path", path},
                          {"format", "csv_no_header"},
                          {"delimiter", ";"}});
  auto schema = resolve_source_schema(cfg, nullptr);
  ASSERT_TRUE(schema.is_ok()) << schema.status().to_string();
  EXPECT_EQ((*schema)->to_string(), "(column_1 VARCHAR, column_2 DOUBLE)");
  auto source = make_source(cfg, *schema);
  ASSERT_TRUE(source.is_ok());
  ASSERT_TRUE((*source)->open().is_ok());
  auto batch = (*source)->next();
  ASSERT_TRUE(batch.is_ok() && *batch != nullptr);
  EXPECT_EQ((*batch)->num_rows(), 2u);
}

TEST(ConnectorFactoryTest, ResolvesDeclaredAndInferredSchemas) {
  TempDir dir;
  std::string path = dir.write("t.csv", "a,b\n1,x\n");
  auto cfg = config("t", {{"type", "file_source"}, {"path", path}});
  auto inferred = resolve_source_schema(cfg, nullptr);
  ASSERT_TRUE(inferred.is_ok());
  EXPECT_EQ((*inferred)->to_string(), "(a BIGINT, b VARCHAR)");
  auto declared = std::make_shared<const Schema>(std::vector<Field>{{"B", DataType::varchar()}});
  auto resolved = resolve_source_schema(cfg, declared);
  ASSERT_TRUE(resolved.is_ok());
  EXPECT_EQ(*resolved, declared);
  // A declared schema does not need the file to exist yet.
  auto later = config("t", {{"type", "file_source"}, {"path", dir.file("later.csv")}});
  EXPECT_TRUE(resolve_source_schema(later, declared).is_ok());
  auto empty = config("t", {{"type", "file_source"}, {"path", dir.write("e.csv", "")}});
  auto r = resolve_source_schema(empty, nullptr);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidConfig);
  EXPECT_THAT(r.status().message(), HasSubstr("declare the columns"));
}

}  // namespace
}  // namespace eddy::ops
