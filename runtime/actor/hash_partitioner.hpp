#pragma once

#include <cstdint>
#include <vector>

#include "runtime/actor/outbox.hpp"
#include "runtime/core/batch.hpp"

namespace eddy::rt {

/// Splits batches by the hash of their key columns (eddy::hash_key_columns, the engine's one
/// key hash), so that rows with equal keys always land in the same partition, whatever batch
/// they arrive in. Column-at-a-time; reuses its buffers between batches.
class HashPartitioner {
 public:
  /// Routes by `key_columns` (indices into the batch schema, checked by the caller) over
  /// `num_partitions` (at least 1) partitions.
  HashPartitioner(std::vector<size_t> key_columns, size_t num_partitions);

  /// Returns one entry per partition: the rows of `batch` for that partition, in their original
  /// order, or nullptr when it gets none. A batch that goes to one partition is passed on as is.
  [[nodiscard]] std::vector<BatchPtr> split(const BatchPtr& batch);
  /// Returns one entry per partition: the indices of the rows of `batch` that go there, in
  /// order, or nullptr when it gets none. Copying the rows out is left to the receivers.
  [[nodiscard]] std::vector<std::shared_ptr<const std::vector<uint32_t>>> assign(
      const Batch& batch);
  /// The same for rows whose key hashes are `hashes` (one per row).
  [[nodiscard]] std::vector<std::shared_ptr<const std::vector<uint32_t>>> assign(
      const PodVector<uint64_t>& hashes);
  /// Returns the key hashes of every row of `batch`, ready to attach to it
  /// (Batch::with_key_hashes).
  [[nodiscard]] std::shared_ptr<KeyHashes> hash_rows(const Batch& batch) const;
  /// The partition a row with key hash `hash` goes to. Taken from the high bits of a Fibonacci
  /// product, so it is independent of the low bits that a partition's own hash tables index by
  /// (a plain `hash % N` would leave every table of a partition using 1/N of its slots), and it
  /// needs no division.
  [[nodiscard]] size_t partition_of(uint64_t hash) const {
    const uint64_t top32 = (hash * 0x9e3779b97f4a7c15ULL) >> 32;
    return static_cast<size_t>((top32 * num_partitions_) >> 32);
  }

 private:
  std::vector<size_t> key_columns_;
  size_t num_partitions_;
  std::vector<std::vector<uint32_t>> indices_;
};

/// Routes `batch` (source batch number `seq`) by key: every partition that gets rows receives
/// the shared batch, with its row indices unless it gets them all; partitions read their rows
/// through the selection (ops::Operator::push_rows), so nothing is copied here. The batch goes
/// out with its key hashes attached, which the partitions' group tables use instead of hashing
/// the keys again. Returns the number of envelopes sent.
size_t send_by_key(HashPartitioner& partitioner, const BatchPtr& batch, uint64_t seq,
                   std::vector<Outbox>& outboxes);

}  // namespace eddy::rt
