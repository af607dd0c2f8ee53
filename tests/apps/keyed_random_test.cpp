// Randomized end-to-end test of keyed (GROUP BY) apps over files with quoted fields, embedded
// line breaks and bad records: the real `eddy` binary, over partition counts 1..4 and several
// read chunk sizes (with two or more partitions, parser actors parse the chunks in parallel and
// every partition takes its rows in file order), compared with a reference written here: the
// EMIT FINAL rows with order-sensitive aggregates (STRING_AGG, FIRST_VALUE, LAST_VALUE), each
// key's exact EMIT CHANGES sequence, the counts and the first bad-record reports.
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace eddy {
namespace {

namespace fs = std::filesystem;

struct Row {
  std::optional<int64_t> k;
  int64_t id;
  std::string s;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    out.push_back(line);
  }
  return out;
}

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

// As the JSONL sink writes a string (and as a JSONL input spells it).
std::string json_string(const std::string& s, bool sink) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += sink ? "\\u000a" : "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

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
// kinds); returns the file and the bad records' line numbers.
std::string write_input(const std::vector<Row>& rows, bool jsonl,
                        const std::vector<size_t>& bad_before, std::vector<uint64_t>& bad_lines) {
  std::string out = jsonl ? "" : "k,id,s\r\n";
  uint64_t line = jsonl ? 1 : 2;
  size_t next_bad = 0;
  for (size_t i = 0; i <= rows.size(); ++i) {
    while (next_bad < bad_before.size() && bad_before[next_bad] == i) {
      bad_lines.push_back(line);
      switch (next_bad % 3) {
        case 0:
          out += jsonl ? "{\"k\": \"nope\", \"id\": 1}\n" : "nope,1,x\n";
          break;
        case 1:
          out += jsonl ? "{broken\n" : "1,2\n";
          break;
        default:
          out += jsonl ? "[1, 2]\n" : "1,2,\"x\"y\n";
      }
      ++line;
      ++next_bad;
    }
    if (i == rows.size()) {
      break;
    }
    const Row& r = rows[i];
    if (jsonl) {
      out += "{\"k\":" + key_text(r.k) + ",\"id\":" + std::to_string(r.id) +
             ",\"s\":" + json_string(r.s, false) + "}\n";
      ++line;
    } else {
      out += (r.k ? std::to_string(*r.k) : "") + "," + std::to_string(r.id) + "," + csv_field(r.s) +
             (i % 2 == 0 ? "\r\n" : "\n");
      line += 1 + static_cast<uint64_t>(std::count(r.s.begin(), r.s.end(), '\n'));
    }
  }
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

// Groups changelog lines by their key (each line starts with {"k":KEY,), keeping their order.
std::map<std::string, std::vector<std::string>> by_key(const std::vector<std::string>& lines) {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& line : lines) {
    out[line.substr(5, line.find(',') - 5)].push_back(line);
  }
  return out;
}

TEST(KeyedRandomTest, GroupByMatchesTheReferenceForAnyPartitionsAndChunks) {
  fs::path dir = fs::temp_directory_path() / ("eddy_keyed_random_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
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
    std::mt19937 rng(seed);
    std::vector<size_t> bad_before;
    for (size_t i = 0; i < 30; ++i) {
      bad_before.push_back(rng() % (rows.size() + 1));
    }
    std::sort(bad_before.begin(), bad_before.end());
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
                                    ",\"total\":" + std::to_string(a.total) +
                                    ",\"last_s\":" + json_string(a.last, true) + "}");
    }
    std::vector<std::string> expected_final;
    for (const auto& [k, a] : groups) {
      expected_final.push_back("{\"k\":" + k + ",\"n\":" + std::to_string(a.n) + ",\"ids\":\"" +
                               a.ids + "\",\"first_s\":" + json_string(a.first, true) +
                               ",\"last_s\":" + json_string(a.last, true) + "}");
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
        std::string cmd =
            "IN='" + input.string() + "' OUT='" + out.string() +
            "' FORMAT=" + (jsonl ? "jsonl" : "csv") + " CHUNK=" + std::to_string(chunk) +
            " BATCH=" + std::to_string(batch) + " '" + EDDY_BINARY_DIR + "/apps/eddy/eddy' run '" +
            (dir / "app.sql").string() + "' --partitions " + std::to_string(partitions) +
            " --stats-json '" + (out / "stats.json").string() + "' 2> '" +
            (out / "stderr").string() + "'";
        int raw = std::system(cmd.c_str());
        ASSERT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 0) << cmd << "\n"
                                                             << read_file(out / "stderr");
        std::vector<std::string> got_final = lines_of(read_file(out / "final.jsonl"));
        std::sort(got_final.begin(), got_final.end());
        EXPECT_EQ(got_final, expected_final) << run;
        EXPECT_EQ(by_key(lines_of(read_file(out / "changes.jsonl"))), expected_changes) << run;

        const std::string stats = read_file(out / "stats.json");
        for (const std::string source : {"\"src\": {", "\"src1\": {"}) {
          EXPECT_EQ(json_field(stats, source, "records_in"), std::to_string(rows.size()))
              << run << " " << source << "\n"
              << stats;
          EXPECT_EQ(json_field(stats, source, "parse_errors"), std::to_string(bad_lines.size()))
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
