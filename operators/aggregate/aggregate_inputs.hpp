#pragma once

#include <optional>
#include <vector>

#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/expr/expr_evaluator.hpp"
#include "runtime/core/batch.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// Evaluates the GROUP BY keys and the aggregate arguments of a spec over a batch, once per batch
/// and a column at a time, for the aggregate operators.
class AggregateInputs {
 public:
  /// Compiles the key and argument expressions; fails on a malformed spec (internal error).
  static Result<AggregateInputs> make(const AggregateOpSpec& spec);

  /// Evaluates everything over `batch`; the results stay in keys(), args() and time() until the
  /// next call. A windowed spec without a time expression fails (data error) on a batch without
  /// an event-time column.
  [[nodiscard]] Status evaluate(const Batch& batch);

  /// The key columns of the last batch, one per GROUP BY expression.
  [[nodiscard]] const std::vector<ColumnPtr>& keys() const { return keys_; }
  /// The argument columns of the last batch, one per aggregate (nullptr for COUNT(*)).
  [[nodiscard]] const std::vector<ColumnPtr>& args() const { return args_; }
  /// The window time of the last batch (TIMESTAMP or BIGINT epoch ms): the spec's time
  /// expression, else the batch's event-time column; nullptr for an unwindowed spec.
  [[nodiscard]] const ColumnPtr& time() const { return time_; }
  /// The key types, in order.
  [[nodiscard]] std::vector<DataType> key_types() const;
  /// The key hashes that hash routing attached to `batch` for exactly these keys (every GROUP BY
  /// expression a plain input column), indexed by row; nullptr when there are none.
  [[nodiscard]] const uint64_t* key_hashes(const Batch& batch) const {
    return key_columns_.empty() ? nullptr : batch.key_hashes(key_columns_);
  }

 private:
  std::vector<ExprEvaluator> key_evaluators_;
  std::vector<std::optional<ExprEvaluator>> arg_evaluators_;
  std::optional<ExprEvaluator> time_evaluator_;
  bool windowed_ = false;
  std::vector<size_t> key_columns_;  // the keys' input columns; empty unless all are columns
  std::vector<ColumnPtr> keys_;
  ColumnPtr time_;
  std::vector<ColumnPtr> args_;
};

/// Checks the shape of `spec` and returns the output schema: the key columns, then (windowed
/// only) `_window_start` and `_window_end` (BIGINT epoch ms), then one column per aggregate.
Result<SchemaPtr> aggregate_output_schema(const AggregateOpSpec& spec);

}  // namespace eddy::ops
