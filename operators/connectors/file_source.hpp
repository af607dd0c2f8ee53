#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operators/connectors/csv_parser.hpp"
#include "operators/connectors/dead_letter_file.hpp"
#include "operators/connectors/file_source_options.hpp"
#include "operators/connectors/jsonl_parser.hpp"
#include "operators/connectors/record_builder.hpp"
#include "operators/source.hpp"

namespace eddy::ops {

/// Bad-record reports kept in SourceStats::first_errors.
inline constexpr size_t kMaxErrorReports = 5;

/// Reads a CSV or JSONL file into batches (`type = 'file_source'`).
///
/// The file is read in large blocks and parsed straight from the buffer; a record that straddles
/// two blocks is completed after the next read. CSV columns are matched to the schema by header
/// name (extra file columns are ignored) or, without a header, by position. Bad records follow
/// `on.error` and are reported as "PATH:LINE: reason", LINE being the record's first line. With
/// `event.time.field`, every batch carries an event_time column and watermark() follows the
/// largest event time read.
class FileSource final : public Source {
 public:
  /// `schema` is the resolved schema (declared or inferred); `batch_rows` is the batch size
  /// unless the options set one.
  FileSource(FileSourceOptions options, SchemaPtr schema, size_t batch_rows);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;

  [[nodiscard]] const std::string& name() const override { return options_.name; }
  [[nodiscard]] const SchemaPtr& schema() const override { return schema_; }
  [[nodiscard]] Status open() override;
  [[nodiscard]] Result<BatchPtr> next() override;
  [[nodiscard]] const SourceStats& stats() const override { return stats_; }
  [[nodiscard]] int64_t watermark() const override;
  [[nodiscard]] std::string describe() const override;

 private:
  Status fill();
  Status skip_prefix();
  Status read_header();
  /// Applies `on.error` to a bad record: an error Status only in `fail` mode (or on DLQ I/O).
  Status on_bad_record(uint64_t line, std::string_view reason, std::string_view raw);
  Status close_dead_letter();
  /// Parses one CSV record already scanned into fields; false with `reason_` set when bad.
  bool build_csv_record();

  FileSourceOptions options_;
  SchemaPtr schema_;
  size_t batch_rows_;
  std::FILE* file_ = nullptr;
  std::unique_ptr<DeadLetterFile> dlq_;
  std::unique_ptr<char[]> buffer_;
  size_t capacity_ = 0;  // readable bytes of buffer_, excluding the JSON padding after them
  size_t begin_ = 0;     // first unparsed byte
  size_t end_ = 0;       // end of the bytes read
  bool eof_ = false;
  bool done_ = false;
  uint64_t line_ = 1;
  CsvParser csv_;
  std::unique_ptr<JsonlParser> jsonl_;
  RecordBuilder builder_;
  std::vector<int32_t> field_to_column_;  // CSV: schema column of each file field, or -1
  std::string reason_;
  std::optional<Status> pending_error_;  // reported by the call after the batch it follows
  SourceStats stats_;
};

}  // namespace eddy::ops
