#include "operators/connectors/file_sink.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace eddy::ops {

namespace {

// Rendered text is handed to the OS in chunks of about this size.
constexpr size_t kFlushBytes = size_t{1} << 20;

}  // namespace

FileSink::FileSink(std::string name, std::string path, SchemaPtr schema, OutputFormat format,
                   char delimiter, bool append)
    : name_(std::move(name)),
      path_(std::move(path)),
      formatter_(std::move(schema), format, delimiter),
      append_(append) {}

FileSink::~FileSink() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

Status FileSink::write_error() const {
  return Status::io_error("cannot write sink '" + name_ + "' file '" + path_ +
                          "': " + std::strerror(errno));
}

Status FileSink::open() {
  std::error_code ec;
  auto parent = std::filesystem::path(path_).parent_path();
  if (!parent.empty()) {
    std::filesystem::create_directories(parent, ec);
    if (ec) {
      return Status::io_error("cannot create directory '" + parent.string() + "' for sink '" +
                              name_ + "': " + ec.message());
    }
  }
  bool had_content = append_ && std::filesystem::file_size(path_, ec) > 0 && !ec;
  file_ = std::fopen(path_.c_str(), append_ ? "ab" : "wb");
  if (file_ == nullptr) {
    return Status::io_error("cannot open sink '" + name_ + "' file '" + path_ +
                            "': " + std::strerror(errno));
  }
  buffer_.reserve(kFlushBytes + (kFlushBytes >> 2));
  if (!had_content) {
    formatter_.append_header(buffer_);
  }
  return Status::ok();
}

Status FileSink::write(const Batch& batch) {
  if (file_ == nullptr) {
    return Status::internal("sink '" + name_ + "' written before open() or after close()");
  }
  formatter_.append_rows(batch, buffer_);
  records_out_ += batch.num_rows();
  if (buffer_.size() >= kFlushBytes) {
    return flush();
  }
  return Status::ok();
}

Status FileSink::write_rendered(std::string_view text, uint64_t rows) {
  if (file_ == nullptr) {
    return Status::internal("sink '" + name_ + "' written before open() or after close()");
  }
  records_out_ += rows;
  if (buffer_.size() + text.size() < kFlushBytes) {
    buffer_.append(text);
    return Status::ok();
  }
  // Large text goes to the OS as is rather than through the buffer.
  EDDY_RETURN_NOT_OK(flush());
  if (!text.empty() && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    return write_error();
  }
  return Status::ok();
}

Status FileSink::flush() {
  if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
    return write_error();
  }
  buffer_.clear();
  return Status::ok();
}

Status FileSink::close() {
  if (file_ == nullptr) {
    return Status::ok();
  }
  Status s = flush();
  bool failed = std::fclose(file_) != 0;
  file_ = nullptr;
  if (s.is_ok() && failed) {
    return write_error();
  }
  return s;
}

std::string FileSink::describe() const {
  return std::string("FileSink(") + name_ + ": " +
         (formatter_.format() == OutputFormat::kCsv ? "csv" : "jsonl") + " '" + path_ + "')";
}

}  // namespace eddy::ops
