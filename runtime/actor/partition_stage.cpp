#include "runtime/actor/partition_stage.hpp"

#include <algorithm>
#include <atomic>
#include <limits>

namespace eddy::rt {

namespace {

// Rendered outputs a partition keeps for reuse: enough for a full sink channel in chunk mode,
// the output being filled and one in the sink's hands.
constexpr size_t kMaxKeptOutputs = 8;

}  // namespace

PartitionStage::PartitionStage(size_t index, OperatorChain& chain, Channel<Envelope>& input,
                               Channel<Envelope>& output, ActorCounters& counters, Waker& waker,
                               size_t items_per_step)
    : chain_(chain),
      inputs_{&input},
      outbox_(output, [&waker] { waker.wake_sink(); }),
      counters_(counters),
      waker_(waker),
      items_per_step_(items_per_step == 0 ? 1 : items_per_step),
      name_("partition-" + std::to_string(index)),
      input_watermarks_(1, std::numeric_limits<int64_t>::min()),
      watermark_(std::numeric_limits<int64_t>::min()) {}

void PartitionStage::set_chunked(const ops::FileSource& source,
                                 const ops::RowFormatter* formatter) {
  chunk_source_ = &source;
  if (formatter != nullptr) {
    formatter_.emplace(*formatter);
  }
}

void PartitionStage::set_exchange(std::vector<Channel<Envelope>*> inputs,
                                  ActorCounters* source_counters, const ops::FileSource* source,
                                  const ops::RowFormatter* formatter) {
  dead_letter_source_ = source;
  if (formatter != nullptr) {
    formatter_.emplace(*formatter);
  }
  inputs_ = std::move(inputs);
  exchange_ = true;
  input_watermarks_.assign(inputs_.size(), std::numeric_limits<int64_t>::min());
  input_ended_.assign(inputs_.size(), false);
  source_counters_ = source_counters;
}

size_t PartitionStage::next_input() const {
  if (!exchange_) {
    return 0;
  }
  if (!chunks_done_) {
    return next_chunk_ % inputs_.size();
  }
  // After the last chunk every parser sends just its watermark and end: take them in turn.
  size_t input = 0;
  while (input + 1 < input_ended_.size() && input_ended_[input]) {
    ++input;
  }
  return input;
}

Status PartitionStage::end_input(size_t input, uint64_t seq) {
  if (!chunks_done_) {
    // The first end comes from the parser the next chunk would have gone to: the source made
    // exactly `seq` chunks, and this partition has taken them all.
    if (seq != next_chunk_) {
      return Status::internal(name_ + " expected chunk " + std::to_string(next_chunk_) +
                              " but the input ended after " + std::to_string(seq));
    }
    chunks_done_ = true;
  }
  if (input_ended_[input]) {
    return Status::internal(name_ + " got a second end from parser " + std::to_string(input));
  }
  input_ended_[input] = true;
  if (++inputs_ended_ < inputs_.size()) {
    return Status::ok();
  }
  EDDY_RETURN_NOT_OK(chain_.finish(to_sink_));
  send_rendered();
  outbox_.send(Envelope::of_end(seq));
  ended_ = true;
  return Status::ok();
}

void PartitionStage::ToSink::emit(BatchPtr batch) {
  ActorCounters::add(stage_->counters_.records_out, batch->num_rows());
  ActorCounters::add(stage_->counters_.batches_out, 1);
  if (stage_->formatter_) {
    // Rendering here, in parallel, is what spares the single sink thread the formatting.
    if (stage_->output_ == nullptr) {
      stage_->output_ = stage_->free_output();
    }
    stage_->formatter_->append_rows(*batch, stage_->output_->text);
    stage_->output_->rows += batch->num_rows();
    return;
  }
  stage_->outbox_.send(Envelope::of_batch(std::move(batch), 0));
}

Status PartitionStage::handle_chunk(const Envelope& e) {
  if (parser_ == nullptr) {
    // The source read the header before it sent the first chunk (the channel orders the two),
    // so its column mapping is final here.
    parser_ = chunk_source_->make_chunk_parser();
  }
  ActorCounters::add(counters_.batches_in, 1);
  if (output_ == nullptr) {
    output_ = free_output();
  }
  // Rendered rows rarely take more than twice their input's bytes: reserving that up front saves
  // growing (and copying) the text, and pages that stay unused cost nothing.
  if (formatter_ && output_->text.capacity() < 2 * e.chunk->size) {
    output_->text.reserve(2 * e.chunk->size);
  }
  parser_->collect_dead_letter(&output_->dead_letter);
  parser_->start(e.chunk);
  Status parsed;
  do {
    parsed = parser_->parse(output_->stats);
    if (BatchPtr batch = parser_->finish_batch()) {
      ActorCounters::add(counters_.records_in, batch->num_rows());
      EDDY_RETURN_NOT_OK(chain_.push(batch, to_sink_));
    }
  } while (parsed.is_ok() && !parser_->done());
  // Releases the chunk's memory now rather than at the next chunk.
  parser_->start(nullptr);
  parser_->collect_dead_letter(nullptr);
  // A bad record with on.error = 'fail' stops the run only when the sink reaches this chunk in
  // file order, so the error reported is the file's first, after the rows before it.
  output_->error = std::move(parsed);
  outbox_.send(Envelope::of_seq_end(e.seq, std::move(output_)));
  output_ = nullptr;
  return Status::ok();
}

void PartitionStage::send_rendered() {
  if (output_ == nullptr || output_->rows == 0) {
    return;
  }
  outbox_.send(Envelope::of_rendered(std::move(output_)));
  output_ = nullptr;
}

std::shared_ptr<ChunkOutput> PartitionStage::free_output() {
  for (auto& kept : outputs_) {
    // Only this stage and the envelopes it sent hold outputs. A count of one means the sink has
    // dropped its reference; the fence pairs with that release (shared_ptr's decrement is
    // acq_rel), so the sink's last reads of the text happen before it is reused here.
    if (kept.use_count() == 1) {
      std::atomic_thread_fence(std::memory_order_acquire);
      kept->text.clear();
      kept->rows = 0;
      kept->stats = ops::SourceStats();
      kept->error = Status::ok();
      kept->dead_letter.clear();
      return kept;
    }
  }
  auto fresh = std::make_shared<ChunkOutput>();
  // Beyond what the channel and the outbox can hold at once (a finished run may leave more
  // behind in the outbox), outputs are not kept.
  if (outputs_.size() < kMaxKeptOutputs) {
    outputs_.push_back(fresh);
  }
  return fresh;
}

Status PartitionStage::handle(size_t input, Envelope e) {
  switch (e.kind) {
    case EnvelopeKind::kBatch: {
      const size_t rows = e.rows ? e.rows->size() : e.batch->num_rows();
      ActorCounters::add(counters_.records_in, rows);
      ActorCounters::add(counters_.batches_in, 1);
      // A shared batch with a selection goes to the chain as is: operators that read through
      // the selection save copying this partition's rows out.
      EDDY_RETURN_NOT_OK(e.rows ? chain_.push_rows(e.batch, e.rows->data(), rows, to_sink_)
                                : chain_.push(e.batch, to_sink_));
      counters_.late_dropped.store(chain_.late_dropped(), std::memory_order_relaxed);
      if (!exchange_) {
        outbox_.send(Envelope::of_seq_end(e.seq));
      }
      return Status::ok();
    }
    case EnvelopeKind::kWatermark: {
      input_watermarks_[input] = std::max(input_watermarks_[input], e.watermark);
      int64_t wm = *std::min_element(input_watermarks_.begin(), input_watermarks_.end());
      if (wm <= watermark_) {
        return Status::ok();
      }
      watermark_ = wm;
      counters_.watermark.store(wm, std::memory_order_relaxed);
      EDDY_RETURN_NOT_OK(chain_.on_watermark(wm, to_sink_));
      send_rendered();
      return Status::ok();
    }
    case EnvelopeKind::kChunk:
      if (chunk_source_ == nullptr) {
        return Status::internal(name_ + " got a chunk of raw records but parses none");
      }
      return handle_chunk(e);
    case EnvelopeKind::kEnd:
      if (e.output != nullptr) {
        // The input stopped at a bad record: nothing is finished (the sequential semantics of
        // on.error = 'fail'), the sink raises the error once every partition has passed it on.
        send_rendered();
        outbox_.send(std::move(e));
        ended_ = true;
        return Status::ok();
      }
      if (exchange_) {
        return end_input(input, e.seq);
      }
      EDDY_RETURN_NOT_OK(chain_.finish(to_sink_));
      send_rendered();
      outbox_.send(Envelope::of_end(e.seq));
      ended_ = true;
      return Status::ok();
    case EnvelopeKind::kSeqEnd:
      if (exchange_) {
        if (e.seq != next_chunk_) {
          return Status::internal(name_ + " expected the end of chunk " +
                                  std::to_string(next_chunk_) + " but got " +
                                  std::to_string(e.seq));
        }
        ++next_chunk_;
        if (e.output != nullptr && source_counters_ != nullptr) {
          add_chunk_stats(parsed_, e.output->stats);
          if (!e.output->dead_letter.empty() && dead_letter_source_ != nullptr &&
              dead_letter_source_->dead_letter() != nullptr) {
            EDDY_RETURN_NOT_OK(dead_letter_source_->dead_letter()->append(e.output->dead_letter));
          }
          source_counters_->records_in.store(parsed_.records_in, std::memory_order_relaxed);
          source_counters_->records_out.store(parsed_.records_in, std::memory_order_relaxed);
          source_counters_->parse_errors.store(parsed_.parse_errors, std::memory_order_relaxed);
        }
        if (e.output != nullptr && !e.output->error.is_ok()) {
          // The chunk's bad record (on.error = 'fail'): its rows before it are taken, nothing
          // after it is; the sink raises the error once every partition got here.
          send_rendered();
          outbox_.send(Envelope::of_failed_end(e.seq, e.output));
          ended_ = true;
          return Status::ok();
        }
        // The watermark after every row up to this chunk's end, as the sequential source has
        // it after this row. The next chunk's rows carry watermarks within their chunk only;
        // operators take the larger of a row's and theirs, which is then exactly the row's
        // watermark in a sequential read (a watermark is monotone in the largest event time).
        if (e.watermark > watermark_) {
          watermark_ = e.watermark;
          counters_.watermark.store(watermark_, std::memory_order_relaxed);
          EDDY_RETURN_NOT_OK(chain_.on_watermark(watermark_, to_sink_));
          counters_.late_dropped.store(chain_.late_dropped(), std::memory_order_relaxed);
        }
        // What the chunk's rows (and the watermark) made goes out once per chunk.
        send_rendered();
      }
      return Status::ok();
    case EnvelopeKind::kRendered:
      return Status::ok();
  }
  return Status::ok();
}

Result<StepResult> PartitionStage::step() {
  for (size_t i = 0; i < items_per_step_; ++i) {
    if (!outbox_.flush()) {
      return StepResult::kIdle;
    }
    if (ended_) {
      return StepResult::kDone;
    }
    const size_t input = next_input();
    Channel<Envelope>& channel = *inputs_[input];
    Envelope e;
    if (!channel.try_pop(e)) {
      // Only the channel the next item must come from is watched; the others' items wait.
      if (channel.park_consumer()) {
        return StepResult::kIdle;
      }
      continue;
    }
    if (channel.producer_needs_wake()) {
      if (exchange_) {
        waker_.wake_parser(input);
      } else {
        waker_.wake_source();
      }
    }
    EDDY_RETURN_NOT_OK(handle(input, std::move(e)));
  }
  if (!outbox_.flush()) {
    return StepResult::kIdle;
  }
  return ended_ ? StepResult::kDone : StepResult::kYield;
}

}  // namespace eddy::rt
