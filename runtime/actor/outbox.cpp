#include "runtime/actor/outbox.hpp"

namespace eddy::rt {

bool Outbox::push(Envelope& e) {
  if (!channel_->try_push(e)) {
    return false;
  }
  if (channel_->consumer_needs_wake()) {
    wake_consumer_();
  }
  return true;
}

void Outbox::send(Envelope e) {
  // The fast path keeps the deque untouched (and unallocated) while the consumer keeps up.
  if (pending_.empty() && push(e)) {
    return;
  }
  pending_.push_back(std::move(e));
}

bool Outbox::flush() {
  while (!pending_.empty()) {
    if (push(pending_.front())) {
      pending_.pop_front();
      continue;
    }
    if (channel_->park_producer()) {
      return false;
    }
  }
  return true;
}

bool flush_all(std::vector<Outbox>& outboxes) {
  bool all = true;
  for (auto& box : outboxes) {
    all = box.flush() && all;
  }
  return all;
}

void send_to_all(std::vector<Outbox>& outboxes, const Envelope& e) {
  for (auto& box : outboxes) {
    box.send(e);
  }
}

}  // namespace eddy::rt
