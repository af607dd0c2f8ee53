#include "tests/apps/app_test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>
#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>

namespace eddy::app_test {

namespace fs = std::filesystem;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
}

fs::path fresh_temp_dir(const std::string& prefix) {
  fs::path dir = fs::temp_directory_path() / (prefix + "_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
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

std::vector<std::string> sorted_lines(const std::string& text) {
  std::vector<std::string> out = lines_of(text);
  std::sort(out.begin(), out.end());
  return out;
}

std::string sorted_text(const std::string& text) {
  std::string out;
  for (const auto& line : sorted_lines(text)) {
    out += line + "\n";
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

std::string json_string(const std::string& s, bool as_sink_writes) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (c == '\n') {
      out += as_sink_writes ? "\\u000a" : "\\n";
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string stats_field(const std::string& json, const std::string& after, const std::string& key) {
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

std::string stats_field(const std::string& json, const std::string& key) {
  return stats_field(json, "", key);
}

std::string eddy_binary() {
  return std::string(EDDY_BINARY_DIR) + "/apps/eddy/eddy";
}

int run_shell(const std::string& command) {
  int raw = std::system(command.c_str());
  return WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

std::string eddy_run_command(const std::string& env, const fs::path& app, int partitions,
                             const fs::path& stats, const fs::path& stderr_path) {
  std::string cmd = env + " '" + eddy_binary() + "' run '" + app.string() + "' --partitions " +
                    std::to_string(partitions);
  if (!stats.empty()) {
    cmd += " --stats-json '" + stats.string() + "'";
  }
  return cmd + " 2> '" + stderr_path.string() + "'";
}

std::vector<size_t> random_positions(uint32_t seed, size_t count, size_t limit) {
  std::mt19937 rng(seed);
  std::vector<size_t> out;
  for (size_t i = 0; i < count; ++i) {
    out.push_back(rng() % limit);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string write_rows_with_bad_records(size_t rows, const std::string& header,
                                        const std::function<std::string(size_t)>& row_text,
                                        const std::vector<size_t>& bad_before,
                                        const std::vector<std::string>& bad_kinds,
                                        std::vector<uint64_t>& bad_lines) {
  std::string out = header;
  uint64_t line = 1 + static_cast<uint64_t>(std::count(header.begin(), header.end(), '\n'));
  size_t next_bad = 0;
  for (size_t i = 0; i <= rows; ++i) {
    while (next_bad < bad_before.size() && bad_before[next_bad] == i) {
      bad_lines.push_back(line);
      out += bad_kinds[next_bad % bad_kinds.size()];
      ++line;
      ++next_bad;
    }
    if (i == rows) {
      break;
    }
    const std::string text = row_text(i);
    out += text;
    line += static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
  }
  return out;
}

}  // namespace eddy::app_test
