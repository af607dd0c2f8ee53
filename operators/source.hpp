#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/batch.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

class RowFormatter;

/// Counters a source keeps about its own input. Owned and written by the source's thread only;
/// the runtime copies them into atomics for the monitor.
struct SourceStats {
  uint64_t records_in = 0;    ///< Records turned into rows.
  uint64_t parse_errors = 0;  ///< Records skipped or dead-lettered as malformed.
  uint64_t bytes_in = 0;      ///< Input bytes consumed.
  /// The first few bad-record reports ("data/t.csv:17: expected 4 fields, got 3"), for the user.
  std::vector<std::string> first_errors;
};

/// A bounded or unbounded producer of batches (file, generator, Kafka). Pull-based: the source
/// actor calls `next()` in a loop, which lets it stop reading when downstream queues are full.
///
/// Lifecycle: `open()` once, then `next()` until it returns nullptr (end of input) or an error.
class Source {
 public:
  virtual ~Source() = default;

  /// The name of the stream this source feeds (as written in the SQL app).
  [[nodiscard]] virtual const std::string& name() const = 0;
  /// The schema of every batch; known before `open()`.
  [[nodiscard]] virtual const SchemaPtr& schema() const = 0;
  /// Opens the input; fails with an I/O error naming what could not be opened.
  [[nodiscard]] virtual Status open() = 0;
  /// Returns the next batch (never empty), nullptr at end of input, or an error that stops the
  /// job (I/O failure, or a bad record with `on.error = 'fail'`).
  [[nodiscard]] virtual Result<BatchPtr> next() = 0;
  /// The source's counters so far.
  [[nodiscard]] virtual const SourceStats& stats() const = 0;
  /// The highest event time seen minus the allowed out-of-orderness, or INT64_MIN before any
  /// record with an event time; the runtime turns it into in-band watermarks.
  [[nodiscard]] virtual int64_t watermark() const { return INT64_MIN; }
  /// A one-line description for `eddy explain`.
  [[nodiscard]] virtual std::string describe() const = 0;
};

/// A consumer of result batches (file, stdout, Kafka). Driven by one sink actor.
///
/// Lifecycle: `open()` once, `write()` per batch, `close()` once at the end (flushes).
class Sink {
 public:
  virtual ~Sink() = default;

  [[nodiscard]] virtual const std::string& name() const = 0;
  /// Opens the output (creating parent directories of files as needed).
  [[nodiscard]] virtual Status open() = 0;
  /// Writes one batch.
  [[nodiscard]] virtual Status write(const Batch& batch) = 0;
  /// For sinks that write rows as text (files, stdout): how they render rows, so that batches
  /// can be rendered on other threads with a copy of it and written with write_rendered().
  /// Null for other sinks.
  [[nodiscard]] virtual const RowFormatter* row_formatter() const { return nullptr; }
  /// Writes `rows` rows rendered by a copy of row_formatter(), in the order they must appear.
  /// Only for sinks with a row_formatter().
  [[nodiscard]] virtual Status write_rendered(std::string_view text, uint64_t rows) {
    (void)text;
    (void)rows;
    return Status::internal("sink '" + name() + "' does not take rendered rows");
  }
  /// Flushes and closes the output.
  [[nodiscard]] virtual Status close() = 0;
  /// Rows written so far.
  [[nodiscard]] virtual uint64_t records_out() const = 0;
  [[nodiscard]] virtual std::string describe() const = 0;
};

}  // namespace eddy::ops
