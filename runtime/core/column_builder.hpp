#pragma once

#include <cstdint>
#include <string_view>

#include "runtime/core/column.hpp"

namespace eddy {

/// Builds a column row by row (sources, parsers, tests). Appends are amortised O(1) and never
/// virtual; `finish()` hands the column over and leaves the builder empty for the next batch.
class ColumnBuilder {
 public:
  /// Starts an empty column of `type`, with room for `reserve` rows.
  explicit ColumnBuilder(DataType type, size_t reserve = 0);

  [[nodiscard]] const DataType& type() const { return type_; }
  [[nodiscard]] size_t size() const { return size_; }

  void append_null();
  /// Appends to a BIGINT, DECIMAL (unscaled) or TIMESTAMP column.
  void append_int(int64_t v) {
    i64_.push_back(v);
    ++size_;
  }
  /// Appends to a DOUBLE column.
  void append_double(double v) {
    f64_.push_back(v);
    ++size_;
  }
  /// Appends to a BOOLEAN column.
  void append_bool(bool v) {
    u8_.push_back(static_cast<uint8_t>(v));
    ++size_;
  }
  /// Appends to a VARCHAR column.
  void append_string(std::string_view v);
  /// Appends any value, converting numbers to this column's type (slow path). A value that cannot
  /// be converted is appended as NULL.
  void append_value(const Value& v);

  /// Returns the built column and resets the builder (same type), reserving room for as many
  /// rows and string bytes as the column just built held (up to 64K rows and 4 MiB), so a
  /// builder reused batch after batch allocates once per batch.
  [[nodiscard]] ColumnPtr finish();

 private:
  static constexpr size_t kMaxLearnedRows = size_t{1} << 16;
  static constexpr size_t kMaxLearnedChars = size_t{1} << 22;

  void mark_null_at(size_t row);

  DataType type_;
  size_t reserve_;
  size_t size_ = 0;
  PodVector<uint64_t> validity_;  // empty until the first null
  PodVector<int64_t> i64_;
  PodVector<double> f64_;
  PodVector<uint8_t> u8_;
  PodVector<uint32_t> offsets_;
  std::string chars_;
};

}  // namespace eddy
