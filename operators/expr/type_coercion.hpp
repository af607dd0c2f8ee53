#pragma once

#include <optional>
#include <span>

#include "runtime/core/data_type.hpp"

namespace eddy::ops {

/// The DECIMAL precision every computed DECIMAL result gets (the widest that fits int64).
inline constexpr uint8_t kResultDecimalPrecision = DataType::kMaxDecimalPrecision;

/// The scale of a type taking part in exact arithmetic: a DECIMAL's scale, 0 for BIGINT.
int exact_scale(const DataType& t);

/// The type two numeric types promote to: DOUBLE if either is DOUBLE, else DECIMAL(18, max scale)
/// if either is DECIMAL, else BIGINT. Both must be numeric.
DataType promote_numeric(const DataType& a, const DataType& b);

/// The common type of a list of types (CASE branches, COALESCE, IN, LEAST): NULLs are ignored,
/// numerics promote (promote_numeric), TIMESTAMP absorbs VARCHAR (ISO strings), and otherwise all
/// types must be equal. Returns nullopt when there is none; NULL when every type is NULL.
std::optional<DataType> common_type(std::span<const DataType> types);

/// True when CAST(from AS to) exists. NULL casts to anything; BOOLEAN and TIMESTAMP do not
/// convert to each other, nor TIMESTAMP to/from DOUBLE or DECIMAL.
bool can_cast(const DataType& from, const DataType& to);

}  // namespace eddy::ops
