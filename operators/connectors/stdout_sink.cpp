#include "operators/connectors/stdout_sink.hpp"

#include <cerrno>
#include <cstring>

namespace eddy::ops {

StdoutSink::StdoutSink(std::string name, SchemaPtr schema, OutputFormat format, char delimiter,
                       std::FILE* out)
    : name_(std::move(name)), formatter_(std::move(schema), format, delimiter), out_(out) {}

Status StdoutSink::open() {
  formatter_.append_header(buffer_);
  return Status::ok();
}

Status StdoutSink::write(const Batch& batch) {
  formatter_.append_rows(batch, buffer_);
  records_out_ += batch.num_rows();
  return flush();
}

Status StdoutSink::write_rendered(std::string_view text, uint64_t rows) {
  buffer_.append(text);
  records_out_ += rows;
  return flush();
}

Status StdoutSink::flush() {
  if (buffer_.empty()) {
    return Status::ok();
  }
  if (std::fwrite(buffer_.data(), 1, buffer_.size(), out_) != buffer_.size() ||
      std::fflush(out_) != 0) {
    return Status::io_error("cannot write sink '" + name_ +
                            "' to standard output: " + std::strerror(errno));
  }
  buffer_.clear();
  return Status::ok();
}

Status StdoutSink::close() {
  return flush();
}

std::string StdoutSink::describe() const {
  return std::string("StdoutSink(") + name_ + ": " +
         (formatter_.format() == OutputFormat::kCsv ? "csv" : "jsonl") + ")";
}

}  // namespace eddy::ops
