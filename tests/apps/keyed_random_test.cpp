// Randomized end-to-end test of keyed (GROUP BY) apps over files with quoted fields, embedded
// line breaks and bad records: the real `eddy` binary, over partition counts 1..4 and several
// read chunk sizes (with two or more partitions, parser actors parse the chunks in parallel and
// every partition takes its rows in file order), compared with a reference written here: the
// EMIT FINAL rows with order-sensitive aggregates (STRING_AGG, FIRST_VALUE, LAST_VALUE), each
// key's exact EMIT CHANGES sequence, the counts and the first bad-record reports.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
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
using app_test::json_string;
using app_test::lines_of;
using app_test::random_positions;
using app_test::read_file;
using app_test::run_shell;
using app_test::stats_field;
using app_test::write_rows_with_bad_records;

struct Row {
  std::optional<int64_t> k;
  int64_t id;
  std::string s;
};

std::string key_text(const std::optional<int64_t>& k) {
  return k ? std::to_string(*k) : "null";
}

std::vector<Row> generate(uint32_t seed, size_t n) {
  std::mt19937_64 rng(seed);
  const std::vector<std::string> words = {"alpha", "beta, gamma", "say \"hi\"",
                                          "x",     "multi\nline", "zeta"};
  std::vector<Row> rows;
  for (size_t i = 0; i < n; ++i) {
    Row r;
    if (rng() % 25 != 0) {
      r.k = static_cast<int64_t>(rng() % 41) - 20;
    }
    r.id = static_cast<int64_t>(i);
    r.s = words[rng() % words.size()];
    rows.push_back(r);
  }
  return rows;
}

// Writes `rows` as CSV or JSONL with a bad record before every row in `bad_before` (several
// kinds); returns the file and appends the bad records' line numbers to `bad_lines`.
std::string write_input(const std::vector<Row>& rows, bool jsonl,
                        const std::vector<size_t>& bad_before, std::vector<uint64_t>& bad_lines) {
  auto row_text = [&](size_t i) {
    const Row& r = rows[i];
    if (jsonl) {
      return "{\"k\":" + key_text(r.k) + ",\"id\":" + std::to_string(r.id) +
             ",\"s\":" + json_string(r.s, /*as_sink_writes=*/false) + "}\n";
    }
    return (r.k ? std::to_string(*r.k) : "") + "," + std::to_string(r.id) + "," + csv_field(r.s) +
           (i % 2 == 0 ? "\r\n" : "\n");
  };
  const std::vector<std::string> bad_kinds =
      jsonl ? std::vector<std::string>{"{\"k\": \"nope\", \"id\": 1}\n", "{broken\n", "[1, 2]\n"}
            : std::vector<std::string>{"nope,1,x\n", "1,2\n", "1,2,\"x\"y\n"};
  return write_rows_with_bad_records(rows.size(), jsonl ? "" : "k,id,s\r\n", row_text, bad_before,
                                     bad_kinds, bad_lines);
}

// Groups changelog lines by their key (each line starts with {"k":KEY,), keeping their order.
std::map<std::string, std::vector<std::string>> by_key(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& line : lines) {
    out[line.substr(5, line.find(',') - 5)].push_back(line);
  }
  return out;
}

