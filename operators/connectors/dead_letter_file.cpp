#include "operators/connectors/dead_letter_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace eddy::ops {

namespace {

Status create_parent(const std::string& path) {
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
  }
  return Status::ok();
}

}  // namespace

DeadLetterFile::~DeadLetterFile() {
  if (fd_ >= 0) {
    ::close(fd_);
  }
}

Status DeadLetterFile::truncate(const std::string& path) {
  EDDY_RETURN_NOT_OK(create_parent(path));
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return Status::io_error("cannot open dead-letter file '" + path + "': " + std::strerror(errno));
  }
  ::close(fd);
  return Status::ok();
}

Status DeadLetterFile::append(std::string_view line) {
  if (fd_ < 0) {
    EDDY_RETURN_NOT_OK(create_parent(path_));
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (fd_ < 0) {
      return Status::io_error("cannot open dead-letter file '" + path_ +
                              "': " + std::strerror(errno));
    }
  }
  // One write per line: with O_APPEND the kernel places it at the end as a whole.
  while (!line.empty()) {
    ssize_t n = ::write(fd_, line.data(), line.size());
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return Status::io_error("cannot write dead-letter file '" + path_ +
                              "': " + std::strerror(errno));
    }
    line.remove_prefix(static_cast<size_t>(n));
  }
  return Status::ok();
}

}  // namespace eddy::ops
