// Hash routing on the source actor's thread: hashing key columns and assigning rows to
// partitions (rows/s), the per-row work a keyed job adds before any partition runs.
#include <benchmark/benchmark.h>

#include <string>

#include "runtime/actor/hash_partitioner.hpp"
#include "runtime/core/batch.hpp"
#include "runtime/core/column_builder.hpp"

namespace {

constexpr size_t kRows = 4096;

// Scenario 2's key: 'SYM' || (i % 200), plus an integer column that is not part of the key.
eddy::BatchPtr make_batch() {
  auto schema = std::make_shared<const eddy::Schema>(std::vector<eddy::Field>{
      {"symbol", eddy::DataType::varchar()}, {"qty", eddy::DataType::bigint()}});
  eddy::ColumnBuilder symbol(eddy::DataType::varchar());
  eddy::ColumnBuilder qty(eddy::DataType::bigint());
  for (size_t i = 0; i < kRows; ++i) {
    symbol.append_string("SYM" + std::to_string(i % 200));
    qty.append_int(static_cast<int64_t>(i % 1000));
  }
  return eddy::Batch::make(schema, {symbol.finish(), qty.finish()}, kRows);
}

void BM_HashPartitionAssign(benchmark::State& state) {
  const auto partitions = static_cast<size_t>(state.range(0));
  eddy::BatchPtr batch = make_batch();
  eddy::rt::HashPartitioner partitioner({0}, partitions);
  for (auto _ : state) {
    auto rows = partitioner.assign(*batch);
    benchmark::DoNotOptimize(rows);
  }
  state.SetItemsProcessed(state.iterations() * static_cast<int64_t>(kRows));
}
BENCHMARK(BM_HashPartitionAssign)->Arg(2)->Arg(8);

}  // namespace

BENCHMARK_MAIN();
