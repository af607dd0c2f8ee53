#pragma once

#include <cstddef>
#include <cstdint>

// The hash functions are inlined into the hot loops that call them (routing rows to
// partitions, grouping keys): a call into the shared library per short key costs as much as
// the hashing itself.
#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

namespace eddy {

/// Hashes `size` bytes at `data` (XXH3, 64 bits). Equal bytes give equal hashes in every
/// process and on every machine, so routing decisions are reproducible.
inline uint64_t hash_bytes(const void* data, size_t size) {
  return XXH3_64bits(data, size);
}

/// Hashes `size` bytes at `data`, chained onto `seed` (the hash of the key columns before).
inline uint64_t hash_bytes(const void* data, size_t size, uint64_t seed) {
  return XXH3_64bits_withSeed(data, size, seed);
}

}  // namespace eddy
