#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "operators/aggregate/aggregate_inputs.hpp"
#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/aggregate/grouped_aggregate_table.hpp"
#include "operators/operator.hpp"

namespace eddy::ops {

/// Receives each late input row (the batch and the row index), e.g. for a dead-letter file.
using LateRowHandler = std::function<Status(const Batch& batch, size_t row)>;

/// GROUP BY with a TUMBLING or SLIDING window, closed by the watermark.
///
/// Input: batches of `spec.input_schema`; each row's time is the window's time expression or the
/// batch's event-time column. Windows are epoch-aligned and half-open, [start, start + size);
/// TUMBLING puts a row in one window, SLIDING(size, advance) in every window starting at a
/// multiple of `advance` that contains it. State is one GroupedAggregateTable per open window,
/// keyed by window start, so the state of a (window, key) is touched only by its own rows.
/// Emission:
/// - EMIT FINAL: when the watermark reaches a window's end, one row per (window, key) of that
///   window, exactly once, ordered by window end, then by the key's first arrival in the window.
/// - EMIT CHANGES: after each input batch, one row per (window, key) the batch changed, with its
///   current values (by window, then first change in the batch); nothing again at close.
/// Output rows: keys, `_window_start`, `_window_end` (BIGINT epoch ms), aggregates.
/// Closing: `on_watermark(w)` closes every window with end <= w, frees its state, then forwards
/// w; `finish` closes all windows. A row whose windows have all closed (end <= the last
/// watermark) is late: dropped, counted in late_dropped() and handed to the late-row handler. A
/// SLIDING row with some windows still open only misses the closed ones. A row whose time is
/// NULL or beyond ±2^62 ms is dropped and counted in bad_time_dropped().
class WindowedAggregate final : public Operator {
 public:
  /// Makes the operator for a TUMBLING or SLIDING spec; fails (invalid config) on a non-positive
  /// size or advance, or an advance larger than the size.
  static Result<std::unique_ptr<WindowedAggregate>> make(AggregateOpSpec spec);

  [[nodiscard]] const SchemaPtr& output_schema() const override { return schema_; }
  [[nodiscard]] Status push(const BatchPtr& batch, Emitter& out) override;
  /// Folds rows[0..n) of `batch` in place, without copying them out.
  [[nodiscard]] Status push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                 Emitter& out) override;
  [[nodiscard]] Status on_watermark(int64_t watermark, Emitter& out) override;
  [[nodiscard]] Status finish(Emitter& out) override;
  /// Renders "WindowedAggregate(TUMBLING(60000ms), keys=[...], aggs=[...], emit=FINAL)".
  [[nodiscard]] std::string describe() const override;

  /// Sets the receiver of late rows (none by default: they are only counted).
  void set_late_row_handler(LateRowHandler handler) { late_handler_ = std::move(handler); }
  /// Rows dropped because all their windows had closed.
  [[nodiscard]] uint64_t late_dropped() const { return late_dropped_; }
  [[nodiscard]] OperatorStats stats() const override { return {late_dropped_}; }
  /// Rows dropped because their time was NULL or out of range.
  [[nodiscard]] uint64_t bad_time_dropped() const { return bad_time_dropped_; }
  /// The number of open windows.
  [[nodiscard]] size_t num_windows() const { return windows_.size(); }
  /// The number of (window, key) groups held, over all open windows.
  [[nodiscard]] size_t num_groups() const;

 private:
  struct Assignment {
    int64_t start;
    uint32_t row;
    friend bool operator<(const Assignment& a, const Assignment& b) {
      return a.start != b.start ? a.start < b.start : a.row < b.row;
    }
  };

  WindowedAggregate(AggregateOpSpec spec, SchemaPtr schema, AggregateInputs inputs);
  // Folds the rows `rows ? rows[i] : i` for i in [0, n) of `batch`.
  Status fold(const Batch& batch, const uint32_t* rows, size_t n, Emitter& out);
  // Closes every window with end <= `watermark`, emitting FINAL rows.
  Status close_until(int64_t watermark, Emitter& out);
  Result<GroupedAggregateTable*> window_table(int64_t start);
  // Appends rows for groups ids[0..n) of one window to the output builders.
  Status append_window_rows(GroupedAggregateTable& table, int64_t start, const uint32_t* ids,
                            size_t n);

  const AggregateOpSpec spec_;
  const SchemaPtr schema_;
  const int64_t size_;
  const int64_t advance_;  // equals size_ for TUMBLING
  AggregateInputs inputs_;
  using WindowMap = std::map<int64_t, std::unique_ptr<GroupedAggregateTable>>;
  WindowMap windows_;  // by window start
  // Closed windows' map nodes with their emptied tables, reused by the next windows: with
  // short windows, making and freeing a table per window would dominate.
  std::vector<WindowMap::node_type> spare_windows_;
  std::vector<ColumnBuilder> builders_;
  int64_t watermark_ = INT64_MIN;
  uint64_t late_dropped_ = 0;
  uint64_t bad_time_dropped_ = 0;
  LateRowHandler late_handler_;

  PodVector<Assignment> assignments_;  // push: (window start, row) pairs of the batch
  PodVector<uint32_t> rows_;           // push: the rows of one window
  PodVector<uint32_t> late_rows_;      // push: the late rows of the batch
  PodVector<uint32_t> stamps_;         // push: per group, the run that last changed it
  PodVector<uint32_t> changed_;        // push: groups changed in the current window
  PodVector<uint32_t> all_ids_;        // close: 0, 1, 2, ...
  uint32_t run_number_ = 0;
  bool finished_ = false;
};

}  // namespace eddy::ops
