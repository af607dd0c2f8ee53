#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>

#include "operators/aggregate/aggregate_spec.hpp"
#include "runtime/core/column.hpp"
#include "runtime/core/column_builder.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// The per-group state of one aggregate function, for groups identified by dense ids.
///
/// Every call works on many rows or groups at once, so the virtual dispatch is paid once per
/// batch, never per row; the implementations run tight loops over (group id, value) arrays.
/// NULL arguments are ignored (COUNT(*) counts every row). State grows with the number of groups;
/// MEDIAN and PERCENTILE_* also keep every non-NULL value of a group, COUNT_DISTINCT every
/// distinct one, STRING_AGG the joined text.
class Accumulator {
 public:
  virtual ~Accumulator() = default;

  /// Makes room for groups [0, num_groups); groups that did not exist start empty. Never shrinks.
  virtual void resize(size_t num_groups) = 0;
  /// Folds rows into their groups: for i in [0, n), row `rows ? rows[i] : i` of `arg` goes to
  /// group `group_ids[i]` (which must be < the resized size). `arg` is ignored by COUNT(*) and
  /// may be nullptr there. Fails with a data error when SUM overflows BIGINT.
  [[nodiscard]] virtual Status update(const uint32_t* group_ids, const uint32_t* rows, size_t n,
                                      const Column* arg) = 0;
  /// Folds group `src` into group `dst`, as if src's rows had arrived after dst's, and leaves
  /// `src` empty (session windows merge this way).
  virtual void merge(uint32_t dst, uint32_t src) = 0;
  /// Returns group `group` to the empty state and releases the memory it holds.
  virtual void reset(uint32_t group) = 0;
  /// Drops every group but keeps the memory of the per-group arrays for reuse: afterwards the
  /// accumulator is as if newly made, and resize(k) makes k empty groups.
  virtual void clear() = 0;
  /// Appends the current result of groups ids[0..n) to `out` (of the result type). Fails with a
  /// data error when a result does not fit its type (DECIMAL SUM beyond 18 digits).
  [[nodiscard]] virtual Status finalize(const uint32_t* group_ids, size_t n,
                                        ColumnBuilder& out) = 0;
};

/// Makes the accumulator for `spec`, specialised for its argument type; fails (internal error)
/// for a kind/type pair that make_aggregate would have rejected.
Result<std::unique_ptr<Accumulator>> make_accumulator(const AggregateSpec& spec);

}  // namespace eddy::ops
