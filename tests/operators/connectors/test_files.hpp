#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "operators/source.hpp"

namespace eddy::ops::testing {

/// A fresh directory under the system temp dir, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    std::string name = std::string("eddy_conn_") + (info ? info->test_suite_name() : "x") + "_" +
                       (info ? info->name() : "y") + "_" + std::to_string(::getpid());
    path_ = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  /// The path of `name` inside the directory.
  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }
  /// Writes `content` to `name` and returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    std::string p = file(name);
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

/// Reads a whole file ("" when it does not exist).
inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// Renders every row of every batch of a source ("a=1, b=x" lines), until end or error.
struct Drained {
  std::string rows;
  std::vector<BatchPtr> batches;
  Status status;
};

inline Drained drain(Source& source) {
  Drained d;
  for (;;) {
    auto r = source.next();
    if (!r.is_ok()) {
      d.status = r.status();
      return d;
    }
    if (*r == nullptr) {
      return d;
    }
    d.rows += (*r)->to_string();
    d.batches.push_back(*r);
  }
}

}  // namespace eddy::ops::testing
