// Randomized end-to-end test of stateless apps: generates seeded CSV data, runs the real `eddy`
// binary over many seeds, partition counts and batch sizes, and compares its JSONL output with a
// straightforward reference evaluation written here, row by row.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "tests/apps/app_test_support.hpp"

namespace eddy {
namespace {

namespace fs = std::filesystem;
using app_test::csv_field;
using app_test::eddy_run_command;
using app_test::fresh_temp_dir;
using app_test::random_positions;
using app_test::read_file;
using app_test::run_shell;
using app_test::stats_field;
using app_test::write_rows_with_bad_records;

struct Row {
  int64_t id;
  bool k_null;
  int64_t k;
  int64_t cents;  // x = cents / 100, written with two decimals
  std::string s;
};

std::string upper(std::string s) {
  for (char& c : s) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return s;
}

// `cents` / 100 with two decimals, as the CSV and JSONL inputs spell x.
std::string json_number(int64_t cents) {
  char x[32];
  std::snprintf(x, sizeof x, "%lld.%02lld", static_cast<long long>(cents / 100),
                static_cast<long long>(cents % 100));
  return x;
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
    out += ",\"s\":" + app_test::json_string(upper(r.s), /*as_sink_writes=*/true) + "}\n";
  }
  return out;
}

TEST(StatelessRandomTest, MatchesReferenceForAnyPartitionsAndBatchSize) {
  const fs::path dir = fresh_temp_dir("eddy_stateless_random");
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
        out << r.id << "," << (r.k_null ? "" : std::to_string(r.k)) << "," << json_number(r.cents)
            << "," << csv_field(r.s) << "\n";
      }
    }
    const std::string expected = reference(rows);
    for (int partitions : {1, 2, 5}) {
      for (int batch : {1, 64, 4096}) {
        fs::path output = dir / ("out_" + std::to_string(seed) + "_" + std::to_string(partitions) +
                                 "_" + std::to_string(batch) + ".jsonl");
        const std::string cmd =
            eddy_run_command("SRC_PATH='" + input.string() + "' OUT_PATH='" + output.string() +
                                 "' BATCH=" + std::to_string(batch),
                             dir / "app.sql", partitions, /*stats=*/"", dir / "stderr.txt");
        ASSERT_EQ(run_shell(cmd), 0) << cmd << "\n" << read_file(dir / "stderr.txt");
        EXPECT_EQ(read_file(output), expected)
            << "seed " << seed << ", partitions " << partitions << ", batch " << batch;
      }
    }
  }
  if (!HasFailure()) {
    fs::remove_all(dir);
  }
}

// Writes `rows` as CSV or JSONL with a bad record (every kind the parsers reject) before every
// row in `bad_before`, and appends the bad records' line numbers to `bad_lines`.
std::string write_with_bad_records(const std::vector<Row>& rows, bool jsonl,
                                   const std::vector<size_t>& bad_before,
                                   std::vector<uint64_t>& bad_lines) {
  auto row_text = [&](size_t i) {
    const Row& r = rows[i];
    if (jsonl) {
      return "{\"id\":" + std::to_string(r.id) +
             ",\"k\":" + (r.k_null ? "null" : std::to_string(r.k)) +
             ",\"x\":" + json_number(r.cents) +
             ",\"s\":" + app_test::json_string(r.s, /*as_sink_writes=*/true) + "}\n";
    }
    return std::to_string(r.id) + "," + (r.k_null ? "" : std::to_string(r.k)) + "," +
           json_number(r.cents) + "," + csv_field(r.s) + (i % 2 == 0 ? "\r\n" : "\n");
  };
  const std::vector<std::string> bad_kinds =
      jsonl ? std::vector<std::string>{"{\"id\": \"nope\"}\n", "{broken\n", "[1, 2]\n"}
            : std::vector<std::string>{"nope,1,2.5,x\n", "1,2\n", "1,2,3,\"x\"y\n"};
  return write_rows_with_bad_records(rows.size(), jsonl ? "" : "id,k,x,s\r\n", row_text, bad_before,
                                     bad_kinds, bad_lines);
}

// Files with quoted fields, embedded line breaks and bad records give the same output, counts
// and first bad-record reports whatever the partition count and read chunk size (the partitions
// parse the chunks of stateless jobs in parallel).
TEST(StatelessRandomTest, BadRecordsAndQuotedFieldsGiveIdenticalResultsForAnyPartitionsAndChunks) {
  const fs::path dir = fresh_temp_dir("eddy_stateless_chunks");
  const std::string sql =
      "CREATE STREAM src (id BIGINT, k BIGINT, x DOUBLE, s VARCHAR)\n"
      "WITH ('type' = 'file_source', 'path' = '${SRC_PATH}', 'format' = '${FORMAT}',\n"
      "      'chunk.size' = '${CHUNK}');\n"
      "CREATE STREAM result AS\n"
      "SELECT id, k * 2 + 1 AS k2, CASE WHEN x > 50 THEN 'hi' ELSE 'lo' END AS band,\n"
      "       UPPER(s) AS s\n"
      "FROM src\n"
      "WHERE k IS NULL OR k % 3 <> 0\n"
      "WITH ('result.type' = 'file_sink', 'result.path' = '${OUT_PATH}');\n";
  std::ofstream(dir / "app.sql") << sql;
  for (bool jsonl : {false, true}) {
    const uint32_t seed = jsonl ? 11 : 12;
    std::vector<Row> rows = generate(seed, 2500);
    const std::vector<size_t> bad_before = random_positions(seed, 40, rows.size() + 1);
    std::vector<uint64_t> bad_lines;
    fs::path input = dir / (jsonl ? "in.jsonl" : "in.csv");
    std::ofstream(input, std::ios::binary)
        << write_with_bad_records(rows, jsonl, bad_before, bad_lines);
    const std::string expected = reference(rows);
    std::string first_stderr;
    for (int partitions : {1, 2, 3, 4}) {
      for (int chunk : {64, 1000, 1 << 20}) {
        const std::string run = std::string(jsonl ? "jsonl" : "csv") + ", partitions " +
                                std::to_string(partitions) + ", chunk " + std::to_string(chunk);
        fs::path output = dir / "out.jsonl";
        fs::path stats = dir / "stats.json";
        const std::string cmd = eddy_run_command(
            "SRC_PATH='" + input.string() + "' OUT_PATH='" + output.string() +
                "' FORMAT=" + (jsonl ? "jsonl" : "csv") + " CHUNK=" + std::to_string(chunk),
            dir / "app.sql", partitions, stats, dir / "stderr.txt");
        ASSERT_EQ(run_shell(cmd), 0) << cmd << "\n" << read_file(dir / "stderr.txt");
        EXPECT_EQ(read_file(output), expected) << run;
        std::string json = read_file(stats);
        EXPECT_EQ(stats_field(json, "records_in"), std::to_string(rows.size())) << run << json;
        EXPECT_EQ(stats_field(json, "parse_errors"), std::to_string(bad_lines.size()))
            << run << json;
        // The warning lists the first five bad records, by line; only the timing line differs.
        std::string err = read_file(dir / "stderr.txt");
        err = err.substr(0, err.find("result: "));
        for (size_t b = 0; b < 5; ++b) {
          const std::string where = input.string() + ":" + std::to_string(bad_lines[b]) + ": ";
          EXPECT_NE(err.find(where), std::string::npos) << run << " lacks " << where << "\n" << err;
        }
        if (first_stderr.empty()) {
          first_stderr = err;
        }
        EXPECT_EQ(err, first_stderr) << run;
      }
    }
  }
  if (!HasFailure()) {
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace eddy
