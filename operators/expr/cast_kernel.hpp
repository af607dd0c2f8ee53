#pragma once

#include "operators/expr/datum.hpp"
#include "runtime/core/data_type.hpp"

namespace eddy::ops {

/// Converts `num_rows` rows of `in` (of type `from`) to type `to`. Conversions that fail for a
/// row give NULL for that row, never an error:
/// - VARCHAR to BIGINT/DOUBLE/DECIMAL/BOOLEAN/TIMESTAMP parses (surrounding spaces ignored;
///   BOOLEAN accepts true/false/t/f/yes/no/1/0; TIMESTAMP is ISO-8601 via parse_timestamp).
/// - DOUBLE/DECIMAL to BIGINT rounds half away from zero; out of range is NULL.
/// - to DECIMAL(p,s) rounds half away from zero to s digits; more than p digits is NULL.
/// - to VARCHAR formats as output does (DECIMAL with its scale, TIMESTAMP as ISO-8601 UTC,
///   BOOLEAN as true/false, DOUBLE as shortest round-trip text with ".0" on integers).
/// - BIGINT to/from TIMESTAMP reinterprets epoch milliseconds; numbers to BOOLEAN are `<> 0`.
/// Returns `in`'s column itself when `from == to`.
ColumnPtr cast_datum(const Datum& in, const DataType& from, const DataType& to, size_t num_rows);

/// Converts one value (slow path: constant folding, literal coercion).
Value cast_value(const Value& v, const DataType& to);

/// Makes the kernel of CAST(x AS to) for x of type `from`.
Kernel make_cast_kernel(const DataType& from, const DataType& to);

}  // namespace eddy::ops
