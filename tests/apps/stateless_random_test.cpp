// Randomized end-to-end test of stateless apps: generates seeded CSV data, runs the real `eddy`
// binary over many seeds, partition counts and batch sizes, and compares its JSONL output with a
// straightforward reference evaluation written here, row by row.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace eddy {
namespace {

namespace fs = std::filesystem;

struct Row {
  int64_t id;
  bool k_null;
  int64_t k;
  int64_t cents;  // x = cents / 100, written with two decimals
  std::string s;
};

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) {
    return s;
  }
  std::string out = "\"";
  for (char c : s) {
    out += c == '"' ? "\"\"" : std::string(1, c);
  }
  return out + "\"";
}

std::string json_string(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += "\\u000a";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string upper(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

std::vector<Row> generate(uint32_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> words = {"alpha", "beta",        "gamma, delta", "say \"hi\"",
                                          "x",     "multi\nline", "zeta"};
  std::vector<Row> rows;
  for (size_t i = 0; i < n; ++i) {
    Row r;
    r.id = static_cast<int64_t>(i);
    r.k_null = rng() % 20 == 0;
    r.k = static_cast<int64_t>(rng() % 201) - 100;
    r.cents = static_cast<int64_t>(rng() % 20000);
    r.s = words[rng() % words.size()];
    rows.push_back(r);
  }
  return rows;
}

// The reference: WHERE k IS NULL OR k % 3 <> 0, then the select list, formatted as the JSONL
// sink must format it.
std::string reference(const std::vector<Row>& rows) {
  std::string out;
  for (const Row& r : rows) {
    if (!r.k_null && r.k % 3 == 0) {
      continue;
    }
    out += "{\"id\":" + std::to_string(r.id) + ",\"k2\":";
    out += r.k_null ? "null" : std::to_string(r.k * 2 + 1);
    out += ",\"band\":";
    out += r.cents > 5000 ? "\"hi\"" : "\"lo\"";
    out += ",\"s\":" + json_string(upper(r.s)) + "}\n";
  }
  return out;
}

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(StatelessRandomTest, MatchesReferenceForAnyPartitionsAndBatchSize) {
  fs::path dir =
      fs::temp_directory_path() / ("eddy_stateless_random_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string sql =
      "CREATE STREAM result AS\n"
      "SELECT id, k * 2 + 1 AS k2, CASE WHEN x > 50 THEN 'hi' ELSE 'lo' END AS band,\n"
      "       UPPER(s) AS s\n"
      "FROM src\n"
      "WHERE k IS NULL OR k % 3 <> 0\n"
      "WITH ('src.type' = 'file_source', 'src.path' = '${SRC_PATH}', 'src.format' = 'csv',\n"
      "      'src.batch.size' = '${BATCH}',\n"
      "      'result.type' = 'file_sink', 'result.path' = '${OUT_PATH}');\n";
  std::ofstream(dir / "app.sql") << sql;

  for (uint32_t seed : {1u, 2u, 3u}) {
    std::vector<Row> rows = generate(seed, 3000 + seed * 777);
    fs::path input = dir / ("in_" + std::to_string(seed) + ".csv");
    {
      std::ofstream out(input);
      out << "id,k,x,s\n";
      for (const Row& r : rows) {
        char x[32];
        std::snprintf(x, sizeof x, "%lld.%02lld", static_cast<long long>(r.cents / 100),
                      static_cast<long long>(r.cents % 100));
        out << r.id << "," << (r.k_null ? "" : std::to_string(r.k)) << "," << x << ","
            << csv_field(r.s) << "\n";
      }
    }
    const std::string expected = reference(rows);
    for (int partitions : {1, 2, 5}) {
      for (int batch : {1, 64, 4096}) {
        fs::path output = dir / ("out_" + std::to_string(seed) + "_" + std::to_string(partitions) +
                                 "_" + std::to_string(batch) + ".jsonl");
        std::string cmd = "SRC_PATH='" + input.string() + "' OUT_PATH='" + output.string() +
                          "' BATCH=" + std::to_string(batch) + " '" + EDDY_BINARY_DIR +
                          "/apps/eddy/eddy' run '" + (dir / "app.sql").string() +
                          "' --partitions " + std::to_string(partitions) + " 2> '" +
                          (dir / "stderr.txt").string() + "'";
        int raw = std::system(cmd.c_str());
        ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << cmd << "\n"
                                                             << read_file(dir / "stderr.txt");
        EXPECT_EQ(read_file(output), expected)
            << "seed " << seed << ", partitions " << partitions << ", batch " << batch;
      }
    }
  }
  if (!HasFailure()) {
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace eddy
