#pragma once

#include <cstdint>
#include <functional>
#include <span>

#include "runtime/core/column.hpp"
#include "runtime/core/status.hpp"
#include "runtime/core/value.hpp"

namespace eddy::ops {

/// One kernel argument: a column of the batch's row count, or a constant that stands for every
/// row (so literals are not materialised as full columns).
struct Datum {
  ColumnPtr column;  ///< Set for a column; nullptr for a constant.
  Value scalar;      ///< The constant when `column` is nullptr.

  [[nodiscard]] bool is_scalar() const { return column == nullptr; }
  /// True for a constant NULL (which makes every row of a null-propagating result NULL).
  [[nodiscard]] bool is_null_scalar() const { return column == nullptr && scalar.is_null(); }
};

/// What a kernel knows about the batch it runs over.
struct KernelContext {
  size_t num_rows = 0;  ///< Rows to produce.
  int64_t now_ms = 0;   ///< Processing time for NOW(), read once per batch.
};

/// A compiled function body: computes `num_rows` results from its arguments, a column at a time.
/// The result column has the call's result type. Errors are internal only: bad data gives NULLs.
using Kernel = std::function<Result<ColumnPtr>(std::span<const Datum> args, const KernelContext&)>;

}  // namespace eddy::ops