TEST(KeyedRandomTest, GroupByMatchesTheReferenceForAnyPartitionsAndChunks) {
  const fs::path dir = fresh_temp_dir("eddy_keyed_random");
  // `changes` reads one record per batch, so every record emits its key's running aggregate.
  std::ofstream(dir / "app.sql")
      << "CREATE STREAM src (k BIGINT, id BIGINT, s VARCHAR)\n"
         "WITH ('type' = 'file_source', 'path' = '${IN}', 'format' = '${FORMAT}',\n"
         "      'chunk.size' = '${CHUNK}', 'batch.size' = '${BATCH}');\n"
         "CREATE STREAM src1 (k BIGINT, id BIGINT, s VARCHAR)\n"
         "WITH ('type' = 'file_source', 'path' = '${IN}', 'format' = '${FORMAT}',\n"
         "      'chunk.size' = '${CHUNK}', 'batch.size' = '1');\n"
         "CREATE STREAM final AS\n"
         "SELECT k, COUNT(*) AS n, STRING_AGG(CAST(id AS VARCHAR), '+') AS ids,\n"
         "       FIRST_VALUE(s) AS first_s, LAST_VALUE(s) AS last_s\n"
         "FROM src GROUP BY k EMIT FINAL\n"
         "WITH ('final.type' = 'file_sink', 'final.path' = '${OUT}/final.jsonl');\n"
         "CREATE STREAM changes AS\n"
         "SELECT k, COUNT(*) AS n, SUM(id) AS total, LAST_VALUE(s) AS last_s\n"
         "FROM src1 GROUP BY k EMIT CHANGES\n"
         "WITH ('changes.type' = 'file_sink', 'changes.path' = '${OUT}/changes.jsonl');\n";
  for (bool jsonl : {false, true}) {
    const uint32_t seed = jsonl ? 21 : 22;
    const std::vector<Row> rows = generate(seed, 2000);
    const std::vector<size_t> bad_before = random_positions(seed, 30, rows.size() + 1);
    std::vector<uint64_t> bad_lines;
    fs::path input = dir / (jsonl ? "in.jsonl" : "in.csv");
    std::ofstream(input, std::ios::binary) << write_input(rows, jsonl, bad_before, bad_lines);

    // The reference, in file order.
    struct Agg {
      int64_t n = 0;
      int64_t total = 0;
      std::string ids;
      std::string first;
      std::string last;
    };
    std::map<std::string, Agg> groups;
    std::map<std::string, std::vector<std::string>> expected_changes;
    for (const Row& r : rows) {
      const std::string k = key_text(r.k);
      Agg& a = groups[k];
      a.ids += (a.n == 0 ? "" : "+") + std::to_string(r.id);
      if (a.n == 0) {
        a.first = r.s;
      }
      a.last = r.s;
      ++a.n;
      a.total += r.id;
      expected_changes[k].push_back("{\"k\":" + k + ",\"n\":" + std::to_string(a.n) +
                                    ",\"total\":" + std::to_string(a.total) + ",\"last_s\":" +
                                    json_string(a.last, /*as_sink_writes=*/true) + "}");
    }
    std::vector<std::string> expected_final;
    for (const auto& [k, a] : groups) {
      expected_final.push_back("{\"k\":" + k + ",\"n\":" + std::to_string(a.n) + ",\"ids\":\"" +
                               a.ids +
                               "\",\"first_s\":" + json_string(a.first, /*as_sink_writes=*/true) +
                               ",\"last_s\":" + json_string(a.last, /*as_sink_writes=*/true) + "}");
    }
    std::sort(expected_final.begin(), expected_final.end());

    for (int partitions : {1, 2, 3, 4}) {
      for (int chunk : {64, 1000, 1 << 20}) {
        const int batch = chunk == 1000 ? 3 : 4096;
        const std::string run = std::string(jsonl ? "jsonl" : "csv") + ", partitions " +
                                std::to_string(partitions) + ", chunk " + std::to_string(chunk);
        fs::path out = dir / "out";
        fs::remove_all(out);
        fs::create_directories(out);
        const std::string cmd = eddy_run_command(
            "IN='" + input.string() + "' OUT='" + out.string() +
                "' FORMAT=" + (jsonl ? "jsonl" : "csv") + " CHUNK=" + std::to_string(chunk) +
                " BATCH=" + std::to_string(batch),
            dir / "app.sql", partitions, out / "stats.json", out / "stderr");
        ASSERT_EQ(run_shell(cmd), 0) << cmd << "\n" << read_file(out / "stderr");
        std::vector<std::string> got_final = lines_of(read_file(out / "final.jsonl"));
        std::sort(got_final.begin(), got_final.end());
        EXPECT_EQ(got_final, expected_final) << run;
        EXPECT_EQ(by_key(lines_of(read_file(out / "changes.jsonl"))), expected_changes) << run;

        const std::string stats = read_file(out / "stats.json");
        for (const std::string source : {"\"src\": {", "\"src1\": {"}) {
          EXPECT_EQ(stats_field(stats, source, "records_in"), std::to_string(rows.size()))
              << run << " " << source << "\n"
              << stats;
          EXPECT_EQ(stats_field(stats, source, "parse_errors"), std::to_string(bad_lines.size()))
              << run << " " << source << "\n"
              << stats;
        }
        // Each source's warning lists its first five bad records, in file order, then how many
        // more there were.
        const std::string err = read_file(out / "stderr");
        size_t at = 0;
        for (size_t b = 0; b < 5; ++b) {
          const std::string where =
              "\n  " + input.string() + ":" + std::to_string(bad_lines[b]) + ": ";
          size_t found = err.find(where, at);
          ASSERT_NE(found, std::string::npos) << run << " lacks " << where << " in order\n" << err;
          at = found + where.size();
        }
        EXPECT_EQ(err.find(input.string() + ":" + std::to_string(bad_lines[5]) + ": "),
                  std::string::npos)
            << run << "\n"
            << err;
        EXPECT_NE(err.find("  ... and " + std::to_string(bad_lines.size() - 5) + " more\n"),
                  std::string::npos)
            << run << "\n"
            << err;
      }
    }
  }
  if (!HasFailure()) {
    fs::remove_all(dir);
  }
}

}  // namespace
}  // namespace eddy
