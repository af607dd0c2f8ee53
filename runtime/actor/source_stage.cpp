#include "runtime/actor/source_stage.hpp"

#include <limits>

namespace eddy::rt {

SourceStage::SourceStage(ops::Source& source, std::vector<Channel<Envelope>*> outputs,
                         Routing routing, std::vector<size_t> key_columns, ActorCounters& counters,
                         Waker& waker, const std::atomic<bool>& stop, size_t batches_per_step)
    : source_(source),
      outputs_(outputs),
      waker_(waker),
      routing_(routing),
      counters_(counters),
      stop_(stop),
      batches_per_step_(batches_per_step == 0 ? 1 : batches_per_step),
      last_watermark_(std::numeric_limits<int64_t>::min()) {
  outboxes_.reserve(outputs.size());
  for (size_t p = 0; p < outputs.size(); ++p) {
    outboxes_.emplace_back(*outputs[p], [&waker, p] { waker.wake_partition(p); });
  }
  // With one partition every row goes to it: there is nothing to hash.
  if (routing_ == Routing::kHash && outputs.size() > 1) {
    partitioner_.emplace(std::move(key_columns), outputs.size());
  }
}

void SourceStage::set_chunked(ops::FileSource& source, bool to_parsers) {
  chunked_ = &source;
  partitioner_.reset();
  if (to_parsers) {
    outboxes_.clear();
    for (size_t p = 0; p < outputs_.size(); ++p) {
      outboxes_.emplace_back(*outputs_[p], [this, p] { waker_.wake_parser(p); });
    }
  }
}

Status SourceStage::start() {
  return source_.open();
}

bool SourceStage::flush() {
  return flush_all(outboxes_);
}

void SourceStage::route(const BatchPtr& batch) {
  uint64_t seq = next_seq_++;
  if (!partitioner_) {
    // Round robin (or a single partition): batch s goes to partition s % N; an ordered sink
    // relies on this to restore the source order.
    outboxes_[seq % outboxes_.size()].send(Envelope::of_batch(batch, seq));
    ActorCounters::add(counters_.batches_out, 1);
    return;
  }
  ActorCounters::add(counters_.batches_out, send_by_key(*partitioner_, batch, seq, outboxes_));
}

void SourceStage::broadcast(const Envelope& e) {
  send_to_all(outboxes_, e);
}

void SourceStage::end_of_input() {
  ended_ = true;
  counters_.watermark.store(ops::kWatermarkMax, std::memory_order_relaxed);
  broadcast(Envelope::of_watermark(ops::kWatermarkMax));
  broadcast(Envelope::of_end(next_seq_));
}

void SourceStage::fail_input(Status error) {
  ended_ = true;
  auto failure = std::make_shared<ChunkOutput>();
  failure->error = std::move(error);
  broadcast(Envelope::of_failed_end(next_seq_, std::move(failure)));
}

Status SourceStage::read_chunk() {
  auto next = chunked_->next_chunk();
  counters_.bytes_in.store(chunked_->stats().bytes_in, std::memory_order_relaxed);
  if (!next.is_ok()) {
    return next.status();
  }
  ops::FileChunkPtr chunk = std::move(next).value();
  if (chunk == nullptr) {
    end_of_input();
    return Status::ok();
  }
  // Chunk s goes to partition s % N, like batch s: the ordered sink restores the file order.
  // (Or to parser s % N, whose partitions take the chunks in this order too.)
  uint64_t seq = next_seq_++;
  outboxes_[seq % outboxes_.size()].send(Envelope::of_chunk(std::move(chunk), seq));
  ActorCounters::add(counters_.batches_in, 1);
  ActorCounters::add(counters_.batches_out, 1);
  return Status::ok();
}

void SourceStage::publish_stats() {
  const auto& stats = source_.stats();
  counters_.parse_errors.store(stats.parse_errors, std::memory_order_relaxed);
  counters_.bytes_in.store(stats.bytes_in, std::memory_order_relaxed);
}

Result<StepResult> SourceStage::step() {
  if (!flush()) {
    return StepResult::kIdle;
  }
  if (ended_) {
    return StepResult::kDone;
  }
  for (size_t i = 0; i < batches_per_step_ && !ended_; ++i) {
    if (stop_.load(std::memory_order_relaxed)) {
      end_of_input();
      break;
    }
    if (chunked_ != nullptr) {
      EDDY_RETURN_NOT_OK(read_chunk());
      if (!flush()) {
        return StepResult::kIdle;
      }
      continue;
    }
    auto next = source_.next();
    publish_stats();
    if (!next.is_ok()) {
      if (next.status().code() == StatusCode::kDataError) {
        // A bad record with on.error = 'fail': the rows before it are routed already. Ending
        // the input with the error (instead of stopping the run here) lets them go through
        // every partition and reach the sink first.
        fail_input(next.status());
        break;
      }
      return next.status();
    }
    BatchPtr batch = std::move(next).value();
    if (batch == nullptr) {
      end_of_input();
      break;
    }
    if (batch->num_rows() == 0) {
      continue;
    }
    ActorCounters::add(counters_.records_in, batch->num_rows());
    ActorCounters::add(counters_.batches_in, 1);
    ActorCounters::add(counters_.records_out, batch->num_rows());
    route(batch);
    int64_t wm = source_.watermark();
    if (wm > last_watermark_) {
      last_watermark_ = wm;
      counters_.watermark.store(wm, std::memory_order_relaxed);
      broadcast(Envelope::of_watermark(wm));
    }
    if (!flush()) {
      return StepResult::kIdle;
    }
  }
  if (ended_) {
    return flush() ? StepResult::kDone : StepResult::kIdle;
  }
  return StepResult::kYield;
}

}  // namespace eddy::rt
