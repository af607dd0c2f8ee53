#include "runtime/core/value.hpp"

#include <cstdio>

#include "runtime/core/decimal.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy {

Value Value::null(DataType type) {
  Value v;
  v.type_ = type;
  return v;
}

Value Value::boolean(bool b) {
  Value v;
  v.type_ = DataType::boolean();
  v.null_ = false;
  v.i64_ = b ? 1 : 0;
  return v;
}

Value Value::bigint(int64_t i) {
  Value v;
  v.type_ = DataType::bigint();
  v.null_ = false;
  v.i64_ = i;
  return v;
}

Value Value::float64(double d) {
  Value v;
  v.type_ = DataType::float64();
  v.null_ = false;
  v.f64_ = d;
  return v;
}

Value Value::decimal(int64_t unscaled, uint8_t precision, uint8_t scale) {
  Value v;
  v.type_ = DataType::decimal(precision, scale);
  v.null_ = false;
  v.i64_ = unscaled;
  return v;
}

Value Value::varchar(std::string s) {
  Value v;
  v.type_ = DataType::varchar();
  v.null_ = false;
  v.str_ = std::move(s);
  return v;
}

Value Value::timestamp(int64_t epoch_ms) {
  Value v;
  v.type_ = DataType::timestamp();
  v.null_ = false;
  v.i64_ = epoch_ms;
  return v;
}

double Value::to_double() const {
  switch (type_.id) {
    case TypeId::kDouble:
      return f64_;
    case TypeId::kDecimal:
      return decimal_to_double(i64_, type_.scale);
    default:
      return static_cast<double>(i64_);
  }
}

std::string Value::to_string() const {
  if (null_) {
    return "NULL";
  }
  switch (type_.id) {
    case TypeId::kNull:
      return "NULL";
    case TypeId::kBoolean:
      return i64_ ? "true" : "false";
    case TypeId::kBigint:
      return std::to_string(i64_);
    case TypeId::kDouble:
      return format_double(f64_);
    case TypeId::kDecimal:
      return format_decimal(i64_, type_.scale);
    case TypeId::kVarchar:
      return str_;
    case TypeId::kTimestamp:
      return format_timestamp(i64_);
  }
  return "?";
}

bool operator==(const Value& a, const Value& b) {
  if (a.type_ != b.type_ || a.null_ != b.null_) {
    return false;
  }
  if (a.null_) {
    return true;
  }
  switch (a.type_.id) {
    case TypeId::kDouble:
      return a.f64_ == b.f64_;
    case TypeId::kVarchar:
      return a.str_ == b.str_;
    default:
      return a.i64_ == b.i64_;
  }
}

}  // namespace eddy
