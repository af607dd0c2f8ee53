// Checks RowsWindow against a naive reference over random inputs: the reference keeps every row
// of every partition and recomputes each function from scratch for each row.

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <random>
#include <set>

#include "operators/rows_window/rows_window.hpp"
#include "tests/operators/rows_window/rows_window_test_support.hpp"

namespace eddy::ops {
namespace {

using namespace ::eddy::ops::testing;  // NOLINT

enum Col : size_t { kId, kKey, kX, kY, kOrder, kName, kNumCols };

struct Input {
  std::vector<std::vector<Value>> cols = std::vector<std::vector<Value>>(kNumCols);
  size_t rows = 0;
};

Input random_input(std::mt19937_64& rng, size_t rows) {
  Input in;
  in.rows = rows;
  const int partitions = 1 + static_cast<int>(rng() % 4);
  const char* names[] = {"ant", "bee", "cat", "", "dog"};
  auto maybe_null = [&](Value v) { return rng() % 5 == 0 ? Value::null() : v; };
  for (size_t r = 0; r < rows; ++r) {
    in.cols[kId].push_back(i(static_cast<int64_t>(r)));
    in.cols[kKey].push_back(rng() % 10 == 0 ? Value::null()
                                            : i(static_cast<int64_t>(rng() % partitions)));
    in.cols[kX].push_back(maybe_null(i(static_cast<int64_t>(rng() % 41) - 20)));
    in.cols[kY].push_back(maybe_null(d(static_cast<double>(rng() % 2001) / 8.0 - 100)));
    in.cols[kOrder].push_back(maybe_null(i(static_cast<int64_t>(rng() % 4))));
    in.cols[kName].push_back(maybe_null(s(names[rng() % 5])));
  }
  return in;
}

/// The schema of random_input's columns.
TestBatch schema_of_input() {
  TestBatch t;
  t.add("id", DataType::bigint(), {})
      .add("k", DataType::bigint(), {})
      .add("x", DataType::bigint(), {})
      .add("y", DataType::float64(), {})
      .add("o", DataType::bigint(), {})
      .add("name", DataType::varchar(), {});
  return t;
}

BatchPtr to_batch(const Input& in, const SchemaPtr& schema) {
  std::vector<ColumnPtr> columns;
  for (size_t c = 0; c < kNumCols; ++c) {
    columns.push_back(reserved_column(schema->field(c).type, in.cols[c]));
  }
  std::vector<Value> times;
  for (size_t r = 0; r < in.rows; ++r) {
    times.push_back(Value::timestamp(static_cast<int64_t>(r)));
  }
  return Batch::make(schema, std::move(columns), in.rows,
                     reserved_column(DataType::timestamp(), times));
}

/// One call as the test describes it: which function, on which column, with which frame.
struct CallCase {
  std::string name;
  Col arg = kNumCols;   // kNumCols: no argument
  int64_t offset = -1;  // LAG/LEAD k or NTH_VALUE n; -1: not given
  Value def;            // LAG/LEAD default; NULL: not given
  int64_t preceding = -1;
};

int compare_order(const Value& a, const Value& b, bool descending) {
  int c = 0;
  if (a.is_null() || b.is_null()) {
    c = a.is_null() == b.is_null() ? 0 : (a.is_null() ? 1 : -1);
  } else {
    c = a.int64() < b.int64() ? -1 : (a.int64() > b.int64() ? 1 : 0);
  }
  return descending ? -c : c;
}

bool value_less(const Value& a, const Value& b) {
  if (a.type().id == TypeId::kVarchar) {
    return a.str() < b.str();
  }
  if (a.type().id == TypeId::kDouble) {
    return a.float64() < b.float64();
  }
  return a.int64() < b.int64();
}

/// The reference value of `cc` for the row at position `pos` of partition `part`.
Value reference(const CallCase& cc, const Input& in, const std::vector<size_t>& part, size_t pos,
                int64_t buffer, bool descending) {
  const auto s = static_cast<int64_t>(pos);
  const int64_t w = cc.preceding < 0 ? buffer : std::min(buffer, cc.preceding + 1);
  const int64_t first = std::max<int64_t>(0, s - w + 1);
  auto arg = [&](int64_t p) { return in.cols[cc.arg][part[static_cast<size_t>(p)]]; };
  const std::string& n = cc.name;
  if (n == "lag" || n == "lead") {
    int64_t k = cc.offset < 0 ? 1 : cc.offset;
    int64_t t = n == "lag" ? s - k : s + k;
    if (k < buffer && t >= 0 && t < static_cast<int64_t>(part.size())) {
      return arg(t);
    }
    return cc.def;
  }
  if (n == "row_number") {
    return i(s + 1);
  }
  if (n == "count_star") {
    return i(s - first + 1);
  }
  if (n == "rank" || n == "dense_rank") {
    const Value& cur = in.cols[kOrder][part[pos]];
    std::vector<Value> before;
    for (int64_t t = first; t < s; ++t) {
      const Value& other = in.cols[kOrder][part[static_cast<size_t>(t)]];
      if (compare_order(other, cur, descending) < 0) {
        before.push_back(other);
      }
    }
    if (n == "rank") {
      return i(static_cast<int64_t>(before.size()) + 1);
    }
    std::set<std::string> distinct;
    for (const auto& v : before) {
      distinct.insert(v.to_string());
    }
    return i(static_cast<int64_t>(distinct.size()) + 1);
  }
  if (n == "first_value") {
    return arg(first);
  }
  if (n == "last_value") {
    return arg(s);
  }
  if (n == "nth_value") {
    int64_t t = first + cc.offset - 1;
    return t <= s ? arg(t) : Value::null();
  }
  std::vector<Value> vals;
  for (int64_t t = first; t <= s; ++t) {
    if (!arg(t).is_null()) {
      vals.push_back(arg(t));
    }
  }
  if (n == "count") {
    return i(static_cast<int64_t>(vals.size()));
  }
  if (vals.empty()) {
    return Value::null();
  }
  if (n == "min" || n == "max") {
    Value best = vals[0];
    for (const auto& v : vals) {
      if (n == "min" ? value_less(v, best) : value_less(best, v)) {
        best = v;
      }
    }
    return best;
  }
  double sum = 0;
  int64_t int_sum = 0;
  for (const auto& v : vals) {
    sum += v.to_double();
    int_sum += v.type().id == TypeId::kBigint ? v.int64() : 0;
  }
  const auto count = static_cast<double>(vals.size());
  if (n == "sum") {
    return vals[0].type().id == TypeId::kBigint ? i(int_sum) : d(sum);
  }
  if (n == "avg") {
    return d(sum / count);
  }
  double mean = sum / count;
  double m2 = 0;
  for (const auto& v : vals) {
    m2 += (v.to_double() - mean) * (v.to_double() - mean);
  }
  bool sample = n == "stddev_samp" || n == "var_samp";
  if (sample && vals.size() < 2) {
    return Value::null();
  }
  double var = m2 / (sample ? count - 1 : count);
  return d(n.rfind("stddev", 0) == 0 ? std::sqrt(var) : var);
}

void expect_same(const Value& expected, const Value& actual, const std::string& where) {
  ASSERT_EQ(expected.is_null(), actual.is_null())
      << where << ": expected " << expected.to_string() << ", got " << actual.to_string();
  if (expected.is_null()) {
    return;
  }
  if (actual.type().id == TypeId::kDouble) {
    double e = expected.to_double();
    EXPECT_NEAR(e, actual.float64(), 1e-9 * std::max(1.0, std::abs(e))) << where;
  } else {
    EXPECT_EQ(expected.to_string(), actual.to_string()) << where;
  }
}

std::vector<CallCase> random_calls(std::mt19937_64& rng, bool with_lead) {
  const int64_t frames[] = {-1, -1, 0, 1, 2, 4, 100};
  auto frame = [&] { return frames[rng() % 7]; };
  std::vector<CallCase> calls = {
      {"lag", kX, -1, Value::null(), -1},
      {"lag", kY, 2, d(0.5), -1},
      {"lag", kName, static_cast<int64_t>(rng() % 5), s("zz"), -1},
      {"row_number", kNumCols, -1, Value::null(), -1},
      {"count_star", kNumCols, -1, Value::null(), frame()},
      {"rank", kNumCols, -1, Value::null(), frame()},
      {"dense_rank", kNumCols, -1, Value::null(), frame()},
      {"first_value", kName, -1, Value::null(), frame()},
      {"last_value", kY, -1, Value::null(), frame()},
      {"nth_value", kX, 1 + static_cast<int64_t>(rng() % 3), Value::null(), frame()},
      {"avg", kX, -1, Value::null(), frame()},
      {"avg", kY, -1, Value::null(), frame()},
      {"sum", kX, -1, Value::null(), frame()},
      {"sum", kY, -1, Value::null(), frame()},
      {"min", kX, -1, Value::null(), frame()},
      {"max", kY, -1, Value::null(), frame()},
      {"max", kName, -1, Value::null(), frame()},
      {"count", kY, -1, Value::null(), frame()},
      {"stddev_samp", kY, -1, Value::null(), frame()},
      {"var_pop", kX, -1, Value::null(), frame()},
  };
  if (with_lead) {
    calls.push_back({"lead", kX, static_cast<int64_t>(rng() % 4), i(-1), -1});
    calls.push_back({"lead", kName, -1, Value::null(), -1});
  }
  return calls;
}

std::unique_ptr<RowsWindow> build(const TestBatch& t, int64_t buffer, bool descending,
                                  const std::vector<CallCase>& calls) {
  const char* col_names[] = {"id", "k", "x", "y", "o", "name"};
  RowsWindowSpec spec;
  spec.input_schema = t.schema();
  spec.buffer_rows = buffer;
  spec.partition_by = {t.col("k")};
  spec.order_by = {t.col("o")};
  spec.descending = {descending};
  for (size_t c = 0; c < calls.size(); ++c) {
    const CallCase& cc = calls[c];
    std::vector<ExprPtr> args;
    if (cc.arg != kNumCols) {
      args.push_back(t.col(col_names[cc.arg]));
    }
    if (cc.offset >= 0) {
      args.push_back(lit(i(cc.offset)));
    }
    if (!cc.def.is_null()) {
      if (cc.offset < 0) {
        args.push_back(lit(i(1)));
      }
      args.push_back(lit(cc.def));
    }
    std::string fn = cc.name == "count_star" ? "count" : cc.name;
    spec.calls.push_back(analytic(fn, std::move(args), cc.preceding));
    spec.names.push_back("c" + std::to_string(c));
  }
  auto op = RowsWindow::make(std::move(spec));
  EXPECT_TRUE(op.is_ok()) << op.status().to_string();
  return op.is_ok() ? std::move(op).value() : nullptr;
}

void check_seed(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const size_t rows = 1 + rng() % 120;
  const int64_t buffer = 1 + static_cast<int64_t>(rng() % 7);
  const bool descending = rng() % 2 == 0;
  const bool with_lead = rng() % 2 == 0;
  Input in = random_input(rng, rows);
  TestBatch t = schema_of_input();
  BatchPtr input = to_batch(in, t.schema());
  std::vector<CallCase> calls = random_calls(rng, with_lead);

  std::map<std::string, std::vector<size_t>> partitions;
  std::vector<std::pair<std::string, size_t>> where(rows);
  for (size_t r = 0; r < rows; ++r) {
    std::string key = in.cols[kKey][r].to_string();
    where[r] = {key, partitions[key].size()};
    partitions[key].push_back(r);
  }

  for (size_t batch_size : {size_t{1}, 1 + static_cast<size_t>(rng() % 16), size_t{1000}}) {
    auto op = build(t, buffer, descending, calls);
    ASSERT_NE(op, nullptr);
    CollectingEmitter out = run(*op, input, batch_size);
    std::vector<Value> ids = column_values(out, kId);
    ASSERT_EQ(ids.size(), rows) << "seed " << seed;
    std::map<std::string, int64_t> last_id;
    std::vector<bool> seen(rows, false);
    for (size_t o = 0; o < ids.size(); ++o) {
      auto id = static_cast<size_t>(ids[o].int64());
      ASSERT_LT(id, rows);
      ASSERT_FALSE(seen[id]) << "row " << id << " emitted twice";
      seen[id] = true;
      const std::string& key = where[id].first;
      auto it = last_id.find(key);
      EXPECT_TRUE(it == last_id.end() || it->second < static_cast<int64_t>(id))
          << "partition order broken, seed " << seed;
      last_id[key] = static_cast<int64_t>(id);
    }
    for (size_t c = 0; c < calls.size(); ++c) {
      std::vector<Value> actual = column_values(out, kNumCols + c);
      for (size_t o = 0; o < actual.size(); ++o) {
        auto id = static_cast<size_t>(ids[o].int64());
        const auto& [key, pos] = where[id];
        Value expected = reference(calls[c], in, partitions[key], pos, buffer, descending);
        expect_same(expected, actual[o],
                    "seed " + std::to_string(seed) + " batch " + std::to_string(batch_size) +
                        " call " + calls[c].name + " preceding " +
                        std::to_string(calls[c].preceding) + " buffer " + std::to_string(buffer) +
                        " row " + std::to_string(id) + " pos " + std::to_string(pos) + " lead " +
                        std::to_string(with_lead) + " key " + key);
        if (::testing::Test::HasFailure()) {
          return;
        }
      }
    }
  }
}

TEST(RowsWindowReferenceTest, MatchesNaiveRecomputationOverRandomInputs) {
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    check_seed(seed);
    if (::testing::Test::HasFailure()) {
      return;
    }
  }
}

TEST(RowsWindowReferenceTest, LongStreamsKeepDoubleSumsAccurate) {
  TestBatch t;
  std::vector<Value> y;
  std::mt19937_64 rng(7);
  for (int r = 0; r < 20000; ++r) {
    y.push_back(d(1e6 + static_cast<double>(rng() % 1000) / 7.0));
  }
  t.add("y", DataType::float64(), y);
  RowsWindowSpec spec;
  spec.input_schema = t.schema();
  spec.buffer_rows = 50;
  spec.calls = {analytic("avg", {t.col("y")}), analytic("stddev_pop", {t.col("y")})};
  spec.names = {"a", "sd"};
  auto op = RowsWindow::make(std::move(spec));
  ASSERT_TRUE(op.is_ok());
  CollectingEmitter out = run(**op, t.batch(), 512);
  std::vector<Value> avg = column_values(out, 1);
  std::vector<Value> sd = column_values(out, 2);
  ASSERT_EQ(avg.size(), y.size());
  for (size_t r = y.size() - 100; r < y.size(); ++r) {
    double sum = 0;
    for (size_t k = r - 49; k <= r; ++k) {
      sum += y[k].float64();
    }
    double mean = sum / 50;
    double m2 = 0;
    for (size_t k = r - 49; k <= r; ++k) {
      m2 += (y[k].float64() - mean) * (y[k].float64() - mean);
    }
    EXPECT_NEAR(avg[r].float64(), mean, 1e-9);
    EXPECT_NEAR(sd[r].float64(), std::sqrt(m2 / 50), 1e-6);
  }
}

}  // namespace
}  // namespace eddy::ops
