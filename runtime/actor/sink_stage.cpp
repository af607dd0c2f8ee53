#include "runtime/actor/sink_stage.hpp"

namespace eddy::rt {

SinkStage::SinkStage(ops::Sink& sink, std::vector<Channel<Envelope>*> inputs, bool ordered,
                     ActorCounters& counters, Waker& waker, size_t items_per_step)
    : sink_(sink),
      inputs_(std::move(inputs)),
      ordered_(ordered),
      counters_(counters),
      waker_(waker),
      items_per_step_(items_per_step == 0 ? 1 : items_per_step),
      ended_(inputs_.size(), false) {}

Status SinkStage::start() {
  EDDY_RETURN_NOT_OK(sink_.open());
  opened_ = true;
  return Status::ok();
}

Status SinkStage::close_after_failure() {
  if (!opened_ || closed_) {
    return Status::ok();
  }
  closed_ = true;
  return sink_.close();
}

bool SinkStage::pop(size_t channel, Envelope& e) {
  if (!inputs_[channel]->try_pop(e)) {
    return false;
  }
  if (inputs_[channel]->producer_needs_wake()) {
    waker_.wake_partition(channel);
  }
  return true;
}

size_t SinkStage::next_open_channel(size_t from) const {
  while (from < ended_.size() && ended_[from]) {
    ++from;
  }
  return from;
}

Status SinkStage::take_output(const ChunkOutput& output) {
  if (output.rows > 0 || !output.text.empty()) {
    ActorCounters::add(counters_.records_in, output.rows);
    ActorCounters::add(counters_.batches_in, 1);
    EDDY_RETURN_NOT_OK(sink_.write_rendered(output.text, output.rows));
    ActorCounters::add(counters_.records_out, output.rows);
  }
  add_chunk_stats(parsed_, output.stats);
  if (!output.dead_letter.empty() && chunk_source_ != nullptr &&
      chunk_source_->dead_letter() != nullptr) {
    EDDY_RETURN_NOT_OK(chunk_source_->dead_letter()->append(output.dead_letter));
  }
  if (source_counters_ != nullptr) {
    source_counters_->records_in.store(parsed_.records_in, std::memory_order_relaxed);
    source_counters_->records_out.store(parsed_.records_in, std::memory_order_relaxed);
    source_counters_->parse_errors.store(parsed_.parse_errors, std::memory_order_relaxed);
  }
  return output.error;
}

Status SinkStage::consume(size_t channel, Envelope e) {
  switch (e.kind) {
    case EnvelopeKind::kBatch:
      ActorCounters::add(counters_.records_in, e.batch->num_rows());
      ActorCounters::add(counters_.batches_in, 1);
      EDDY_RETURN_NOT_OK(sink_.write(*e.batch));
      ActorCounters::add(counters_.records_out, e.batch->num_rows());
      return Status::ok();
    case EnvelopeKind::kRendered:
      return take_output(*e.output);
    case EnvelopeKind::kSeqEnd:
      if (e.output != nullptr) {
        EDDY_RETURN_NOT_OK(take_output(*e.output));
      }
      if (ordered_ && in_sequence_phase_) {
        if (e.seq != next_seq_) {
          return Status::internal("sink expected the end of batch " + std::to_string(next_seq_) +
                                  " but got " + std::to_string(e.seq));
        }
        ++next_seq_;
      }
      return Status::ok();
    case EnvelopeKind::kEnd:
      if (e.output != nullptr && failure_.is_ok()) {
        failure_ = e.output->error;
      }
      ended_[channel] = true;
      ++num_ended_;
      if (ordered_ && in_sequence_phase_) {
        // The source made exactly next_seq_ batches: the rest is per-partition finish output.
        in_sequence_phase_ = false;
        cursor_ = next_open_channel(0);
      } else if (ordered_) {
        cursor_ = next_open_channel(cursor_);
      }
      return Status::ok();
    case EnvelopeKind::kWatermark:
    case EnvelopeKind::kChunk:
      return Status::ok();
  }
  return Status::ok();
}

Result<SinkStage::Progress> SinkStage::step_ordered() {
  size_t channel = in_sequence_phase_ ? next_seq_ % inputs_.size() : cursor_;
  Envelope e;
  if (!pop(channel, e)) {
    return inputs_[channel]->park_consumer() ? Progress::kParked : Progress::kRetry;
  }
  EDDY_RETURN_NOT_OK(consume(channel, std::move(e)));
  return Progress::kConsumed;
}

Result<SinkStage::Progress> SinkStage::step_unordered() {
  size_t n = inputs_.size();
  for (size_t k = 0; k < n; ++k) {
    size_t channel = (cursor_ + k) % n;
    Envelope e;
    if (ended_[channel] || !pop(channel, e)) {
      continue;
    }
    cursor_ = (channel + 1) % n;
    EDDY_RETURN_NOT_OK(consume(channel, std::move(e)));
    return Progress::kConsumed;
  }
  // Everything is empty: park on every open channel; any that refills meanwhile means retry.
  bool parked = true;
  for (size_t channel = 0; channel < n; ++channel) {
    if (!ended_[channel] && !inputs_[channel]->park_consumer()) {
      parked = false;
    }
  }
  return parked ? Progress::kParked : Progress::kRetry;
}

Result<StepResult> SinkStage::step() {
  for (size_t i = 0; i < items_per_step_; ++i) {
    if (num_ended_ == inputs_.size()) {
      if (!failure_.is_ok()) {
        // Every partition has passed on the rows before the bad record: stop the run now
        // (the engine closes the sink after the failure, keeping what it got).
        return failure_;
      }
      if (!closed_) {
        closed_ = true;
        EDDY_RETURN_NOT_OK(sink_.close());
      }
      return StepResult::kDone;
    }
    EDDY_ASSIGN_OR_RAISE(Progress progress, ordered_ ? step_ordered() : step_unordered());
    if (progress == Progress::kParked) {
      return StepResult::kIdle;
    }
  }
  return StepResult::kYield;
}

}  // namespace eddy::rt
