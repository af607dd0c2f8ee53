#pragma once

#include <concurrentqueue/concurrentqueue.h>

#include <atomic>
#include <cstddef>
#include <cstdint>

namespace eddy::rt {

/// A bounded single-producer / single-consumer queue over moodycamel::ConcurrentQueue, with the
/// sleep/wake handshake the actors use so that a busy pipeline sends no message per item.
///
/// Contract:
/// - Exactly one producer calls `try_push`, `consumer_needs_wake` and `park_producer`; exactly one
///   consumer calls `try_pop`, `producer_needs_wake` and `park_consumer`. Each side may move
///   between threads as long as its calls are ordered (as an actor's are).
/// - `size()` never exceeds `capacity()`: a full channel refuses the item.
/// - Wake-ups are never lost: a parked consumer is woken by the producer's next successful
///   `try_push`; a parked producer by the consumer's first `try_pop` that leaves the channel at
///   most half full (`*_needs_wake` returns true exactly once). A consumer therefore keeps
///   popping until its channel is empty or its own output is full, never stopping half way.
///   Spurious wake-ups can happen and must be harmless.
template <class T>
class Channel {
 public:
  /// Makes an empty channel holding at most `capacity` items (at least 1).
  explicit Channel(size_t capacity)
      : capacity_(capacity == 0 ? 1 : static_cast<int64_t>(capacity)),
        queue_(static_cast<size_t>(capacity_) + 64),
        producer_token_(queue_) {}

  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  // -- observers (any thread) ------------------------------------------------------------------

  /// The most items the channel holds at once.
  [[nodiscard]] size_t capacity() const { return static_cast<size_t>(capacity_); }
  /// The number of items queued now (approximate while the other side is mid-call).
  [[nodiscard]] size_t size() const {
    int64_t n = size_.load(std::memory_order_relaxed);
    return n > 0 ? static_cast<size_t>(n) : 0;
  }
  /// The highest size ever observed right after a push; never above `capacity()`.
  [[nodiscard]] size_t max_size_seen() const { return max_seen_.load(std::memory_order_relaxed); }

  // -- producer side ---------------------------------------------------------------------------

  /// Moves `item` into the channel and returns true, or returns false (leaving `item` untouched)
  /// when the channel is full.
  bool try_push(T& item) {
    // Only this side increases the size, so the check cannot be invalidated before the push.
    if (size_.load(std::memory_order_seq_cst) >= capacity_) {
      return false;
    }
    queue_.enqueue(producer_token_, std::move(item));
    auto n = static_cast<size_t>(size_.fetch_add(1, std::memory_order_seq_cst) + 1);
    if (n > max_seen_.load(std::memory_order_relaxed)) {
      max_seen_.store(n, std::memory_order_relaxed);
    }
    return true;
  }
  /// After a successful push: true when the consumer had parked and must now be woken (once).
  bool consumer_needs_wake() {
    return consumer_idle_.load(std::memory_order_seq_cst) &&
           consumer_idle_.exchange(false, std::memory_order_seq_cst);
  }
  /// After `try_push` failed: marks the producer as waiting for room. Returns true when it may
  /// sleep (the consumer will wake it), false when room appeared meanwhile (retry the push).
  bool park_producer() {
    producer_blocked_.store(true, std::memory_order_seq_cst);
    if (size_.load(std::memory_order_seq_cst) < capacity_) {
      return producer_blocked_.exchange(false, std::memory_order_seq_cst) == false;
    }
    return true;
  }

  // -- consumer side ---------------------------------------------------------------------------

  /// Moves the oldest item into `out` and returns true, or returns false when empty.
  bool try_pop(T& out) {
    if (!queue_.try_dequeue_from_producer(producer_token_, out)) {
      return false;
    }
    size_.fetch_sub(1, std::memory_order_seq_cst);
    return true;
  }
  /// After a successful pop: true when the producer had parked on a full channel and must now
  /// be woken (once). The wake waits until the channel is half empty, so a producer that is
  /// faster than its consumer is woken once per half channel rather than once per item.
  bool producer_needs_wake() {
    return producer_blocked_.load(std::memory_order_seq_cst) &&
           size_.load(std::memory_order_seq_cst) <= capacity_ / 2 &&
           producer_blocked_.exchange(false, std::memory_order_seq_cst);
  }
  /// After `try_pop` failed: marks the consumer idle. Returns true when it may sleep (the
  /// producer will wake it after its next push), false when items arrived meanwhile (pop again).
  bool park_consumer() {
    consumer_idle_.store(true, std::memory_order_seq_cst);
    if (size_.load(std::memory_order_seq_cst) > 0) {
      // If the producer already cleared the flag, its wake is on the way: sleeping is safe.
      return consumer_idle_.exchange(false, std::memory_order_seq_cst) == false;
    }
    return true;
  }

 private:
  const int64_t capacity_;
  moodycamel::ConcurrentQueue<T> queue_;
  // One explicit producer keeps FIFO order even when the producing actor changes threads.
  moodycamel::ProducerToken producer_token_;
  // Signed: the consumer may decrement before the producer's increment lands.
  std::atomic<int64_t> size_{0};
  std::atomic<size_t> max_seen_{0};
  std::atomic<bool> consumer_idle_{false};
  std::atomic<bool> producer_blocked_{false};
};

}  // namespace eddy::rt
