#pragma once

#include <cstdint>
#include <string>

#include "runtime/core/data_type.hpp"

namespace eddy {

/// One typed SQL value, for slow paths only: literals, constants, tests and diagnostics. Hot paths
/// work on columns.
class Value {
 public:
  /// Makes a NULL of type NULL.
  Value() = default;

  static Value null(DataType type = DataType::null());
  static Value boolean(bool v);
  static Value bigint(int64_t v);
  static Value float64(double v);
  /// Makes a DECIMAL from its unscaled integer (value × 10^scale).
  static Value decimal(int64_t unscaled, uint8_t precision, uint8_t scale);
  static Value varchar(std::string v);
  /// Makes a TIMESTAMP from epoch milliseconds.
  static Value timestamp(int64_t epoch_ms);

  [[nodiscard]] const DataType& type() const { return type_; }
  [[nodiscard]] bool is_null() const { return null_; }
  /// The int64 payload of BIGINT, DECIMAL (unscaled) and TIMESTAMP values.
  [[nodiscard]] int64_t int64() const { return i64_; }
  [[nodiscard]] double float64() const { return f64_; }
  [[nodiscard]] bool boolean() const { return i64_ != 0; }
  [[nodiscard]] const std::string& str() const { return str_; }
  /// Converts any numeric value to double (DECIMAL is divided by 10^scale).
  [[nodiscard]] double to_double() const;

  /// Renders the value as SQL output shows it: DECIMAL with exactly `scale` digits, TIMESTAMP as
  /// ISO-8601 UTC, NULL as "NULL", strings unquoted.
  [[nodiscard]] std::string to_string() const;

  /// Equal when both type and payload are equal (two NULLs of one type are equal here).
  friend bool operator==(const Value& a, const Value& b);

 private:
  DataType type_ = DataType::null();
  bool null_ = true;
  int64_t i64_ = 0;
  double f64_ = 0;
  std::string str_;
};

}  // namespace eddy
