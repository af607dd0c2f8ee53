// GROUP BY over 1M rows in 4096-row batches (Velostream scenario 2): COUNT, AVG, MIN, MAX, SUM
// per key, with 200 VARCHAR keys or 200 BIGINT keys; reports rows/s.

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "operators/aggregate/aggregate_function.hpp"
#include "operators/aggregate/hash_aggregate.hpp"
#include "operators/aggregate/windowed_aggregate.hpp"
#include "runtime/core/column_builder.hpp"

namespace {

using eddy::Batch;
using eddy::BatchPtr;
using eddy::ColumnBuilder;
using eddy::DataType;
using eddy::Field;
using eddy::Schema;
using eddy::SchemaPtr;
using eddy::ops::AggregateOpSpec;
using eddy::ops::CollectingEmitter;
using eddy::ops::EmitMode;
using eddy::ops::ExprPtr;

constexpr size_t kRows = 1'000'000;
constexpr size_t kBatchRows = 4096;
constexpr int kKeys = 200;

struct Input {
  SchemaPtr schema;
  std::vector<BatchPtr> batches;
};

Input make_input(bool string_keys) {
  std::mt19937_64 rng(42);
  auto schema = std::make_shared<const Schema>(
      std::vector<Field>{{"key", string_keys ? DataType::varchar() : DataType::bigint()},
                         {"price", DataType::float64()},
                         {"qty", DataType::bigint()}});
  Input input{schema, {}};
  for (size_t done = 0; done < kRows; done += kBatchRows) {
    size_t n = std::min(kBatchRows, kRows - done);
    ColumnBuilder key(schema->field(0).type, n);
    ColumnBuilder price(DataType::float64(), n);
    ColumnBuilder qty(DataType::bigint(), n);
    ColumnBuilder time(DataType::timestamp(), n);
    for (size_t r = 0; r < n; ++r) {
      int k = static_cast<int>(rng() % kKeys);
      if (string_keys) {
        key.append_string("SYM" + std::to_string(k));
      } else {
        key.append_int(k);
      }
      price.append_double(static_cast<double>(rng() % 100000) / 100.0);
      qty.append_int(static_cast<int64_t>(rng() % 1000));
      time.append_int(static_cast<int64_t>(done + r));  // 1 ms per row
    }
    input.batches.push_back(
        Batch::make(schema, {key.finish(), price.finish(), qty.finish()}, n, time.finish()));
  }
  return input;
}

AggregateOpSpec make_spec(const SchemaPtr& schema, EmitMode emit) {
  using eddy::ops::make_aggregate;
  using eddy::ops::make_column;
  ExprPtr key = make_column(0, schema->field(0).type, "key");
  ExprPtr price = make_column(1, DataType::float64(), "price");
  ExprPtr qty = make_column(2, DataType::bigint(), "qty");
  AggregateOpSpec spec;
  spec.input_schema = schema;
  spec.keys = {key};
  spec.key_names = {"key"};
  spec.aggregates = {
      *make_aggregate("COUNT", {}, false, {}), *make_aggregate("AVG", {price}, false, {}),
      *make_aggregate("MIN", {price}, false, {}), *make_aggregate("MAX", {price}, false, {}),
      *make_aggregate("SUM", {qty}, false, {})};
  spec.aggregate_names = {"n", "avg_price", "min_price", "max_price", "volume"};
  spec.emit = emit;
  return spec;
}

void run_group_by(benchmark::State& state, bool string_keys, EmitMode emit) {
  Input input = make_input(string_keys);
  for (auto _ : state) {
    auto op = eddy::ops::HashAggregate::make(make_spec(input.schema, emit));
    if (!op.is_ok()) {
      state.SkipWithError(op.status().to_string().c_str());
      return;
    }
    CollectingEmitter out;
    for (const auto& b : input.batches) {
      if (!(*op)->push(b, out).is_ok()) {
        state.SkipWithError("push failed");
        return;
      }
    }
    (void)(*op)->finish(out);
    benchmark::DoNotOptimize(out.batches.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kRows));
}

void BM_GroupByStringKeyFinal(benchmark::State& state) {
  run_group_by(state, /*string_keys=*/true, EmitMode::kFinal);
}
void BM_GroupByStringKeyChanges(benchmark::State& state) {
  run_group_by(state, /*string_keys=*/true, EmitMode::kChanges);
}
void BM_GroupByIntKeyFinal(benchmark::State& state) {
  run_group_by(state, /*string_keys=*/false, EmitMode::kFinal);
}

// TUMBLING 1 s windows (1000 rows each) with EMIT FINAL, watermark after every batch.
void BM_TumblingStringKeyFinal(benchmark::State& state) {
  Input input = make_input(/*string_keys=*/true);
  for (auto _ : state) {
    AggregateOpSpec spec = make_spec(input.schema, EmitMode::kFinal);
    spec.window.kind = eddy::ops::WindowKind::kTumbling;
    spec.window.size_ms = 1000;
    auto op = eddy::ops::WindowedAggregate::make(spec);
    if (!op.is_ok()) {
      state.SkipWithError(op.status().to_string().c_str());
      return;
    }
    CollectingEmitter out;
    for (const auto& b : input.batches) {
      (void)(*op)->push(b, out);
      (void)(*op)->on_watermark(b->event_time()->i64()[b->num_rows() - 1], out);
    }
    (void)(*op)->finish(out);
    benchmark::DoNotOptimize(out.batches.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(kRows));
}

BENCHMARK(BM_GroupByStringKeyFinal)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupByStringKeyChanges)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_GroupByIntKeyFinal)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_TumblingStringKeyFinal)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
