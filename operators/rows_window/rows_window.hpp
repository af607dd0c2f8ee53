#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "operators/aggregate/group_table.hpp"
#include "operators/expr/expr.hpp"
#include "operators/expr/expr_evaluator.hpp"
#include "operators/operator.hpp"
#include "operators/rows_window/analytic_call.hpp"

namespace eddy::ops {

/// What the planner builds for the analytic calls of one SELECT that share
/// `OVER (ROWS WINDOW BUFFER n ROWS [PARTITION BY ...] [ORDER BY ...])`.
struct RowsWindowSpec {
  SchemaPtr input_schema;
  int64_t buffer_rows = 0;            ///< n in BUFFER n ROWS, >= 1.
  std::vector<ExprPtr> partition_by;  ///< Empty: one global partition.
  std::vector<ExprPtr> order_by;      ///< Ranking order for RANK/DENSE_RANK.
  std::vector<bool> descending;       ///< One per order_by item.
  std::vector<AnalyticCall> calls;
  std::vector<std::string> names;  ///< One output column name per call.
};

/// Evaluates analytic functions over a bounded, per-partition buffer of recent rows
/// (Velostream's ROWS WINDOW), emitting one output row per input row (EMIT EVERY RECORD).
///
/// Output: the input columns, then one column per call; each output row keeps its input's
/// event time.
///
/// Semantics, per partition (the PARTITION BY values; NULL is a value of its own):
/// - Rows are processed in arrival order. The buffer is the last `buffer_rows` rows including
///   the current one. A call's frame is the last min(buffer_rows, preceding + 1) rows of it
///   (the whole buffer when preceding is -1), ending at the current row.
/// - ROW_NUMBER is 1 + the rows seen before in the partition (not capped by the buffer).
/// - LAG(x, k, d) is x of the row k rows back, or d (default NULL) when that row is not in the
///   buffer (k >= buffer_rows or fewer than k earlier rows). A NULL x there stays NULL.
/// - LEAD(x, k, d) is x of the row k rows later. It delays output: with LEAD calls, the output
///   row of an input row is emitted when the partition has received K more rows (K = the largest
///   LEAD offset below buffer_rows), or at finish() with the default for the missing rows. Every
///   input row still gives exactly one output row; per partition output keeps arrival order,
///   across partitions it does not. k >= buffer_rows always gives d (the row would have left the
///   buffer), so it never delays. LEAD's default is evaluated on the current row.
/// - RANK/DENSE_RANK rank the current row's ORDER BY values among the frame's rows:
///   1 + the number of frame rows (RANK) or distinct values (DENSE_RANK) that sort strictly
///   before it. Ascending puts NULL last, descending first. Without ORDER BY every row is 1.
///   Cost O(frame) per row (O(frame log frame) for DENSE_RANK).
/// - FIRST_VALUE/LAST_VALUE/NTH_VALUE(x, n) take the frame's first, last (= current) or n-th row
///   (NULL when the frame has fewer than n rows); NULL values are not skipped.
/// - AVG/SUM/MIN/MAX/COUNT(x)/COUNT(*)/STDDEV*/VAR* aggregate the frame, ignoring NULL x; with
///   no non-NULL value they give NULL (COUNT gives 0). SUM over BIGINT/DECIMAL is exact and
///   NULL on int64 overflow. STDDEV_SAMP/VAR_SAMP need two values. These run in O(1) amortised
///   per row: running sums (doubles re-summed once per frame length to bound drift) and
///   monotonic deques for MIN/MAX.
///
/// State: per partition and call, only the values the call needs (at most one frame of its
/// argument). Partitions are never expired (no EXPIRE AFTER), so state is bounded by
/// keys × buffer_rows. Watermarks pass through; with LEAD they are held back to the oldest
/// delayed row's event time.
class RowsWindow final : public Operator {
 public:
  /// Compiles the spec; fails on a malformed spec (buffer_rows < 1, mismatched list lengths).
  static Result<std::unique_ptr<RowsWindow>> make(RowsWindowSpec spec);

  ~RowsWindow() override;

  [[nodiscard]] const SchemaPtr& output_schema() const override { return schema_; }
  [[nodiscard]] Status push(const BatchPtr& batch, Emitter& out) override;
  [[nodiscard]] Status on_watermark(int64_t watermark, Emitter& out) override;
  /// Emits the rows LEAD still holds back, with LEAD defaults.
  [[nodiscard]] Status finish(Emitter& out) override;
  /// Renders "RowsWindow(BUFFER 100 ROWS PARTITION BY symbol: AVG(price) AS avg_price)".
  [[nodiscard]] std::string describe() const override;

  /// Compiled per-call parameters and per-partition state (defined in the .cpp).
  struct CallPlan;
  struct Partition;

 private:
  explicit RowsWindow(RowsWindowSpec spec);
  Status init();
  Status compute_call(size_t c, size_t num_rows, const std::vector<ColumnPtr>& args,
                      const std::vector<ColumnPtr>& order, ColumnPtr& result);
  Status delay_and_emit(const Batch& batch, std::vector<ColumnPtr> columns,
                        const std::vector<std::vector<ColumnPtr>>& call_args, Emitter& out);
  void release_row(Partition& part, int64_t seq, bool at_finish, Emitter& out);
  void flush_released(Emitter& out);

  RowsWindowSpec spec_;
  SchemaPtr schema_;
  std::vector<ExprEvaluator> key_evaluators_;
  std::vector<ExprEvaluator> order_evaluators_;
  /// Per call: evaluators of the arguments read per row (value, LAG/LEAD default).
  std::vector<std::vector<ExprEvaluator>> arg_evaluators_;
  std::vector<CallPlan> plans_;
  GroupTable partition_keys_{{}};  ///< PARTITION BY values → dense partition ids.
  /// The PARTITION BY input columns when all are plain columns (to use routing's key hashes).
  std::vector<size_t> key_columns_;
  std::vector<std::unique_ptr<Partition>> partitions_;
  int64_t lead_delay_ = 0;  ///< K: rows of delay LEAD needs (0: output is never delayed).
  int64_t last_watermark_ = INT64_MIN;
  int64_t pending_watermark_ = INT64_MIN;  ///< The latest input watermark not yet forwarded.

  // Per-batch scratch, kept to reuse its capacity.
  const uint32_t* part_ids_ = nullptr;  ///< Per row of the batch: its partition (GroupTable's).
  std::vector<int64_t> seqs_;

  /// Delayed-output state (LEAD): released rows gather here until flushed.
  struct Released;
  std::unique_ptr<Released> released_;
};

}  // namespace eddy::ops
