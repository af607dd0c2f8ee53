#include "operators/aggregate/windowed_aggregate.hpp"

#include <algorithm>
#include <numeric>

#include "operators/aggregate/hash_aggregate.hpp"
#include "operators/aggregate/window_assigner.hpp"

namespace eddy::ops {

namespace {

// Output batches are cut at about this many rows when many windows close at once.
constexpr size_t kOutputBatchRows = 4096;
// Closed windows kept for reuse (a batch can close many short windows at once, and as many new
// ones open), and the largest table kept (resetting a big table's slots would cost more than a
// new table). Spares only come from closed windows, so they never exceed the peak state.
constexpr size_t kMaxSpareWindows = 1024;
constexpr size_t kMaxSpareSlots = size_t{1} << 16;

}  // namespace

Result<std::unique_ptr<WindowedAggregate>> WindowedAggregate::make(AggregateOpSpec spec) {
  const WindowSpec& w = spec.window;
  if (w.kind != WindowKind::kTumbling && w.kind != WindowKind::kSliding) {
    return Status::internal("WindowedAggregate: the spec is not a TUMBLING or SLIDING window");
  }
  if (w.size_ms <= 0) {
    return Status::invalid_config("a window size must be positive, got " +
                                  std::to_string(w.size_ms) + " ms");
  }
  if (w.kind == WindowKind::kSliding && (w.advance_ms <= 0 || w.advance_ms > w.size_ms)) {
    return Status::invalid_config(
        "a SLIDING window's advance must be positive and at most its "
        "size, got size " +
        std::to_string(w.size_ms) + " ms and advance " + std::to_string(w.advance_ms) + " ms");
  }
  EDDY_ASSIGN_OR_RAISE(SchemaPtr schema, aggregate_output_schema(spec));
  EDDY_ASSIGN_OR_RAISE(AggregateInputs inputs, AggregateInputs::make(spec));
  // Building one table checks the aggregates now rather than at the first row.
  EDDY_RETURN_NOT_OK(GroupedAggregateTable::make(inputs.key_types(), spec.aggregates).status());
  return std::unique_ptr<WindowedAggregate>(
      new WindowedAggregate(std::move(spec), std::move(schema), std::move(inputs)));
}

WindowedAggregate::WindowedAggregate(AggregateOpSpec spec, SchemaPtr schema, AggregateInputs inputs)
    : spec_(std::move(spec)),
      schema_(std::move(schema)),
      size_(spec_.window.size_ms),
      advance_(spec_.window.kind == WindowKind::kSliding ? spec_.window.advance_ms
                                                         : spec_.window.size_ms),
      inputs_(std::move(inputs)),
      builders_(make_builders(*schema_)) {}

size_t WindowedAggregate::num_groups() const {
  size_t n = 0;
  for (const auto& [start, table] : windows_) {
    n += table->num_groups();
  }
  return n;
}

Result<GroupedAggregateTable*> WindowedAggregate::window_table(int64_t start) {
  auto it = windows_.find(start);
  if (it != windows_.end()) {
    return it->second.get();
  }
  if (!spare_windows_.empty()) {
    WindowMap::node_type node = std::move(spare_windows_.back());
    spare_windows_.pop_back();
    node.key() = start;
    return windows_.insert(std::move(node)).position->second.get();
  }
  EDDY_ASSIGN_OR_RAISE(auto table,
                       GroupedAggregateTable::make(inputs_.key_types(), spec_.aggregates));
  return windows_.emplace(start, std::move(table)).first->second.get();
}

Status WindowedAggregate::append_window_rows(GroupedAggregateTable& table, int64_t start,
                                             const uint32_t* ids, size_t n) {
  const size_t num_keys = spec_.keys.size();
  EDDY_RETURN_NOT_OK(table.append_rows(ids, n, builders_, num_keys + 2));
  for (size_t i = 0; i < n; ++i) {
    builders_[num_keys].append_int(start);
    builders_[num_keys + 1].append_int(start + size_);
  }
  return Status::ok();
}

// -- Push
// ------------------------------------------------------------------------------------------

Status WindowedAggregate::push(const BatchPtr& batch, Emitter& out) {
  return fold(*batch, /*rows=*/nullptr, batch->num_rows(), out);
}

Status WindowedAggregate::push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                    Emitter& out) {
  return fold(*batch, rows, n, out);
}

