#include "operators/connectors/file_sink.hpp"

#include <gtest/gtest.h>

#include <cstdio>

#include "operators/connectors/connector_factory.hpp"
#include "operators/connectors/stdout_sink.hpp"
#include "runtime/core/column_builder.hpp"
#include "tests/operators/connectors/test_files.hpp"

namespace eddy::ops {
namespace {

using testing::drain;
using testing::read_file;
using testing::TempDir;

BatchPtr small_batch() {
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"k", DataType::varchar()}, {"v", DataType::bigint()}});
  ColumnBuilder k(DataType::varchar()), v(DataType::bigint());
  k.append_string("a,b");
  v.append_int(1);
  k.append_null();
  v.append_int(2);
  return Batch::make(schema, {k.finish(), v.finish()}, 2);
}

TEST(FileSinkTest, WritesJsonlAndCreatesParentDirectories) {
  TempDir dir;
  std::string path = dir.file("out/deep/o.jsonl");
  auto batch = small_batch();
  FileSink sink("o", path, batch->schema(), OutputFormat::kJsonl);
  ASSERT_TRUE(sink.open().is_ok());
  ASSERT_TRUE(sink.write(*batch).is_ok());
  ASSERT_TRUE(sink.write(*batch).is_ok());
  EXPECT_EQ(read_file(path), "");  // still buffered
  ASSERT_TRUE(sink.close().is_ok());
  EXPECT_EQ(sink.records_out(), 4u);
  std::string rows = "{\"k\":\"a,b\",\"v\":1}\n{\"k\":null,\"v\":2}\n";
  EXPECT_EQ(read_file(path), rows + rows);
  EXPECT_EQ(sink.describe(), "FileSink(o: jsonl '" + path + "')");
}

// Rows rendered elsewhere with a copy of the sink's formatter and written as text come out as
// writing the batches would write them, large text included.
TEST(FileSinkTest, RenderedRowsMatchWrittenBatches) {
  TempDir dir;
  auto batch = small_batch();
  for (OutputFormat format : {OutputFormat::kJsonl, OutputFormat::kCsv}) {
    FileSink direct("o", dir.file("direct.txt"), batch->schema(), format);
    FileSink rendered("o", dir.file("rendered.txt"), batch->schema(), format);
    ASSERT_TRUE(direct.open().is_ok());
    ASSERT_TRUE(rendered.open().is_ok());
    ASSERT_NE(rendered.row_formatter(), nullptr);
    RowFormatter copy = *rendered.row_formatter();
    std::string small;
    copy.append_rows(*batch, small);
    std::string large;
    for (int i = 0; i < 40000; ++i) {  // beyond the sink's 1 MB buffer
      copy.append_rows(*batch, large);
    }
    ASSERT_TRUE(rendered.write_rendered(small, 2).is_ok());
    ASSERT_TRUE(rendered.write_rendered(large, 80000).is_ok());
    ASSERT_TRUE(rendered.write_rendered(small, 2).is_ok());
    for (int i = 0; i < 40002; ++i) {
      ASSERT_TRUE(direct.write(*batch).is_ok());
    }
    ASSERT_TRUE(direct.close().is_ok());
    ASSERT_TRUE(rendered.close().is_ok());
    EXPECT_EQ(rendered.records_out(), 80004u);
    EXPECT_EQ(read_file(dir.file("rendered.txt")), read_file(dir.file("direct.txt")));
  }
}

TEST(FileSinkTest, CsvOverwritesOrAppendsWithoutASecondHeader) {
  TempDir dir;
  std::string path = dir.write("o.csv", "old content\n");
  auto batch = small_batch();
  {
    FileSink sink("o", path, batch->schema(), OutputFormat::kCsv);
    ASSERT_TRUE(sink.open().is_ok());
    ASSERT_TRUE(sink.write(*batch).is_ok());
    ASSERT_TRUE(sink.close().is_ok());
  }
  EXPECT_EQ(read_file(path), "k,v\n\"a,b\",1\n,2\n");
  {
    FileSink sink("o", path, batch->schema(), OutputFormat::kCsv, ',', /*append=*/true);
    ASSERT_TRUE(sink.open().is_ok());
    ASSERT_TRUE(sink.write(*batch).is_ok());
    ASSERT_TRUE(sink.close().is_ok());
  }
  EXPECT_EQ(read_file(path), "k,v\n\"a,b\",1\n,2\n\"a,b\",1\n,2\n");
}

