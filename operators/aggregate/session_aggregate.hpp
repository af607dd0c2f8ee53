#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "operators/aggregate/accumulator.hpp"
#include "operators/aggregate/aggregate_inputs.hpp"
#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/aggregate/group_table.hpp"
#include "operators/aggregate/windowed_aggregate.hpp"
#include "operators/operator.hpp"

namespace eddy::ops {

/// GROUP BY with a SESSION(gap) window, per key, closed by the watermark.
///
/// A session of a key covers [first, last + gap), where first and last are the times of its
/// earliest and latest records. A record at t joins every open session of its key that its own
/// interval [t, t + gap) overlaps; when it overlaps several, they merge into one (accumulator
/// states are merged, never recomputed), so records may arrive out of order within the watermark
/// bound. Each session owns one accumulator slot; slots are recycled when sessions close.
/// Emission:
/// - EMIT FINAL: when the watermark reaches a session's end (last + gap), one row for it, exactly
///   once, ordered by session end, then by the key's first arrival, then by session start.
/// - EMIT CHANGES: after each input batch, one row per session the batch changed (a merged
///   session is emitted with its new bounds; rows earlier emitted for the absorbed sessions are
///   not retracted); nothing again at close.
/// Output rows: keys, `_window_start` (first), `_window_end` (last + gap), aggregates.
/// Late rows: a record that joins no open session and whose own session would already be closed
/// (t + gap <= the last watermark) is dropped, counted and handed to the late-row handler. A
/// record that would have merged with an already closed session starts a new one. Rows with a
/// NULL or out-of-range time are counted in bad_time_dropped(). Closing scans the keys that have
/// open sessions; the key table is compacted once most of its keys have no session left.
class SessionAggregate final : public Operator {
 public:
  /// Makes the operator for a SESSION spec; fails (invalid config) on a non-positive gap.
  static Result<std::unique_ptr<SessionAggregate>> make(AggregateOpSpec spec);

  [[nodiscard]] const SchemaPtr& output_schema() const override { return schema_; }
  [[nodiscard]] Status push(const BatchPtr& batch, Emitter& out) override;
  [[nodiscard]] Status on_watermark(int64_t watermark, Emitter& out) override;
  [[nodiscard]] Status finish(Emitter& out) override;
  /// Renders "SessionAggregate(SESSION(30000ms), keys=[...], aggs=[...], emit=FINAL)".
  [[nodiscard]] std::string describe() const override;

  /// Sets the receiver of late rows (none by default: they are only counted).
  void set_late_row_handler(LateRowHandler handler) { late_handler_ = std::move(handler); }
  /// Rows dropped because their session would already have closed.
  [[nodiscard]] uint64_t late_dropped() const { return late_dropped_; }
  [[nodiscard]] OperatorStats stats() const override { return {late_dropped_}; }
  /// Rows dropped because their time was NULL or out of range.
  [[nodiscard]] uint64_t bad_time_dropped() const { return bad_time_dropped_; }
  /// The number of open sessions (over all keys).
  [[nodiscard]] size_t num_sessions() const { return open_sessions_; }
  /// The number of keys in the key table (with or without open sessions).
  [[nodiscard]] size_t num_keys() const { return keys_.num_groups(); }

 private:
  SessionAggregate(AggregateOpSpec spec, SchemaPtr schema, AggregateInputs inputs,
                   std::vector<std::unique_ptr<Accumulator>> accumulators);
  uint32_t allocate_slot(uint32_t key, int64_t t);
  uint32_t resolve(uint32_t slot) const;
  Status close_until(int64_t watermark, Emitter& out);
  void compact_keys();
  Status append_rows(const uint32_t* keys, const uint32_t* slots, size_t n);

  const AggregateOpSpec spec_;
  const SchemaPtr schema_;
  const int64_t gap_;
  AggregateInputs inputs_;
  std::vector<std::unique_ptr<Accumulator>> accumulators_;
  GroupTable keys_;
  std::vector<std::vector<uint32_t>> sessions_;  // per key id: the slots of its open sessions
  PodVector<int64_t> slot_first_;                // per slot: time of its first record
  PodVector<int64_t> slot_last_;                 // per slot: time of its last record
  PodVector<uint32_t> slot_key_;                 // per slot: its key id
  PodVector<uint32_t> redirect_;                 // per slot: itself, or the slot it merged into
  PodVector<uint32_t> free_slots_;
  size_t open_sessions_ = 0;
  std::vector<ColumnBuilder> builders_;
  int64_t watermark_ = INT64_MIN;
  uint64_t late_dropped_ = 0;
  uint64_t bad_time_dropped_ = 0;
  LateRowHandler late_handler_;

  struct Merge {
    uint32_t dst;
    uint32_t src;
  };
  PodVector<uint32_t> valid_rows_;  // push: rows with a usable time
  PodVector<uint32_t> rows_;        // push: rows assigned to a session
  PodVector<uint32_t> row_slots_;   // push: the slot of each assigned row
  PodVector<uint32_t> late_rows_;
  PodVector<Merge> merges_;     // push: merges in the order they happened
  PodVector<uint32_t> stamps_;  // push: per slot, the batch that last changed it
  PodVector<uint32_t> changed_;
  PodVector<uint32_t> changed_keys_;
  uint32_t batch_number_ = 0;
  bool finished_ = false;
};

}  // namespace eddy::ops
