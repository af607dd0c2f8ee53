// Velostream scenario 1: `AVG(price) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY symbol)` over
// 1M rows with 10 symbols, pushed in 1000-row batches; reports rows/s. A second case adds LAG,
// MIN and MAX over the same window.

#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "operators/rows_window/rows_window.hpp"
#include "runtime/core/column_builder.hpp"

namespace {

using eddy::Batch;
using eddy::BatchPtr;
using eddy::ColumnBuilder;
using eddy::DataType;
using eddy::Field;
using eddy::Schema;
using eddy::SchemaPtr;
using eddy::ops::AnalyticCall;
using eddy::ops::Emitter;
using eddy::ops::ExprPtr;
using eddy::ops::FrameSpec;
using eddy::ops::RowsWindow;
using eddy::ops::RowsWindowSpec;

constexpr size_t kRows = 1'000'000;
constexpr size_t kBatchRows = 1000;

/// Counts rows and drops the batches, so the benchmark measures the operator alone.
class CountingEmitter final : public Emitter {
 public:
  void emit(BatchPtr batch) override { rows += batch->num_rows(); }
  size_t rows = 0;
};

SchemaPtr market_schema() {
  return std::make_shared<const Schema>(std::vector<Field>{
      {"symbol", DataType::varchar()}, {"price", DataType::float64()}, {"ts", DataType::bigint()}});
}

std::vector<BatchPtr> market_data(const SchemaPtr& schema) {
  std::vector<BatchPtr> batches;
  for (size_t start = 0; start < kRows; start += kBatchRows) {
    ColumnBuilder symbol(DataType::varchar(), kBatchRows);
    ColumnBuilder price(DataType::float64(), kBatchRows);
    ColumnBuilder ts(DataType::bigint(), kBatchRows);
    for (size_t i = start; i < start + kBatchRows; ++i) {
      symbol.append_string("SYM" + std::to_string(i % 10));
      price.append_double(100.0 + static_cast<double>(i % 50));
      ts.append_int(static_cast<int64_t>(i) * 1000);
    }
    batches.push_back(
        Batch::make(schema, {symbol.finish(), price.finish(), ts.finish()}, kBatchRows));
  }
  return batches;
}

AnalyticCall bind_or_die(std::string_view name, std::vector<ExprPtr> args) {
  auto r = eddy::ops::make_analytic(name, std::move(args), FrameSpec{}, {});
  if (!r.is_ok()) {
    std::abort();
  }
  return *r;
}

void run_scenario(benchmark::State& state, const std::vector<std::string>& functions) {
  SchemaPtr schema = market_schema();
  std::vector<BatchPtr> batches = market_data(schema);
  ExprPtr symbol = eddy::ops::make_column(0, DataType::varchar(), "symbol");
  ExprPtr price = eddy::ops::make_column(1, DataType::float64(), "price");
  for (auto _ : state) {
    RowsWindowSpec spec;
    spec.input_schema = schema;
    spec.buffer_rows = 100;
    spec.partition_by = {symbol};
    for (const auto& fn : functions) {
      spec.calls.push_back(bind_or_die(fn, {price}));
      spec.names.push_back(fn);
    }
    auto op = RowsWindow::make(std::move(spec));
    if (!op.is_ok()) {
      state.SkipWithError(op.status().to_string().c_str());
      return;
    }
    CountingEmitter out;
    for (const auto& batch : batches) {
      if (!(*op)->push(batch, out).is_ok()) {
        state.SkipWithError("push failed");
        return;
      }
    }
    benchmark::DoNotOptimize(out.rows);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
}

void BM_RowsWindowMovingAverage(benchmark::State& state) {
  run_scenario(state, {"AVG"});
}
BENCHMARK(BM_RowsWindowMovingAverage)->Unit(benchmark::kMillisecond);

void BM_RowsWindowAvgMinMaxLag(benchmark::State& state) {
  run_scenario(state, {"AVG", "MIN", "MAX", "LAG"});
}
BENCHMARK(BM_RowsWindowAvgMinMaxLag)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
