#pragma once

#include <atomic>
#include <cstdint>
#include <limits>

namespace eddy::rt {

/// The live counters of one actor. Written only by the owning actor (relaxed load + store, no
/// read-modify-write), read at any time by the monitor. Cache-line aligned so that two actors'
/// counters never share a line.
struct alignas(64) ActorCounters {
  std::atomic<uint64_t> records_in{0};
  std::atomic<uint64_t> records_out{0};
  std::atomic<uint64_t> batches_in{0};
  std::atomic<uint64_t> batches_out{0};
  std::atomic<uint64_t> parse_errors{0};  ///< Sources only.
  std::atomic<uint64_t> bytes_in{0};      ///< Sources only.
  std::atomic<uint64_t> late_dropped{0};  ///< Partitions only: rows whose window had closed.
  /// The actor's current event-time watermark (INT64_MIN before the first one).
  std::atomic<int64_t> watermark{std::numeric_limits<int64_t>::min()};

  /// Adds `n` to a counter that only the calling owner writes.
  static void add(std::atomic<uint64_t>& counter, uint64_t n) {
    counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
};

}  // namespace eddy::rt
