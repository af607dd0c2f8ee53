#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <string>

#include "runtime/core/batch.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// A watermark of +infinity: sent when a bounded input ends, it closes every window.
inline constexpr int64_t kWatermarkMax = std::numeric_limits<int64_t>::max();

/// What an operator counts about the rows it did not pass on; read by the operator's owner
/// between calls.
struct OperatorStats {
  uint64_t late_dropped = 0;  ///< Rows dropped because their window had already closed.
};

/// Receives what an operator produces. The runtime forwards it downstream; tests collect it.
class Emitter {
 public:
  virtual ~Emitter() = default;
  /// Hands on one output batch (never empty).
  virtual void emit(BatchPtr batch) = 0;
  /// Hands on a watermark: no later output will carry an event time below `watermark`.
  virtual void emit_watermark(int64_t watermark) { (void)watermark; }
};

/// A push-based, single-threaded stream operator (filter, projection, aggregation, window...).
///
/// Lifecycle rules:
/// - The owner calls `push` for each input batch, `on_watermark` when event time advances, and
///   `finish` exactly once when the input ends; nothing is called after `finish`.
/// - Calls never block and never come from two threads at once; an operator needs no locks.
/// - An error Status stops the job: the runtime reports it and shuts the topology down.
/// - Output batches match `output_schema()`.
class Operator {
 public:
  virtual ~Operator() = default;

  /// The schema of every batch this operator emits.
  [[nodiscard]] virtual const SchemaPtr& output_schema() const = 0;
  /// Consumes one input batch (never empty) and emits any output it makes ready.
  [[nodiscard]] virtual Status push(const BatchPtr& batch, Emitter& out) = 0;
  /// Consumes rows[0..n) of `batch` (n > 0, increasing row indices) exactly as `push` would
  /// consume a batch of just those rows. Hash routing hands each partition one shared batch and
  /// its rows this way. The default copies the rows out and calls `push`; an operator that can
  /// read through the selection (aggregations) overrides it and saves the copy.
  [[nodiscard]] virtual Status push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                         Emitter& out) {
    return push(batch->take(rows, n), out);
  }
  /// Reacts to event time reaching `watermark`; stateless operators just forward it.
  [[nodiscard]] virtual Status on_watermark(int64_t watermark, Emitter& out) {
    out.emit_watermark(watermark);
    return Status::ok();
  }
  /// Flushes all remaining state at end of input.
  [[nodiscard]] virtual Status finish(Emitter& out) {
    (void)out;
    return Status::ok();
  }
  /// The operator's counters so far.
  [[nodiscard]] virtual OperatorStats stats() const { return {}; }
  /// A one-line description for `eddy explain` ("Filter(amount > 100)").
  [[nodiscard]] virtual std::string describe() const = 0;
};

/// An Emitter that keeps everything it receives; for tests and for chaining operators.
class CollectingEmitter final : public Emitter {
 public:
  void emit(BatchPtr batch) override { batches.push_back(std::move(batch)); }
  void emit_watermark(int64_t watermark) override { watermarks.push_back(watermark); }

  /// Total rows over all collected batches.
  [[nodiscard]] size_t num_rows() const {
    size_t n = 0;
    for (const auto& b : batches) {
      n += b->num_rows();
    }
    return n;
  }

  std::vector<BatchPtr> batches;
  std::vector<int64_t> watermarks;
};

}  // namespace eddy::ops
