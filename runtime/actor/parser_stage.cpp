#include "runtime/actor/parser_stage.hpp"

#include "runtime/actor/chunk_output.hpp"

namespace eddy::rt {

ParserStage::ParserStage(size_t index, const ops::FileSource& source,
                         std::vector<size_t> key_columns, Channel<Envelope>& input,
                         std::vector<Channel<Envelope>*> outputs, ActorCounters& counters,
                         Waker& waker, size_t items_per_step)
    : source_(source),
      partitioner_(std::move(key_columns), outputs.size()),
      input_(input),
      counters_(counters),
      waker_(waker),
      items_per_step_(items_per_step == 0 ? 1 : items_per_step),
      name_("parser-" + std::to_string(index)) {
  outboxes_.reserve(outputs.size());
  for (size_t q = 0; q < outputs.size(); ++q) {
    outboxes_.emplace_back(*outputs[q], [&waker, q] { waker.wake_partition(q); });
  }
}

bool ParserStage::flush() {
  return flush_all(outboxes_);
}

void ParserStage::broadcast(const Envelope& e) {
  send_to_all(outboxes_, e);
}

void ParserStage::route(const BatchPtr& batch, uint64_t seq) {
  ActorCounters::add(counters_.records_in, batch->num_rows());
  ActorCounters::add(counters_.records_out, batch->num_rows());
  ActorCounters::add(counters_.batches_out, send_by_key(partitioner_, batch, seq, outboxes_));
}

Status ParserStage::handle_chunk(const Envelope& e) {
  if (parser_ == nullptr) {
    // The source read the header before it sent the first chunk (the channel orders the two),
    // so its column mapping is final here.
    parser_ = source_.make_chunk_parser();
  }
  ActorCounters::add(counters_.batches_in, 1);
  auto output = std::make_shared<ChunkOutput>();
  // Rows get watermarks within this chunk only: the chunks before it are parsed elsewhere, so
  // each partition adds their watermarks (from their end markers) before taking this chunk.
  parser_->reset_watermark();
  // Partition 0 writes the chunk's dead-letter entries, taking the chunks in file order.
  parser_->collect_dead_letter(&output->dead_letter);
  parser_->start(e.chunk);
  Status parsed;
  do {
    parsed = parser_->parse(output->stats);
    // A batch never spans two chunks: every partition ends the chunk at its marker.
    if (BatchPtr batch = parser_->finish_batch()) {
      route(batch, e.seq);
    }
  } while (parsed.is_ok() && !parser_->done());
  // Releases the chunk's memory now rather than at the next chunk.
  parser_->start(nullptr);
  parser_->collect_dead_letter(nullptr);
  if (!parsed.is_ok() && parsed.code() != StatusCode::kDataError) {
    return parsed;
  }
  // A bad record with on.error = 'fail' stops this parser after the rows before it; the chunk's
  // end marker carries the error to every partition, which stops there (the chunks before are
  // all taken by then, the ones after never are), so the run stops at the file's first bad
  // record whichever parser meets it first.
  const bool failed = !parsed.is_ok();
  output->error = std::move(parsed);
  // Every partition gets the marker, rows or not: it moves on to chunk s+1 only after it.
  // The chunk's watermark goes to every partition, rows or not: the watermark before a row
  // depends on every row before it in the file, whichever partition took them.
  const int64_t watermark = parser_->watermark();
  std::shared_ptr<const ChunkOutput> stats = std::move(output);
  for (size_t q = 0; q < outboxes_.size(); ++q) {
    outboxes_[q].send(Envelope::of_chunk_end(e.seq, watermark, q == 0 || failed ? stats : nullptr));
  }
  if (failed) {
    // Takes no further chunk: no partition gets past this one.
    ended_ = true;
  }
  return Status::ok();
}

Status ParserStage::handle(Envelope e) {
  switch (e.kind) {
    case EnvelopeKind::kChunk:
      return handle_chunk(e);
    case EnvelopeKind::kWatermark:
      counters_.watermark.store(e.watermark, std::memory_order_relaxed);
      broadcast(e);
      return Status::ok();
    case EnvelopeKind::kEnd:
      broadcast(e);
      ended_ = true;
      return Status::ok();
    case EnvelopeKind::kBatch:
    case EnvelopeKind::kSeqEnd:
    case EnvelopeKind::kRendered:
      return Status::internal(name_ + " expects chunks of raw records only");
  }
  return Status::ok();
}

Result<StepResult> ParserStage::step() {
  for (size_t i = 0; i < items_per_step_; ++i) {
    // A chunk's output waits in the outboxes until every partition has room: only then is the
    // next chunk taken, so a parser holds at most one chunk's batches beyond its channels.
    if (!flush()) {
      return StepResult::kIdle;
    }
    if (ended_) {
      return StepResult::kDone;
    }
    Envelope e;
    if (!input_.try_pop(e)) {
      if (input_.park_consumer()) {
        return StepResult::kIdle;
      }
      continue;
    }
    if (input_.producer_needs_wake()) {
      waker_.wake_source();
    }
    EDDY_RETURN_NOT_OK(handle(std::move(e)));
  }
  if (!flush()) {
    return StepResult::kIdle;
  }
  return ended_ ? StepResult::kDone : StepResult::kYield;
}

}  // namespace eddy::rt
