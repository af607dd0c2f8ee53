// Evaluates `a * 2 + b > 100 AND s LIKE 'x%'` over 4096-row batches; reports rows/s.

#include <benchmark/benchmark.h>

#include <random>
#include <string>

#include "operators/expr/expr_evaluator.hpp"
#include "operators/expr/function_registry.hpp"
#include "runtime/core/column_builder.hpp"

namespace {

using eddy::Batch;
using eddy::BatchPtr;
using eddy::ColumnBuilder;
using eddy::DataType;
using eddy::Field;
using eddy::Schema;
using eddy::Value;
using eddy::ops::ExprPtr;
using eddy::ops::FunctionRegistry;

constexpr size_t kRows = 4096;

BatchPtr make_batch() {
  std::mt19937_64 rng(42);
  ColumnBuilder a(DataType::bigint(), kRows);
  ColumnBuilder b(DataType::bigint(), kRows);
  ColumnBuilder s(DataType::varchar(), kRows);
  const char* words[] = {"xylophone", "yak", "xenon", "zebra", "apple", "x-ray"};
  for (size_t i = 0; i < kRows; ++i) {
    a.append_int(static_cast<int64_t>(rng() % 100));
    b.append_int(static_cast<int64_t>(rng() % 50));
    s.append_string(words[rng() % 6]);
  }
  auto schema = std::make_shared<const Schema>(std::vector<Field>{
      {"a", DataType::bigint()}, {"b", DataType::bigint()}, {"s", DataType::varchar()}});
  return Batch::make(schema, {a.finish(), b.finish(), s.finish()}, kRows);
}

ExprPtr bind_or_die(std::string_view name, std::vector<ExprPtr> args) {
  auto r = FunctionRegistry::instance().make_call(name, std::move(args), {});
  if (!r.is_ok()) {
    std::abort();
  }
  return *r;
}

void BM_FilterPredicate(benchmark::State& state) {
  using eddy::ops::make_column;
  using eddy::ops::make_literal;
  BatchPtr batch = make_batch();
  ExprPtr a = make_column(0, DataType::bigint(), "a");
  ExprPtr b = make_column(1, DataType::bigint(), "b");
  ExprPtr s = make_column(2, DataType::varchar(), "s");
  ExprPtr arith = bind_or_die("+", {bind_or_die("*", {a, make_literal(Value::bigint(2))}), b});
  ExprPtr cmp = bind_or_die(">", {arith, make_literal(Value::bigint(100))});
  ExprPtr like = bind_or_die("like", {s, make_literal(Value::varchar("x%"))});
  ExprPtr pred = bind_or_die("and", {cmp, like});
  auto ev = eddy::ops::ExprEvaluator::make(pred);
  if (!ev.is_ok()) {
    state.SkipWithError("compile failed");
    return;
  }
  for (auto _ : state) {
    auto col = ev->evaluate(*batch, 0);
    benchmark::DoNotOptimize(col);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * kRows));
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kRows),
                                                benchmark::Counter::kIsRate);
}
BENCHMARK(BM_FilterPredicate);

}  // namespace

BENCHMARK_MAIN();
