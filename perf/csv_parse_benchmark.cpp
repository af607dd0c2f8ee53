// Throughput of the CSV connector: parsing from memory into batches, and reading a whole file
// through FileSource. The JSONL benchmark is in jsonl_parse_benchmark.cpp.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

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

void BM_CsvParse(benchmark::State& state) {
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
BENCHMARK(BM_CsvParse)->Unit(benchmark::kMillisecond);

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
