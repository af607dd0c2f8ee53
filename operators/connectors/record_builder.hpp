#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/batch.hpp"
#include "runtime/core/column_builder.hpp"

namespace eddy::ops {

class CsvFieldIndex;

/// How an event-time field's text is read.
enum class EventTimeFormat : uint8_t {
  kAuto,          ///< An integer is epoch milliseconds, anything else ISO-8601.
  kEpochMillis,   ///< An integer: epoch milliseconds.
  kEpochSeconds,  ///< A number: epoch seconds (fractions down to milliseconds).
  kIso8601,       ///< An ISO-8601 string ("2024-01-15T10:00:00Z").
};

/// Reads an event time (epoch ms) from a field's text, or nullopt when it does not parse.
std::optional<int64_t> parse_event_time(std::string_view text, EventTimeFormat format);

/// Stages one record's values column by column, converting field text to each column's type,
/// and appends the record to the batch only once every value (and the event time) is good, so a
/// bad record never leaves half a row behind. Parsers call begin(), the set_* methods, then
/// commit(); a false return means the record is bad and `error()` says why.
class RecordBuilder {
 public:
  /// `event_time_column` is the schema column holding event time, if the source has one.
  RecordBuilder(SchemaPtr schema, size_t batch_rows, std::optional<size_t> event_time_column,
                EventTimeFormat event_time_format);

  [[nodiscard]] const SchemaPtr& schema() const { return schema_; }
  /// Rows committed to the current batch.
  [[nodiscard]] size_t num_rows() const { return num_rows_; }
  /// Why the last set_* or commit() failed.
  [[nodiscard]] const std::string& error() const { return error_; }

  /// Starts a record: every column NULL.
  void begin();
  /// Sets column `col` from text. Empty unquoted text is NULL; a quoted empty text is an empty
  /// VARCHAR (and NULL for other types). Returns false when the text is not of the column type.
  [[nodiscard]] bool set_text(size_t col, std::string_view text, bool quoted);
  /// Sets column `col` to NULL.
  void set_null(size_t col);
  /// Appends the staged record. Fails when the source has event time and the record has none.
  [[nodiscard]] bool commit();
  /// Appends the records of `index` in order, converting a column at a time (one type switch per
  /// column rather than per field), and stops before the first record that set_text()/commit()
  /// would reject, which is left to the caller to parse and report. Returns the records appended.
  /// `field_to_column` maps each of the index's fields to a column or -1; no column twice.
  [[nodiscard]] size_t append_columns(const CsvFieldIndex& index,
                                      const std::vector<int32_t>& field_to_column);
  /// Hands over the committed rows as a batch (nullptr when there are none) and starts the next.
  [[nodiscard]] BatchPtr finish();
  /// The largest event time committed so far, or INT64_MIN.
  [[nodiscard]] int64_t max_event_time() const { return max_event_time_; }
  /// The watermark lags the largest event time by this much (watermark.max_out_of_orderness).
  void set_max_out_of_orderness(int64_t ms) { max_out_of_orderness_ms_ = ms; }
  /// The watermark after the records committed so far: the largest event time minus the
  /// allowed out-of-orderness, or INT64_MIN before any record.
  [[nodiscard]] int64_t watermark() const;
  /// Forgets the event times committed so far (no rows may be under construction): the next
  /// rows' watermarks count only what follows. A parser of one chunk among many uses it to
  /// compute watermarks within its chunk; the consumer adds the chunks before (ParserStage).
  void reset_event_time() { max_event_time_ = INT64_MIN; }

 private:
  struct Slot {
    bool valid = false;
    int64_t i64 = 0;
    double f64 = 0;
    std::string_view str;
  };
  /// Per-column values of append_columns() before they are known to be good.
  struct ColumnScratch {
    std::vector<int64_t> i64;
    std::vector<double> f64;
    std::vector<uint8_t> valid;
  };
  bool fail_value(size_t col, std::string_view text);
  /// Converts the records [0, good) of field `field` into `scratch_[col]`; returns how many
  /// leading records converted (all of them, or the index of the first bad one).
  size_t convert_column(const CsvFieldIndex& index, size_t field, size_t col, size_t good);

  SchemaPtr schema_;
  size_t batch_rows_;
  std::optional<size_t> event_time_column_;
  EventTimeFormat event_time_format_;
  std::vector<ColumnBuilder> builders_;
  std::vector<Slot> slots_;
  ColumnBuilder event_times_{DataType::timestamp()};
  ColumnBuilder row_watermarks_{DataType::timestamp()};
  int64_t max_out_of_orderness_ms_ = 0;
  std::optional<int64_t> record_event_time_;
  int64_t max_event_time_ = INT64_MIN;
  size_t num_rows_ = 0;
  std::string error_;
  std::vector<ColumnScratch> scratch_;
  std::vector<int64_t> scratch_event_times_;
  std::vector<int32_t> column_field_;  // append_columns(): each column's field, or -1
};

}  // namespace eddy::ops
