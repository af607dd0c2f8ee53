#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "operators/connectors/csv_parser.hpp"
#include "operators/connectors/file_chunk.hpp"
#include "operators/connectors/file_source_options.hpp"
#include "runtime/core/schema.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// Reads a source file sequentially into chunks of whole records (the cheap, sequential half of
/// a file source; ChunkParser is the other half and may run on other threads).
///
/// `open()` handles the start of the file once: a UTF-8 BOM, `skip.lines`, and the CSV header
/// (matched to the schema by name). `next()` then returns chunks of about
/// `options.block_size` bytes that end on a record boundary: JSONL records end at a line break;
/// CSV records end at a line break outside quotes, tracked exactly as CsvParser reads quotes
/// (a quote opens a quoted field only at the start of a field; a quoted field ends at an
/// undoubled quote), so a chunk never splits a record, even one with embedded line breaks. A
/// record larger than the block size makes its chunk larger. Each chunk knows its first line
/// number, so bad records are reported with the same file:line as a sequential read.
class FileChunkReader {
 public:
  /// `schema` is the source's resolved schema (CSV header columns are matched to it).
  FileChunkReader(FileSourceOptions options, SchemaPtr schema);
  ~FileChunkReader();
  FileChunkReader(const FileChunkReader&) = delete;
  FileChunkReader& operator=(const FileChunkReader&) = delete;

  /// Opens the file and reads past its BOM, skipped lines and header. Fails with an I/O error
  /// naming the file, a data error for a malformed header, or a config error for a declared
  /// column missing from the header.
  [[nodiscard]] Status open();
  /// The next chunk (never empty), or nullptr at the end of the file.
  [[nodiscard]] Result<FileChunkPtr> next();
  /// CSV: the schema column of each file field, or -1 for a field the schema does not use.
  [[nodiscard]] const std::vector<int32_t>& field_to_column() const { return field_to_column_; }
  /// Bytes read from the file so far (header included).
  [[nodiscard]] uint64_t bytes_read() const { return bytes_read_; }
  [[nodiscard]] const FileSourceOptions& options() const { return options_; }

 private:
  /// Where a CSV scan stands between two bytes.
  enum class CsvState : uint8_t { kFieldStart, kUnquoted, kQuoted, kQuoteSeen, kSkipToEnd };

  /// Reads until the buffer is full or the file ends (growing a full buffer first).
  Status fill();
  /// Drops the buffer's first `n` bytes (used while reading the file's prefix).
  void consume_prefix(size_t n);
  Status skip_prefix();
  Status read_header();
  /// Scans buffer bytes [from, to) for record ends, continuing from `csv_state_`; returns the
  /// offset just past the last record end found, or 0.
  size_t scan_csv(size_t from, size_t to);

  FileSourceOptions options_;
  SchemaPtr schema_;
  std::FILE* file_ = nullptr;
  size_t chunk_size_ = 0;
  std::unique_ptr<char[]> buffer_;  // capacity_ bytes plus kJsonPadding
  size_t capacity_ = 0;
  size_t size_ = 0;  // bytes held, starting at a record boundary once open() is done
  bool eof_ = false;
  bool done_ = false;
  uint64_t line_ = 1;    // line number of buffer_[0]
  uint64_t offset_ = 0;  // file offset of buffer_[0]
  uint64_t bytes_read_ = 0;
  CsvState csv_state_ = CsvState::kFieldStart;
  std::vector<int32_t> field_to_column_;
};

}  // namespace eddy::ops
