#pragma once

#include <cstddef>
#include <cstdint>

#include "runtime/core/column.hpp"

namespace eddy {

/// Hashes the key made of `columns[0..num_columns)` for rows `rows[i]` (or i when `rows` is
/// null), i in [0, n), into `out[i]`.
///
/// The one key hash of the engine: hash routing picks a row's partition from it, and a
/// partition's group tables find the row's group with it, so a hash computed while routing is
/// not computed again (Batch::key_hashes). Column at a time: XXH3 over each value's bytes,
/// chained by seed from the columns before (the first from seed 0, so a single VARCHAR key
/// hashes as XXH3 of its bytes). Keys that compare equal hash equally: NULL hashes as a marker
/// whatever its payload, DOUBLE folds -0.0 into 0.0 and every NaN into one. Stable across
/// processes and machines.
void hash_key_columns(const ColumnPtr* columns, size_t num_columns, const uint32_t* rows, size_t n,
                      uint64_t* out);

}  // namespace eddy
