#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "operators/source.hpp"

namespace eddy::app {

/// A bounded Source that hands out pre-built batches, for benchmarks: no parsing, no I/O. The
/// batches are shared (several runs may replay the same input) and never copied.
///
/// Like a file source with an event-time field, it tracks the highest event time of the batches
/// it returned (from their event-time columns) and reports it minus `max_out_of_orderness_ms` as
/// its watermark; batches without an event-time column leave the watermark unchanged.
class ReplaySource final : public ops::Source {
 public:
  /// Replays `batches` (non-empty batches of `schema`) in order.
  ReplaySource(std::string name, SchemaPtr schema,
               std::shared_ptr<const std::vector<BatchPtr>> batches,
               int64_t max_out_of_orderness_ms = 0);

  [[nodiscard]] const std::string& name() const override { return name_; }
  [[nodiscard]] const SchemaPtr& schema() const override { return schema_; }
  /// Rewinds to the first batch; fails if a batch does not have the declared schema.
  [[nodiscard]] Status open() override;
  [[nodiscard]] Result<BatchPtr> next() override;
  [[nodiscard]] const ops::SourceStats& stats() const override { return stats_; }
  [[nodiscard]] int64_t watermark() const override;
  /// Renders "ReplaySource(name: N batches)".
  [[nodiscard]] std::string describe() const override;

 private:
  std::string name_;
  SchemaPtr schema_;
  std::shared_ptr<const std::vector<BatchPtr>> batches_;
  int64_t max_out_of_orderness_ms_;
  size_t next_ = 0;
  int64_t max_event_time_ = INT64_MIN;
  ops::SourceStats stats_;
};

}  // namespace eddy::app
