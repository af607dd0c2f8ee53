#include "apps/eddy/bench_scenarios.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

#include "apps/eddy/counting_sink.hpp"
#include "apps/eddy/replay_source.hpp"

namespace eddy::app {
namespace {

constexpr uint64_t kRecords = 20'000;

const Scenario& scenario(const std::string& name) {
  for (const auto& s : all_scenarios()) {
    if (s.name == name) {
      return s;
    }
  }
  ADD_FAILURE() << "no scenario " << name;
  return all_scenarios().front();
}

// The output schema's column index of `name`.
size_t column_of(const Batch& batch, const std::string& name) {
  auto index = batch.schema()->find(name);
  EXPECT_TRUE(index.has_value()) << name << " in " << batch.schema()->to_string();
  return index.value_or(0);
}

TEST(BenchScenarios, EveryScenarioOutputsTheExpectedCount) {
  for (const auto& s : all_scenarios()) {
    auto prepared = prepare_scenario(s, kRecords);
    ASSERT_TRUE(prepared.is_ok()) << s.name << ": " << prepared.status().to_string();
    for (size_t partitions : {1, 3}) {
      auto outcome = run_prepared(*prepared, partitions);
      ASSERT_TRUE(outcome.is_ok()) << s.name << ": " << outcome.status().to_string();
      EXPECT_EQ(outcome->records_in, kRecords) << s.name << " x" << partitions;
      EXPECT_EQ(outcome->records_out, prepared->expected_out) << s.name << " x" << partitions;
      EXPECT_GT(outcome->seconds, 0.0);
    }
  }
}

TEST(BenchScenarios, ExpectedCountsMatchHandComputedValues) {
  // 20,000 rows = 4 full batches of 4096 + 1 of 3616.
  EXPECT_EQ(scenario("s0").expected_out(kRecords, 4096), kRecords);
  EXPECT_EQ(scenario("s1").expected_out(kRecords, 4096), kRecords);
  // Every batch holds all 200 symbols.
  EXPECT_EQ(scenario("s2").expected_out(kRecords, 4096), 5u * 200u);
  // A batch of 100 rows touches 100 symbols, one of 50 rows 50.
  EXPECT_EQ(scenario("s2").expected_out(250, 100), 100u + 100u + 50u);
  // One row per second, 60 per minute window, and (trader, symbol) repeats every 100 rows: every
  // row is its own group.
  EXPECT_EQ(scenario("s3a").expected_out(kRecords, 4096), kRecords);
  EXPECT_EQ(scenario("s3b").expected_out(kRecords, 4096), kRecords);
}

TEST(BenchScenarios, GeneratesTheScenarioFormulasWithEventTimes) {
  auto prepared = prepare_scenario(scenario("s3a"), 5000);
  ASSERT_TRUE(prepared.is_ok()) << prepared.status().to_string();
  ASSERT_EQ(prepared->input->size(), 2u);
  const Batch& second = *(*prepared->input)[1];
  ASSERT_EQ(second.num_rows(), 5000u - 4096u);
  const uint64_t i = 4096 + 7;
  const size_t r = 7;
  EXPECT_EQ(second.column(0)->str(r), "T" + std::to_string(i % 50));
  EXPECT_EQ(second.column(1)->str(r), "SYM" + std::to_string(i % 100));
  EXPECT_DOUBLE_EQ(second.column(2)->f64()[r], 100.0 + static_cast<double>(i % 50));
  EXPECT_EQ(second.column(3)->i64()[r], static_cast<int64_t>(i % 1000));
  EXPECT_EQ(second.column(4)->i64()[r], 1'000'000 + static_cast<int64_t>(i) * 1000);
  ASSERT_NE(second.event_time(), nullptr);
  EXPECT_EQ(second.event_time()->i64()[r], 1'000'000 + static_cast<int64_t>(i) * 1000);
  ASSERT_NE(second.row_watermark(), nullptr);
  EXPECT_EQ(second.row_watermark()->i64()[r], 1'000'000 + static_cast<int64_t>(i - 1) * 1000);
  // The first row of the input has no watermark before it.
  EXPECT_EQ((*prepared->input)[0]->row_watermark()->i64()[0], INT64_MIN);

  auto s0 = prepare_scenario(scenario("s0"), 10);
  ASSERT_TRUE(s0.is_ok()) << s0.status().to_string();
  const Batch& b = *s0->input->front();
  EXPECT_EQ(b.event_time(), nullptr);
  EXPECT_EQ(b.column(1)->i64()[9], 9);
  EXPECT_EQ(b.column(2)->str(3), "2024-01-15");
  EXPECT_DOUBLE_EQ(b.column(3)->f64()[9], 159.0);
}

TEST(BenchScenarios, GroupByChangesEndsWithTheExactAggregates) {
  auto prepared = prepare_scenario(scenario("s2"), kRecords);
  ASSERT_TRUE(prepared.is_ok()) << prepared.status().to_string();
  for (size_t partitions : {1, 3}) {
    std::vector<BatchPtr> out;
    auto outcome = run_prepared(*prepared, partitions, &out);
    ASSERT_TRUE(outcome.is_ok()) << outcome.status().to_string();

    struct Agg {
      int64_t count = 0;
      double sum_price = 0;
      double min = 1e300;
      double max = -1e300;
      int64_t quantity = 0;
    };
    std::map<std::string, Agg> want;
    for (uint64_t i = 0; i < kRecords; ++i) {
      Agg& a = want["SYM" + std::to_string(i % 200)];
      double price = 100.0 + static_cast<double>(i % 100);
      ++a.count;
      a.sum_price += price;
      a.min = std::min(a.min, price);
      a.max = std::max(a.max, price);
      a.quantity += static_cast<int64_t>(i % 1000);
    }
    // The changelog's last row per key is the aggregate over all of that key's input.
    std::map<std::string, std::vector<Value>> last;
    for (const auto& batch : out) {
      size_t sym = column_of(*batch, "symbol");
      std::vector<size_t> cols = {column_of(*batch, "trade_count"), column_of(*batch, "avg_price"),
                                  column_of(*batch, "min_price"), column_of(*batch, "max_price"),
                                  column_of(*batch, "total_quantity")};
      for (size_t r = 0; r < batch->num_rows(); ++r) {
        std::vector<Value> row;
        for (size_t c : cols) {
          row.push_back(batch->column(c)->value(r));
        }
        last[std::string(batch->column(sym)->str(r))] = std::move(row);
      }
    }
    ASSERT_EQ(last.size(), want.size());
    for (const auto& [symbol, a] : want) {
      ASSERT_TRUE(last.count(symbol)) << symbol;
      const auto& got = last[symbol];
      EXPECT_EQ(got[0].int64(), a.count) << symbol;
      EXPECT_NEAR(got[1].to_double(), a.sum_price / static_cast<double>(a.count), 1e-9) << symbol;
      EXPECT_DOUBLE_EQ(got[2].to_double(), a.min) << symbol;
      EXPECT_DOUBLE_EQ(got[3].to_double(), a.max) << symbol;
      EXPECT_EQ(got[4].int64(), a.quantity) << symbol;
    }
  }
}

TEST(BenchScenarios, TumblingFinalEmitsEveryWindowGroupExactlyOnce) {
  auto prepared = prepare_scenario(scenario("s3a"), kRecords);
  ASSERT_TRUE(prepared.is_ok()) << prepared.status().to_string();
  // (trader, symbol, count, total_quantity, total_value) per (window, trader, symbol).
  using Row = std::tuple<std::string, std::string, int64_t, int64_t, double>;
  std::map<std::tuple<int64_t, std::string, std::string>, Row> groups;
  for (uint64_t i = 0; i < kRecords; ++i) {
    int64_t t = 1'000'000 + static_cast<int64_t>(i) * 1000;
    std::string trader = "T" + std::to_string(i % 50);
    std::string symbol = "SYM" + std::to_string(i % 100);
    auto& g = groups[{t / 60'000, trader, symbol}];
    std::get<0>(g) = trader;
    std::get<1>(g) = symbol;
    std::get<2>(g) += 1;
    std::get<3>(g) += static_cast<int64_t>(i % 1000);
    std::get<4>(g) += (100.0 + static_cast<double>(i % 50)) * static_cast<double>(i % 1000);
  }
  std::vector<Row> want;
  for (auto& [key, row] : groups) {
    want.push_back(row);
  }
  std::sort(want.begin(), want.end());

  for (size_t partitions : {1, 3}) {
    std::vector<BatchPtr> out;
    auto outcome = run_prepared(*prepared, partitions, &out);
    ASSERT_TRUE(outcome.is_ok()) << outcome.status().to_string();
    std::vector<Row> got;
    for (const auto& batch : out) {
      size_t trader = column_of(*batch, "trader_id");
      size_t symbol = column_of(*batch, "symbol");
      size_t count = column_of(*batch, "trade_count");
      size_t avg = column_of(*batch, "avg_price");
      size_t quantity = column_of(*batch, "total_quantity");
      size_t value = column_of(*batch, "total_value");
      for (size_t r = 0; r < batch->num_rows(); ++r) {
        Row row{std::string(batch->column(trader)->str(r)),
                std::string(batch->column(symbol)->str(r)), batch->column(count)->value(r).int64(),
                batch->column(quantity)->value(r).int64(),
                batch->column(value)->value(r).to_double()};
        // Each group here holds one row, so its average is its price.
        int64_t sym = std::stoll(std::get<1>(row).substr(3));
        EXPECT_DOUBLE_EQ(batch->column(avg)->value(r).to_double(),
                         100.0 + static_cast<double>(sym % 50));
        got.push_back(std::move(row));
      }
    }
    std::sort(got.begin(), got.end());
    ASSERT_EQ(got.size(), want.size()) << "x" << partitions;
    EXPECT_TRUE(got == want) << "x" << partitions;
  }
}

TEST(BenchScenarios, RunScenariosReportsMediansAndFormats) {
  BenchOptions options;
  options.records = 5000;
  options.partitions = {2};
  options.runs = 3;
  options.scenarios = {"s0", "S2"};
  size_t callbacks = 0;
  options.on_result = [&](const ScenarioResult&) { ++callbacks; };
  auto results = run_scenarios(options);
  ASSERT_TRUE(results.is_ok()) << results.status().to_string();
  ASSERT_EQ(results->size(), 2u);
  EXPECT_EQ(callbacks, 2u);
  const ScenarioResult& s0 = (*results)[0];
  EXPECT_EQ(s0.scenario, "s0");
  EXPECT_EQ(s0.partitions, 2u);
  EXPECT_EQ(s0.records_in, 5000u);
  EXPECT_EQ(s0.records_out, 5000u);
  EXPECT_TRUE(s0.correct);
  EXPECT_EQ(s0.runs, 3u);
  EXPECT_GT(s0.rps, 0.0);
  EXPECT_DOUBLE_EQ(s0.rps_per_core, s0.rps / static_cast<double>(s0.cores));
  EXPECT_GE(s0.cores, 1u);
  EXPECT_LE(s0.cores, 3u);
  EXPECT_EQ((*results)[1].scenario, "s2");
  EXPECT_TRUE((*results)[1].correct);

  std::string table = format_table(*results);
  EXPECT_NE(table.find("records/s/core"), std::string::npos);
  EXPECT_NE(table.find("5,000"), std::string::npos);
  EXPECT_NE(table.find("\u2713"), std::string::npos);
  EXPECT_EQ(table.find("\u2717"), std::string::npos);

  auto json = nlohmann::json::parse(format_json_line(s0));
  EXPECT_EQ(json["scenario"], "s0");
  EXPECT_EQ(json["partitions"], 2);
  EXPECT_EQ(json["records_in"], 5000);
  EXPECT_EQ(json["records_out"], 5000);
  EXPECT_GT(json["seconds"].get<double>(), 0.0);
  EXPECT_GT(json["rps"].get<double>(), 0.0);
  EXPECT_TRUE(json.contains("rps_per_core"));
  EXPECT_EQ(json["runs"], 3);
}

TEST(BenchScenarios, FormatTableMarksAWrongCount) {
  ScenarioResult bad;
  bad.scenario = "s2";
  bad.partitions = 1;
  bad.records_out = 3;
  bad.expected_out = 4;
  bad.correct = false;
  bad.runs = 1;
  EXPECT_NE(format_table({bad}).find("\u2717"), std::string::npos);
}

TEST(BenchScenarios, RejectsBadOptions) {
  BenchOptions unknown;
  unknown.scenarios = {"s9"};
  auto r = run_scenarios(unknown);
  ASSERT_FALSE(r.is_ok());
  EXPECT_TRUE(r.status().is_user_error());
  EXPECT_NE(r.status().to_string().find("s3b"), std::string::npos);

  BenchOptions zero_records;
  zero_records.records = 0;
  EXPECT_FALSE(run_scenarios(zero_records).is_ok());

  BenchOptions zero_runs;
  zero_runs.runs = 0;
  EXPECT_FALSE(run_scenarios(zero_runs).is_ok());

  BenchOptions zero_partitions;
  zero_partitions.partitions = {1, 0};
  EXPECT_FALSE(run_scenarios(zero_partitions).is_ok());

  BenchOptions no_partitions;
  no_partitions.partitions = {};
  EXPECT_FALSE(run_scenarios(no_partitions).is_ok());

  EXPECT_FALSE(prepare_scenario(scenario("s0"), 10, 0).is_ok());
}

TEST(ReplaySource, ReplaysBatchesAndTracksTheWatermark) {
  auto prepared = prepare_scenario(scenario("s1"), 5000);
  ASSERT_TRUE(prepared.is_ok()) << prepared.status().to_string();
  const auto& job = prepared->plan.jobs.front();
  ReplaySource source("market_data", job.source.schema, prepared->input);
  ASSERT_TRUE(source.open().is_ok());
  EXPECT_EQ(source.watermark(), INT64_MIN);
  auto first = source.next();
  ASSERT_TRUE(first.is_ok());
  ASSERT_NE(*first, nullptr);
  EXPECT_EQ(source.watermark(), 4095 * 1000);
  EXPECT_EQ(source.stats().records_in, 4096u);
  auto second = source.next();
  ASSERT_TRUE(second.is_ok());
  EXPECT_EQ(source.watermark(), 4999 * 1000);
  auto end = source.next();
  ASSERT_TRUE(end.is_ok());
  EXPECT_EQ(*end, nullptr);
  EXPECT_EQ(source.stats().records_in, 5000u);
  EXPECT_NE(source.describe().find("2 batches"), std::string::npos);

  ReplaySource late("market_data", job.source.schema, prepared->input, 1000);
  ASSERT_TRUE(late.open().is_ok());
  ASSERT_TRUE(late.next().is_ok());
  EXPECT_EQ(late.watermark(), 4094 * 1000);
}

TEST(ReplaySource, RejectsBatchesOfAnotherSchema) {
  auto prepared = prepare_scenario(scenario("s0"), 100);
  ASSERT_TRUE(prepared.is_ok()) << prepared.status().to_string();
  auto other = std::make_shared<const Schema>(std::vector<Field>{{"x", DataType::bigint()}});
  ReplaySource source("orders", other, prepared->input);
  EXPECT_FALSE(source.open().is_ok());
  ReplaySource empty("orders", other, nullptr);
  EXPECT_FALSE(empty.open().is_ok());
}

TEST(CountingSink, CountsRowsAndKeepsBatchesOnRequest) {
  auto prepared = prepare_scenario(scenario("s0"), 5000);
  ASSERT_TRUE(prepared.is_ok()) << prepared.status().to_string();
  std::vector<BatchPtr> kept;
  CountingSink sink("out", &kept);
  ASSERT_TRUE(sink.open().is_ok());
  for (const auto& b : *prepared->input) {
    ASSERT_TRUE(sink.write(*b).is_ok());
  }
  ASSERT_TRUE(sink.close().is_ok());
  EXPECT_EQ(sink.records_out(), 5000u);
  EXPECT_NE(sink.checksum(), 0u);
  ASSERT_EQ(kept.size(), 2u);
  EXPECT_EQ(kept[1]->num_rows(), 5000u - 4096u);

  CountingSink plain("out");
  ASSERT_TRUE(plain.open().is_ok());
  ASSERT_TRUE(plain.write(*prepared->input->front()).is_ok());
  EXPECT_EQ(plain.records_out(), 4096u);
  EXPECT_EQ(plain.describe(), "CountingSink(out)");
}

}  // namespace
}  // namespace eddy::app
