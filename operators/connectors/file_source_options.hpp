#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "operators/connectors/csv_parser.hpp"
#include "operators/connectors/record_builder.hpp"
#include "runtime/core/properties.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// The record format of a file source.
enum class FileFormat : uint8_t { kCsv, kJsonl };

/// What a source does with a bad record (`on.error`).
enum class OnError : uint8_t {
  kLogAndContinue,  ///< Skip and count it; keep the first few reports.
  kFail,            ///< Stop the job with a data error.
  kDeadLetter,      ///< Skip and count it, and append it with its reason to `dlq.path`.
};

/// The validated configuration of a `file_source` (its WITH properties, typed).
struct FileSourceOptions {
  std::string name;  ///< The stream's name in the SQL app.
  std::string path;
  FileFormat format = FileFormat::kCsv;
  bool header = true;  ///< CSV only: the first record names the columns.
  CsvDialect dialect;
  std::string event_time_field;  ///< Empty: the source assigns no event time.
  EventTimeFormat event_time_format = EventTimeFormat::kAuto;
  int64_t max_out_of_orderness_ms = 0;
  OnError on_error = OnError::kLogAndContinue;
  std::string dlq_path;
  std::optional<size_t> batch_rows;  ///< From `batch.size`; overrides the runtime's default.
  size_t skip_lines = 0;             ///< Lines to skip at the start of the file.
  /// Bytes per chunk of records read (`chunk.size`): the unit of I/O and of parallel parsing;
  /// small values help tests.
  size_t block_size = size_t{256} << 10;

  /// Parses and checks a source's properties (keys without the `name.` prefix; `type` is
  /// accepted but checked by the caller). Errors name the key, point at it and list the allowed
  /// values.
  static Result<FileSourceOptions> from_properties(const std::string& name,
                                                   const Properties& props);
  /// The format as written in SQL: "csv", "csv_no_header" or "jsonl".
  [[nodiscard]] std::string format_name() const;
};

}  // namespace eddy::ops
