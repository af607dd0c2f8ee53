#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace eddy::ops {

/// The characters that structure a CSV file.
struct CsvDialect {
  char delimiter = ',';
  char quote = '"';
};

/// One field of a scanned record. `text` is unescaped (doubled quotes collapsed) and stays valid
/// until the next scan or until the scanned buffer changes.
struct CsvField {
  std::string_view text;
  bool quoted = false;  ///< The field was enclosed in quotes (so "" is an empty string, not NULL).
};

/// What one call of CsvParser::scan found.
enum class CsvScanKind : uint8_t {
  kRecord,     ///< A complete record; fields() holds its fields.
  kBlank,      ///< A blank line; skip it.
  kNeedMore,   ///< The record continues past the buffer; call again with more data.
  kMalformed,  ///< A syntax error (see `error`); `consumed` skips the whole record.
};

/// The outcome of CsvParser::scan.
struct CsvScan {
  CsvScanKind kind = CsvScanKind::kNeedMore;
  size_t consumed = 0;          ///< Bytes of the buffer the record (with its line break) used.
  size_t newlines = 0;          ///< Line breaks consumed, so that callers can keep line numbers.
  std::string_view raw;         ///< The record's text without its line break, for error reports.
  const char* error = nullptr;  ///< For kMalformed: what is wrong.
};

/// Strips leading and trailing spaces and tabs (header names are matched without them).
std::string_view trim_blanks(std::string_view s);

/// Splits CSV text (RFC 4180) into records and fields, straight from a byte buffer: quoted fields
/// may hold delimiters, doubled quotes and line breaks; `\r\n` and `\n` both end a record; a final
/// record needs no line break. Allocation-free on the common path: only fields with doubled quotes
/// are copied (into a reused scratch buffer).
class CsvParser {
 public:
  explicit CsvParser(CsvDialect dialect = {});

  /// Scans the record that starts at `data[0]`. `at_eof` says no bytes follow `data[size)`, so an
  /// unterminated last record is complete rather than cut off.
  [[nodiscard]] CsvScan scan(const char* data, size_t size, bool at_eof);
  /// The fields of the last record scanned as kRecord.
  [[nodiscard]] const std::vector<CsvField>& fields() const { return fields_; }
  [[nodiscard]] const CsvDialect& dialect() const { return dialect_; }

 private:
  CsvDialect dialect_;
  std::array<bool, 256> stops_{};  // bytes that end an unquoted field: delimiter and '\n'
  std::vector<CsvField> fields_;
  struct ScratchField {
    uint32_t index;
    size_t offset;
    size_t size = 0;
  };
  std::vector<ScratchField> scratch_fields_;  // fields whose unescaped text lives in scratch_
  std::string scratch_;
};

}  // namespace eddy::ops
