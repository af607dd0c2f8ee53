#pragma once

#include <vector>

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
class PartitionStage final : public Stage {
 public:
  PartitionStage(size_t index, OperatorChain& chain, Channel<Envelope>& input,
                 Channel<Envelope>& output, ActorCounters& counters, Waker& waker,
                 size_t items_per_step = 16);

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

  OperatorChain& chain_;
  Channel<Envelope>& input_;
  Outbox outbox_;
  ActorCounters& counters_;
  Waker& waker_;
  ToSink to_sink_{this};
  size_t items_per_step_;
  std::string name_;
  // One watermark per input; the partition's watermark is their minimum.
  std::vector<int64_t> input_watermarks_;
  int64_t watermark_;
  bool ended_ = false;
};

}  // namespace eddy::rt
