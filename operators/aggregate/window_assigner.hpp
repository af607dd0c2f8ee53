#pragma once

#include <cstdint>

namespace eddy::ops::window {

/// Event times beyond ±2^62 ms are rejected as bad input, so window bounds never overflow.
inline constexpr int64_t kMaxAbsTime = int64_t{1} << 62;

/// True when `t` (epoch ms) is within the supported range.
inline bool valid_time(int64_t t) {
  return t > -kMaxAbsTime && t < kMaxAbsTime;
}

/// The largest multiple of `step` (> 0) that is <= t, for any sign of t.
int64_t floor_to(int64_t t, int64_t step);

/// The start of the tumbling window of `size` ms containing t: windows are epoch-aligned and
/// half-open, [start, start + size), so t == start + size belongs to the next window.
inline int64_t tumbling_start(int64_t t, int64_t size) {
  return floor_to(t, size);
}

/// The starts of the sliding windows containing t, first and last (inclusive, `advance` apart).
struct SlidingStarts {
  int64_t first;
  int64_t last;
};

/// Windows of `size` ms start at every multiple of `advance`; t belongs to each window
/// [start, start + size) that contains it: starts in (t - size, t].
SlidingStarts sliding_starts(int64_t t, int64_t size, int64_t advance);

/// True when a record at `t` joins a session [first, last + gap): the record's own interval
/// [t, t + gap) overlaps it, so the gap between them is less than `gap`.
inline bool joins_session(int64_t t, int64_t first, int64_t last, int64_t gap) {
  return t < last + gap && first < t + gap;
}

}  // namespace eddy::ops::window
