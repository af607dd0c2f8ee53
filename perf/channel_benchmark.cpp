// Hand-off of BatchPtr through a runtime Channel between two threads (batches/s).
#include <benchmark/benchmark.h>

#include <thread>

#include "runtime/actor/channel.hpp"
#include "runtime/core/batch.hpp"
#include "runtime/core/column_builder.hpp"

namespace {

eddy::BatchPtr make_batch() {
  auto schema = std::make_shared<const eddy::Schema>(
      std::vector<eddy::Field>{{"v", eddy::DataType::bigint()}});
  eddy::ColumnBuilder col(eddy::DataType::bigint());
  for (int64_t i = 0; i < 1024; ++i) {
    col.append_int(i);
  }
  return eddy::Batch::make(schema, {col.finish()}, 1024);
}

void BM_ChannelHandOff(benchmark::State& state) {
  const auto capacity = static_cast<size_t>(state.range(0));
  constexpr int64_t kBatches = 100000;
  eddy::BatchPtr batch = make_batch();
  for (auto _ : state) {
    eddy::rt::Channel<eddy::BatchPtr> ch(capacity);
    std::thread consumer([&] {
      int64_t got = 0;
      eddy::BatchPtr out;
      while (got < kBatches) {
        if (ch.try_pop(out)) {
          ++got;
        } else {
          std::this_thread::yield();
        }
      }
    });
    for (int64_t i = 0; i < kBatches; ++i) {
      eddy::BatchPtr item = batch;
      while (!ch.try_push(item)) {
        std::this_thread::yield();
      }
    }
    consumer.join();
  }
  state.SetItemsProcessed(state.iterations() * kBatches);
  state.counters["batches/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * kBatches), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ChannelHandOff)
    ->Arg(2)
    ->Arg(16)
    ->Arg(256)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
