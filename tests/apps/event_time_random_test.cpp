// Randomized end-to-end test of event-time windows (TUMBLING, SLIDING, SESSION GROUP BY) over a
// CSV file with out-of-order and late rows and bad records: the real `eddy` binary, over
// partition counts 1..4 and several read chunk sizes (with two or more partitions, parser actors
// parse the chunks in parallel and every partition restores the watermarks in file order),
// compared with a reference written here (tumbling) and with the sequential read (all three):
// the same window rows and the same late_dropped counts.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "tests/apps/app_test_support.hpp"

namespace eddy {
namespace {

namespace fs = std::filesystem;
using app_test::eddy_run_command;
using app_test::fresh_temp_dir;
using app_test::random_positions;
using app_test::read_file;
using app_test::run_shell;
using app_test::sorted_lines;
using app_test::stats_field;
using app_test::write_rows_with_bad_records;

constexpr int64_t kWindowMs = 5000;
constexpr int64_t kDisorderMs = 1000;

struct Row {
  int64_t k;
  int64_t id;
  int64_t t;
};

// Event times that mostly advance, often fall up to 3 s behind the largest so far (1 s of
// disorder is allowed) and sometimes jump ahead, which makes the rows just behind them late.
std::vector<Row> generate(uint32_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  std::vector<Row> rows;
  int64_t t = 1700000000000;
  for (size_t i = 0; i < n; ++i) {
    t += static_cast<int64_t>(rng() % 40);
    if (rng() % 60 == 0) {
      t += 4000;
    }
    rows.push_back({static_cast<int64_t>(rng() % 7), static_cast<int64_t>(i),
                    t - static_cast<int64_t>(rng() % 3000)});
  }
  return rows;
}

// The rows as CSV, with a bad record (several kinds) before every row in `bad_before`.
std::string write_input(const std::vector<Row>& rows, const std::vector<size_t>& bad_before) {
  auto row_text = [&](size_t i) {
    return std::to_string(rows[i].k) + "," + std::to_string(rows[i].id) + "," +
           std::to_string(rows[i].t) + "\n";
  };
  std::vector<uint64_t> bad_lines;
  return write_rows_with_bad_records(rows.size(), "k,id,t\n", row_text, bad_before,
                                     {"1,2,soon\n", "1,2,\n"}, bad_lines);
}

TEST(EventTimeRandomTest, WindowsMatchTheReferenceForAnyPartitionsAndChunks) {
  const fs::path dir = fresh_temp_dir("eddy_event_time_random");
  std::ofstream(dir / "app.sql")
      << "CREATE STREAM src (k BIGINT, id BIGINT, t BIGINT)\n"
         "WITH ('type' = 'file_source', 'path' = '${IN}', 'format' = 'csv',\n"
         "      'chunk.size' = '${CHUNK}', 'batch.size' = '${BATCH}',\n"
         "      'watermark.max_out_of_orderness' = '1s');\n"
         "CREATE STREAM tumbling AS\n"
         "SELECT k, COUNT(*) AS n, SUM(id) AS total FROM src\n"
         "GROUP BY k WINDOW TUMBLING(t, INTERVAL '5' SECOND)\n"
         "WITH ('tumbling.type' = 'file_sink', 'tumbling.path' = '${OUT}/tumbling.jsonl');\n"
         "CREATE STREAM sliding AS\n"
         "SELECT k, _window_start AS ws, COUNT(*) AS n, MAX(id) AS top FROM src\n"
         "GROUP BY k WINDOW SLIDING(t, INTERVAL '10' SECOND, INTERVAL '5' SECOND)\n"
         "WITH ('sliding.type' = 'file_sink', 'sliding.path' = '${OUT}/sliding.jsonl');\n"
         "CREATE STREAM sessions AS\n"
         "SELECT k, _window_start AS ws, _window_end AS we, COUNT(*) AS n FROM src\n"
         "GROUP BY k WINDOW SESSION(t, INTERVAL '2' SECOND)\n"
         "WITH ('sessions.type' = 'file_sink', 'sessions.path' = '${OUT}/sessions.jsonl');\n";
  const std::vector<Row> rows = generate(31, 3000);
  const std::vector<size_t> bad_before = random_positions(31, 20, rows.size());
  const fs::path input = dir / "in.csv";
  std::ofstream(input, std::ios::binary) << write_input(rows, bad_before);

  // The tumbling reference, in file order: a row is late when its window ends at or before the
  // watermark in force before it (the largest earlier event time minus the allowed disorder).
  std::map<std::pair<int64_t, int64_t>, std::pair<int64_t, int64_t>> windows;  // count, sum
  int64_t max_t = std::numeric_limits<int64_t>::min();
  uint64_t tumbling_late = 0;
  for (const Row& r : rows) {
    const int64_t wm = max_t == std::numeric_limits<int64_t>::min() ? max_t : max_t - kDisorderMs;
    const int64_t start = r.t - r.t % kWindowMs;
    if (start + kWindowMs <= wm) {
      ++tumbling_late;
    } else {
      auto& w = windows[{r.k, start}];
      ++w.first;
      w.second += r.id;
    }
    max_t = std::max(max_t, r.t);
  }
  std::vector<std::string> expected_tumbling;
  for (const auto& [key, w] : windows) {
    expected_tumbling.push_back("{\"k\":" + std::to_string(key.first) +
                                ",\"n\":" + std::to_string(w.first) +
                                ",\"total\":" + std::to_string(w.second) + "}");
  }
  std::sort(expected_tumbling.begin(), expected_tumbling.end());
  ASSERT_GT(tumbling_late, 30u);

  std::map<std::string, std::vector<std::string>> sequential;  // by job, from the first run
  std::map<std::string, std::string> sequential_late;
  for (int partitions : {1, 2, 3, 4}) {
    for (int chunk : {64, 1000, 1 << 20}) {
      const int batch = chunk == 1000 ? 3 : 4096;
      const std::string run =
          "partitions " + std::to_string(partitions) + ", chunk " + std::to_string(chunk);
      fs::path out = dir / "out";
      fs::remove_all(out);
      fs::create_directories(out);
      const std::string cmd = eddy_run_command(
          "IN='" + input.string() + "' OUT='" + out.string() + "' CHUNK=" + std::to_string(chunk) +
              " BATCH=" + std::to_string(batch),
          dir / "app.sql", partitions, out / "stats.json", out / "stderr");
      ASSERT_EQ(run_shell(cmd), 0) << cmd << "\n" << read_file(out / "stderr");
      EXPECT_EQ(sorted_lines(read_file(out / "tumbling.jsonl")), expected_tumbling) << run;
      const std::string stats = read_file(out / "stats.json");
      EXPECT_EQ(stats_field(stats, "\"tumbling\": {", "late_dropped"),
                std::to_string(tumbling_late))
          << run << "\n"
          << stats;
      EXPECT_EQ(stats_field(stats, "\"src\": {", "records_in"), std::to_string(3 * rows.size()))
          << run << "\n"
          << stats;
      for (const std::string job : {"sliding", "sessions"}) {
        std::vector<std::string> got = sorted_lines(read_file(out / (job + ".jsonl")));
        const std::string late = stats_field(stats, "\"" + job + "\": {", "late_dropped");
        if (partitions == 1 && chunk == 64) {
          // One partition reads the file on the source actor: the sequential reference.
          ASSERT_GT(got.size(), 100u) << job;
          sequential[job] = std::move(got);
          sequential_late[job] = late;
          continue;
        }
        EXPECT_EQ(got, sequential[job]) << run << " " << job;
        EXPECT_EQ(late, sequential_late[job]) << run << " " << job;
      }
    }
  }
  EXPECT_NE(sequential_late["sliding"], "0");
  if (!HasFailure()) {
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace eddy
