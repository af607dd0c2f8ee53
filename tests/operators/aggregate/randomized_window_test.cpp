// Compares the windowed operators against a naive reference (buffer every row, group at the end)
// over random keys, batch sizes and bounded disorder, with watermark = max seen - bound.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "operators/aggregate/aggregate_operator.hpp"
#include "operators/aggregate/window_assigner.hpp"
#include "tests/operators/aggregate/aggregate_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT

struct Row {
  int64_t key;
  int64_t value;
  int64_t time;
};

struct Expected {
  int64_t count = 0;
  int64_t sum = 0;
  int64_t min = INT64_MAX;
  int64_t max = INT64_MIN;
  std::set<int64_t> distinct;
};

// (window start, window end, key) → aggregates, computed from all rows at once.
using Reference = std::map<std::tuple<int64_t, int64_t, int64_t>, Expected>;

void add(Expected& e, int64_t v) {
  ++e.count;
  e.sum += v;
  e.min = std::min(e.min, v);
  e.max = std::max(e.max, v);
  e.distinct.insert(v);
}

Reference reference(const std::vector<Row>& input, const WindowSpec& w) {
  Reference ref;
  if (w.kind == WindowKind::kSession) {
    std::map<int64_t, std::vector<Row>> by_key;
    for (const Row& r : input) {
      by_key[r.key].push_back(r);
    }
    for (auto& [key, rows] : by_key) {
      std::stable_sort(rows.begin(), rows.end(),
                       [](const Row& a, const Row& b) { return a.time < b.time; });
      size_t begin = 0;
      for (size_t i = 1; i <= rows.size(); ++i) {
        if (i == rows.size() || rows[i].time >= rows[i - 1].time + w.gap_ms) {
          Expected e;
          for (size_t j = begin; j < i; ++j) {
            add(e, rows[j].value);
          }
          ref[{rows[begin].time, rows[i - 1].time + w.gap_ms, key}] = e;
          begin = i;
        }
      }
    }
    return ref;
  }
  const int64_t advance = w.kind == WindowKind::kSliding ? w.advance_ms : w.size_ms;
  for (const Row& r : input) {
    window::SlidingStarts starts = window::sliding_starts(r.time, w.size_ms, advance);
    for (int64_t start = starts.first; start <= starts.last; start += advance) {
      add(ref[{start, start + w.size_ms, r.key}], r.value);
    }
  }
  return ref;
}

std::string render(int64_t start, int64_t end, int64_t key, const Expected& e) {
  return std::to_string(key) + "|" + std::to_string(start) + "|" + std::to_string(end) + "|" +
         std::to_string(e.count) + "|" + std::to_string(e.sum) + "|" + std::to_string(e.min) + "|" +
         std::to_string(e.max) + "|" + std::to_string(e.distinct.size());
}

