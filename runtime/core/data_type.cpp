#include "runtime/core/data_type.hpp"

#include <algorithm>
#include <cctype>

namespace eddy {

std::string DataType::to_string() const {
  switch (id) {
    case TypeId::kNull:
      return "NULL";
    case TypeId::kBoolean:
      return "BOOLEAN";
    case TypeId::kBigint:
      return "BIGINT";
    case TypeId::kDouble:
      return "DOUBLE";
    case TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(precision) + "," + std::to_string(scale) + ")";
    case TypeId::kVarchar:
      return "VARCHAR";
    case TypeId::kTimestamp:
      return "TIMESTAMP";
  }
  return "?";
}

std::optional<DataType> parse_type_name(std::string_view name, std::optional<int> precision,
                                        std::optional<int> scale) {
  std::string upper(name);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper == "DECIMAL" || upper == "NUMERIC") {
    int p = precision.value_or(DataType::kMaxDecimalPrecision);
    int s = scale.value_or(precision ? 0 : 4);
    if (p < 1 || p > DataType::kMaxDecimalPrecision || s < 0 || s > p) {
      return std::nullopt;
    }
    return DataType::decimal(static_cast<uint8_t>(p), static_cast<uint8_t>(s));
  }
  if (precision || scale) {
    // Only VARCHAR(n) takes (and ignores) a length.
    if (upper == "VARCHAR" && !scale) {
      return DataType::varchar();
    }
    return std::nullopt;
  }
  if (upper == "BIGINT" || upper == "INT" || upper == "INTEGER" || upper == "SMALLINT" ||
      upper == "TINYINT") {
    return DataType::bigint();
  }
  if (upper == "DOUBLE" || upper == "FLOAT" || upper == "REAL") {
    return DataType::float64();
  }
  if (upper == "VARCHAR" || upper == "STRING" || upper == "TEXT") {
    return DataType::varchar();
  }
  if (upper == "BOOLEAN" || upper == "BOOL") {
    return DataType::boolean();
  }
  if (upper == "TIMESTAMP" || upper == "DATETIME") {
    return DataType::timestamp();
  }
  return std::nullopt;
}

}  // namespace eddy
