#include "operators/aggregate/window_assigner.hpp"

namespace eddy::ops::window {

int64_t floor_to(int64_t t, int64_t step) {
  int64_t q = t / step;
  // C++ division truncates toward zero; negative times need the floor.
  if (t % step != 0 && t < 0) {
    --q;
  }
  return q * step;
}

SlidingStarts sliding_starts(int64_t t, int64_t size, int64_t advance) {
  return {floor_to(t - size, advance) + advance, floor_to(t, advance)};
}

}  // namespace eddy::ops::window
