// Randomized end-to-end test of stateful apps: seeded CSV data with bounded disorder (plus some
// records far behind), run by the real `eddy` binary over many partition counts and batch sizes,
// compared with a naive reference written here: the exact set of EMIT FINAL window rows, the
// number of late records, and the EMIT CHANGES rule that each key's last row is its aggregate.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/apps/app_test_support.hpp"

namespace eddy {
namespace {

namespace fs = std::filesystem;
using app_test::eddy_run_command;
using app_test::fresh_temp_dir;
using app_test::lines_of;
using app_test::read_file;
using app_test::run_shell;

constexpr int64_t kWindowMs = 10000;
constexpr int64_t kBoundMs = 3000;

struct Row {
  int64_t key;
  int64_t value;
  int64_t ts;
};

std::vector<Row> generate(uint32_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  std::vector<Row> rows;
  int64_t clock = 1000000;
  for (size_t i = 0; i < n; ++i) {
    clock += static_cast<int64_t>(rng() % 400);
    int64_t ts = clock - static_cast<int64_t>(rng() % kBoundMs);  // within the bound
    if (rng() % 50 == 0) {
      ts = clock - kBoundMs - static_cast<int64_t>(rng() % 30000);  // often late
    }
    rows.push_back(
        {static_cast<int64_t>(rng() % 13), static_cast<int64_t>(rng() % 1000) - 300, ts});
  }
  return rows;
}

struct Agg {
  int64_t n = 0;
  int64_t total = 0;
  int64_t lo = INT64_MAX;
  int64_t hi = INT64_MIN;
  void add(int64_t v) {
    ++n;
    total += v;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
};

int64_t floor_to(int64_t t, int64_t size) {
  int64_t q = t / size;
  if (t % size < 0) {
    --q;
  }
  return q * size;
}

TEST(StatefulRandomTest, WindowsAndChangelogsMatchTheReference) {
  const fs::path dir = fresh_temp_dir("eddy_stateful_random");
  std::ofstream(dir / "app.sql")
      << "CREATE STREAM events (k BIGINT, v BIGINT, ts TIMESTAMP)\n"
         "WITH ('type' = 'file_source', 'path' = '${IN}', 'format' = 'csv',\n"
         "      'event.time.field' = 'ts', 'watermark.max_out_of_orderness' = '3s',\n"
         "      'batch.size' = '${BATCH}');\n"
         "CREATE STREAM windows AS\n"
         "SELECT k, _window_start AS ws, COUNT(*) AS n, SUM(v) AS total, MIN(v) AS lo, "
         "MAX(v) AS hi\n"
         "FROM events GROUP BY k WINDOW TUMBLING(INTERVAL '10' SECOND)\n"
         "WITH ('windows.type' = 'file_sink', 'windows.path' = '${OUT}/windows.jsonl');\n"
         "CREATE STREAM totals AS\n"
         "SELECT k, COUNT(*) AS n, SUM(v) AS total FROM events GROUP BY k\n"
         "WITH ('totals.type' = 'file_sink', 'totals.path' = '${OUT}/totals.jsonl');\n";

  for (uint32_t seed : {7u, 8u, 9u}) {
    std::vector<Row> rows = generate(seed, 3000);
    fs::path input = dir / ("in_" + std::to_string(seed) + ".csv");
    {
      std::ofstream out(input);
      out << "k,v,ts\n";
      for (const Row& r : rows) {
        out << r.key << "," << r.value << "," << r.ts << "\n";
      }
    }
    // Reference: each row is judged against the watermark before it.
    std::map<std::pair<int64_t, int64_t>, Agg> windows;  // (window start, key)
    std::map<int64_t, Agg> totals;
    uint64_t late = 0;
    int64_t max_seen = INT64_MIN;
    for (const Row& r : rows) {
      int64_t wm = max_seen == INT64_MIN ? INT64_MIN : max_seen - kBoundMs;
      int64_t start = floor_to(r.ts, kWindowMs);
      if (start + kWindowMs <= wm) {
        ++late;
      } else {
        windows[{start, r.key}].add(r.value);
      }
      totals[r.key].add(r.value);
      max_seen = std::max(max_seen, r.ts);
    }
    std::vector<std::string> expected_windows;
    for (const auto& [wk, a] : windows) {
      expected_windows.push_back(
          "{\"k\":" + std::to_string(wk.second) + ",\"ws\":" + std::to_string(wk.first) +
          ",\"n\":" + std::to_string(a.n) + ",\"total\":" + std::to_string(a.total) +
          ",\"lo\":" + std::to_string(a.lo) + ",\"hi\":" + std::to_string(a.hi) + "}");
    }
    std::sort(expected_windows.begin(), expected_windows.end());
    ASSERT_GT(late, 0u) << "the data must exercise late records";

    for (int partitions : {1, 2, 3, 8}) {
      for (int batch : {1, 97, 4096}) {
        std::string tag = "seed " + std::to_string(seed) + ", partitions " +
                          std::to_string(partitions) + ", batch " + std::to_string(batch);
        fs::path out = dir / ("out_" + std::to_string(partitions) + "_" + std::to_string(batch));
        fs::create_directories(out);
        const std::string cmd = eddy_run_command(
            "IN='" + input.string() + "' OUT='" + out.string() + "' BATCH=" + std::to_string(batch),
            dir / "app.sql", partitions, out / "stats.json", out / "stderr");
        ASSERT_EQ(run_shell(cmd), 0) << cmd << "\n" << read_file(out / "stderr");

        std::vector<std::string> got = lines_of(read_file(out / "windows.jsonl"));
        std::sort(got.begin(), got.end());
        EXPECT_EQ(got, expected_windows) << tag;

        std::string stats = read_file(out / "stats.json");
        std::string late_field = "\"late_dropped\": " + std::to_string(late);
        EXPECT_NE(
            stats.find("\"windows\": {\n      \"records_in\": 3000,\n      \"records_out\": " +
                       std::to_string(expected_windows.size()) + ",\n      " + late_field),
            std::string::npos)
            << tag << "\n"
            << stats;

        // EMIT CHANGES: the last row of every key is its aggregate over all input.
        std::map<int64_t, std::string> last;
        for (const std::string& line : lines_of(read_file(out / "totals.jsonl"))) {
          size_t comma = line.find(',');
          last[std::stoll(line.substr(5, comma - 5))] = line;
        }
        ASSERT_EQ(last.size(), totals.size()) << tag;
        for (const auto& [k, a] : totals) {
          EXPECT_EQ(last[k], "{\"k\":" + std::to_string(k) + ",\"n\":" + std::to_string(a.n) +
                                 ",\"total\":" + std::to_string(a.total) + "}")
              << tag;
        }
      }
    }
  }
  if (!HasFailure()) {
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace eddy
