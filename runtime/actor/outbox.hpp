#pragma once

#include <deque>
#include <functional>
#include <vector>

#include "runtime/actor/channel.hpp"
#include "runtime/actor/envelope.hpp"

namespace eddy::rt {

/// The producer end of one channel plus the envelopes that did not fit yet. A stage sends
/// everything through its outboxes and stops taking new input while any outbox is non-empty, so
/// memory stays bounded by the channel capacity plus what one input item produces.
class Outbox {
 public:
  /// Wraps `channel`; `wake_consumer` is called (once per idle period) when the consumer parked.
  Outbox(Channel<Envelope>& channel, std::function<void()> wake_consumer)
      : channel_(&channel), wake_consumer_(std::move(wake_consumer)) {}

  /// Sends `e` now when the channel has room and nothing waits before it, else queues it.
  void send(Envelope e);
  /// Moves queued envelopes into the channel while there is room. Returns true when nothing is
  /// left queued; false when the channel is full and the producer parked (it will be woken).
  [[nodiscard]] bool flush();
  /// True when no envelope waits for room.
  [[nodiscard]] bool empty() const { return pending_.empty(); }

 private:
  bool push(Envelope& e);

  Channel<Envelope>* channel_;
  std::function<void()> wake_consumer_;
  std::deque<Envelope> pending_;
};

/// Flushes every outbox (not just up to the first full one, so each full one parks its
/// producer). Returns true when all are empty.
[[nodiscard]] bool flush_all(std::vector<Outbox>& outboxes);

/// Sends `e` to every outbox (watermarks, end of stream).
void send_to_all(std::vector<Outbox>& outboxes, const Envelope& e);

}  // namespace eddy::rt
