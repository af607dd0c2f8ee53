// Randomized end-to-end test of event-time windows (TUMBLING, SLIDING, SESSION GROUP BY) over a
// CSV file with out-of-order and late rows and bad records: the real `eddy` binary, over
// partition counts 1..4 and several read chunk sizes (with two or more partitions, parser actors
// parse the chunks in parallel and every partition restores the watermarks in file order),
// compared with a reference written here (tumbling) and with the sequential read (all three):
// the same window rows and the same late_dropped counts.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace eddy {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kWindowMs = 5000;
constexpr int64_t kDisorderMs = 1000;

struct Row {
  int64_t k;
  int64_t id;
  int64_t t;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(line);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// The value of `"key": ` after the first occurrence of `after` in a --stats-json file.
std::string json_field(const std::string& json, const std::string& after, const std::string& key) {
  size_t from = json.find(after);
  if (from == std::string::npos) {
    return "";
  }
  size_t at = json.find("\"" + key + "\": ", from);
  if (at == std::string::npos) {
    return "";
  }
  at += key.size() + 4;
  return json.substr(at, json.find_first_of(",\n}", at) - at);
}

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
  std::string out = "k,id,t\n";
  size_t next_bad = 0;
  for (size_t i = 0; i < rows.size(); ++i) {
    while (next_bad < bad_before.size() && bad_before[next_bad] == i) {
      out += next_bad % 2 == 0 ? "1,2,soon\n" : "1,2,\n";
      ++next_bad;
    }
    out += std::to_string(rows[i].k) + "," + std::to_string(rows[i].id) + "," +
           std::to_string(rows[i].t) + "\n";
  }
  return out;
}

TEST(EventTimeRandomTest, WindowsMatchTheReferenceForAnyPartitionsAndChunks) {
  fs::path dir =
      fs::temp_directory_path() / ("eddy_event_time_random_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
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
  std::mt19937 rng(31);
  std::vector<size_t> bad_before;
  for (size_t i = 0; i < 20; ++i) {
    bad_before.push_back(rng() % rows.size());
  }
  std::sort(bad_before.begin(), bad_before.end());
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
      std::string cmd = "IN='" + input.string() + "' OUT='" + out.string() +
                        "' CHUNK=" + std::to_string(chunk) + " BATCH=" + std::to_string(batch) +
                        " '" + EDDY_BINARY_DIR + "/apps/eddy/eddy' run '" +
                        (dir / "app.sql").string() + "' --partitions " +
                        std::to_string(partitions) + " --stats-json '" +
                        (out / "stats.json").string() + "' 2> '" + (out / "stderr").string() + "'";
      int raw = std::system(cmd.c_str());
      ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << cmd << "\n"
                                                           << read_file(out / "stderr");
      EXPECT_EQ(sorted_lines(read_file(out / "tumbling.jsonl")), expected_tumbling) << run;
      const std::string stats = read_file(out / "stats.json");
      EXPECT_EQ(json_field(stats, "\"tumbling\": {", "late_dropped"), std::to_string(tumbling_late))
          << run << "\n"
          << stats;
      EXPECT_EQ(json_field(stats, "\"src\": {", "records_in"), std::to_string(3 * rows.size()))
          << run << "\n"
          << stats;
      for (const std::string job : {"sliding", "sessions"}) {
        std::vector<std::string> got = sorted_lines(read_file(out / (job + ".jsonl")));
        const std::string late = json_field(stats, "\"" + job + "\": {", "late_dropped");
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
