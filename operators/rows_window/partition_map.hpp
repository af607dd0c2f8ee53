#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "runtime/core/column.hpp"

namespace eddy::ops {

/// Maps PARTITION BY key values to dense partition ids (0, 1, 2, ... in first-seen order).
///
/// One hash lookup per row, without per-row allocation: one BIGINT-like (BIGINT, DECIMAL,
/// TIMESTAMP, BOOLEAN) key is hashed as an int64, one VARCHAR key as its bytes (consecutive rows
/// with the same key skip the lookup), and several keys as their concatenated sort keys. NULL is
/// a key value of its own: all rows with NULL keys share one partition. No keys means a single
/// partition. Ids are never released.
class PartitionMap {
 public:
  /// Makes a map over keys of these types (empty: one global partition).
  explicit PartitionMap(std::vector<DataType> key_types);

  /// Writes the partition id of each of the `num_rows` rows of `keys` (one column per key type)
  /// to `ids`, which it resizes.
  void assign(const std::vector<ColumnPtr>& keys, size_t num_rows, std::vector<uint32_t>& ids);

  /// The number of distinct partitions seen so far.
  [[nodiscard]] size_t size() const { return size_; }

 private:
  enum class Mode : uint8_t { kGlobal, kInt, kString, kEncoded };

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };

  uint32_t intern_string(std::string_view key);
  uint32_t null_id();

  static constexpr uint32_t kNoId = UINT32_MAX;

  std::vector<DataType> key_types_;
  Mode mode_ = Mode::kGlobal;
  uint32_t size_ = 0;
  uint32_t null_id_ = kNoId;
  std::unordered_map<int64_t, uint32_t> ints_;
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> strings_;
  std::string scratch_;
};

}  // namespace eddy::ops
