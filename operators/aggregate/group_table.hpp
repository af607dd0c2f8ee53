#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "runtime/core/column.hpp"
#include "runtime/core/column_builder.hpp"
#include "runtime/core/data_type.hpp"
#include "runtime/core/pod_vector.hpp"

namespace eddy::ops {

/// Maps GROUP BY key values to dense group ids 0, 1, 2, ... in first-seen order.
///
/// An open-addressing hash table (linear probing, load factor at most 1/2) with three layouts,
/// chosen once from the key types: one int64-backed key (BIGINT, DECIMAL, TIMESTAMP) stored inline
/// in the slots; one VARCHAR key; and any other combination, where each row's key columns are
/// encoded into a compact byte string (column at a time). The byte layouts find a key by the
/// engine's key hash (hash_key_columns), which hash routing may already have computed. No key
/// is a single global group. NULL is a key value like any other (all NULLs form one group), and
/// DOUBLE keys fold -0.0 into 0.0 and all NaNs into one. Keys are stored once per group in flat
/// arrays; mapping a batch allocates only when the table or its key storage grows.
class GroupTable {
 public:
  /// The id of no group.
  static constexpr uint32_t kNoGroup = UINT32_MAX;

  /// Makes an empty table for keys of these types (may be empty: one global group).
  explicit GroupTable(std::vector<DataType> key_types);

  /// Maps rows to group ids, creating groups for new keys: for i in [0, n), the row
  /// `rows ? rows[i] : i` of `keys` (one column per key type). `row_hashes`, when given, holds
  /// hash_key_columns(keys) of every row (indexed by row, as Batch::key_hashes gives it), which
  /// saves hashing the keys here. Returns n ids, valid until the next call.
  [[nodiscard]] const uint32_t* map(const std::vector<ColumnPtr>& keys, const uint32_t* rows,
                                    size_t n, const uint64_t* row_hashes = nullptr);

  /// The number of groups.
  [[nodiscard]] size_t num_groups() const { return num_groups_; }
  /// The key types.
  [[nodiscard]] const std::vector<DataType>& key_types() const { return key_types_; }

  /// Appends the key values of groups ids[0..n) to `out` (one builder per key column).
  void append_keys(const uint32_t* ids, size_t n, std::vector<ColumnBuilder>& out) const;

  /// Keeps only the groups with keep[id] != 0, renumbered densely in their old order, and frees
  /// the others. Returns the new id of every old id (kNoGroup for a dropped one).
  std::vector<uint32_t> compact(const std::vector<uint8_t>& keep);

  /// Removes every group and releases the memory.
  void clear();
  /// Removes every group but keeps the slot array and key storage for the next keys: cheaper
  /// than a new table when tables come and go at a high rate (one per window).
  void recycle();
  /// The number of hash slots (twice the groups at most); what recycle() has to reset.
  [[nodiscard]] size_t num_slots() const { return mask_ + 1; }

 private:
  enum class Layout : uint8_t { kGlobal, kInt64, kBytes };
  struct IntSlot {
    int64_t key;
    uint32_t id;
  };
  struct ByteSlot {
    uint32_t hash;
    uint32_t id;
  };

  void map_int64(const Column& keys, const uint32_t* rows, size_t n);
  // Fills hashes_ with the key hash of every mapped row (byte layouts).
  void hash_rows(const std::vector<ColumnPtr>& keys, const uint32_t* rows, size_t n,
                 const uint64_t* row_hashes);
  void map_string(const Column& keys, const uint32_t* rows, size_t n);
  void map_encoded(const std::vector<ColumnPtr>& keys, const uint32_t* rows, size_t n);
  // Finds or inserts one byte key; `hash` is its key hash.
  uint32_t find_or_insert_bytes(const char* data, size_t size, uint64_t hash);
  uint32_t find_or_insert_int(int64_t key);
  uint32_t null_group();
  void grow_int();
  void grow_bytes();
  std::string_view stored_bytes(uint32_t id) const {
    return {arena_.data() + offsets_[id], static_cast<size_t>(offsets_[id + 1] - offsets_[id])};
  }

  std::vector<DataType> key_types_;
  Layout layout_;
  bool string_key_ = false;  // kBytes with one VARCHAR key, stored raw rather than encoded
  size_t num_groups_ = 0;
  uint32_t null_group_ = kNoGroup;  // kInt64 and raw-string layouts: the group of the NULL key

  PodVector<IntSlot> int_slots_;
  PodVector<int64_t> int_keys_;  // kInt64: the key of each group
  PodVector<ByteSlot> byte_slots_;
  std::string arena_;                 // kBytes: the keys of all groups, back to back
  PodVector<uint64_t> offsets_;       // kBytes: group g's key is arena_[offsets_[g], offsets_[g+1])
  PodVector<uint8_t> is_null_;        // kInt64 and raw-string layouts: 1 for the NULL-key group
  PodVector<uint64_t> group_hashes_;  // kBytes: each group's key hash, to grow without rehashing
  size_t mask_ = 0;                   // slot count - 1 (slot count is a power of two)

  PodVector<uint32_t> ids_;              // map's result
  PodVector<uint64_t> hashes_;           // byte layouts: every mapped row's key hash
  std::string scratch_;                  // map_encoded: the encoded keys of a batch
  PodVector<uint64_t> scratch_offsets_;  // map_encoded: row i's key in scratch_
};

}  // namespace eddy::ops
