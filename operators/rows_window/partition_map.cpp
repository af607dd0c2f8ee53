#include "operators/rows_window/partition_map.hpp"

#include <algorithm>

#include "operators/rows_window/sort_key.hpp"

namespace eddy::ops {

PartitionMap::PartitionMap(std::vector<DataType> key_types) : key_types_(std::move(key_types)) {
  if (key_types_.size() == 1) {
    const DataType& t = key_types_[0];
    if (t.is_int64_backed() || t.id == TypeId::kBoolean) {
      mode_ = Mode::kInt;
    } else if (t.id == TypeId::kVarchar) {
      mode_ = Mode::kString;
    } else {
      mode_ = Mode::kEncoded;
    }
  } else if (key_types_.size() > 1) {
    mode_ = Mode::kEncoded;
  }
}

uint32_t PartitionMap::intern_string(std::string_view key) {
  auto it = strings_.find(key);
  if (it != strings_.end()) {
    return it->second;
  }
  strings_.emplace(std::string(key), size_);
  return size_++;
}

uint32_t PartitionMap::null_id() {
  if (null_id_ == kNoId) {
    null_id_ = size_++;
  }
  return null_id_;
}

void PartitionMap::assign(const std::vector<ColumnPtr>& keys, size_t num_rows,
                          std::vector<uint32_t>& ids) {
  ids.resize(num_rows);
  switch (mode_) {
    case Mode::kGlobal:
      if (size_ == 0) {
        size_ = 1;
      }
      std::fill(ids.begin(), ids.end(), 0);
      return;
    case Mode::kInt: {
      const Column& col = *keys[0];
      const bool is_bool = col.type().id == TypeId::kBoolean;
      for (size_t i = 0; i < num_rows; ++i) {
        if (col.is_null(i)) {
          ids[i] = null_id();
          continue;
        }
        int64_t key = is_bool ? col.u8()[i] : col.i64()[i];
        auto [it, inserted] = ints_.try_emplace(key, size_);
        if (inserted) {
          ++size_;
        }
        ids[i] = it->second;
      }
      return;
    }
    case Mode::kString: {
      const Column& col = *keys[0];
      std::string_view last;
      uint32_t last_id = kNoId;
      for (size_t i = 0; i < num_rows; ++i) {
        if (col.is_null(i)) {
          ids[i] = null_id();
          continue;
        }
        std::string_view key = col.str(i);
        if (last_id == kNoId || key != last) {
          last = key;
          last_id = intern_string(key);
        }
        ids[i] = last_id;
      }
      return;
    }
    case Mode::kEncoded:
      for (size_t i = 0; i < num_rows; ++i) {
        scratch_.clear();
        for (const auto& key : keys) {
          append_sort_key(*key, i, false, scratch_);
        }
        ids[i] = intern_string(scratch_);
      }
      return;
  }
}

}  // namespace eddy::ops
