#pragma once

#include <vector>

#include "operators/connectors/file_source.hpp"
#include "operators/source.hpp"
#include "runtime/actor/actor_counters.hpp"
#include "runtime/actor/channel.hpp"
#include "runtime/actor/envelope.hpp"
#include "runtime/actor/stage.hpp"

namespace eddy::rt {

/// The sink actor's logic: drains the partitions' output channels into the Sink and closes it
/// after end-of-stream from every partition.
///
/// Ordered mode (round-robin jobs): source batch s went to partition s % N, and each partition
/// marks the end of each input batch's output, so reading partition s % N up to that marker,
/// then moving to s+1, writes everything in source order; no reorder memory is needed because
/// the other partitions' output simply waits in their bounded channels. Outputs emitted outside
/// a batch (watermark and finish output) stay deterministic for a fixed partition count.
/// Unordered mode (hash jobs): whatever arrives, channel by channel.
///
/// When the partitions parse the source file (chunk mode), each chunk's end-of-sequence marker
/// carries its rendered rows and parse counts: the sink writes the text and adds up the counts
/// in chunk order, so the totals and the first bad records are those of a sequential read, and
/// a chunk that met a bad record with on.error = 'fail' stops the run with that record's error.
class SinkStage final : public Stage {
 public:
  SinkStage(ops::Sink& sink, std::vector<Channel<Envelope>*> inputs, bool ordered,
            ActorCounters& counters, Waker& waker, size_t items_per_step = 64);

  /// Chunk mode: the merged records_in and parse_errors are published in `source_counters`
  /// (the source stage leaves those two to the sink then), and the chunks' dead-letter entries
  /// are appended to `source`'s dead-letter file in chunk order. Call before the first step.
  void set_source_counters(ActorCounters& source_counters, const ops::FileSource& source) {
    source_counters_ = &source_counters;
    chunk_source_ = &source;
  }
  /// Chunk mode: the records, parse errors and first bad records of the chunks taken so far, in
  /// file order. Read only once no stage runs any more.
  [[nodiscard]] const ops::SourceStats& parsed() const { return parsed_; }

  [[nodiscard]] Status start() override;
  [[nodiscard]] Result<StepResult> step() override;
  [[nodiscard]] const std::string& name() const override { return name_; }
  /// After a run stopped on an error: closes the sink if it was opened and not yet closed, so
  /// the rows it already received are flushed rather than lost. Call only once no actor runs.
  [[nodiscard]] Status close_after_failure();

 private:
  /// What one attempt to read made happen.
  enum class Progress { kConsumed, kRetry, kParked };

  Result<Progress> step_ordered();
  Result<Progress> step_unordered();
  Status consume(size_t channel, Envelope e);
  /// Writes rendered rows and merges a chunk's counts; returns the chunk's error, if any.
  Status take_output(const ChunkOutput& output);
  bool pop(size_t channel, Envelope& e);
  /// The next channel the ordered finish phase reads (skipping ended ones).
  size_t next_open_channel(size_t from) const;

  ops::Sink& sink_;
  std::vector<Channel<Envelope>*> inputs_;
  bool ordered_;
  ActorCounters& counters_;
  Waker& waker_;
  size_t items_per_step_;
  std::string name_ = "sink";
  std::vector<bool> ended_;
  size_t num_ended_ = 0;
  uint64_t next_seq_ = 0;
  bool in_sequence_phase_ = true;
  size_t cursor_ = 0;
  ActorCounters* source_counters_ = nullptr;
  const ops::FileSource* chunk_source_ = nullptr;  // chunk mode
  ops::SourceStats parsed_;
  bool closed_ = false;
  // The bad record (on.error = 'fail') some partition's input stopped at: raised once every
  // partition has ended.
  Status failure_;
  bool opened_ = false;
};

}  // namespace eddy::rt
