#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operators/connectors/csv_parser.hpp"
#include "operators/connectors/file_source_options.hpp"
#include "operators/connectors/jsonl_parser.hpp"
#include "runtime/core/schema.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// Records read for schema inference, at most.
inline constexpr size_t kInferenceRows = 1000;
/// Bytes read from the start of a file for schema inference, at most.
inline constexpr size_t kInferenceBytes = size_t{1} << 20;

/// Collects the evidence for one column's type from sample values: integers → BIGINT, numbers
/// with a '.' or exponent → DOUBLE (also when mixed with integers), true/false → BOOLEAN, anything
/// else (or a mix with text) → VARCHAR. Empty values do not vote; no votes at all → VARCHAR.
class TypeVote {
 public:
  /// Votes with a CSV field's text.
  void add_text(std::string_view text);
  /// Votes with a JSON value: JSON strings are VARCHAR even when they look numeric.
  void add_json(JsonKind kind, std::string_view text);
  /// The type the votes so far decide on.
  [[nodiscard]] DataType result() const;

 private:
  bool integer_ = false;
  bool fractional_ = false;
  bool boolean_ = false;
  bool text_ = false;
};

/// The start of a file, after a UTF-8 byte-order mark and `skip.lines` lines.
struct FileSample {
  std::string text;
  bool at_eof = false;  ///< The sample holds the whole rest of the file.
};

/// Reads up to `max_bytes` from the start of the source's file. Fails with an I/O error
/// ("cannot open source 'trades' file 'data/t.csv': No such file or directory").
Result<FileSample> read_file_sample(const FileSourceOptions& options, size_t max_bytes);

/// Infers a CSV schema from a sample: column names from the header (or column_1, column_2...),
/// types from up to kInferenceRows records. Fails when the header record is cut off or malformed.
Result<SchemaPtr> infer_csv_schema(std::string_view sample, bool at_eof, const CsvDialect& dialect,
                                   bool has_header);
/// Infers a JSONL schema from a sample: the union of the keys in first-seen order. Lines that are
/// not JSON objects are skipped here (reading them later reports them).
SchemaPtr infer_jsonl_schema(std::string_view sample, bool at_eof);
/// Reads the sample of the source's file and infers its schema. An empty file is a config error
/// that asks for a declared schema.
Result<SchemaPtr> infer_file_schema(const FileSourceOptions& options);
/// Why schema inference made a column VARCHAR: its first value in the sample that is neither a
/// number nor a boolean (or, in JSON lines, is a string), where it is, and the type the column's
/// other values would have given it (VARCHAR when they are text too, or when there are none).
struct VarcharEvidence {
  std::string value;         ///< As read, without quotes.
  uint64_t line = 0;         ///< 1-based line of the file.
  bool json_string = false;  ///< A JSON string value (VARCHAR even when it looks numeric).
  DataType others = DataType::varchar();
  /// The sample holds no value of the column at all (a header-only file, all empty fields):
  /// then `value` is empty and `line` 0.
  bool no_values = false;
};

/// Explains why `column` of the source's inferred schema is VARCHAR, from the same sample the
/// inference read. Nothing when the column is not in the sample, or its values are numbers or
/// booleans only (a mix of both).
std::optional<VarcharEvidence> explain_varchar_column(const FileSourceOptions& options,
                                                      std::string_view column);

/// Reads the header record of a CSV source's file (names as written); empty for an empty file.
Result<std::vector<std::string>> read_csv_header(const FileSourceOptions& options);

}  // namespace eddy::ops
