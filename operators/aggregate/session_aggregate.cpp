#include "operators/aggregate/session_aggregate.hpp"

#include <algorithm>
#include <tuple>

#include "operators/aggregate/hash_aggregate.hpp"
#include "operators/aggregate/window_assigner.hpp"

namespace eddy::ops {

namespace {

// The key table is rebuilt once it holds this many keys and most have no open session.
constexpr size_t kCompactMinKeys = 1024;

}  // namespace

Result<std::unique_ptr<SessionAggregate>> SessionAggregate::make(AggregateOpSpec spec) {
  if (spec.window.kind != WindowKind::kSession) {
    return Status::internal("SessionAggregate: the spec is not a SESSION window");
  }
  if (spec.window.gap_ms <= 0) {
    return Status::invalid_config("a SESSION gap must be positive, got " +
                                  std::to_string(spec.window.gap_ms) + " ms");
  }
  EDDY_ASSIGN_OR_RAISE(SchemaPtr schema, aggregate_output_schema(spec));
  EDDY_ASSIGN_OR_RAISE(AggregateInputs inputs, AggregateInputs::make(spec));
  std::vector<std::unique_ptr<Accumulator>> accumulators;
  for (const auto& agg : spec.aggregates) {
    EDDY_ASSIGN_OR_RAISE(auto acc, make_accumulator(agg));
    accumulators.push_back(std::move(acc));
  }
  return std::unique_ptr<SessionAggregate>(new SessionAggregate(
      std::move(spec), std::move(schema), std::move(inputs), std::move(accumulators)));
}

SessionAggregate::SessionAggregate(AggregateOpSpec spec, SchemaPtr schema, AggregateInputs inputs,
                                   std::vector<std::unique_ptr<Accumulator>> accumulators)
    : spec_(std::move(spec)),
      schema_(std::move(schema)),
      gap_(spec_.window.gap_ms),
      inputs_(std::move(inputs)),
      accumulators_(std::move(accumulators)),
      keys_(inputs_.key_types()),
      builders_(make_builders(*schema_)) {}

uint32_t SessionAggregate::allocate_slot(uint32_t key, int64_t t) {
  uint32_t slot = 0;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<uint32_t>(slot_first_.size());
    slot_first_.push_back(0);
    slot_last_.push_back(0);
    slot_key_.push_back(0);
    redirect_.push_back(slot);
  }
  slot_first_[slot] = t;
  slot_last_[slot] = t;
  slot_key_[slot] = key;
  ++open_sessions_;
  return slot;
}

uint32_t SessionAggregate::resolve(uint32_t slot) const {
  while (redirect_[slot] != slot) {
    slot = redirect_[slot];
  }
  return slot;
}

Status SessionAggregate::append_rows(const uint32_t* keys, const uint32_t* slots, size_t n) {
  const size_t num_keys = spec_.keys.size();
  keys_.append_keys(keys, n, builders_);
  for (size_t i = 0; i < n; ++i) {
    builders_[num_keys].append_int(slot_first_[slots[i]]);
    builders_[num_keys + 1].append_int(slot_last_[slots[i]] + gap_);
  }
  for (size_t a = 0; a < accumulators_.size(); ++a) {
    EDDY_RETURN_NOT_OK(accumulators_[a]->finalize(slots, n, builders_[num_keys + 2 + a]));
  }
  return Status::ok();
}

// -- Push
// ------------------------------------------------------------------------------------------

