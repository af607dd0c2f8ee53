#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "operators/connectors/chunk_parser.hpp"
#include "operators/connectors/file_source.hpp"
#include "operators/connectors/row_formatter.hpp"
#include "runtime/actor/actor_counters.hpp"
#include "runtime/actor/operator_chain.hpp"
#include "runtime/actor/outbox.hpp"
#include "runtime/actor/stage.hpp"

namespace eddy::rt {

/// A partition actor's logic: drains its input channel through its operator chain into the
/// sink channel. After each input batch it sends an end-of-sequence marker (so the sink can
/// restore the source order even when the chain emitted nothing); watermarks are the minimum
/// over its inputs; end-of-stream finishes the chain and is forwarded. Stops draining its input
/// while the sink channel is full.
///
/// In chunk mode (set_chunked()) its input carries raw chunks of the source file instead of
/// batches: it parses each into batches with its own parser, runs them through the chain,
/// renders what comes out with a copy of the sink's formatter (when the sink has one), and sends
/// the text with the chunk's parse counts in the chunk's end-of-sequence marker.
class PartitionStage final : public Stage {
 public:
  PartitionStage(size_t index, OperatorChain& chain, Channel<Envelope>& input,
                 Channel<Envelope>& output, ActorCounters& counters, Waker& waker,
                 size_t items_per_step = 16);

  /// Switches to chunk mode: chunks come from `source` (whose parsers this stage makes) and,
  /// when `formatter` is not null, output rows are rendered with a copy of it. Call before the
  /// first step.
  void set_chunked(const ops::FileSource& source, const ops::RowFormatter* formatter);

  [[nodiscard]] Result<StepResult> step() override;
  [[nodiscard]] const std::string& name() const override { return name_; }

 private:
  /// Forwards the last operator's output into the sink outbox.
  class ToSink final : public ops::Emitter {
   public:
    explicit ToSink(PartitionStage* stage) : stage_(stage) {}
    void emit(BatchPtr batch) override;

   private:
    PartitionStage* stage_;
  };

  Status handle(Envelope e);
  /// Chunk mode: parses one chunk through the chain and sends its output and counts.
  Status handle_chunk(const Envelope& e);
  /// Sends rows rendered outside any chunk (watermark or finish output).
  void send_rendered();
  /// An empty output to render into: one the sink has let go of (keeping its text's capacity,
  /// so rendering writes to warm memory instead of page-faulting fresh pages) or a new one.
  std::shared_ptr<ChunkOutput> free_output();

  OperatorChain& chain_;
  Channel<Envelope>& input_;
  Outbox outbox_;
  ActorCounters& counters_;
  Waker& waker_;
  ToSink to_sink_{this};
  // Chunk mode.
  const ops::FileSource* chunk_source_ = nullptr;
  std::unique_ptr<ops::ChunkParser> parser_;  // made at the first chunk, once the header is read
  std::optional<ops::RowFormatter> formatter_;
  std::shared_ptr<ChunkOutput> output_;  // rows rendered since the last send, when any
  // Outputs sent to the sink, reused once the sink drops them (at most channel capacity plus
  // the one being written are held at a time).
  std::vector<std::shared_ptr<ChunkOutput>> outputs_;
  size_t items_per_step_;
  std::string name_;
  // One watermark per input; the partition's watermark is their minimum.
  std::vector<int64_t> input_watermarks_;
  int64_t watermark_;
  bool ended_ = false;
};

}  // namespace eddy::rt
