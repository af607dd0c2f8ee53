#include "operators/expr/type_coercion.hpp"

#include <algorithm>

namespace eddy::ops {

int exact_scale(const DataType& t) {
  return t.id == TypeId::kDecimal ? t.scale : 0;
}

DataType promote_numeric(const DataType& a, const DataType& b) {
  if (a.id == TypeId::kDouble || b.id == TypeId::kDouble) {
    return DataType::float64();
  }
  if (a.id == TypeId::kDecimal || b.id == TypeId::kDecimal) {
    int scale = std::max(exact_scale(a), exact_scale(b));
    return DataType::decimal(kResultDecimalPrecision, static_cast<uint8_t>(scale));
  }
  return DataType::bigint();
}

std::optional<DataType> common_type(std::span<const DataType> types) {
  std::optional<DataType> acc;
  for (const DataType& t : types) {
    if (t.id == TypeId::kNull) {
      continue;
    }
    if (!acc) {
      acc = t;
      continue;
    }
    if (*acc == t) {
      continue;
    }
    if (acc->is_numeric() && t.is_numeric()) {
      acc = promote_numeric(*acc, t);
    } else if (acc->id == TypeId::kTimestamp && t.id == TypeId::kVarchar) {
      // Keep TIMESTAMP: ISO strings cast to it.
    } else if (acc->id == TypeId::kVarchar && t.id == TypeId::kTimestamp) {
      acc = t;
    } else {
      return std::nullopt;
    }
  }
  return acc.value_or(DataType::null());
}

bool can_cast(const DataType& from, const DataType& to) {
  if (from.id == TypeId::kNull || from == to) {
    return true;
  }
  if (to.id == TypeId::kNull) {
    return false;
  }
  const bool from_ts = from.id == TypeId::kTimestamp;
  const bool to_ts = to.id == TypeId::kTimestamp;
  if (from_ts || to_ts) {
    const DataType& other = from_ts ? to : from;
    return other.id == TypeId::kBigint || other.id == TypeId::kVarchar ||
           other.id == TypeId::kTimestamp;
  }
  return true;
}

}  // namespace eddy::ops
