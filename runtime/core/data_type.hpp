#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace eddy {

/// The logical SQL types. Physical storage: BIGINT, DECIMAL and TIMESTAMP are int64 (DECIMAL is
/// the value times 10^scale, TIMESTAMP is epoch milliseconds); DOUBLE is double; BOOLEAN is one
/// byte per row; VARCHAR is offsets plus bytes; NULL (the type of a bare NULL literal) stores
/// nothing.
enum class TypeId : uint8_t { kNull, kBoolean, kBigint, kDouble, kDecimal, kVarchar, kTimestamp };

/// A SQL type: its id plus, for DECIMAL, precision and scale.
struct DataType {
  TypeId id = TypeId::kNull;
  uint8_t precision = 0;  ///< DECIMAL only: total digits, 1..18.
  uint8_t scale = 0;      ///< DECIMAL only: digits after the point, 0..precision.

  static constexpr DataType null() { return {TypeId::kNull, 0, 0}; }
  static constexpr DataType boolean() { return {TypeId::kBoolean, 0, 0}; }
  static constexpr DataType bigint() { return {TypeId::kBigint, 0, 0}; }
  static constexpr DataType float64() { return {TypeId::kDouble, 0, 0}; }
  static constexpr DataType decimal(uint8_t precision, uint8_t scale) {
    return {TypeId::kDecimal, precision, scale};
  }
  static constexpr DataType varchar() { return {TypeId::kVarchar, 0, 0}; }
  static constexpr DataType timestamp() { return {TypeId::kTimestamp, 0, 0}; }

  /// The largest precision a DECIMAL can have while fitting a 64-bit integer.
  static constexpr uint8_t kMaxDecimalPrecision = 18;

  /// True for types stored as int64 (BIGINT, DECIMAL, TIMESTAMP).
  [[nodiscard]] constexpr bool is_int64_backed() const {
    return id == TypeId::kBigint || id == TypeId::kDecimal || id == TypeId::kTimestamp;
  }
  /// True for BIGINT, DOUBLE and DECIMAL.
  [[nodiscard]] constexpr bool is_numeric() const {
    return id == TypeId::kBigint || id == TypeId::kDouble || id == TypeId::kDecimal;
  }
  /// Renders the SQL spelling: BIGINT, DOUBLE, DECIMAL(18,4), VARCHAR, ...
  [[nodiscard]] std::string to_string() const;

  friend constexpr bool operator==(const DataType&, const DataType&) = default;
};

/// Parses a SQL type name as written in DDL and CAST (INT, INTEGER, BIGINT, FLOAT, DOUBLE, REAL,
/// DECIMAL, NUMERIC, STRING, VARCHAR, TEXT, BOOLEAN, BOOL, TIMESTAMP, DATETIME), case-insensitive.
/// DECIMAL without arguments means DECIMAL(18,4). Returns nullopt for an unknown name.
std::optional<DataType> parse_type_name(std::string_view name, std::optional<int> precision = {},
                                        std::optional<int> scale = {});

}  // namespace eddy
