#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "runtime/core/data_type.hpp"
#include "runtime/core/pod_vector.hpp"
#include "runtime/core/value.hpp"

namespace eddy {

/// One column of a batch: `size()` values of one type plus a validity bitmap.
///
/// Storage by type: BIGINT/DECIMAL/TIMESTAMP in `i64()`, DOUBLE in `f64()`, BOOLEAN as one byte
/// (0 or 1) per row in `u8()`, VARCHAR as `size()+1` offsets into `chars()`. The validity bitmap
/// has bit i set when row i is valid; a column without nulls has no bitmap (`validity()` is
/// nullptr), so the common case costs nothing. The payload of a null row is unspecified but
/// readable (kernels may compute over it and mask the result).
///
/// A Column is mutable while its producer fills it (kernels write through the `mutable_*`
/// accessors after `resize`) and immutable once shared as ColumnPtr.
class Column {
 public:
  /// Makes an empty column of `type`.
  explicit Column(DataType type) : type_(type) {}

  /// Makes a column of `size` rows, all valid, with uninitialised fixed-width payload (VARCHAR
  /// columns get all-empty strings).
  static std::shared_ptr<Column> make(DataType type, size_t size);
  /// Makes a column of `size` rows that are all NULL.
  static std::shared_ptr<Column> make_null(DataType type, size_t size);
  /// Makes a column of `size` copies of `value` (converted to `type` storage; a NULL value gives
  /// an all-NULL column).
  static std::shared_ptr<Column> make_constant(const Value& value, size_t size);

  [[nodiscard]] const DataType& type() const { return type_; }
  [[nodiscard]] size_t size() const { return size_; }

  // -- validity --------------------------------------------------------------------------------

  [[nodiscard]] size_t null_count() const { return null_count_; }
  [[nodiscard]] bool has_nulls() const { return null_count_ > 0; }
  /// The validity bitmap words (bit i of word i/64 = row i valid), or nullptr when no row is null.
  [[nodiscard]] const uint64_t* validity() const {
    return null_count_ > 0 ? validity_.data() : nullptr;
  }
  [[nodiscard]] bool is_null(size_t i) const {
    return null_count_ > 0 && ((validity_[i >> 6] >> (i & 63)) & 1) == 0;
  }
  [[nodiscard]] bool is_valid(size_t i) const { return !is_null(i); }
  /// Marks row i NULL (allocates the bitmap on first use).
  void set_null(size_t i);
  /// Replaces the validity bitmap with `words` (bit set = valid), recounting nulls. An empty
  /// vector means all rows valid.
  void set_validity(PodVector<uint64_t> words);
  /// Number of uint64 words a bitmap for `rows` rows needs.
  static size_t validity_words(size_t rows) { return (rows + 63) / 64; }

  // -- fixed-width payload ---------------------------------------------------------------------

  [[nodiscard]] const int64_t* i64() const { return i64_.data(); }
  [[nodiscard]] int64_t* mutable_i64() { return i64_.data(); }
  [[nodiscard]] const double* f64() const { return f64_.data(); }
  [[nodiscard]] double* mutable_f64() { return f64_.data(); }
  [[nodiscard]] const uint8_t* u8() const { return u8_.data(); }
  [[nodiscard]] uint8_t* mutable_u8() { return u8_.data(); }

  // -- VARCHAR payload -------------------------------------------------------------------------

  [[nodiscard]] std::string_view str(size_t i) const {
    return {chars_.data() + offsets_[i], static_cast<size_t>(offsets_[i + 1] - offsets_[i])};
  }
  [[nodiscard]] const uint32_t* offsets() const { return offsets_.data(); }
  [[nodiscard]] const char* chars() const { return chars_.data(); }
  [[nodiscard]] size_t chars_size() const { return chars_.size(); }
  /// Appends one string row (VARCHAR only), valid.
  void append_str(std::string_view s);
  /// Reserves room for `rows` more rows and `bytes` more characters (VARCHAR only).
  void reserve_str(size_t rows, size_t bytes);

  /// Reads row i as a Value (slow path: tests, diagnostics, constant folding).
  [[nodiscard]] Value value(size_t i) const;

  /// Returns a new column holding the rows whose `keep` byte is non-zero, in order.
  [[nodiscard]] std::shared_ptr<Column> filter(const uint8_t* keep, size_t kept) const;
  /// Returns a new column with rows `indices[0..n)`, in that order.
  [[nodiscard]] std::shared_ptr<Column> take(const uint32_t* indices, size_t n) const;
  /// Returns a new column with rows [offset, offset+length).
  [[nodiscard]] std::shared_ptr<Column> slice(size_t offset, size_t length) const;

 private:
  friend class ColumnBuilder;
  void resize_fixed(size_t size);

  DataType type_;
  size_t size_ = 0;
  size_t null_count_ = 0;
  PodVector<uint64_t> validity_;
  PodVector<int64_t> i64_;
  PodVector<double> f64_;
  PodVector<uint8_t> u8_;
  PodVector<uint32_t> offsets_{0};
  std::string chars_;
};

using ColumnPtr = std::shared_ptr<const Column>;
using MutableColumnPtr = std::shared_ptr<Column>;

}  // namespace eddy
