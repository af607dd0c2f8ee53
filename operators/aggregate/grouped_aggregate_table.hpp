#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "operators/aggregate/accumulator.hpp"
#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/aggregate/group_table.hpp"
#include "runtime/core/batch.hpp"
#include "runtime/core/column_builder.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// The state of one GROUP BY: a GroupTable (keys → dense group ids) plus one Accumulator per
/// aggregate. HashAggregate owns one; window operators own one per open window.
class GroupedAggregateTable {
 public:
  /// Makes an empty table; fails (internal error) when an aggregate has no accumulator.
  static Result<std::unique_ptr<GroupedAggregateTable>> make(
      std::vector<DataType> key_types, const std::vector<AggregateSpec>& aggregates);

  /// Maps rows to groups and folds them into every accumulator: for i in [0, n), row
  /// `rows ? rows[i] : i` of `keys` and `args` (one column per aggregate; nullptr for COUNT(*)).
  /// `row_hashes`: the keys' hashes by row when known (GroupTable::map). Returns the n group
  /// ids, valid until the next call.
  [[nodiscard]] Result<const uint32_t*> update(const std::vector<ColumnPtr>& keys,
                                               const std::vector<ColumnPtr>& args,
                                               const uint32_t* rows, size_t n,
                                               const uint64_t* row_hashes = nullptr);

  /// Creates the single group of a table without keys, if absent (a global aggregate over no
  /// rows still has one result row: COUNT(*) = 0).
  void ensure_global_group();

  /// Appends the rows of groups ids[0..n): key values to out[0..num_keys) and aggregate results to
  /// out[aggregate_offset..). Fails with a data error when a result overflows its type.
  [[nodiscard]] Status append_rows(const uint32_t* ids, size_t n, std::vector<ColumnBuilder>& out,
                                   size_t aggregate_offset);

  /// The number of groups.
  [[nodiscard]] size_t num_groups() const { return groups_.num_groups(); }
  /// The number of hash slots of the group table (what recycle() costs).
  [[nodiscard]] size_t num_slots() const { return groups_.num_slots(); }

  /// Drops every group but keeps the memory for the next use, which then behaves exactly as a
  /// newly made table.
  void recycle();

 private:
  GroupedAggregateTable(GroupTable groups, std::vector<std::unique_ptr<Accumulator>> accumulators)
      : groups_(std::move(groups)), accumulators_(std::move(accumulators)) {}

  GroupTable groups_;
  std::vector<std::unique_ptr<Accumulator>> accumulators_;
};

/// Makes one empty builder per field of `schema`, each with room for `reserve` rows.
std::vector<ColumnBuilder> make_builders(const Schema& schema, size_t reserve = 0);

/// Turns the builders into a batch of `schema` (their common size), leaving them empty; returns
/// nullptr when they hold no rows.
BatchPtr finish_batch(const SchemaPtr& schema, std::vector<ColumnBuilder>& builders);

}  // namespace eddy::ops
