#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/batch.hpp"

namespace eddy::ops {

/// The text format of a sink.
enum class OutputFormat : uint8_t { kJsonl, kCsv };

/// Appends `s` as a JSON string literal: quotes, backslash and control characters escaped
/// (control characters as \u00XX); other bytes, UTF-8 included, pass through.
void append_json_string(std::string& out, std::string_view s);

/// Renders batches as JSON Lines or CSV text (the output contract, sql-contract.md §5).
///
/// JSONL: one object per row, keys in schema order; BIGINT as a number, DOUBLE as the shortest
/// round-trip number (NaN and infinities as null), DECIMAL with exactly its scale's digits,
/// BOOLEAN as true/false, VARCHAR as a string, TIMESTAMP as epoch milliseconds, NULL as null.
/// CSV: a header row, then one line per row; fields holding the delimiter, a quote, CR or LF are
/// quoted with doubled quotes; NULL is an empty field and an empty string is `""`.
class RowFormatter {
 public:
  RowFormatter(SchemaPtr schema, OutputFormat format, char delimiter = ',');

  [[nodiscard]] OutputFormat format() const { return format_; }
  /// Appends the CSV header line; nothing for JSONL.
  void append_header(std::string& out) const;
  /// Appends every row of `batch` (whose columns match the schema), one line each.
  void append_rows(const Batch& batch, std::string& out) const;

 private:
  void append_csv_text(std::string& out, std::string_view s) const;

  SchemaPtr schema_;
  OutputFormat format_;
  char delimiter_;
  std::vector<std::string> json_keys_;  // `"name":` with its leading '{' or ','
};

}  // namespace eddy::ops
