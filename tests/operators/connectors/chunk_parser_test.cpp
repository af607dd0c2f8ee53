// ChunkParser on CSV: the fast path (CsvFieldIndex + RecordBuilder::append_columns) must give
// exactly what the general, record-at-a-time path gives — rows, batches, event times and
// watermarks, counts, error reports with their lines, fail mode, dead-letter entries. The
// reference below is the general path on its own (CsvParser::scan, RecordBuilder::set_text and
// commit per record), as ChunkParser worked before the fast path.
#include "operators/connectors/chunk_parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "operators/connectors/file_source.hpp"
#include "operators/connectors/row_formatter.hpp"
#include "tests/operators/connectors/test_files.hpp"

namespace eddy::ops {
namespace {

using ::testing::ElementsAre;
using testing::read_file;
using testing::TempDir;

/// Everything a parse produced, rendered for comparison.
struct Outcome {
  std::string rows;  // batch by batch ("--" between), with event time and row watermark
  uint64_t records_in = 0;
  uint64_t parse_errors = 0;
  std::vector<std::string> first_errors;
  std::string status;  // the fail-mode error, or empty
  std::string dead_letter;
};

void render(const BatchPtr& batch, std::string& out) {
  if (batch == nullptr) {
    return;
  }
  out += batch->to_string();
  if (batch->event_time() != nullptr) {
    for (size_t r = 0; r < batch->num_rows(); ++r) {
      out += "et=" + batch->event_time()->value(r).to_string() +
             " wm=" + batch->row_watermark()->value(r).to_string() + "\n";
    }
  }
  out += "--\n";
}

std::vector<int32_t> identity(size_t n) {
  std::vector<int32_t> v(n);
  for (size_t i = 0; i < n; ++i) {
    v[i] = static_cast<int32_t>(i);
  }
  return v;
}

std::optional<size_t> event_column(const FileSourceOptions& options, const Schema& schema) {
  if (options.event_time_field.empty()) {
    return std::nullopt;
  }
  return schema.find(options.event_time_field);
}

/// The general path alone over `text` (records, no header, starting at line `first_line`).
Outcome reference_parse(const std::string& text, const FileSourceOptions& options,
                        const SchemaPtr& schema, size_t batch_rows, uint64_t first_line = 1) {
  Outcome out;
  CsvParser csv(options.dialect);
  RecordBuilder builder(schema, batch_rows, event_column(options, *schema),
                        options.event_time_format);
  builder.set_max_out_of_orderness(options.max_out_of_orderness_ms);
  size_t pos = 0;
  uint64_t line = first_line;
  while (pos < text.size()) {
    CsvScan scan = csv.scan(text.data() + pos, text.size() - pos, /*at_eof=*/true);
    if (scan.kind == CsvScanKind::kNeedMore) {
      break;
    }
    pos += scan.consumed;
    const uint64_t record_line = line;
    line += scan.newlines;
    if (scan.kind == CsvScanKind::kBlank) {
      continue;
    }
    std::string reason;
    bool good = false;
    if (scan.kind == CsvScanKind::kMalformed) {
      reason = scan.error;
    } else if (csv.fields().size() != schema->num_fields()) {
      reason = "expected " + std::to_string(schema->num_fields()) + " fields, got " +
               std::to_string(csv.fields().size());
    } else {
      builder.begin();
      good = true;
      for (size_t i = 0; i < csv.fields().size() && good; ++i) {
        good = builder.set_text(i, csv.fields()[i].text, csv.fields()[i].quoted);
      }
      good = good && builder.commit();
      if (!good) {
        reason = builder.error();
      }
    }
    if (good) {
      ++out.records_in;
      if (builder.num_rows() == batch_rows) {
        render(builder.finish(), out.rows);
      }
      continue;
    }
    std::string report = options.path + ":" + std::to_string(record_line) + ": " + reason;
    ++out.parse_errors;
    if (options.on_error == OnError::kFail) {
      out.status = report;
      break;
    }
    if (out.first_errors.size() < kMaxErrorReports) {
      out.first_errors.push_back(report);
    }
    if (options.on_error == OnError::kDeadLetter) {
      std::string entry = "{\"source\":";
      append_json_string(entry, options.name);
      entry += ",\"file\":";
      append_json_string(entry, options.path);
      entry += ",\"line\":" + std::to_string(record_line) + ",\"error\":";
      append_json_string(entry, reason);
      entry += ",\"record\":";
      append_json_string(entry, scan.raw);
      entry += "}\n";
      out.dead_letter += entry;
    }
  }
  render(builder.finish(), out.rows);
  return out;
}

FileChunkPtr make_chunk(std::string_view bytes, uint64_t first_line, bool last) {
  auto chunk = std::make_shared<FileChunk>();
  chunk->size = bytes.size();
  chunk->data = std::make_unique<char[]>(bytes.size() + kJsonPadding);
  std::memcpy(chunk->data.get(), bytes.data(), bytes.size());
  std::memset(chunk->data.get() + bytes.size(), 0, kJsonPadding);
  chunk->first_line = first_line;
  chunk->last = last;
  return chunk;
}

/// ChunkParser over `text` cut into chunks at the byte offsets `cuts` (record boundaries).
Outcome chunk_parse(const std::string& text, const FileSourceOptions& options,
                    const SchemaPtr& schema, size_t batch_rows, std::vector<size_t> cuts = {}) {
  Outcome out;
  SourceStats stats;
  {
    std::unique_ptr<DeadLetterFile> dlq;
    if (options.on_error == OnError::kDeadLetter) {
      dlq = std::make_unique<DeadLetterFile>(options.dlq_path);
    }
    ChunkParser parser(options, schema, batch_rows, identity(schema->num_fields()), dlq.get());
    cuts.push_back(text.size());
    size_t from = 0;
    uint64_t line = 1;
    bool failed = false;
    for (size_t cut : cuts) {
      if (failed || cut <= from) {
        continue;
      }
      std::string_view bytes = std::string_view(text).substr(from, cut - from);
      parser.start(make_chunk(bytes, line, cut == text.size()));
      line += std::count(bytes.begin(), bytes.end(), '\n');
      from = cut;
      while (!parser.done()) {
        Status s = parser.parse(stats);
        if (!s.is_ok()) {
          out.status = s.message();
          failed = true;
          break;
        }
        if (parser.num_rows() == batch_rows) {
          render(parser.finish_batch(), out.rows);
        }
      }
    }
    render(parser.finish_batch(), out.rows);
  }
  out.records_in = stats.records_in;
  out.parse_errors = stats.parse_errors;
  out.first_errors = stats.first_errors;
  if (options.on_error == OnError::kDeadLetter) {
    out.dead_letter = read_file(options.dlq_path);
  }
  return out;
}

void expect_same(const Outcome& got, const Outcome& want, const std::string& what) {
  EXPECT_EQ(got.rows, want.rows) << what;
  EXPECT_EQ(got.records_in, want.records_in) << what;
  EXPECT_EQ(got.parse_errors, want.parse_errors) << what;
  EXPECT_EQ(got.first_errors, want.first_errors) << what;
  EXPECT_EQ(got.status, want.status) << what;
  EXPECT_EQ(got.dead_letter, want.dead_letter) << what;
}

FileSourceOptions csv_options(char delimiter = ',') {
  FileSourceOptions options;
  options.name = "s";
  options.path = "t.csv";
  options.dialect.delimiter = delimiter;
  return options;
}

SchemaPtr schema_of(std::vector<Field> fields) {
  return std::make_shared<const Schema>(std::move(fields));
}

SchemaPtr mixed_schema() {
  return schema_of({{"id", DataType::bigint()},
                    {"temp", DataType::decimal(4, 1)},
                    {"x", DataType::float64()},
                    {"name", DataType::varchar()}});
}

std::string simple_records(int from, int to) {
  std::string s;
  for (int i = from; i < to; ++i) {
    s += std::to_string(i) + "," + std::to_string(i % 100) + "." + std::to_string(i % 10) + "," +
         std::to_string(i) + ".25,n" + std::to_string(i) + "\n";
  }
  return s;
}

TEST(ChunkParserTest, SimpleRecordsGoTheFastWay) {
  const std::string text = "1,-12.3,0.5,ab\n-7,99.9,1e3,c d\n8,1.25,-0,e\n";
  Outcome got = chunk_parse(text, csv_options(), mixed_schema(), 4096);
  EXPECT_EQ(got.rows,
            "id=1, temp=-12.3, x=0.5, name=ab\n"
            "id=-7, temp=99.9, x=1000.0, name=c d\n"
            "id=8, temp=1.3, x=-0.0, name=e\n--\n");
  expect_same(got, reference_parse(text, csv_options(), mixed_schema(), 4096), text);
}

TEST(ChunkParserTest, QuoteInTheMiddleOfAChunkFallsBackForThatRecord) {
  const std::string text = simple_records(0, 700) + "700,1.0,2,\"quoted, \"\"with\"\" delim\"\n" +
                           "701,1.0,2,\"multi\nline\"\n" + simple_records(702, 1500);
  for (size_t batch : {1, 7, 512, 4096}) {
    Outcome got = chunk_parse(text, csv_options(), mixed_schema(), batch);
    EXPECT_EQ(got.records_in, 1500u);
    EXPECT_NE(got.rows.find("name=quoted, \"with\" delim\n"), std::string::npos);
    expect_same(got, reference_parse(text, csv_options(), mixed_schema(), batch),
                "batch " + std::to_string(batch));
  }
}

TEST(ChunkParserTest, EmptyFieldsAreNullAndQuotedEmptyVarcharIsEmpty) {
  const std::string text = "1,,,\n,2.5,,x\n3,1.0,2,\"\"\n";
  Outcome got = chunk_parse(text, csv_options(), mixed_schema(), 4096);
  EXPECT_EQ(got.rows,
            "id=1, temp=NULL, x=NULL, name=NULL\n"
            "id=NULL, temp=2.5, x=NULL, name=x\n"
            "id=3, temp=1.0, x=2.0, name=\n--\n");
  expect_same(got, reference_parse(text, csv_options(), mixed_schema(), 4096), text);
}

TEST(ChunkParserTest, MalformedNumbersReportTheSameErrorsAndLines) {
  const std::string text = simple_records(0, 100) + "100,12.x,1,a\n" + simple_records(101, 200) +
                           "\n" + "x,1.0,1,a\n" + "5,1000.0,1,a\n" + "6,1.0,1\n" +
                           "9223372036854775808,1.0,1,a\n" + simple_records(200, 300);
  FileSourceOptions options = csv_options();
  Outcome got = chunk_parse(text, options, mixed_schema(), 64);
  EXPECT_EQ(got.records_in, 299u);
  EXPECT_THAT(got.first_errors,
              ElementsAre("t.csv:101: column 'temp': '12.x' is not a DECIMAL(4,1)",
                          "t.csv:202: column 'id': 'x' is not a BIGINT",
                          "t.csv:203: column 'temp': '1000.0' is not a DECIMAL(4,1)",
                          "t.csv:204: expected 4 fields, got 3",
                          "t.csv:205: column 'id': '9223372036854775808' is not a BIGINT"));
  expect_same(got, reference_parse(text, options, mixed_schema(), 64), "skip");

  options.on_error = OnError::kFail;
  got = chunk_parse(text, options, mixed_schema(), 64);
  EXPECT_EQ(got.status, "t.csv:101: column 'temp': '12.x' is not a DECIMAL(4,1)");
  EXPECT_EQ(got.records_in, 100u);
  expect_same(got, reference_parse(text, options, mixed_schema(), 64), "fail");
}

TEST(ChunkParserTest, ShortNumbersNextToDigitLikeBytes) {
  // The SWAR parsers test eight bytes at a time: bytes just outside '0'..'9' (':' and '/'),
  // signs in the wrong place, eight-byte values and fields at the very end of the chunk.
  const char* ints[] = {"12:",      "1/",       "9:9",     "-",  "--1", "1-",  "12345678",
                        "-1234567", "99999999", " 1",      "1 ", "0x1", "+1",  "-0",
                        "00000000", "-9999999", "1234567", "/",  ":",   "\xd9"};
  const char* decimals[] = {"1.:",  "/.5",  "-12.3",  "12.3x",  "1.2",   ":.1", "1./",
                            "-.5",  "12.",  "99.9",   "-99.9",  "100.0", "0.0", "-0.0",
                            "1..1", "1.1.", "9999.9", "-999.9", "12.34", "1:.2"};
  std::string text;
  for (const char* i : ints) {
    for (const char* d : decimals) {
      text += std::string(i) + "," + d + ",1,a\n";
    }
  }
  text += "12345678,-99.9,1,z\n7,1.5,1,";
  for (OnError mode : {OnError::kLogAndContinue, OnError::kFail}) {
    FileSourceOptions options = csv_options();
    options.on_error = mode;
    expect_same(chunk_parse(text, options, mixed_schema(), 4096),
                reference_parse(text, options, mixed_schema(), 4096), "digit-like");
  }
  // A chunk ending right after a short last field: no padding is needed for it to parse.
  const std::string tail = "5,-1.5,1,a\n";
  Outcome got = chunk_parse(tail, csv_options(), mixed_schema(), 4096);
  EXPECT_EQ(got.rows, "id=5, temp=-1.5, x=1.0, name=a\n--\n");
}

TEST(ChunkParserTest, CrLfLineBreaksAndBlankLines) {
  const std::string text = "1,1.0,1,a\r\n\r\n2,2.0,2,b\r\n\n3,3.0,3,c\rd\r\n4,4.0,4,\r\n";
  Outcome got = chunk_parse(text, csv_options(), mixed_schema(), 4096);
  EXPECT_EQ(got.rows,
            "id=1, temp=1.0, x=1.0, name=a\n"
            "id=2, temp=2.0, x=2.0, name=b\n"
            "id=3, temp=3.0, x=3.0, name=c\rd\n"
            "id=4, temp=4.0, x=4.0, name=NULL\n--\n");
  expect_same(got, reference_parse(text, csv_options(), mixed_schema(), 4096), text);
}

TEST(ChunkParserTest, FieldsAtBlockAndBatchBoundaries) {
  // Records of every length around the 64-byte blocks of the index, in batches of 1 to 9.
  std::string text;
  for (int i = 0; i < 300; ++i) {
    text += std::to_string(i) + ",1.5,2," + std::string(static_cast<size_t>(i % 130), 'v') + "\n";
  }
  text += "last,1,1,unterminated";
  for (size_t batch = 1; batch < 10; ++batch) {
    expect_same(chunk_parse(text, csv_options(), mixed_schema(), batch),
                reference_parse(text, csv_options(), mixed_schema(), batch),
                "batch " + std::to_string(batch));
  }
}

TEST(ChunkParserTest, VeryLongFields) {
  const std::string long_name(200000, 'n');
  const std::string long_number(5000, '7');
  const std::string text = "1,1.0,1," + long_name + "\n" + long_number + ",1.0,1,a\n2,1.0,1,b\n";
  Outcome got = chunk_parse(text, csv_options(), mixed_schema(), 4096);
  EXPECT_EQ(got.records_in, 2u);
  ASSERT_EQ(got.first_errors.size(), 1u);
  EXPECT_EQ(got.first_errors[0],
            "t.csv:2: column 'id': '" + std::string(40, '7') + "...' is not a BIGINT");
  expect_same(got, reference_parse(text, csv_options(), mixed_schema(), 4096), "long");
}

TEST(ChunkParserTest, EventTimeAndWatermarksFollowTheRows) {
  auto schema = schema_of({{"ts", DataType::timestamp()}, {"v", DataType::bigint()}});
  FileSourceOptions options = csv_options();
  options.event_time_field = "ts";
  options.max_out_of_orderness_ms = 5;
  const std::string text = "100,1\n90,2\n,3\n120,4\n2024-01-15T10:00:00Z,5\nbad,6\n130,x\n140,8\n";
  Outcome got = chunk_parse(text, options, schema, 3);
  EXPECT_EQ(got.records_in, 5u);
  EXPECT_THAT(got.first_errors,
              ElementsAre("t.csv:3: missing event time field 'ts'",
                          "t.csv:6: event time field 'ts': 'bad' is not epoch milliseconds or an "
                          "ISO-8601 timestamp",
                          "t.csv:7: column 'v': 'x' is not a BIGINT"));
  expect_same(got, reference_parse(text, options, schema, 3), text);
}

// Random CSV mixing fast-path records with everything that must fall back: quotes (escaped,
// with delimiters and line breaks), malformed quoting, wrong field counts, empties, spaces,
// signs, overflow, bad values, blank lines, CRLF, long fields, a last record without a line
// break; random schemas, delimiters, error modes, event time, batch sizes and chunk cuts.
class RandomCsv {
 public:
  explicit RandomCsv(uint32_t seed) : rng_(seed) {}

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  bool chance(int percent) { return pick(100) < percent; }