TEST(FileSinkTest, UnwritablePathIsAnIoError) {
  TempDir dir;
  std::string blocker = dir.write("file", "x");
  FileSink sink("o", blocker + "/o.jsonl", small_batch()->schema(), OutputFormat::kJsonl);
  Status s = sink.open();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("sink 'o'"), std::string::npos) << s.message();
}

TEST(FileSinkTest, StdoutSinkTakesRenderedRows) {
  TempDir dir;
  std::string path = dir.file("stdout.txt");
  std::FILE* f = std::fopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  auto batch = small_batch();
  StdoutSink sink("s", batch->schema(), OutputFormat::kCsv, ',', f);
  ASSERT_TRUE(sink.open().is_ok());
  std::string text;
  sink.row_formatter()->append_rows(*batch, text);
  ASSERT_TRUE(sink.write_rendered(text, 2).is_ok());
  ASSERT_TRUE(sink.close().is_ok());
  std::fclose(f);
  EXPECT_EQ(sink.records_out(), 2u);
  EXPECT_EQ(read_file(path), "k,v\n\"a,b\",1\n,2\n");
}

TEST(FileSinkTest, StdoutSinkWritesEachBatch) {
  std::FILE* tmp = std::tmpfile();
  ASSERT_NE(tmp, nullptr);
  auto batch = small_batch();
  StdoutSink sink("s", batch->schema(), OutputFormat::kCsv, ',', tmp);
  ASSERT_TRUE(sink.open().is_ok());
  ASSERT_TRUE(sink.write(*batch).is_ok());
  ASSERT_TRUE(sink.close().is_ok());
  EXPECT_EQ(sink.records_out(), 2u);
  std::rewind(tmp);
  char buf[256] = {};
  size_t n = std::fread(buf, 1, sizeof(buf), tmp);
  std::fclose(tmp);
  EXPECT_EQ(std::string(buf, n), "k,v\n\"a,b\",1\n,2\n");
}

TEST(FileSinkTest, RoundTripFileSourceSinkFile) {
  TempDir dir;
  std::string input =
      "sym,price,qty,ok,note\n"
      "A,1.5,10,true,\"has,comma\"\n"
      "B,,7,,\"\"\n"
      "C,-0.25,-3,false,\"multi\nline \"\"q\"\"\"\n";
  std::string in_path = dir.write("in.csv", input);
  ConnectorConfig src_cfg{"in", {}};
  src_cfg.props.set("type", "file_source");
  src_cfg.props.set("path", in_path);
  auto source = make_source(src_cfg, nullptr);
  ASSERT_TRUE(source.is_ok()) << source.status().to_string();
  ASSERT_TRUE((*source)->open().is_ok());

  std::string out_path = dir.file("out/copy.csv");
  ConnectorConfig sink_cfg{"copy", {}};
  sink_cfg.props.set("type", "file_sink");
  sink_cfg.props.set("path", out_path);
  sink_cfg.props.set("format", "csv");
  auto sink = make_sink(sink_cfg, (*source)->schema());
  ASSERT_TRUE(sink.is_ok()) << sink.status().to_string();
  ASSERT_TRUE((*sink)->open().is_ok());
  auto d = drain(**source);
  ASSERT_TRUE(d.status.is_ok());
  for (const auto& b : d.batches) {
    ASSERT_TRUE((*sink)->write(*b).is_ok());
  }
  ASSERT_TRUE((*sink)->close().is_ok());
  EXPECT_EQ((*sink)->records_out(), 3u);
  EXPECT_EQ(read_file(out_path),
            "sym,price,qty,ok,note\n"
            "A,1.5,10,true,\"has,comma\"\n"
            "B,,7,,\"\"\n"
            "C,-0.25,-3,false,\"multi\nline \"\"q\"\"\"\n");

  // And back again: the copy reads to the same rows.
  ConnectorConfig again{"copy", {}};
  again.props.set("type", "file_source");
  again.props.set("path", out_path);
  auto reread = make_source(again, nullptr);
  ASSERT_TRUE(reread.is_ok());
  ASSERT_TRUE((*reread)->open().is_ok());
  EXPECT_EQ(drain(**reread).rows, d.rows);
}

}  // namespace
}  // namespace eddy::ops
