// Runs `eddy` on every case folder under tests/apps/e2e/ and checks its exact output.
//
// A case folder holds `app.sql`, its input files, and:
// - `expected/`: every file in it must be produced with exactly these bytes (paths relative to
//   the case folder, e.g. expected/out/result.jsonl is compared with out/result.jsonl);
// - `args` (optional): one line of extra arguments, e.g. `validate` to run `eddy validate app.sql`
//   instead of `eddy run app.sql`, or `run --set k=v`;
// - `expected_exit` (optional): the exit code, 0 by default;
// - `expected_stderr` (optional): each of its lines must occur in what eddy prints on stderr;
// - `partitions` (optional): the partition counts to run with, default "1 2 3";
// - `sorted` (optional, empty): compare output lines in sorted order (keyed jobs, whose keys
//   from different partitions interleave in no fixed order).
// Each case runs in a fresh copy of its folder, once per partition count.
#include <gtest/gtest.h>

#include <unistd.h>
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/apps/app_test_support.hpp"

namespace eddy {
namespace {

namespace fs = std::filesystem;

using app_test::eddy_binary;
using app_test::read_file;
using app_test::run_shell;
using app_test::sorted_text;

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) {
    s.pop_back();
  }
  return s;
}

struct E2eCase {
  std::string name;
  int partitions;
};

// Names the case in test output instead of dumping its bytes.
void PrintTo(const E2eCase& c, std::ostream* os) {
  *os << c.name << " with " << c.partitions << " partitions";
}

std::vector<E2eCase> discover_cases() {
  std::vector<E2eCase> cases;
  fs::path root = fs::path(EDDY_SOURCE_DIR) / "tests/apps/e2e";
  std::vector<fs::path> dirs;
  for (const auto& entry : fs::directory_iterator(root)) {
    if (entry.is_directory() && fs::exists(entry.path() / "app.sql")) {
      dirs.push_back(entry.path());
    }
  }
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    std::string parts = "1 2 3";
    if (fs::exists(dir / "partitions")) {
      parts = read_file(dir / "partitions");
    }
    std::istringstream in(parts);
    int p = 0;
    while (in >> p) {
      cases.push_back({dir.filename().string(), p});
    }
  }
  return cases;
}

class E2eTest : public ::testing::TestWithParam<E2eCase> {};

TEST_P(E2eTest, ProducesExpectedOutput) {
  const E2eCase& c = GetParam();
  fs::path src = fs::path(EDDY_SOURCE_DIR) / "tests/apps/e2e" / c.name;
  fs::path work =
      fs::temp_directory_path() / ("eddy_e2e_" + c.name + "_p" + std::to_string(c.partitions) +
                                   "_" + std::to_string(::getpid()));
  fs::remove_all(work);
  fs::copy(src, work, fs::copy_options::recursive);
  // Outputs must come from this run, not from the copied expectations.
  fs::remove_all(work / "expected");

  std::string args = "run";
  if (fs::exists(src / "args")) {
    args = trim(read_file(src / "args"));
  }
  std::string verb = args.substr(0, args.find(' '));
  std::string rest = args.size() > verb.size() ? args.substr(verb.size()) : "";
  std::string cmd =
      "cd '" + work.string() + "' && '" + eddy_binary() + "' " + verb + " app.sql" + rest;
  if (verb == "run") {
    cmd += " --partitions " + std::to_string(c.partitions);
  }
  cmd += " > stdout.txt 2> stderr.txt";
  int exit_code = run_shell(cmd);
  std::string err = read_file(work / "stderr.txt");

  int expected_exit = 0;
  if (fs::exists(src / "expected_exit")) {
    expected_exit = std::stoi(read_file(src / "expected_exit"));
  }
  EXPECT_EQ(exit_code, expected_exit) << "command: " << cmd << "\nstderr:\n" << err;

  if (fs::exists(src / "expected_stderr")) {
    std::istringstream lines(read_file(src / "expected_stderr"));
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty()) {
        EXPECT_NE(err.find(line), std::string::npos) << "stderr lacks: " << line << "\nstderr:\n"
                                                     << err;
      }
    }
  }

  fs::path expected_root = src / "expected";
  if (fs::exists(expected_root)) {
    for (const auto& entry : fs::recursive_directory_iterator(expected_root)) {
      if (!entry.is_regular_file()) {
        continue;
      }
      fs::path rel = fs::relative(entry.path(), expected_root);
      fs::path actual = work / rel;
      ASSERT_TRUE(fs::exists(actual)) << rel << " was not written; stderr:\n" << err;
      std::string got = read_file(actual);
      std::string want = read_file(entry.path());
      if (fs::exists(src / "sorted")) {
        // Keyed jobs keep each key's order, but keys from different partitions interleave.
        got = sorted_text(got);
        want = sorted_text(want);
      }
      EXPECT_EQ(got, want) << "output " << rel << " differs (partitions " << c.partitions << ")";
    }
  }
  if (!HasFailure()) {
    fs::remove_all(work);
  }
}

INSTANTIATE_TEST_SUITE_P(Apps, E2eTest, ::testing::ValuesIn(discover_cases()),
                         [](const ::testing::TestParamInfo<E2eCase>& info) {
                           return info.param.name + "_p" + std::to_string(info.param.partitions);
                         });

}  // namespace
}  // namespace eddy
