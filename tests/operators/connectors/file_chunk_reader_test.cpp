#include "operators/connectors/file_chunk_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "operators/connectors/chunk_parser.hpp"
#include "operators/connectors/file_source.hpp"
#include "tests/operators/connectors/test_files.hpp"

namespace eddy::ops {
namespace {

using testing::TempDir;

SchemaPtr two_columns() {
  return std::make_shared<const Schema>(
      std::vector<Field>{{"a", DataType::varchar()}, {"b", DataType::varchar()}});
}

FileSourceOptions csv_options(const std::string& path, size_t chunk_size, bool header = true) {
  FileSourceOptions o;
  o.name = "t";
  o.path = path;
  o.format = FileFormat::kCsv;
  o.header = header;
  o.block_size = chunk_size;
  return o;
}

std::vector<FileChunkPtr> read_all(FileChunkReader& reader) {
  std::vector<FileChunkPtr> chunks;
  for (;;) {
    auto next = reader.next();
    EXPECT_TRUE(next.is_ok()) << next.status().to_string();
    if (!next.is_ok() || *next == nullptr) {
      return chunks;
    }
    EXPECT_GT((*next)->size, 0u);
    chunks.push_back(*next);
  }
}

// The offsets just after each record (or blank line) that CsvParser finds when it reads `text`
// in one piece: the only places a chunk may end.
std::vector<size_t> record_ends(const std::string& text) {
  CsvParser parser;
  std::vector<size_t> ends;
  size_t pos = 0;
  while (pos < text.size()) {
    CsvScan scan = parser.scan(text.data() + pos, text.size() - pos, /*at_eof=*/true);
    if (scan.kind == CsvScanKind::kNeedMore) {
      break;
    }
    pos += scan.consumed;
    ends.push_back(pos);
  }
  return ends;
}

// Checks that the chunks cover `body` exactly, in order, end on record ends, and carry the
// offset and line number of their first byte (`first_line` is the line of body[0]).
void expect_chunks_of(const std::vector<FileChunkPtr>& chunks, const std::string& body,
                      uint64_t body_offset, uint64_t first_line, size_t chunk_size) {
  std::vector<size_t> ends = record_ends(body);
  size_t pos = 0;
  uint64_t line = first_line;
  for (size_t i = 0; i < chunks.size(); ++i) {
    const FileChunk& c = *chunks[i];
    SCOPED_TRACE("chunk " + std::to_string(i) + " of size " + std::to_string(chunk_size));
    EXPECT_EQ(c.offset, body_offset + pos);
    EXPECT_EQ(c.first_line, line);
    ASSERT_LE(pos + c.size, body.size());
    EXPECT_EQ(c.bytes(), std::string_view(body).substr(pos, c.size));
    pos += c.size;
    line += static_cast<uint64_t>(std::count(c.bytes().begin(), c.bytes().end(), '\n'));
    EXPECT_EQ(c.last, i + 1 == chunks.size());
    if (!c.last) {
      EXPECT_NE(std::find(ends.begin(), ends.end(), pos), ends.end())
          << "chunk ends inside a record at " << pos;
    }
  }
  EXPECT_EQ(pos, body.size());
}

TEST(FileChunkReaderTest, QuotedLineBreaksNeverSplitAcrossTinyChunks) {
  TempDir dir;
  const std::string header =
      "\xEF\xBB\xBF"
      "a,b\r\n";
  const std::string body =
      "1,\"x\ny\"\r\n"
      "\"a \"\"q\"\"\n\n,\",2\n"
      "\n"
      "3,\"\"\n"
      "4,\"a\"junk,\"\n"
      "5,\"\"\"\"\n"
      "6,last\"q\n"
      "\"7\nz\",\"8\r\n9\"";  // no line break at the end
  std::string path = dir.write("t.csv", header + body);
  for (size_t chunk_size : {16u, 17u, 19u, 23u, 31u, 64u, 4096u}) {
    FileChunkReader reader(csv_options(path, chunk_size), two_columns());
    ASSERT_TRUE(reader.open().is_ok());
    EXPECT_EQ(reader.field_to_column(), (std::vector<int32_t>{0, 1}));
    auto chunks = read_all(reader);
    expect_chunks_of(chunks, body, header.size(), 2, chunk_size);
    EXPECT_EQ(reader.bytes_read(), header.size() + body.size());
  }
}

TEST(FileChunkReaderTest, RandomCsvChunksEndOnRecordEnds) {
  TempDir dir;
  std::mt19937 rng(7);
  const std::vector<std::string> pieces = {"a",    "bc",  ",",        "\"",  "\"\"", "\n",
                                           "\r\n", "x y", "\"q,\n\"", ",\"", "\r"};
  for (int round = 0; round < 40; ++round) {
    std::string body;
    size_t n = 1 + rng() % 200;
    for (size_t i = 0; i < n; ++i) {
      body += pieces[rng() % pieces.size()];
    }
    std::string path = dir.write("r.csv", body);
    for (size_t chunk_size : {16u, 20u, 37u, 100u}) {
      FileChunkReader reader(csv_options(path, chunk_size, /*header=*/false), two_columns());
      ASSERT_TRUE(reader.open().is_ok());
      SCOPED_TRACE("round " + std::to_string(round));
      expect_chunks_of(read_all(reader), body, 0, 1, chunk_size);
    }
  }
}

TEST(FileChunkReaderTest, JsonlChunksEndAtLineBreaks) {
  TempDir dir;
  std::string body = "{\"a\":\"1\"}\r\n\n{\"a\":\"x\\ny\"}\n{\"a\":\"long long long value\"}";
  std::string path = dir.write("t.jsonl", body);
  for (size_t chunk_size : {16u, 25u, 4096u}) {
    FileSourceOptions o = csv_options(path, chunk_size);
    o.format = FileFormat::kJsonl;
    FileChunkReader reader(o, two_columns());
    ASSERT_TRUE(reader.open().is_ok());
    auto chunks = read_all(reader);
    ASSERT_FALSE(chunks.empty());
    size_t pos = 0;
    for (const auto& c : chunks) {
      EXPECT_EQ(c->offset, pos);
      pos += c->size;
      if (!c->last) {
        EXPECT_EQ(c->bytes().back(), '\n');
      }
    }
    EXPECT_EQ(pos, body.size());
    EXPECT_TRUE(chunks.back()->last);
  }
}

TEST(FileChunkReaderTest, EmptyFilesAndHeaderOnly) {
  TempDir dir;
  for (const std::string content : {"", "\xEF\xBB\xBF", "a,b\n", "a,b"}) {
    std::string path = dir.write("e.csv", content);
    FileChunkReader reader(csv_options(path, 16), two_columns());
    ASSERT_TRUE(reader.open().is_ok());
    auto next = reader.next();
    ASSERT_TRUE(next.is_ok());
    EXPECT_EQ(*next, nullptr) << "content '" << content << "'";
    EXPECT_EQ(reader.bytes_read(), content.size());
  }
}

TEST(FileChunkReaderTest, SkippedLinesAndMissingHeaderColumn) {
  TempDir dir;
  std::string path = dir.write("s.csv", "junk\nmore junk\nb,a\n1,2\n");
  FileSourceOptions o = csv_options(path, 16);
  o.skip_lines = 2;
  FileChunkReader reader(o, two_columns());
  ASSERT_TRUE(reader.open().is_ok());
  EXPECT_EQ(reader.field_to_column(), (std::vector<int32_t>{1, 0}));
  auto chunks = read_all(reader);
  ASSERT_EQ(chunks.size(), 1u);
  EXPECT_EQ(chunks[0]->first_line, 4u);
  EXPECT_EQ(chunks[0]->bytes(), "1,2\n");

  std::string bad = dir.write("m.csv", "a,c\n1,2\n");
  FileChunkReader missing(csv_options(bad, 16), two_columns());
  Status s = missing.open();
  EXPECT_FALSE(s.is_ok());
  EXPECT_NE(s.to_string().find("column 'b'"), std::string::npos) << s.to_string();

  FileChunkReader absent(csv_options(dir.file("none.csv"), 16), two_columns());
  EXPECT_FALSE(absent.open().is_ok());
}

// Parsing a file chunk by chunk, in any chunk size, gives the rows, counts and reports of one
// sequential read of the whole file.
TEST(ChunkParserTest, ChunkedParsingMatchesOneSequentialRead) {
  TempDir dir;
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"a", DataType::bigint()}, {"b", DataType::varchar()}});
  std::string text = "a,b\n";
  std::mt19937 rng(11);
  for (int i = 0; i < 300; ++i) {
    switch (rng() % 6) {
      case 0:
        text += std::to_string(i) + ",\"multi\nline, \"\"quoted\"\"\"\n";
        break;
      case 1:
        text += "oops," + std::to_string(i) + "\n";  // not a BIGINT
        break;
      case 2:
        text += std::to_string(i) + "\r\n";  // one field only
        break;
      default:
        text += std::to_string(i) + ",v" + std::to_string(i) + "\n";
    }
  }
  std::string path = dir.write("p.csv", text);
  auto parse_all = [&](size_t chunk_size, std::string& rows) {
    FileSourceOptions o = csv_options(path, chunk_size);
    FileChunkReader reader(o, schema);
    EXPECT_TRUE(reader.open().is_ok());
    ChunkParser parser(o, schema, 7, reader.field_to_column());
    SourceStats stats;
    for (;;) {
      auto chunk = reader.next();
      EXPECT_TRUE(chunk.is_ok());
      if (*chunk == nullptr) {
        break;
      }
      parser.start(*chunk);
      while (!parser.done()) {
        EXPECT_TRUE(parser.parse(stats).is_ok());
        if (auto batch = parser.finish_batch()) {
          EXPECT_LE(batch->num_rows(), 7u);
          rows += batch->to_string();
        }
      }
    }
    return stats;
  };
  std::string expected_rows;
  SourceStats expected = parse_all(1 << 20, expected_rows);
  EXPECT_GT(expected.records_in, 100u);
  EXPECT_GT(expected.parse_errors, 10u);
  ASSERT_EQ(expected.first_errors.size(), kMaxErrorReports);
  EXPECT_EQ(expected.first_errors[0].rfind(path + ":", 0), 0u) << expected.first_errors[0];
  for (size_t chunk_size : {16u, 50u, 333u}) {
    std::string rows;
    SourceStats stats = parse_all(chunk_size, rows);
    EXPECT_EQ(rows, expected_rows) << "chunk size " << chunk_size;
    EXPECT_EQ(stats.records_in, expected.records_in);
    EXPECT_EQ(stats.parse_errors, expected.parse_errors);
    EXPECT_EQ(stats.first_errors, expected.first_errors);
  }
}

