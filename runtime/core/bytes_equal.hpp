#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace eddy {

/// True when the `size` bytes at `a` and at `b` are equal. Keys compared in hash tables are
/// mostly a few bytes long, where a call to memcmp (through the PLT, with its length dispatch)
/// costs more than the comparison: up to 16 bytes are compared with two overlapping loads per
/// side, reading only inside [0, size).
inline bool bytes_equal(const char* a, const char* b, size_t size) {
  auto load64 = [](const char* p) {
    uint64_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  auto load32 = [](const char* p) {
    uint32_t v;
    std::memcpy(&v, p, sizeof v);
    return v;
  };
  if (size >= 8) {
    if (size <= 16) {
      return ((load64(a) ^ load64(b)) | (load64(a + size - 8) ^ load64(b + size - 8))) == 0;
    }
    return std::memcmp(a, b, size) == 0;
  }
  if (size >= 4) {
    return ((load32(a) ^ load32(b)) | (load32(a + size - 4) ^ load32(b + size - 4))) == 0;
  }
  for (size_t i = 0; i < size; ++i) {
    if (a[i] != b[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace eddy