Status SessionAggregate::push(const BatchPtr& batch, Emitter& out) {
  if (finished_) {
    return Status::internal("SessionAggregate: push after finish");
  }
  const size_t n = batch->num_rows();
  if (n == 0) {
    return Status::ok();
  }
  EDDY_RETURN_NOT_OK(inputs_.evaluate(*batch));
  const Column& time = *inputs_.time();
  const int64_t* times = time.i64();
  valid_rows_.clear();
  for (size_t r = 0; r < n; ++r) {
    if (time.is_null(r) || !window::valid_time(times[r])) {
      ++bad_time_dropped_;
    } else {
      valid_rows_.push_back(static_cast<uint32_t>(r));
    }
  }
  const uint32_t* key_ids =
      keys_.map(inputs_.keys(), valid_rows_.data(), valid_rows_.size(), inputs_.key_hashes(*batch));
  if (sessions_.size() < keys_.num_groups()) {
    sessions_.resize(keys_.num_groups());
  }

  // Assign rows to sessions in arrival order; merges are recorded and applied to the
  // accumulators before this batch's values, so earlier rows of the batch follow their slot.
  rows_.clear();
  row_slots_.clear();
  late_rows_.clear();
  merges_.clear();
  // The source's watermark before each row, so lateness does not depend on batch boundaries.
  const int64_t* row_wm = batch->row_watermark() ? batch->row_watermark()->i64() : nullptr;
  for (size_t i = 0; i < valid_rows_.size(); ++i) {
    const uint32_t row = valid_rows_[i];
    const int64_t t = times[row];
    const int64_t wm = row_wm != nullptr ? std::max(watermark_, row_wm[row]) : watermark_;
    std::vector<uint32_t>& open = sessions_[key_ids[i]];
    uint32_t target = GroupTable::kNoGroup;
    for (size_t s = 0; s < open.size();) {
      const uint32_t slot = open[s];
      // A session whose end the watermark had passed when this row arrived is closed to it.
      if (slot == target || slot_last_[slot] + gap_ <= wm ||
          !window::joins_session(t, slot_first_[slot], slot_last_[slot], gap_)) {
        ++s;
        continue;
      }
      if (target == GroupTable::kNoGroup) {
        target = slot;
        ++s;
        continue;
      }
      // The row bridges two sessions: the earlier-starting one absorbs the other.
      uint32_t dst = target;
      uint32_t src = slot;
      if (slot_first_[src] < slot_first_[dst]) {
        std::swap(dst, src);
      }
      slot_first_[dst] = std::min(slot_first_[dst], slot_first_[src]);
      slot_last_[dst] = std::max(slot_last_[dst], slot_last_[src]);
      redirect_[src] = dst;
      merges_.push_back({dst, src});
      --open_sessions_;
      open.erase(std::find(open.begin(), open.end(), src));
      target = dst;
      s = 0;  // the grown session may now reach sessions already passed
    }
    if (target == GroupTable::kNoGroup) {
      if (t + gap_ <= wm) {
        late_rows_.push_back(row);
        continue;
      }
      target = allocate_slot(key_ids[i], t);
      open.push_back(target);
    } else {
      slot_first_[target] = std::min(slot_first_[target], t);
      slot_last_[target] = std::max(slot_last_[target], t);
    }
    rows_.push_back(row);
    row_slots_.push_back(target);
  }
  late_dropped_ += late_rows_.size();
  if (late_handler_) {
    for (uint32_t row : late_rows_) {
      EDDY_RETURN_NOT_OK(late_handler_(*batch, row));
    }
  }

  for (const Merge& m : merges_) {
    for (auto& acc : accumulators_) {
      acc->resize(slot_first_.size());
      acc->merge(m.dst, m.src);
    }
  }
  for (auto& slot : row_slots_) {
    slot = resolve(slot);
  }
  for (size_t a = 0; a < accumulators_.size(); ++a) {
    accumulators_[a]->resize(slot_first_.size());
    EDDY_RETURN_NOT_OK(accumulators_[a]->update(row_slots_.data(), rows_.data(), rows_.size(),
                                                inputs_.args()[a].get()));
  }
  // Absorbed slots are recycled only now, so that no row of this batch could be sent to one.
  for (const Merge& m : merges_) {
    redirect_[m.src] = m.src;
    free_slots_.push_back(m.src);
  }

  if (spec_.emit == EmitMode::kChanges) {
    ++batch_number_;
    stamps_.resize(slot_first_.size(), 0);
    changed_.clear();
    changed_keys_.clear();
    for (uint32_t slot : row_slots_) {
      if (stamps_[slot] != batch_number_) {
        stamps_[slot] = batch_number_;
        changed_.push_back(slot);
        changed_keys_.push_back(slot_key_[slot]);
      }
    }
    EDDY_RETURN_NOT_OK(append_rows(changed_keys_.data(), changed_.data(), changed_.size()));
    if (BatchPtr result = finish_batch(schema_, builders_)) {
      out.emit(std::move(result));
    }
  }
  return Status::ok();
}