TEST(ChunkParserTest, FailModeStopsAtTheBadRecordKeepingTheRowsBefore) {
  TempDir dir;
  std::string path = dir.write("f.csv", "a,b\n1,x\n2,y\n\"3\nz\",w\nbad\n4,v\n");
  auto schema = two_columns();
  FileSourceOptions o = csv_options(path, 16);
  o.on_error = OnError::kFail;
  FileChunkReader reader(o, schema);
  ASSERT_TRUE(reader.open().is_ok());
  ChunkParser parser(o, schema, 100, reader.field_to_column());
  SourceStats stats;
  Status error;
  size_t rows = 0;
  while (error.is_ok()) {
    auto chunk = reader.next();
    ASSERT_TRUE(chunk.is_ok());
    ASSERT_NE(*chunk, nullptr) << "the bad record was not found";
    parser.start(*chunk);
    while (error.is_ok() && !parser.done()) {
      error = parser.parse(stats);
    }
  }
  if (auto batch = parser.finish_batch()) {
    rows = batch->num_rows();
  }
  EXPECT_EQ(rows, 3u);
  EXPECT_EQ(error.to_string().find(path + ":6: expected 2 fields, got 1") != std::string::npos,
            true)
      << error.to_string();
  EXPECT_EQ(stats.records_in, 3u);
  EXPECT_EQ(stats.parse_errors, 1u);
}

}  // namespace
}  // namespace eddy::ops
