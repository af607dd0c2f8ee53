// Throughput of the JSONL connector: simdjson On-Demand parsing from memory into batches.
#include <benchmark/benchmark.h>

#include <string>

#include "operators/connectors/jsonl_parser.hpp"
#include "operators/connectors/record_builder.hpp"

namespace eddy::ops {
namespace {

constexpr int kRows = 1'000'000;

SchemaPtr jsonl_bench_schema() {
  return std::make_shared<const Schema>(std::vector<Field>{{"id", DataType::bigint()},
                                                           {"qty", DataType::float64()},
                                                           {"price", DataType::decimal(18, 4)},
                                                           {"sym", DataType::varchar()}});
}

const std::string& jsonl_text() {
  static const std::string text = [] {
    std::string s;
    s.reserve(kRows * 64);
    const char* syms[] = {"AAPL", "MSFT", "GOOG", "AMZN", "NVDA"};
    for (int i = 0; i < kRows; ++i) {
      s += "{\"id\":" + std::to_string(1000000 + i) + ",\"qty\":" + std::to_string(i % 1000) + "." +
           std::to_string(i % 10) + ",\"price\":" + std::to_string(100 + i % 400) + "." +
           std::to_string(1000 + i % 9000) + ",\"sym\":\"" + syms[i % 5] + "\"}\n";
    }
    s.append(kJsonPadding, ' ');
    return s;
  }();
  return text;
}

void BM_JsonlParse(benchmark::State& state) {
  const std::string& text = jsonl_text();
  const size_t size = text.size() - kJsonPadding;
  auto schema = jsonl_bench_schema();
  size_t rows = 0;
  for (auto _ : state) {
    JsonlParser parser(schema);
    RecordBuilder builder(schema, 4096, std::nullopt, EventTimeFormat::kAuto);
    size_t pos = 0;
    while (pos < size) {
      size_t nl = text.find('\n', pos);
      benchmark::DoNotOptimize(
          parser.parse(text.data() + pos, nl - pos, text.size() - pos, builder));
      pos = nl + 1;
      if (builder.num_rows() == 4096) {
        benchmark::DoNotOptimize(builder.finish());
      }
      ++rows;
    }
    benchmark::DoNotOptimize(builder.finish());
  }
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * size));
}
BENCHMARK(BM_JsonlParse)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace eddy::ops