void run_case(uint32_t seed, WindowSpec window, EmitMode emit) {
  std::mt19937 rng(seed);
  const int64_t bound = 1 + static_cast<int64_t>(rng() % 3000);
  const size_t num_rows = 200 + rng() % 1500;
  const int num_keys = 1 + static_cast<int>(rng() % 20);
  std::vector<Row> input;
  int64_t clock = static_cast<int64_t>(rng() % 100000) - 50000;  // negative times too
  for (size_t k = 0; k < num_rows; ++k) {
    clock += static_cast<int64_t>(rng() % 200);
    // Disorder strictly below the bound, so no row is late.
    int64_t jitter = static_cast<int64_t>(rng() % static_cast<uint32_t>(bound));
    input.push_back({static_cast<int64_t>(rng() % num_keys), static_cast<int64_t>(rng() % 50) - 10,
                     clock - jitter});
  }

  TestBatch shape;
  shape.add("k", DataType::bigint(), {}).add("v", DataType::bigint(), {});
  AggregateOpSpec spec;
  spec.input_schema = shape.schema();
  spec.keys = {shape.col("k")};
  spec.key_names = {"k"};
  spec.aggregates = {agg("COUNT", {}), agg("SUM", {shape.col("v")}), agg("MIN", {shape.col("v")}),
                     agg("MAX", {shape.col("v")}), agg("COUNT_DISTINCT", {shape.col("v")})};
  spec.aggregate_names = {"n", "s", "lo", "hi", "d"};
  spec.window = window;
  spec.emit = emit;
  auto made = make_aggregate_operator(spec);
  ASSERT_TRUE(made.is_ok()) << made.status().to_string();
  Operator& op = **made;

  CollectingEmitter out;
  int64_t max_seen = INT64_MIN;
  for (size_t begin = 0; begin < input.size();) {
    size_t n = std::min(input.size() - begin, static_cast<size_t>(1 + rng() % 64));
    std::vector<Value> keys;
    std::vector<Value> values;
    std::vector<Value> times;
    for (size_t k = begin; k < begin + n; ++k) {
      keys.push_back(i(input[k].key));
      values.push_back(i(input[k].value));
      times.push_back(Value::timestamp(input[k].time));
      max_seen = std::max(max_seen, input[k].time);
    }
    begin += n;
    TestBatch t;
    t.add("k", DataType::bigint(), keys).add("v", DataType::bigint(), values).event_time(times);
    ASSERT_TRUE(op.push(t.batch(), out).is_ok());
    if (rng() % 3 != 0) {
      ASSERT_TRUE(op.on_watermark(max_seen - bound, out).is_ok());
    }
  }
  ASSERT_TRUE(op.finish(out).is_ok());

  // Collect the operator's rows; for CHANGES keep the last row per (window, key).
  std::map<std::tuple<int64_t, int64_t, int64_t>, std::string> got;
  int64_t previous_end = INT64_MIN;
  size_t emitted = 0;
  for (const BatchPtr& b : out.batches) {
    for (size_t r = 0; r < b->num_rows(); ++r) {
      int64_t key = b->column(0)->i64()[r];
      int64_t start = b->column(1)->i64()[r];
      int64_t end = b->column(2)->i64()[r];
      std::string text =
          std::to_string(key) + "|" + std::to_string(start) + "|" + std::to_string(end);
      for (size_t c = 3; c < b->num_columns(); ++c) {
        text += "|" + b->column(c)->value(r).to_string();
      }
      auto id = std::make_tuple(start, end, key);
      if (emit == EmitMode::kFinal) {
        ASSERT_EQ(got.count(id), 0u) << "emitted twice: " << text;
        ASSERT_GE(end, previous_end) << "FINAL rows must come in window-end order";
        previous_end = end;
      }
      got[id] = text;
      ++emitted;
    }
  }
  Reference ref = reference(input, window);
  ASSERT_EQ(got.size(), ref.size()) << "seed " << seed;
  for (const auto& [id, e] : ref) {
    auto it = got.find(id);
    ASSERT_NE(it, got.end()) << "seed " << seed << ": missing window";
    EXPECT_EQ(it->second, render(std::get<0>(id), std::get<1>(id), std::get<2>(id), e))
        << "seed " << seed;
  }
  if (emit == EmitMode::kFinal) {
    EXPECT_EQ(emitted, ref.size());
  }
}

WindowSpec tumbling(int64_t size) {
  WindowSpec w;
  w.kind = WindowKind::kTumbling;
  w.size_ms = size;
  return w;
}

WindowSpec sliding(int64_t size, int64_t advance) {
  WindowSpec w;
  w.kind = WindowKind::kSliding;
  w.size_ms = size;
  w.advance_ms = advance;
  return w;
}

WindowSpec session(int64_t gap) {
  WindowSpec w;
  w.kind = WindowKind::kSession;
  w.gap_ms = gap;
  return w;
}

TEST(RandomizedWindowTest, TumblingMatchesReference) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    run_case(seed, tumbling(500 + 250 * (seed % 7)),
             seed % 2 ? EmitMode::kFinal : EmitMode::kChanges);
  }
}

TEST(RandomizedWindowTest, SlidingMatchesReference) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    run_case(seed, sliding(1000 + 300 * (seed % 5), 250 + 100 * (seed % 3)),
             seed % 2 ? EmitMode::kFinal : EmitMode::kChanges);
  }
}

TEST(RandomizedWindowTest, SessionMatchesReference) {
  for (uint32_t seed = 1; seed <= 40; ++seed) {
    run_case(seed, session(150 + 100 * (seed % 6)), EmitMode::kFinal);
  }
}

}  // namespace
}  // namespace eddy::ops
