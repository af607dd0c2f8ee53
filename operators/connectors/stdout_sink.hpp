#pragma once

#include <cstdint>
#include <cstdio>
#include <string>

#include "operators/connectors/row_formatter.hpp"
#include "operators/source.hpp"

namespace eddy::ops {

/// Writes result rows to standard output (`type = 'stdout_sink'`) as JSONL or CSV, one write per
/// batch so that results show up as they are produced.
class StdoutSink final : public Sink {
 public:
  /// `out` is the stream written to (stdout; tests pass a temporary file).
  StdoutSink(std::string name, SchemaPtr schema, OutputFormat format, char delimiter = ',',
             std::FILE* out = stdout);

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

  std::string name_;
  RowFormatter formatter_;
  std::FILE* out_;
  std::string buffer_;
  uint64_t records_out_ = 0;
};

}  // namespace eddy::ops