Status WindowedAggregate::fold(const Batch& batch, const uint32_t* rows, size_t n, Emitter& out) {
  if (finished_) {
    return Status::internal("WindowedAggregate: push after finish");
  }
  if (n == 0) {
    return Status::ok();
  }
  // Keys, arguments and times are evaluated over the whole batch; only the selection is read.
  EDDY_RETURN_NOT_OK(inputs_.evaluate(batch));
  const Column& time = *inputs_.time();
  const int64_t* times = time.i64();
  // The source's watermark before each row, so lateness does not depend on batch boundaries.
  const int64_t* row_wm = batch.row_watermark() ? batch.row_watermark()->i64() : nullptr;

  // Assign each row to its open windows; a row with none left open is late.
  assignments_.clear();
  late_rows_.clear();
  bool one_window = true;
  for (size_t i = 0; i < n; ++i) {
    const size_t r = rows != nullptr ? rows[i] : i;
    if (time.is_null(r) || !window::valid_time(times[r])) {
      ++bad_time_dropped_;
      continue;
    }
    const int64_t t = times[r];
    const auto row = static_cast<uint32_t>(r);
    const int64_t wm = row_wm != nullptr ? std::max(watermark_, row_wm[r]) : watermark_;
    size_t before = assignments_.size();
    if (advance_ == size_) {
      int64_t start = window::tumbling_start(t, size_);
      if (start + size_ > wm) {
        assignments_.push_back({start, row});
      }
    } else {
      window::SlidingStarts starts = window::sliding_starts(t, size_, advance_);
      for (int64_t start = starts.first; start <= starts.last; start += advance_) {
        if (start + size_ > wm) {
          assignments_.push_back({start, row});
        }
      }
    }
    if (assignments_.size() == before) {
      late_rows_.push_back(row);
    } else if (assignments_[before].start != assignments_[0].start ||
               assignments_.size() - before > 1) {
      one_window = false;
    }
  }
  late_dropped_ += late_rows_.size();
  if (late_handler_) {
    for (uint32_t row : late_rows_) {
      EDDY_RETURN_NOT_OK(late_handler_(batch, row));
    }
  }
  // In-order input (TUMBLING) is already sorted: (start, row) pairs are appended in row order.
  if (!one_window && !std::is_sorted(assignments_.begin(), assignments_.end())) {
    std::sort(assignments_.begin(), assignments_.end());
  }

  // Fold each window's rows into its table, one run of equal starts at a time.
  const uint64_t* key_hashes = inputs_.key_hashes(batch);
  const bool changes = spec_.emit == EmitMode::kChanges;
  for (size_t begin = 0; begin < assignments_.size();) {
    const int64_t start = assignments_[begin].start;
    rows_.clear();
    size_t end = begin;
    while (end < assignments_.size() && assignments_[end].start == start) {
      rows_.push_back(assignments_[end].row);
      ++end;
    }
    begin = end;
    EDDY_ASSIGN_OR_RAISE(GroupedAggregateTable * table, window_table(start));
    EDDY_ASSIGN_OR_RAISE(
        const uint32_t* ids,
        table->update(inputs_.keys(), inputs_.args(), rows_.data(), rows_.size(), key_hashes));
    if (!changes) {
      continue;
    }
    ++run_number_;
    if (stamps_.size() < table->num_groups()) {
      stamps_.resize(table->num_groups(), 0);
    }
    changed_.clear();
    for (size_t i = 0; i < rows_.size(); ++i) {
      if (stamps_[ids[i]] != run_number_) {
        stamps_[ids[i]] = run_number_;
        changed_.push_back(ids[i]);
      }
    }
    EDDY_RETURN_NOT_OK(append_window_rows(*table, start, changed_.data(), changed_.size()));
  }
  if (changes) {
    if (BatchPtr result = finish_batch(schema_, builders_)) {
      out.emit(std::move(result));
    }
  }
  return Status::ok();
}

// -- Watermark
// -------------------------------------------------------------------------------------

Status WindowedAggregate::close_until(int64_t watermark, Emitter& out) {
  const bool final = spec_.emit == EmitMode::kFinal;
  // Windows share one size, so start order is end order.
  while (!windows_.empty() && windows_.begin()->first + size_ <= watermark) {
    auto node = windows_.extract(windows_.begin());
    if (final) {
      GroupedAggregateTable& table = *node.mapped();
      all_ids_.resize(table.num_groups());
      std::iota(all_ids_.begin(), all_ids_.end(), 0u);
      EDDY_RETURN_NOT_OK(append_window_rows(table, node.key(), all_ids_.data(), all_ids_.size()));
      if (builders_[0].size() >= kOutputBatchRows) {
        out.emit(finish_batch(schema_, builders_));
      }
    }
    if (spare_windows_.size() < kMaxSpareWindows && node.mapped()->num_slots() <= kMaxSpareSlots) {
      node.mapped()->recycle();
      spare_windows_.push_back(std::move(node));
    }
  }
  if (BatchPtr rest = finish_batch(schema_, builders_)) {
    out.emit(std::move(rest));
  }
  return Status::ok();
}

Status WindowedAggregate::on_watermark(int64_t watermark, Emitter& out) {
  if (watermark > watermark_) {
    watermark_ = watermark;
    EDDY_RETURN_NOT_OK(close_until(watermark_, out));
  }
  out.emit_watermark(watermark);
  return Status::ok();
}

// -- Finish
// ----------------------------------------------------------------------------------------

Status WindowedAggregate::finish(Emitter& out) {
  if (finished_) {
    return Status::ok();
  }
  finished_ = true;
  watermark_ = kWatermarkMax;
  return close_until(kWatermarkMax, out);
}

std::string WindowedAggregate::describe() const {
  std::string window = advance_ == size_ ? "TUMBLING(" + std::to_string(size_) + "ms)"
                                         : "SLIDING(" + std::to_string(size_) + "ms, " +
                                               std::to_string(advance_) + "ms)";
  return "WindowedAggregate(" + window + ", " + describe_aggregate_spec(spec_) +
         ", emit=" + (spec_.emit == EmitMode::kChanges ? "CHANGES" : "FINAL") + ")";
}

}  // namespace eddy::ops
