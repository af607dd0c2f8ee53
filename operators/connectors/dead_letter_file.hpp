#pragma once

#include <string>
#include <string_view>

#include "runtime/core/status.hpp"

namespace eddy::ops {

/// Appends dead-letter entries (one JSON line each) to a file that several writers share: a
/// source's bad records and, from the partition actors, the records windows dropped as late.
/// Each line goes out in a single append-mode write, so lines of different writers never
/// interleave and no lock is needed. The file is opened on the first append and never
/// truncated here (`eddy run` empties it once when it starts; see `truncate`).
class DeadLetterFile {
 public:
  /// Prepares to append to `path` (nothing is opened yet).
  explicit DeadLetterFile(std::string path) : path_(std::move(path)) {}
  ~DeadLetterFile();
  DeadLetterFile(const DeadLetterFile&) = delete;
  DeadLetterFile& operator=(const DeadLetterFile&) = delete;

  /// Creates `path` (and its parent folders) or empties it; an I/O error names the file.
  static Status truncate(const std::string& path);

  /// Appends `line`, which must end with a newline.
  [[nodiscard]] Status append(std::string_view line);

  [[nodiscard]] const std::string& path() const { return path_; }

 private:
  std::string path_;
  int fd_ = -1;
};

}  // namespace eddy::ops
