#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "operators/connectors/csv_field_index.hpp"
#include "operators/connectors/csv_parser.hpp"
#include "operators/connectors/dead_letter_file.hpp"
#include "operators/connectors/file_chunk.hpp"
#include "operators/connectors/file_source_options.hpp"
#include "operators/connectors/jsonl_parser.hpp"
#include "operators/connectors/record_builder.hpp"
#include "operators/source.hpp"

namespace eddy::ops {

/// Bad-record reports kept in SourceStats::first_errors.
inline constexpr size_t kMaxErrorReports = 5;

/// Parses the records of FileChunks (from a FileChunkReader) into batches of the source schema:
/// the parsing half of a file source, usable on any thread (one parser per thread).
///
/// Bad records follow `on.error` exactly as a sequential read does: each is counted in the
/// caller's SourceStats, the first kMaxErrorReports are reported as "PATH:LINE: reason" (LINE is
/// the record's first line), and in `fail` mode parsing stops at the first one with a data
/// error, the rows before it staying in the batch under construction. Rows accumulate across
/// chunks until a batch is full, so a sequential caller gets the same batches whatever the chunk
/// size.
///
/// CSV takes two paths with the same results: runs of simple records (CsvFieldIndex) are
/// converted a column at a time (RecordBuilder::append_columns); any other record, and any bad
/// one, goes a record at a time through CsvParser and RecordBuilder::set_text, which report it.
class ChunkParser {
 public:
  /// `field_to_column` is FileChunkReader::field_to_column() (CSV); `dead_letter`, when not
  /// null, receives every bad record (on.error = 'dead_letter') and must outlive the parser.
  ChunkParser(const FileSourceOptions& options, SchemaPtr schema, size_t batch_rows,
              std::vector<int32_t> field_to_column, DeadLetterFile* dead_letter = nullptr);
  ~ChunkParser();
  ChunkParser(const ChunkParser&) = delete;
  ChunkParser& operator=(const ChunkParser&) = delete;

  /// Starts on `chunk` (the previous one must be done()). Rows of a batch still under
  /// construction stay.
  void start(FileChunkPtr chunk);
  /// True when the current chunk (if any) is parsed to its end.
  [[nodiscard]] bool done() const { return chunk_ == nullptr || begin_ == chunk_->size; }
  /// Parses records of the current chunk until the batch holds `batch_rows` rows or the chunk
  /// is done, counting into `stats`. Fails only in `fail` mode (the bad record is consumed, the
  /// rows before it kept) or when the dead-letter file cannot be written.
  [[nodiscard]] Status parse(SourceStats& stats);
  /// Rows in the batch under construction.
  [[nodiscard]] size_t num_rows() const { return builder_.num_rows(); }
  /// Hands over the batch under construction (nullptr when it has no rows).
  [[nodiscard]] BatchPtr finish_batch() { return builder_.finish(); }
  /// The watermark after the rows parsed so far (sources with event time).
  [[nodiscard]] int64_t watermark() const { return builder_.watermark(); }
  /// Forgets the event times parsed so far (call between chunks, with no rows under
  /// construction): watermark() and the rows' watermarks then cover only the rows parsed after.
  void reset_watermark() { builder_.reset_event_time(); }
  /// With on.error = 'dead_letter' and no dead-letter file: appends the entries of the bad
  /// records parsed from now on to `text` (or drops them when null), so that the caller can
  /// write them in file order (a parser of one chunk among many).
  void collect_dead_letter(std::string* text) { dead_letter_text_ = text; }

 private:
  /// The fast path: indexes the simple records ahead and appends them a column at a time, up to
  /// the first record it cannot take (see CsvFieldIndex), counting them into `stats`.
  /// Returns whether it appended any.
  bool parse_simple_csv(SourceStats& stats);
  /// Parses one CSV record already scanned into fields; false with `reason_` set when bad.
  bool build_csv_record();
  /// Applies `on.error` to a bad record: an error Status only in `fail` mode (or on DLQ I/O).
  Status on_bad_record(SourceStats& stats, uint64_t line, std::string_view raw);

  FileSourceOptions options_;
  size_t batch_rows_;
  std::vector<int32_t> field_to_column_;
  DeadLetterFile* dead_letter_;
  std::string* dead_letter_text_ = nullptr;
  FileChunkPtr chunk_;
  size_t begin_ = 0;  // first unparsed byte of the chunk
  uint64_t line_ = 1;
  CsvParser csv_;
  CsvFieldIndex csv_index_;
  size_t general_records_ = 0;  // records left to the general path before the fast one retries
  size_t general_run_ = 16;     // general records after the next miss of the fast path
                                // (kGeneralRecordsAfterMiss, doubling with each miss in a row)
  std::unique_ptr<JsonlParser> jsonl_;
  RecordBuilder builder_;
  std::string reason_;
};

}  // namespace eddy::ops
