#pragma once

#include <cstddef>
#include <string>

#include "runtime/core/column.hpp"

namespace eddy::ops {

/// Appends row `row` of `column` to `out` as a memcmp-comparable key segment: comparing two keys
/// built from the same column list byte-wise (as unsigned chars) orders them like ORDER BY does,
/// column by column. Ascending segments sort NULL last; `descending` inverts the segment, so NULL
/// sorts first. Equal values give equal bytes (so keys also serve as hash-map keys); -0.0 equals
/// 0.0. VARCHAR segments are self-delimiting, so multi-column keys cannot collide.
void append_sort_key(const Column& column, size_t row, bool descending, std::string& out);

}  // namespace eddy::ops
