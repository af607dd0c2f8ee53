// Throughput of the CSV connector: parsing from memory into batches (ChunkParser, the path both
// FileSource and the runtime's parser stages take), the record-at-a-time building blocks of the
// general path, and reading a whole file through FileSource. The JSONL benchmark is in
// jsonl_parse_benchmark.cpp.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "operators/connectors/chunk_parser.hpp"
#include "operators/connectors/csv_parser.hpp"
#include "operators/connectors/file_source.hpp"
#include "operators/connectors/record_builder.hpp"

namespace eddy::ops {
namespace {

constexpr int kRows = 1'000'000;

SchemaPtr bench_schema() {
  return std::make_shared<const Schema>(std::vector<Field>{{"id", DataType::bigint()},
                                                           {"qty", DataType::float64()},
                                                           {"price", DataType::decimal(18, 4)},
                                                           {"sym", DataType::varchar()}});
}

const std::string& csv_text() {
  static const std::string text = [] {
    std::string s = "id,qty,price,sym\n";
    s.reserve(kRows * 32);
    const char* syms[] = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA"};
    for (int i = 0; i < kRows; ++i) {
      s += std::to_string(1000000 + i) + "," + std::to_string(i % 1000) + "." +
           std::to_string(i % 10) + "," + std::to_string(100 + i % 400) + "." +
           std::to_string(1000 + i % 9000) + "," + syms[i % 5] + "\n";
    }
    return s;
  }();
  return text;
}

// The same records with the symbol quoted, and every 8th one holding a delimiter and a doubled
// quote: the general (quote-aware) path's speed.
const std::string& quoted_csv_text() {
  static const std::string text = [] {
    std::string s = "id,qty,price,sym\n";
    s.reserve(kRows * 36);
    const char* syms[] = {"\"AAPL\"", "\"MSFT\"", "\"GOOG\"", "\"AMZN\"", "\"NV,\"\"DA\""};
    for (int i = 0; i < kRows; ++i) {
      s += std::to_string(1000000 + i) + "," + std::to_string(i % 1000) + "." +
           std::to_string(i % 10) + "," + std::to_string(100 + i % 400) + "." +
           std::to_string(1000 + i % 9000) + "," + syms[i % 8 == 0 ? 4 : i % 4] + "\n";
    }
    return s;
  }();
  return text;
}

SchemaPtr brc_schema() {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"station", DataType::varchar()}, {"temperature", DataType::decimal(4, 1)}});
}

// `eddy bench 1brc`'s input: "station;temperature", 408 stations, DECIMAL(4,1) temperatures.
const std::string& brc_text() {
  static const std::string text = [] {
    std::vector<std::string> stations;
    const char* stems[] = {"Abha",          "Accra",   "Bangkok",     "Cape Town",
                           "Dar es Salaam", "Hamburg", "Ouagadougou", "St. John's",
                           "Xi'an",         "Zürich",  "Yellowknife", "Nuuk"};
    for (int i = 0; i < 408; ++i) {
      stations.push_back(std::string(stems[i % 12]) + " " + std::to_string(i));
    }
    std::string s = "station;temperature\n";
    s.reserve(kRows * 20);
    uint64_t x = 42;
    for (int i = 0; i < kRows; ++i) {
      x = x * 6364136223846793005ULL + 1442695040888963407ULL;
      const int tenths = static_cast<int>((x >> 33) % 1999) - 999;  // -99.9 .. 99.9
      const int a = tenths < 0 ? -tenths : tenths;
      s += stations[(x >> 20) % 408] + ";" + (tenths < 0 ? "-" : "") + std::to_string(a / 10) +
           "." + std::to_string(a % 10) + "\n";
    }
    return s;
  }();
  return text;
}

SchemaPtr event_time_schema() {
  return std::make_shared<const Schema>(std::vector<Field>{{"ts", DataType::timestamp()},
                                                           {"id", DataType::bigint()},
                                                           {"price", DataType::decimal(18, 4)},
                                                           {"sym", DataType::varchar()}});
}

// `ts` (epoch milliseconds, the event time, slightly out of order), id, price, symbol: the shape
// of perf/tumbling_csv.sh's input.
const std::string& event_time_text() {
  static const std::string text = [] {
    std::string s = "ts,id,price,sym\n";
    s.reserve(kRows * 36);
    const char* syms[] = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA"};
    for (int i = 0; i < kRows; ++i) {
      s += std::to_string(1700000000000 + i * 10 - (i % 7) * 3) + "," + std::to_string(i) + "," +
           std::to_string(100 + i % 400) + "." + std::to_string(1000 + i % 9000) + "," +
           syms[i % 5] + "\n";
    }
    return s;
  }();
  return text;
}

