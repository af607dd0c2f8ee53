#pragma once

#include <atomic>
#include <optional>
#include <vector>

#include "operators/connectors/file_source.hpp"
#include "operators/source.hpp"
#include "runtime/actor/actor_counters.hpp"
#include "runtime/actor/hash_partitioner.hpp"
#include "runtime/actor/job_spec.hpp"
#include "runtime/actor/outbox.hpp"
#include "runtime/actor/stage.hpp"

namespace eddy::rt {

/// The source actor's logic: pulls batches from the Source, numbers them, routes them to the
/// partition channels (round-robin or by key hash), follows each with a watermark when the
/// source's watermark advanced, and ends with a +infinity watermark and end-of-stream to every
/// partition. Stops pulling while any partition channel is full.
///
/// In chunk mode (set_chunked(); round-robin jobs whose file the partitions parse) it only reads
/// raw chunks of records and sends chunk s to partition s % N, as it would batch s; the
/// partitions parse them and the ordered sink counts records and parse errors in chunk order.
/// Keyed jobs send chunk s to parser s % N instead (see ParserStage).
class SourceStage final : public Stage {
 public:
  /// `outputs[p]` is partition p's input channel; `stop` is polled once per batch.
  SourceStage(ops::Source& source, std::vector<Channel<Envelope>*> outputs, Routing routing,
              std::vector<size_t> key_columns, ActorCounters& counters, Waker& waker,
              const std::atomic<bool>& stop, size_t batches_per_step = 8);

  /// Switches to chunk mode: `source` (the stage's source) hands out chunks instead of batches.
  /// Call before start(). With `to_parsers`, the outputs are the parser actors' input channels
  /// of a keyed job (see ParserStage) rather than the partitions' of a round-robin job.
  void set_chunked(ops::FileSource& source, bool to_parsers = false);

  [[nodiscard]] Status start() override;
  [[nodiscard]] Result<StepResult> step() override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  bool flush();
  void route(const BatchPtr& batch);
  /// Chunk mode: reads and routes one chunk (or ends the input).
  Status read_chunk();
  void broadcast(const Envelope& e);
  void end_of_input();
  /// Ends the input at a bad record (on.error = 'fail'): the sink raises `error` once every
  /// partition has taken the rows before it.
  void fail_input(Status error);
  void publish_stats();

  ops::Source& source_;
  ops::FileSource* chunked_ = nullptr;
  std::vector<Channel<Envelope>*> outputs_;
  Waker& waker_;
  std::vector<Outbox> outboxes_;
  Routing routing_;
  std::optional<HashPartitioner> partitioner_;
  ActorCounters& counters_;
  const std::atomic<bool>& stop_;
  size_t batches_per_step_;
  std::string name_ = "source";
  uint64_t next_seq_ = 0;
  int64_t last_watermark_;
  bool ended_ = false;
};

}  // namespace eddy::rt
