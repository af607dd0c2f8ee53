#include "operators/connectors/file_source.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "operators/connectors/connector_factory.hpp"
#include "tests/operators/connectors/test_files.hpp"

namespace eddy::ops {
namespace {

using testing::drain;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::read_file;
using testing::TempDir;

ConnectorConfig config(const std::string& name, const std::map<std::string, std::string>& props) {
  ConnectorConfig cfg{name, {}};
  for (const auto& [k, v] : props) {
    cfg.props.set(k, v);
  }
  return cfg;
}

// Makes and opens a source; `block_size` overrides the read size to force straddling records.
std::unique_ptr<Source> open_source(const ConnectorConfig& cfg, SchemaPtr schema = nullptr,
                                    size_t batch_rows = 4096, size_t block_size = 0) {
  auto options = FileSourceOptions::from_properties(cfg.name, cfg.props);
  EXPECT_TRUE(options.is_ok()) << options.status().to_string();
  if (!schema) {
    auto resolved = resolve_source_schema(cfg, nullptr);
    EXPECT_TRUE(resolved.is_ok()) << resolved.status().to_string();
    schema = *resolved;
  }
  if (block_size > 0) {
    options->block_size = block_size;
  }
  auto source = std::make_unique<FileSource>(std::move(*options), schema, batch_rows);
  Status s = source->open();
  EXPECT_TRUE(s.is_ok()) << s.to_string();
  return source;
}

SchemaPtr schema_of(std::vector<Field> fields) {
  return std::make_shared<const Schema>(std::move(fields));
}

TEST(FileSourceTest, ReadsInferredCsv) {
  TempDir dir;
  std::string path =
      dir.write("t.csv", "\xEF\xBB\xBFsym,price,qty,ok\r\nA,1.5,10,true\r\n\r\nB,,7,\r\n");
  auto src = open_source(config("t", {{"type", "file_source"}, {"path", path}}));
  EXPECT_EQ(src->schema()->to_string(), "(sym VARCHAR, price DOUBLE, qty BIGINT, ok BOOLEAN)");
  auto d = drain(*src);
  ASSERT_TRUE(d.status.is_ok()) << d.status.to_string();
  EXPECT_EQ(d.rows,
            "sym=A, price=1.5, qty=10, ok=true\n"
            "sym=B, price=NULL, qty=7, ok=NULL\n");
  EXPECT_EQ(src->stats().records_in, 2u);
  EXPECT_EQ(src->stats().bytes_in, read_file(path).size());
  EXPECT_EQ(d.batches[0]->event_time(), nullptr);
  EXPECT_EQ(src->watermark(), INT64_MIN);
  EXPECT_EQ(src->describe(), "FileSource(t: csv '" + path + "')");
}

TEST(FileSourceTest, DeclaredSchemaMatchesReorderedHeaderAndIgnoresExtraColumns) {
  TempDir dir;
  std::string path = dir.write("t.csv", "extra, QTY ,sym,price\nx,3,\"A,1\",12.25\ny,4,\"\",0.5\n");
  auto schema = schema_of({{"sym", DataType::varchar()},
                           {"price", DataType::decimal(10, 4)},
                           {"qty", DataType::bigint()}});
  auto src = open_source(config("t", {{"type", "file_source"}, {"path", path}}), schema);
  auto d = drain(*src);
  ASSERT_TRUE(d.status.is_ok());
  EXPECT_EQ(d.rows, "sym=A,1, price=12.2500, qty=3\nsym=, price=0.5000, qty=4\n");
}

TEST(FileSourceTest, DeclaredColumnMissingFromHeaderIsAConfigError) {
  TempDir dir;
  std::string path = dir.write("t.csv", "a,b\n1,2\n");
  auto schema = schema_of({{"a", DataType::bigint()}, {"c", DataType::bigint()}});
  auto cfg = config("t", {{"type", "file_source"}, {"path", path}});
  auto resolved = resolve_source_schema(cfg, schema);
  ASSERT_FALSE(resolved.is_ok());
  EXPECT_EQ(resolved.status().code(), StatusCode::kInvalidConfig);
  EXPECT_THAT(resolved.status().message(),
              HasSubstr("column 'c' of source 't' is not in the header"));
  EXPECT_THAT(resolved.status().message(), HasSubstr("(header: a, b)"));
  auto options = FileSourceOptions::from_properties("t", cfg.props);
  FileSource src(std::move(*options), schema, 16);
  Status s = src.open();
  EXPECT_EQ(s.code(), StatusCode::kInvalidConfig);
  EXPECT_THAT(s.message(), HasSubstr("column 'c'"));
}

TEST(FileSourceTest, CsvNoHeaderUsesDeclaredOrGeneratedNames) {
  TempDir dir;
  std::string path = dir.write("t.csv", "1;x\n2;y\n");
  auto cfg = config(
      "t",
      {{"type", "file_source"}, {"path", path}, {"format", "csv_no_header"}, {"delimiter", ";"}});
  auto d = drain(*open_source(cfg));
  EXPECT_EQ(d.rows, "column_1=1, column_2=x\ncolumn_1=2, column_2=y\n");
  auto declared = schema_of({{"id", DataType::bigint()}, {"name", DataType::varchar()}});
  auto d2 = drain(*open_source(cfg, declared));
  EXPECT_EQ(d2.rows, "id=1, name=x\nid=2, name=y\n");
  auto tab = config("t", {{"type", "file_source"},
                          {"path", dir.write("tab.csv", "a\tb\n1\t2\n")},
                          {"delimiter", "\\t"}});
  EXPECT_EQ(drain(*open_source(tab)).rows, "a=1, b=2\n");
}

TEST(FileSourceTest, RecordsStraddlingBlocksAndSmallBatches) {
  TempDir dir;
  std::string content = "id,text\n";
  std::string expected;
  for (int i = 0; i < 200; ++i) {
    std::string text = "v" + std::to_string(i) + (i % 7 == 0 ? "\"\"q\"\"\nnl" : ",c");
    content += std::to_string(i) + ",\"" + text + "\"\n";
    std::string shown = "v" + std::to_string(i) + (i % 7 == 0 ? "\"q\"\nnl" : ",c");
    expected += "id=" + std::to_string(i) + ", text=" + shown + "\n";
  }
  std::string path = dir.write("t.csv", content);
  // Blocks of 16 bytes: every record straddles, and quoted ones outgrow the buffer.
  auto src = open_source(config("t", {{"type", "file_source"}, {"path", path}}), nullptr,
                         /*batch_rows=*/64, /*block_size=*/16);
  auto d = drain(*src);
  ASSERT_TRUE(d.status.is_ok()) << d.status.to_string();
  EXPECT_EQ(d.rows, expected);
  ASSERT_EQ(d.batches.size(), 4u);
  EXPECT_EQ(d.batches[0]->num_rows(), 64u);
  EXPECT_EQ(d.batches[3]->num_rows(), 8u);
}

const char* kBadCsv =
    "sensor,temp,ok\n"
    "s1,20.5,true\n"
    "s2,oops,true\n"
    "\"s3\nmulti\",22.0,false\n"
    "s4,23.5\n"
    "s5,24.0,maybe\n"
    "s6,25.0,1\n";

SchemaPtr bad_csv_schema() {
  return schema_of({{"sensor", DataType::varchar()},
                    {"temp", DataType::float64()},
                    {"ok", DataType::boolean()}});
}

TEST(FileSourceTest, LogAndContinueSkipsAndReportsBadRecords) {
  TempDir dir;
  std::string path = dir.write("r.csv", kBadCsv);
  auto src = open_source(config("r", {{"type", "file_source"}, {"path", path}}), bad_csv_schema());
  auto d = drain(*src);
  ASSERT_TRUE(d.status.is_ok());
  EXPECT_EQ(d.rows,
            "sensor=s1, temp=20.5, ok=true\n"
            "sensor=s3\nmulti, temp=22.0, ok=false\n"
            "sensor=s6, temp=25.0, ok=true\n");
  EXPECT_EQ(src->stats().records_in, 3u);
  EXPECT_EQ(src->stats().parse_errors, 3u);
  EXPECT_THAT(src->stats().first_errors,
              ElementsAre(path + ":3: column 'temp': 'oops' is not a DOUBLE",
                          path + ":6: expected 3 fields, got 2",
                          path + ":7: column 'ok': 'maybe' is not a BOOLEAN"));
}

TEST(FileSourceTest, KeepsOnlyTheFirstFiveReports) {
  TempDir dir;
  std::string content = "a\n";
  for (int i = 0; i < 8; ++i) {
    content += "x\n1\n";
  }
  auto schema = schema_of({{"a", DataType::bigint()}});
  auto src = open_source(
      config("r", {{"type", "file_source"}, {"path", dir.write("r.csv", content)}}), schema);
  auto d = drain(*src);
  EXPECT_EQ(src->stats().parse_errors, 8u);
  EXPECT_EQ(src->stats().records_in, 8u);
  EXPECT_EQ(src->stats().first_errors.size(), 5u);
}

TEST(FileSourceTest, FailModeDeliversGoodRowsThenTheError) {
  TempDir dir;
  std::string path = dir.write("r.csv", kBadCsv);
  auto src =
      open_source(config("r", {{"type", "file_source"}, {"path", path}, {"on.error", "fail"}}),
                  bad_csv_schema());
  auto first = src->next();
  ASSERT_TRUE(first.is_ok());
  ASSERT_NE(*first, nullptr);
  EXPECT_EQ((*first)->to_string(), "sensor=s1, temp=20.5, ok=true\n");
  auto second = src->next();
  ASSERT_FALSE(second.is_ok());
  EXPECT_EQ(second.status().code(), StatusCode::kDataError);
  EXPECT_EQ(second.status().message(), path + ":3: column 'temp': 'oops' is not a DOUBLE");
  auto third = src->next();
  ASSERT_TRUE(third.is_ok());
  EXPECT_EQ(*third, nullptr);
}

TEST(FileSourceTest, DeadLetterWritesEachBadRecordRawWithItsReason) {
  TempDir dir;
  std::string path = dir.write("r.csv", kBadCsv);
  std::string dlq = dir.file("out/sub/bad.jsonl");
  auto src = open_source(config("r", {{"type", "file_source"},
                                      {"path", path},
                                      {"on.error", "dead_letter"},
                                      {"dlq.path", dlq}}),
                         bad_csv_schema());
  auto d = drain(*src);
  ASSERT_TRUE(d.status.is_ok());
  EXPECT_EQ(src->stats().records_in, 3u);
  EXPECT_EQ(src->stats().parse_errors, 3u);
  std::string prefix = "{\"source\":\"r\",\"file\":\"" + path + "\",";
  EXPECT_EQ(read_file(dlq),
            prefix + "\"line\":3,\"error\":\"column 'temp': 'oops' is not a DOUBLE\"," +
                "\"record\":\"s2,oops,true\"}\n" + prefix +
                "\"line\":6,\"error\":\"expected 3 fields, got 2\",\"record\":\"s4,23.5\"}\n" +
                prefix +
                "\"line\":7,\"error\":\"column 'ok': 'maybe' is not a BOOLEAN\","
                "\"record\":\"s5,24.0,maybe\"}\n");
}

TEST(FileSourceTest, EventTimeFormatsAndWatermark) {
  TempDir dir;
  struct Case {
    std::string format;
    std::string value1, value2;
    int64_t t1, t2;
  };
  std::vector<Case> cases = {
      {"", "1705312800000", "1705312805000", 1705312800000, 1705312805000},
      {"", "2024-01-15T10:00:00Z", "2024-01-15T10:00:05.5Z", 1705312800000, 1705312805500},
      {"epoch_millis", "1000", "3000", 1000, 3000},
      {"epoch_seconds", "1705312800", "1705312801.25", 1705312800000, 1705312801250},
      {"iso8601", "2024-01-15 10:00:00", "2024-01-15T11:00:00+01:00", 1705312800000, 1705312800000},
  };
  for (const auto& c : cases) {
    std::string path = dir.write("e.csv", "id,ts\n1," + c.value1 + "\n2," + c.value2 + "\n");
    std::map<std::string, std::string> props = {{"type", "file_source"},
                                                {"path", path},
                                                {"event.time.field", "ts"},
                                                {"watermark.max_out_of_orderness", "2s"}};
    if (!c.format.empty()) {
      props["event.time.format"] = c.format;
    }
    auto src = open_source(config("e", props));
    auto d = drain(*src);
    ASSERT_TRUE(d.status.is_ok()) << c.format << ": " << d.status.to_string();
    ASSERT_EQ(d.batches.size(), 1u);
    const auto& et = d.batches[0]->event_time();
    ASSERT_NE(et, nullptr) << c.format;
    EXPECT_EQ(et->i64()[0], c.t1) << c.format;
    EXPECT_EQ(et->i64()[1], c.t2) << c.format;
    EXPECT_EQ(src->watermark(), std::max(c.t1, c.t2) - 2000) << c.format;
    EXPECT_EQ(d.batches[0]->num_columns(), 2u);
  }
}

TEST(FileSourceTest, DeclaredTimestampColumnFollowsTheEventTimeFormat) {
  TempDir dir;
  std::string path = dir.write("e.csv", "ts,v\n10,a\n,b\nzz,c\n12,d\n");
  auto schema = schema_of({{"ts", DataType::timestamp()}, {"v", DataType::varchar()}});
  auto src = open_source(config("e", {{"type", "file_source"},
                                      {"path", path},
                                      {"event.time.field", "ts"},
                                      {"event.time.format", "epoch_seconds"}}),
                         schema);
  auto d = drain(*src);
  ASSERT_EQ(d.batches.size(), 1u);
  EXPECT_EQ(d.batches[0]->column(0)->i64()[0], 10000);
  EXPECT_EQ(d.batches[0]->event_time()->i64()[1], 12000);
  EXPECT_EQ(src->watermark(), 12000);
  EXPECT_THAT(src->stats().first_errors,
              ElementsAre(path + ":3: missing event time field 'ts'",
                          path + ":4: event time field 'ts': 'zz' is not epoch seconds"));
}

TEST(FileSourceTest, ReadsJsonlWithNestedValuesMissingKeysAndBadLines) {
  TempDir dir;
  std::string path = dir.write(
      "t.jsonl",
      "{\"sym\":\"A\",\"px\":\"189.1250\",\"qty\":100,\"meta\":{\"k\":[1,2]},\"ts\":1000}\n"
      "\n"
      "{\"qty\":-5,\"sym\":\"B\\\"q\\n\",\"px\":402.5,\"meta\":null,\"ts\":\"1970-01-01T00:00:"
      "02Z\"}"
      "\r\n"
      "not json\n"
      "[1,2]\n"
      "{\"sym\":\"C\",\"qty\":1.5,\"ts\":5}\n"
      "{\"sym\":\"D\",\"ts\":7000,\"extra\":true}\n"
      "{\"sym\":\"E\"}\n"
      "{\"sym\":\"F\",\"ts\":8000} x");
  auto schema = schema_of({{"sym", DataType::varchar()},
                           {"px", DataType::decimal(12, 4)},
                           {"qty", DataType::bigint()},
                           {"meta", DataType::varchar()},
                           {"ts", DataType::timestamp()}});
  auto src = open_source(config("t", {{"type", "file_source"},
                                      {"path", path},
                                      {"format", "jsonl"},
                                      {"event.time.field", "ts"}}),
                         schema, 4096, /*block_size=*/32);
  auto d = drain(*src);
  ASSERT_TRUE(d.status.is_ok()) << d.status.to_string();
  EXPECT_EQ(d.rows,
            "sym=A, px=189.1250, qty=100, meta={\"k\":[1,2]}, ts=1970-01-01T00:00:01.000Z\n"
            "sym=B\"q\n, px=402.5000, qty=-5, meta=NULL, ts=1970-01-01T00:00:02.000Z\n"
            "sym=D, px=NULL, qty=NULL, meta=NULL, ts=1970-01-01T00:00:07.000Z\n");
  EXPECT_EQ(src->stats().parse_errors, 5u);
  ASSERT_EQ(src->stats().first_errors.size(), 5u);
  EXPECT_THAT(src->stats().first_errors[0], HasSubstr(path + ":4: invalid JSON"));
  EXPECT_EQ(src->stats().first_errors[1], path + ":5: expected a JSON object, got an array");
  EXPECT_EQ(src->stats().first_errors[2], path + ":6: column 'qty': '1.5' is not a BIGINT");
  EXPECT_EQ(src->stats().first_errors[3], path + ":8: missing event time field 'ts'");
  EXPECT_THAT(src->stats().first_errors[4], HasSubstr(path + ":9: invalid JSON"));
  EXPECT_EQ(src->watermark(), 7000);
}

TEST(FileSourceTest, MissingFileIsAnIoError) {
  TempDir dir;
  auto cfg = config("trades", {{"type", "file_source"}, {"path", dir.file("nope.csv")}});
  auto resolved = resolve_source_schema(cfg, nullptr);
  ASSERT_FALSE(resolved.is_ok());
  EXPECT_EQ(resolved.status().code(), StatusCode::kIoError);
  EXPECT_EQ(resolved.status().message(), "cannot open source 'trades' file '" +
                                             dir.file("nope.csv") + "': No such file or directory");
  auto schema = schema_of({{"a", DataType::bigint()}});
  auto src = make_source(cfg, schema);
  ASSERT_TRUE(src.is_ok());
  Status s = (*src)->open();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(s.message(), resolved.status().message());
}

TEST(FileSourceTest, EmptyFileWithDeclaredSchemaHasNoRows) {
  TempDir dir;
  auto schema = schema_of({{"a", DataType::bigint()}});
  auto src =
      open_source(config("t", {{"type", "file_source"}, {"path", dir.write("e.csv", "")}}), schema);
  auto d = drain(*src);
  EXPECT_TRUE(d.status.is_ok());
  EXPECT_TRUE(d.batches.empty());
}

TEST(FileSourceTest, SkipLinesAndBatchSize) {
  TempDir dir;
  std::string path = dir.write("t.csv", "# comment\n# more\na\n1\n2\n3\nx\n");
  auto src = open_source(
      config("t",
             {{"type", "file_source"}, {"path", path}, {"skip.lines", "2"}, {"batch.size", "2"}}),
      schema_of({{"a", DataType::bigint()}}));
  auto d = drain(*src);
  ASSERT_EQ(d.batches.size(), 2u);
  EXPECT_EQ(d.batches[0]->num_rows(), 2u);
  EXPECT_THAT(src->stats().first_errors, ElementsAre(path + ":7: column 'a': 'x' is not a BIGINT"));
}

}  // namespace
}  // namespace eddy::ops
