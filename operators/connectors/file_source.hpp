#pragma once

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "operators/connectors/chunk_parser.hpp"
#include "operators/connectors/dead_letter_file.hpp"
#include "operators/connectors/file_chunk_reader.hpp"
#include "operators/connectors/file_source_options.hpp"
#include "operators/source.hpp"

namespace eddy::ops {

/// Reads a CSV or JSONL file into batches (`type = 'file_source'`).
///
/// A FileChunkReader reads the file in chunks of whole records and a ChunkParser parses them
/// straight from the chunk, one after the other; the runtime may instead take the chunks itself
/// (next_chunk()) and parse them on several threads with parsers from make_chunk_parser(). CSV
/// columns are matched to the schema by header name (extra file columns are ignored) or,
/// without a header, by position. Bad records follow `on.error` and are reported as
/// "PATH:LINE: reason", LINE being the record's first line. With `event.time.field`, every batch
/// carries an event_time column and watermark() follows the largest event time read.
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

  /// True when the source assigns event time (`event.time.field`). Chunks parsed on other
  /// threads then carry watermarks within the chunk only: the consumer must add the chunks
  /// before it, in file order (ParserStage does).
  [[nodiscard]] bool has_event_time() const { return !options_.event_time_field.empty(); }
  /// Instead of next(): the next chunk of raw records, or nullptr at the end of the file.
  /// stats().bytes_in counts the bytes read; the parsers count records and errors.
  [[nodiscard]] Result<FileChunkPtr> next_chunk();
  /// A parser for chunks from next_chunk() (after open()), for one thread's exclusive use. With
  /// on.error = 'dead_letter' it writes no dead-letter file: the caller collects each chunk's
  /// entries (ChunkParser::collect_dead_letter) and appends them to dead_letter() in file order.
  [[nodiscard]] std::unique_ptr<ChunkParser> make_chunk_parser() const;
  /// The dead-letter file (on.error = 'dead_letter', after open()), or null. Parsing in
  /// parallel, one consumer appends every chunk's entries to it in chunk order.
  [[nodiscard]] DeadLetterFile* dead_letter() const { return dlq_.get(); }
  [[nodiscard]] const FileSourceOptions& options() const { return options_; }

 private:
  Status close_dead_letter();

  FileSourceOptions options_;
  SchemaPtr schema_;
  size_t batch_rows_;
  std::unique_ptr<DeadLetterFile> dlq_;
  FileChunkReader reader_;
  std::unique_ptr<ChunkParser> parser_;
  bool done_ = false;
  std::optional<Status> pending_error_;  // reported by the call after the batch it follows
  SourceStats stats_;
};

}  // namespace eddy::ops