  std::string value(const DataType& type) {
    switch (type.id) {
      case TypeId::kBigint: {
        const char* odd[] = {
            "+5", " 7 ", "007", "-", "1e3", "99999999999999999999", "-9223372036854775808",
            "x1", "1 2", "\t3"};
        return chance(15) ? odd[pick(10)] : std::to_string(pick(2000001) - 1000000);
      }
      case TypeId::kDouble: {
        const char* odd[] = {"1e5", " 2.5", "-0.0", "abc", "+1.5", ".5", "inf", "1.2.3"};
        return chance(15) ? odd[pick(8)]
                          : std::to_string(pick(20001) - 10000) + "." + std::to_string(pick(100));
      }
      case TypeId::kDecimal: {
        const char* odd[] = {"100.0", "1.23",  ".5",    "5.",
                             "-",     "+3.4",  " 12.5", "0000000000000000000012.5",
                             "-0.0",  "1.2.3", "99.95"};
        if (chance(15)) {
          return odd[pick(11)];
        }
        const int tenths = pick(1999) - 999;
        const int a = tenths < 0 ? -tenths : tenths;
        return std::string(tenths < 0 ? "-" : "") + std::to_string(a / 10) + "." +
               std::to_string(a % 10);
      }
      case TypeId::kBoolean: {
        const char* all[] = {"true", "FALSE", "1", "0", "yes", " true", "True"};
        return all[pick(chance(85) ? 4 : 7)];
      }
      case TypeId::kTimestamp: {
        const char* odd[] = {"2024-01-15T10:00:00Z", "2024-01-15 10:00:00", "nope", "-5"};
        return chance(15) ? odd[pick(4)] : std::to_string(1700000000000 + pick(100000));
      }
      default: {
        std::string s = "w" + std::to_string(pick(1000));
        if (chance(5)) {
          s = std::string(static_cast<size_t>(pick(300)), 'L');
        }
        if (chance(5)) {
          s += " sp ";
        }
        if (chance(3)) {
          s += "\rmid";
        }
        return s;
      }
    }
  }

