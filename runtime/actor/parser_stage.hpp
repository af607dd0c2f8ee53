#pragma once

#include <memory>
#include <string>
#include <vector>

#include "operators/connectors/chunk_parser.hpp"
#include "operators/connectors/file_source.hpp"
#include "runtime/actor/actor_counters.hpp"
#include "runtime/actor/hash_partitioner.hpp"
#include "runtime/actor/outbox.hpp"
#include "runtime/actor/stage.hpp"

namespace eddy::rt {

/// A parser actor's logic in the ordered exchange of a keyed (hash-routed) job over a file that
/// may be parsed in parallel (JobRuntime::parses_in_parsers). The source sends chunk s of the
/// file to parser s % N; each parser parses its chunks with its own ChunkParser, hashes the key
/// columns of every batch, and sends every partition q, on its own channel to q, the shared
/// batches with q's row selection (none when q gets no row), then an end-of-chunk marker
/// (kSeqEnd) carrying s. The marker to partition 0 also carries the chunk's parse counts, which
/// partition 0 adds up in chunk order (PartitionStage::parsed). With event time, a chunk's rows
/// carry watermarks computed within the chunk, and every marker carries the chunk's own
/// watermark (over all its rows, whichever partition they go to): a partition raises its
/// watermark to it at the marker, so the next chunk's rows are judged late exactly as in a
/// sequential read. The end of input is forwarded to every partition. Takes no new chunk while
/// any output waits for room.
class ParserStage final : public Stage {
 public:
  /// `input` is the channel from the source; `outputs[q]` the channel to partition q; chunks
  /// come from `source`, which makes this stage's parser.
  ParserStage(size_t index, const ops::FileSource& source, std::vector<size_t> key_columns,
              Channel<Envelope>& input, std::vector<Channel<Envelope>*> outputs,
              ActorCounters& counters, Waker& waker, size_t items_per_step = 2);

  [[nodiscard]] Result<StepResult> step() override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  bool flush();
  Status handle(Envelope e);
  Status handle_chunk(const Envelope& e);
  void route(const BatchPtr& batch, uint64_t seq);
  void broadcast(const Envelope& e);

  const ops::FileSource& source_;
  HashPartitioner partitioner_;
  Channel<Envelope>& input_;
  std::vector<Outbox> outboxes_;
  ActorCounters& counters_;
  Waker& waker_;
  std::unique_ptr<ops::ChunkParser> parser_;  // made at the first chunk, once the header is read
  size_t items_per_step_;
  std::string name_;
  bool ended_ = false;
};

}  // namespace eddy::rt