// Parses `text` (header first) as one chunk through a ChunkParser into batches of 4096 rows.
void parse_chunk(benchmark::State& state, const std::string& text, const SchemaPtr& schema,
                 char delimiter, const std::string& event_time_field = "") {
  const size_t header = text.find('\n') + 1;
  auto chunk = std::make_shared<FileChunk>();
  chunk->size = text.size() - header;
  chunk->data = std::make_unique<char[]>(chunk->size + kJsonPadding);
  std::memcpy(chunk->data.get(), text.data() + header, chunk->size);
  chunk->first_line = 2;
  chunk->last = true;
  FileChunkPtr shared = chunk;
  FileSourceOptions options;
  options.name = "bench";
  options.path = "bench.csv";
  options.dialect.delimiter = delimiter;
  options.event_time_field = event_time_field;
  std::vector<int32_t> field_to_column(schema->num_fields());
  for (size_t i = 0; i < field_to_column.size(); ++i) {
    field_to_column[i] = static_cast<int32_t>(i);
  }
  size_t rows = 0;
  for (auto _ : state) {
    ChunkParser parser(options, schema, 4096, field_to_column);
    SourceStats stats;
    parser.start(shared);
    while (!parser.done()) {
      if (!parser.parse(stats).is_ok()) {
        state.SkipWithError("parse failed");
        return;
      }
      BatchPtr batch = parser.finish_batch();
      rows += batch != nullptr ? batch->num_rows() : 0;
      benchmark::DoNotOptimize(batch);
    }
    if (stats.parse_errors != 0) {
      state.SkipWithError("bad records");
      return;
    }
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_CsvParse(benchmark::State& state) {
  parse_chunk(state, csv_text(), bench_schema(), ',');
}
BENCHMARK(BM_CsvParse)->Unit(benchmark::kMillisecond);

void BM_CsvParse1brc(benchmark::State& state) {
  parse_chunk(state, brc_text(), brc_schema(), ';');
}
BENCHMARK(BM_CsvParse1brc)->Unit(benchmark::kMillisecond);

void BM_CsvParseQuoted(benchmark::State& state) {
  parse_chunk(state, quoted_csv_text(), bench_schema(), ',');
}
BENCHMARK(BM_CsvParseQuoted)->Unit(benchmark::kMillisecond);

void BM_CsvParseEventTime(benchmark::State& state) {
  parse_chunk(state, event_time_text(), event_time_schema(), ',', "ts");
}
BENCHMARK(BM_CsvParseEventTime)->Unit(benchmark::kMillisecond);

// The general path's building blocks, a record and a field at a time: CsvParser::scan, then
// RecordBuilder::set_text per field.
void BM_CsvScanRecords(benchmark::State& state) {
  const std::string& text = csv_text();
  auto schema = bench_schema();
  size_t rows = 0;
  for (auto _ : state) {
    CsvParser parser;
    RecordBuilder builder(schema, 4096, std::nullopt, EventTimeFormat::kAuto);
    size_t pos = text.find('\n') + 1;
    while (pos < text.size()) {
      CsvScan scan = parser.scan(text.data() + pos, text.size() - pos, /*at_eof=*/true);
      pos += scan.consumed;
      builder.begin();
      const auto& fields = parser.fields();
      for (size_t i = 0; i < fields.size(); ++i) {
        benchmark::DoNotOptimize(builder.set_text(i, fields[i].text, fields[i].quoted));
      }
      benchmark::DoNotOptimize(builder.commit());
      if (builder.num_rows() == 4096) {
        benchmark::DoNotOptimize(builder.finish());
      }
      ++rows;
    }
    benchmark::DoNotOptimize(builder.finish());
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CsvScanRecords)->Unit(benchmark::kMillisecond);

void BM_CsvFileSource(benchmark::State& state) {
  auto path = std::filesystem::temp_directory_path() / "eddy_csv_bench.csv";
  std::ofstream(path, std::ios::binary) << csv_text();
  size_t rows = 0;
  for (auto _ : state) {
    FileSourceOptions options;
    options.name = "bench";
    options.path = path.string();
    FileSource source(options, bench_schema(), 4096);
    if (!source.open().is_ok()) {
      state.SkipWithError("open failed");
      break;
    }
    for (;;) {
      auto batch = source.next();
      if (!batch.is_ok() || *batch == nullptr) {
        break;
      }
      rows += (*batch)->num_rows();
    }
  }
  std::filesystem::remove(path);
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * csv_text().size()));
}
BENCHMARK(BM_CsvFileSource)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace eddy::ops

BENCHMARK_MAIN();