// -- Watermark
// -------------------------------------------------------------------------------------

Status SessionAggregate::close_until(int64_t watermark, Emitter& out) {
  struct Closed {
    int64_t end;
    uint32_t key;
    int64_t first;
    uint32_t slot;
  };
  std::vector<Closed> closed;
  for (uint32_t key = 0; key < sessions_.size(); ++key) {
    std::vector<uint32_t>& open = sessions_[key];
    for (size_t s = 0; s < open.size();) {
      const uint32_t slot = open[s];
      const int64_t end = slot_last_[slot] + gap_;
      if (end <= watermark) {
        closed.push_back({end, key, slot_first_[slot], slot});
        open[s] = open.back();
        open.pop_back();
      } else {
        ++s;
      }
    }
  }
  if (closed.empty()) {
    return Status::ok();
  }
  std::sort(closed.begin(), closed.end(), [](const Closed& a, const Closed& b) {
    return std::tie(a.end, a.key, a.first) < std::tie(b.end, b.key, b.first);
  });
  if (spec_.emit == EmitMode::kFinal) {
    PodVector<uint32_t> keys(closed.size());
    PodVector<uint32_t> slots(closed.size());
    for (size_t i = 0; i < closed.size(); ++i) {
      keys[i] = closed[i].key;
      slots[i] = closed[i].slot;
    }
    EDDY_RETURN_NOT_OK(append_rows(keys.data(), slots.data(), closed.size()));
    out.emit(finish_batch(schema_, builders_));
  }
  for (const Closed& c : closed) {
    for (auto& acc : accumulators_) {
      acc->reset(c.slot);
    }
    free_slots_.push_back(c.slot);
    --open_sessions_;
  }
  compact_keys();
  return Status::ok();
}

void SessionAggregate::compact_keys() {
  const size_t num_keys = keys_.num_groups();
  if (num_keys < kCompactMinKeys || open_sessions_ * 2 > num_keys) {
    return;
  }
  std::vector<uint8_t> keep(num_keys);
  for (size_t k = 0; k < num_keys; ++k) {
    keep[k] = sessions_[k].empty() ? 0 : 1;
  }
  std::vector<uint32_t> remap = keys_.compact(keep);
  std::vector<std::vector<uint32_t>> moved(keys_.num_groups());
  for (size_t k = 0; k < num_keys; ++k) {
    if (remap[k] != GroupTable::kNoGroup) {
      moved[remap[k]] = std::move(sessions_[k]);
      for (uint32_t slot : moved[remap[k]]) {
        slot_key_[slot] = remap[k];
      }
    }
  }
  sessions_ = std::move(moved);
}

Status SessionAggregate::on_watermark(int64_t watermark, Emitter& out) {
  if (watermark > watermark_) {
    watermark_ = watermark;
    EDDY_RETURN_NOT_OK(close_until(watermark_, out));
  }
  out.emit_watermark(watermark);
  return Status::ok();
}

// -- Finish
// ----------------------------------------------------------------------------------------

Status SessionAggregate::finish(Emitter& out) {
  if (finished_) {
    return Status::ok();
  }
  finished_ = true;
  watermark_ = kWatermarkMax;
  return close_until(kWatermarkMax, out);
}

std::string SessionAggregate::describe() const {
  return "SessionAggregate(SESSION(" + std::to_string(gap_) + "ms), " +
         describe_aggregate_spec(spec_) +
         ", emit=" + (spec_.emit == EmitMode::kChanges ? "CHANGES" : "FINAL") + ")";
}

}  // namespace eddy::ops
