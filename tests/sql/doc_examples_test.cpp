// Every SQL example a user can copy must parse: the ```sql blocks of README.md and docs/*.md, and
// the .sql files under examples/ and the end-to-end apps (except the deliberate syntax error).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "sql/parser.hpp"

namespace eddy::sql {
namespace {

namespace fs = std::filesystem;

struct Example {
  std::string where;
  std::string text;
};

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<Example> collect() {
  std::vector<Example> out;
  const fs::path root = EDDY_SOURCE_DIR;
  std::vector<fs::path> docs = {root / "README.md"};
  for (const auto& e : fs::directory_iterator(root / "docs")) {
    if (e.path().extension() == ".md") {
      docs.push_back(e.path());
    }
  }
  for (const auto& doc : docs) {
    std::istringstream in(read_file(doc));
    std::string line;
    int number = 0;
    int start = 0;
    bool inside = false;
    std::string block;
    while (std::getline(in, line)) {
      ++number;
      if (!inside && line.rfind("```sql", 0) == 0) {
        inside = true;
        start = number;
        block.clear();
      } else if (inside && line.rfind("```", 0) == 0) {
        inside = false;
        out.push_back({fs::relative(doc, root).string() + ":" + std::to_string(start), block});
      } else if (inside) {
        block += line + "\n";
      }
    }
  }
  for (const auto& dir : {root / "examples", root / "tests/apps/e2e"}) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.path().extension() == ".sql" && e.path().parent_path().filename() != "syntax_error") {
        out.push_back({fs::relative(e.path(), root).string(), read_file(e.path())});
      }
    }
  }
  return out;
}

TEST(DocExamplesTest, EveryExampleParses) {
  std::vector<Example> examples = collect();
  ASSERT_GE(examples.size(), 10u) << "the examples were not found";
  for (const auto& ex : examples) {
    auto script = Parser(ex.text).parse_script();
    EXPECT_TRUE(script.is_ok()) << ex.where << ": " << script.status().to_string();
    if (script.is_ok()) {
      EXPECT_FALSE(script->statements.empty()) << ex.where;
    }
  }
}

}  // namespace
}  // namespace eddy::sql
