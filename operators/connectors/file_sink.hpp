#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "operators/connectors/row_formatter.hpp"
#include "operators/source.hpp"

namespace eddy::ops {

/// Writes result rows to a JSONL or CSV file (`type = 'file_sink'`), through a large buffer.
class FileSink final : public Sink {
 public:
  /// `append` keeps existing content (and writes no second CSV header into a non-empty file).
  FileSink(std::string name, std::string path, SchemaPtr schema, OutputFormat format,
           char delimiter = ',', bool append = false);
  ~FileSink() override;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;

  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] Status open() override;
  [[nodiscard]] Status write(const Batch& batch) override;
  [[nodiscard]] const RowFormatter* row_formatter() const override { return &formatter_; }
  [[nodiscard]] Status write_rendered(std::string_view text, uint64_t rows) override;
  [[nodiscard]] Status close() override;
  [[nodiscard]] uint64_t records_out() const override { return records_out_; }
  [[nodiscard]] std::string describe() const override;

 private:
  Status flush();
  Status write_error() const;

  std::string name_;
  std::string path_;
  RowFormatter formatter_;
  bool append_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  uint64_t records_out_ = 0;
};

}  // namespace eddy::ops
