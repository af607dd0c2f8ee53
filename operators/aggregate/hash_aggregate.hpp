#pragma once

#include <memory>
#include <string>
#include <vector>

#include "operators/aggregate/aggregate_inputs.hpp"
#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/aggregate/grouped_aggregate_table.hpp"
#include "operators/operator.hpp"

namespace eddy::ops {

/// GROUP BY without a window: incremental hash aggregation.
///
/// Input: any batches of `spec.input_schema`. Each batch is evaluated once (keys and arguments a
/// column at a time), mapped to dense group ids in one pass, and folded into per-group
/// accumulators; no input row is kept (except the values MEDIAN/PERCENTILE need).
/// Emission:
/// - EMIT CHANGES: after each input batch, one row per group the batch changed, with its current
///   values, in the order the batch first touched them. The last row of a key always equals the
///   aggregate over all its input so far.
/// - EMIT FINAL: nothing until `finish`, then one row per group in first-seen order (a global
///   aggregate without keys emits its one row even for an empty input).
/// Output rows have the key columns, then the aggregates, and no event time. Watermarks pass
/// through unchanged. State: one entry per distinct key, never evicted.
class HashAggregate final : public Operator {
 public:
  /// Makes the operator; fails when the spec is windowed or malformed.
  static Result<std::unique_ptr<HashAggregate>> make(AggregateOpSpec spec);

  [[nodiscard]] const SchemaPtr& output_schema() const override { return schema_; }
  [[nodiscard]] Status push(const BatchPtr& batch, Emitter& out) override;
  /// Folds rows[0..n) of `batch` in place, without copying them out.
  [[nodiscard]] Status push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                 Emitter& out) override;
  [[nodiscard]] Status finish(Emitter& out) override;
  /// Renders "HashAggregate(keys=[symbol], aggs=[COUNT(*) AS n], emit=CHANGES)".
  [[nodiscard]] std::string describe() const override;

  /// The number of groups held.
  [[nodiscard]] size_t num_groups() const { return table_->num_groups(); }

 private:
  HashAggregate(AggregateOpSpec spec, SchemaPtr schema, AggregateInputs inputs,
                std::unique_ptr<GroupedAggregateTable> table);
  // Folds the rows `rows ? rows[i] : i` for i in [0, n) of `batch`.
  Status fold(const Batch& batch, const uint32_t* rows, size_t n, Emitter& out);

  const AggregateOpSpec spec_;
  const SchemaPtr schema_;
  AggregateInputs inputs_;
  std::unique_ptr<GroupedAggregateTable> table_;
  std::vector<ColumnBuilder> builders_;
  PodVector<uint32_t> last_batch_;  // per group: the batch number that last changed it
  PodVector<uint32_t> changed_;     // the groups changed by the current batch, first-change order
  uint32_t batch_number_ = 0;
  bool finished_ = false;
};

/// Renders the spec's keys and aggregates for describe(): "keys=[symbol], aggs=[COUNT(*) AS n]".
std::string describe_aggregate_spec(const AggregateOpSpec& spec);

}  // namespace eddy::ops
