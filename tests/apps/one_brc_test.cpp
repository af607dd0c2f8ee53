#include "apps/eddy/one_brc.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/apps/app_test_support.hpp"

namespace eddy::app {
namespace {

constexpr uint64_t kRows = 20'000;

// A fresh directory per test, so parallel ctest runs and earlier runs cannot interfere.
std::filesystem::path fresh_dir(const std::string& name) {
  return eddy::app_test::fresh_temp_dir("eddy_one_brc_" + name);
}

using eddy::app_test::read_file;
using eddy::app_test::write_file;

TEST(OneBrc, GeneratorIsDeterministicAndCoversEveryStation) {
  auto dir = fresh_dir("gen");
  auto path = (dir / "m.txt").string();
  auto a = prepare_measurements(path, kRows, 7);
  ASSERT_TRUE(a.is_ok()) << a.status().to_string();
  auto b = prepare_measurements("", kRows, 7);
  ASSERT_TRUE(b.is_ok());
  ASSERT_EQ(a->stations.size(), kOneBrcStations);
  uint64_t total = 0;
  for (size_t k = 0; k < kOneBrcStations; ++k) {
    EXPECT_GT(a->stats[k].count, 0U) << a->stations[k];
    EXPECT_EQ(a->stats[k].sum_tenths, b->stats[k].sum_tenths);
    EXPECT_GE(a->stats[k].min_tenths, -999);
    EXPECT_LE(a->stats[k].max_tenths, 999);
    total += a->stats[k].count;
  }
  EXPECT_EQ(total, kRows);
  std::string text = read_file(path);
  EXPECT_EQ(text.rfind("station;temperature\nStation_000;", 0), 0U);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), static_cast<long>(kRows + 1));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  // Another seed gives other data.
  auto c = prepare_measurements("", kRows, 8);
  ASSERT_TRUE(c.is_ok());
  EXPECT_NE(a->stats[0].sum_tenths, c->stats[0].sum_tenths);
  std::filesystem::remove_all(dir);
}

TEST(OneBrc, RunsCorrectlyAtOneAndTwoPartitions) {
  auto dir = fresh_dir("run");
  OneBrcOptions options;
  options.rows = kRows;
  options.partitions = {1, 2};
  options.runs = 1;
  options.dir = dir.string();
  auto results = run_one_brc(options);
  ASSERT_TRUE(results.is_ok()) << results.status().to_string();
  ASSERT_EQ(results->size(), 2U);
  for (const auto& r : *results) {
    EXPECT_TRUE(r.correct) << r.partitions << ": " << r.first_mismatch;
    EXPECT_EQ(r.records_in, kRows);
    EXPECT_EQ(r.records_out, kOneBrcStations);
    auto json = nlohmann::json::parse(format_one_brc_json_line(r));
    EXPECT_EQ(json["scenario"], "1brc");
    EXPECT_EQ(json["partitions"], r.partitions);
    EXPECT_EQ(json["correct"], true);
  }
  EXPECT_NE(format_one_brc_table(*results).find("\u2713"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(OneBrc, VerifierDetectsWrongExpectationsAndBadFiles) {
  auto dir = fresh_dir("verify");
  const auto input = (dir / "m.txt").string();
  const auto output = (dir / "r.csv").string();
  auto expected = prepare_measurements(input, kRows, 42);
  ASSERT_TRUE(expected.is_ok());
  OneBrcOptions options;
  options.rows = kRows;
  options.partitions = {1};
  options.runs = 1;
  options.dir = dir.string();
  ASSERT_TRUE(run_one_brc(options).is_ok());
  const auto results = (dir / "results_1.csv").string();
  auto ok = verify_results(results, *expected);
  ASSERT_TRUE(ok.is_ok());
  EXPECT_TRUE(ok->correct);
  EXPECT_EQ(ok->rows, kOneBrcStations);

  OneBrcExpected wrong_min = *expected;
  wrong_min.stats[17].min_tenths -= 1;
  auto bad = verify_results(results, wrong_min);
  ASSERT_TRUE(bad.is_ok());
  EXPECT_FALSE(bad->correct);
  ASSERT_EQ(bad->mismatches.size(), 1U);
  EXPECT_NE(bad->mismatches[0].find("Station_017"), std::string::npos) << bad->mismatches[0];

  // The average is checked to the last of its 4 digits.
  OneBrcExpected wrong_avg = *expected;
  wrong_avg.stats[3].sum_tenths += 1;
  auto bad_avg = verify_results(results, wrong_avg);
  ASSERT_TRUE(bad_avg.is_ok());
  EXPECT_FALSE(bad_avg->correct);

  // A missing station, a duplicate and garbage are all reported; a missing file is an error.
  std::string text = read_file(results);
  std::string header = text.substr(0, text.find('\n') + 1);
  std::string body = text.substr(header.size());
  std::string first_row = body.substr(0, body.find('\n') + 1);
  write_file(dir / "missing.csv", header + body.substr(first_row.size()));
  auto missing = verify_results((dir / "missing.csv").string(), *expected);
  ASSERT_TRUE(missing.is_ok());
  EXPECT_FALSE(missing->correct);
  EXPECT_NE(missing->mismatches.back().find("missing"), std::string::npos);
  write_file(dir / "dup.csv", text + first_row);
  auto dup = verify_results((dir / "dup.csv").string(), *expected);
  ASSERT_TRUE(dup.is_ok());
  EXPECT_FALSE(dup->correct);
  write_file(dir / "garbage.csv", header + "Station_000,abc,1.0,2.0\nnot a row\n");
  auto garbage = verify_results((dir / "garbage.csv").string(), *expected);
  ASSERT_TRUE(garbage.is_ok());
  EXPECT_FALSE(garbage->correct);
  write_file(dir / "empty.csv", "");
  auto empty = verify_results((dir / "empty.csv").string(), *expected);
  ASSERT_TRUE(empty.is_ok());
  EXPECT_FALSE(empty->correct);
  EXPECT_FALSE(verify_results((dir / "nope.csv").string(), *expected).is_ok());
  std::filesystem::remove_all(dir);
}

TEST(OneBrc, RejectsBadOptions) {
  OneBrcOptions options;
  options.rows = 0;
  EXPECT_EQ(run_one_brc(options).status().code(), StatusCode::kInvalidConfig);
  options.rows = 10;
  options.partitions = {0};
  EXPECT_EQ(run_one_brc(options).status().code(), StatusCode::kInvalidConfig);
  options.partitions = {1};
  options.runs = 0;
  EXPECT_EQ(run_one_brc(options).status().code(), StatusCode::kInvalidConfig);
  options.runs = 1;
  options.dir = "/proc/eddy_cannot_create_here";
  EXPECT_FALSE(run_one_brc(options).is_ok());
}

}  // namespace
}  // namespace eddy::app