  std::string field(const DataType& type, char delim, int quote_percent) {
    if (chance(8)) {
      return chance(30) ? "\"\"" : "";
    }
    std::string v = value(type);
    if (chance(quote_percent)) {
      std::string extra[] = {"", std::string(1, delim), "\"\"", "\n", "\r\n"};
      std::string q = "\"" + v + (type.id == TypeId::kVarchar ? extra[pick(5)] : "") + "\"";
      if (chance(3)) {
        q += "x";  // text after the closing quote: malformed
      }
      return q;
    }
    if (chance(quote_percent / 4)) {
      v.insert(v.size() / 2, "\"");  // a quote inside an unquoted field is data
    }
    return v;
  }

  std::string text(const Schema& schema, char delim, int quote_percent, int records) {
    std::string s;
    for (int r = 0; r < records; ++r) {
      if (chance(3)) {
        s += chance(50) ? "\n" : "\r\n";
      }
      int fields = static_cast<int>(schema.num_fields());
      if (chance(3)) {
        fields += chance(50) ? 1 : -1;
      }
      for (int f = 0; f < fields; ++f) {
        if (f > 0) {
          s += delim;
        }
        const size_t col = std::min(static_cast<size_t>(f), schema.num_fields() - 1);
        s += field(schema.field(col).type, delim, quote_percent);
      }
      const bool last = r + 1 == records;
      if (!last || chance(50)) {
        s += chance(20) ? "\r\n" : "\n";
      }
    }
    if (chance(10)) {
      s += "\"unterminated,1\n";
    }
    return s;
  }

