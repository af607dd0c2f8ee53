#include "apps/eddy/diagnostic.hpp"

#include <algorithm>

namespace eddy::app {

namespace {

std::string_view nth_line(std::string_view text, int line) {
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      return {};
    }
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  std::string_view out =
      text.substr(start, end == std::string_view::npos ? text.size() - start : end - start);
  if (!out.empty() && out.back() == '\r') {
    out.remove_suffix(1);
  }
  return out;
}

}  // namespace

std::string render_diagnostic(const Status& status, std::string_view file_name,
                              std::string_view source_text) {
  std::string out = "error: ";
  const SourcePos pos = status.pos();
  if (!pos.known()) {
    if (status.is_user_error() && !file_name.empty()) {
      out += std::string(file_name) + ": ";
    }
    return out + status.message() + "\n";
  }
  out += std::string(file_name) + ":" + std::to_string(pos.line) + ":" + std::to_string(pos.col) +
         ": " + status.message() + "\n";
  std::string_view line = nth_line(source_text, pos.line);
  std::string number = std::to_string(pos.line);
  std::string gutter(std::max<size_t>(number.size(), 4), ' ');
  std::string padded = gutter.substr(number.size()) + number;
  out += padded + " | " + std::string(line) + "\n";
  // Tabs in the line keep their width under the caret so it lines up in the terminal.
  std::string marker;
  for (int i = 1; i < pos.col && static_cast<size_t>(i - 1) < line.size(); ++i) {
    marker += line[static_cast<size_t>(i - 1)] == '\t' ? '\t' : ' ';
  }
  out += gutter + " | " + marker + "^\n";
  return out;
}

}  // namespace eddy::app