 private:
  std::mt19937 rng_;
};

TEST(ChunkParserTest, RandomCsvParsesAsTheGeneralPathDoes) {
  TempDir dir;
  const DataType types[] = {DataType::bigint(),       DataType::float64(), DataType::decimal(4, 1),
                            DataType::decimal(18, 4), DataType::varchar(), DataType::boolean(),
                            DataType::timestamp()};
  for (uint32_t seed = 1; seed <= 300; ++seed) {
    RandomCsv rnd(seed);
    std::vector<Field> fields;
    const int ncols = 1 + rnd.pick(5);
    for (int c = 0; c < ncols; ++c) {
      fields.push_back({"c" + std::to_string(c), types[rnd.pick(7)]});
    }
    FileSourceOptions options = csv_options(",;\t|"[rnd.pick(4)]);
    options.on_error = static_cast<OnError>(rnd.pick(3));
    options.dlq_path = dir.file("dlq" + std::to_string(seed) + ".jsonl");
    if (rnd.chance(25)) {
      const int c = rnd.pick(ncols);
      fields[c].type = rnd.chance(50) ? DataType::timestamp() : DataType::bigint();
      options.event_time_field = fields[c].name;
      options.event_time_format = static_cast<EventTimeFormat>(rnd.pick(4));
      options.max_out_of_orderness_ms = rnd.pick(1000);
    }
    auto schema = schema_of(fields);
    const int quote_percent = std::vector<int>{0, 0, 1, 5, 30}[rnd.pick(5)];
    const std::string text =
        rnd.text(*schema, options.dialect.delimiter, quote_percent, 50 + rnd.pick(2000));
    const size_t batch = std::vector<size_t>{1, 3, 64, 511, 4096}[rnd.pick(5)];

    // Cut at random record boundaries (where the general path starts a record).
    std::vector<size_t> cuts;
    CsvParser csv(options.dialect);
    for (size_t pos = 0; pos < text.size();) {
      CsvScan scan = csv.scan(text.data() + pos, text.size() - pos, /*at_eof=*/true);
      if (scan.consumed == 0) {
        break;
      }
      pos += scan.consumed;
      if (rnd.chance(2)) {
        cuts.push_back(pos);
      }
    }
    const std::string what = "seed " + std::to_string(seed);
    const Outcome want = reference_parse(text, options, schema, batch);
    if (options.on_error == OnError::kDeadLetter) {
      std::filesystem::remove(options.dlq_path);
    }
    expect_same(chunk_parse(text, options, schema, batch, cuts), want, what);
    if (::testing::Test::HasFailure()) {
      break;
    }
  }
}

// The same through FileSource from a file with a header, in chunks of a few hundred bytes from
// the FileChunkReader (records straddle its blocks, quoted line breaks included).
TEST(ChunkParserTest, RandomCsvThroughFileSourceParsesAsTheGeneralPathDoes) {
  TempDir dir;
  const DataType types[] = {DataType::bigint(), DataType::decimal(4, 1), DataType::varchar(),
                            DataType::float64()};
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    RandomCsv rnd(seed * 7919);
    std::vector<Field> fields;
    std::string header;
    const int ncols = 1 + rnd.pick(4);
    for (int c = 0; c < ncols; ++c) {
      fields.push_back({"c" + std::to_string(c), types[rnd.pick(4)]});
      header += (c == 0 ? "" : ",") + fields.back().name;
    }
    auto schema = schema_of(fields);
    const std::string body =
        rnd.text(*schema, ',', std::vector<int>{0, 2, 20}[rnd.pick(3)], 100 + rnd.pick(1500));
    FileSourceOptions options = csv_options();
    options.path = dir.write("r" + std::to_string(seed) + ".csv", header + "\n" + body);
    options.on_error = rnd.chance(30) ? OnError::kFail : OnError::kLogAndContinue;
    options.block_size = 64 + static_cast<size_t>(rnd.pick(1000));
    const size_t batch = std::vector<size_t>{1, 7, 100, 4096}[rnd.pick(4)];
    options.batch_rows = batch;

    const Outcome want = reference_parse(body, options, schema, batch, /*first_line=*/2);
    FileSource source(options, schema, batch);
    ASSERT_TRUE(source.open().is_ok());
    Outcome got;
    for (;;) {
      auto next = source.next();
      if (!next.is_ok()) {
        got.status = next.status().message();
        break;
      }
      if (*next == nullptr) {
        break;
      }
      render(*next, got.rows);
    }
    got.records_in = source.stats().records_in;
    got.parse_errors = source.stats().parse_errors;
    got.first_errors = source.stats().first_errors;
    expect_same(got, want, "seed " + std::to_string(seed));
    if (::testing::Test::HasFailure()) {
      break;
    }
  }
}

}  // namespace
}  // namespace eddy::ops
