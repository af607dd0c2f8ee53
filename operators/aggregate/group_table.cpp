#include "operators/aggregate/group_table.hpp"

#include "runtime/core/bytes_equal.hpp"
#include "runtime/core/key_hash.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

namespace eddy::ops {

namespace {

constexpr size_t kInitialSlots = 64;

// Mixes a 64-bit key into a well-spread hash (the murmur3 finaliser).
inline uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline size_t row_at(const uint32_t* rows, size_t i) {
  return rows == nullptr ? i : rows[i];
}

// Encoded size of a fixed-width key value after its one-byte NULL tag.
size_t fixed_width(const DataType& t) {
  switch (t.id) {
    case TypeId::kBoolean:
      return 1;
    case TypeId::kNull:
    case TypeId::kVarchar:
      return 0;
    default:
      return 8;
  }
}

inline double canonical_double(double v) {
  if (v == 0.0) {
    return 0.0;
  }
  if (std::isnan(v)) {
    return std::numeric_limits<double>::quiet_NaN();
  }
  return v;
}

}  // namespace

GroupTable::GroupTable(std::vector<DataType> key_types) : key_types_(std::move(key_types)) {
  if (key_types_.empty()) {
    layout_ = Layout::kGlobal;
  } else if (key_types_.size() == 1 && key_types_[0].is_int64_backed()) {
    layout_ = Layout::kInt64;
  } else {
    layout_ = Layout::kBytes;
    string_key_ = key_types_.size() == 1 && key_types_[0].id == TypeId::kVarchar;
  }
  clear();
}

void GroupTable::clear() {
  num_groups_ = 0;
  null_group_ = kNoGroup;
  PodVector<IntSlot>().swap(int_slots_);
  PodVector<int64_t>().swap(int_keys_);
  PodVector<ByteSlot>().swap(byte_slots_);
  std::string().swap(arena_);
  PodVector<uint64_t>{0}.swap(offsets_);
  PodVector<uint8_t>().swap(is_null_);
  PodVector<uint64_t>().swap(group_hashes_);
  mask_ = kInitialSlots - 1;
  if (layout_ == Layout::kInt64) {
    int_slots_.resize(kInitialSlots, IntSlot{0, kNoGroup});
  } else if (layout_ == Layout::kBytes) {
    byte_slots_.resize(kInitialSlots, ByteSlot{0, kNoGroup});
  }
}

void GroupTable::recycle() {
  num_groups_ = 0;
  null_group_ = kNoGroup;
  int_keys_.clear();
  arena_.clear();
  offsets_.assign(1, 0);
  is_null_.clear();
  group_hashes_.clear();
  std::fill(int_slots_.begin(), int_slots_.end(), IntSlot{0, kNoGroup});
  std::fill(byte_slots_.begin(), byte_slots_.end(), ByteSlot{0, kNoGroup});
}

// -- mapping -------------------------------------------------------------------------------------

const uint32_t* GroupTable::map(const std::vector<ColumnPtr>& keys, const uint32_t* rows, size_t n,
                                const uint64_t* row_hashes) {
  ids_.resize(n);
  switch (layout_) {
    case Layout::kGlobal:
      if (num_groups_ == 0 && n > 0) {
        num_groups_ = 1;
      }
      std::fill(ids_.begin(), ids_.end(), 0u);
      break;
    case Layout::kInt64:
      map_int64(*keys[0], rows, n);
      break;
    case Layout::kBytes:
      hash_rows(keys, rows, n, row_hashes);
      if (string_key_) {
        map_string(*keys[0], rows, n);
      } else {
        map_encoded(keys, rows, n);
      }
      break;
  }
  return ids_.data();
}

uint32_t GroupTable::null_group() {
  if (null_group_ == kNoGroup) {
    null_group_ = static_cast<uint32_t>(num_groups_++);
    is_null_.resize(num_groups_, 0);
    is_null_[null_group_] = 1;
    if (layout_ == Layout::kInt64) {
      int_keys_.push_back(0);
    } else {
      offsets_.push_back(arena_.size());
      group_hashes_.push_back(0);  // the raw-string layout keeps its NULL group out of the slots
    }
  }
  return null_group_;
}

uint32_t GroupTable::find_or_insert_int(int64_t key) {
  size_t slot = mix64(static_cast<uint64_t>(key)) & mask_;
  while (true) {
    IntSlot& s = int_slots_[slot];
    if (s.id == kNoGroup) {
      uint32_t id = static_cast<uint32_t>(num_groups_++);
      s = IntSlot{key, id};
      int_keys_.push_back(key);
      is_null_.push_back(0);
      if (num_groups_ * 2 > int_slots_.size()) {
        grow_int();
      }
      return id;
    }
    if (s.key == key) {
      return s.id;
    }
    slot = (slot + 1) & mask_;
  }
}

void GroupTable::grow_int() {
  PodVector<IntSlot> old;
  old.swap(int_slots_);
  int_slots_.resize(old.size() * 2, IntSlot{0, kNoGroup});
  mask_ = int_slots_.size() - 1;
  for (const IntSlot& s : old) {
    if (s.id != kNoGroup) {
      size_t slot = mix64(static_cast<uint64_t>(s.key)) & mask_;
      while (int_slots_[slot].id != kNoGroup) {
        slot = (slot + 1) & mask_;
      }
      int_slots_[slot] = s;
    }
  }
}

void GroupTable::map_int64(const Column& keys, const uint32_t* rows, size_t n) {
  const int64_t* data = keys.i64();
  uint32_t* ids = ids_.data();
  if (!keys.has_nulls()) {
    for (size_t i = 0; i < n; ++i) {
      ids[i] = find_or_insert_int(data[row_at(rows, i)]);
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    size_t r = row_at(rows, i);
    ids[i] = keys.is_null(r) ? null_group() : find_or_insert_int(data[r]);
  }
}

uint32_t GroupTable::find_or_insert_bytes(const char* data, size_t size, uint64_t hash) {
  const auto tag = static_cast<uint32_t>(hash >> 32);
  size_t slot = hash & mask_;
  while (true) {
    ByteSlot& s = byte_slots_[slot];
    if (s.id == kNoGroup) {
      uint32_t id = static_cast<uint32_t>(num_groups_++);
      s = ByteSlot{tag, id};
      arena_.append(data, size);
      offsets_.push_back(arena_.size());
      is_null_.push_back(0);
      group_hashes_.push_back(hash);
      if (num_groups_ * 2 > byte_slots_.size()) {
        grow_bytes();
      }
      return id;
    }
    if (s.hash == tag) {
      std::string_view stored = stored_bytes(s.id);
      if (stored.size() == size && bytes_equal(stored.data(), data, size)) {
        return s.id;
      }
    }
    slot = (slot + 1) & mask_;
  }
}

void GroupTable::grow_bytes() {
  PodVector<ByteSlot> old;
  old.swap(byte_slots_);
  byte_slots_.resize(old.size() * 2, ByteSlot{0, kNoGroup});
  mask_ = byte_slots_.size() - 1;
  for (const ByteSlot& s : old) {
    if (s.id != kNoGroup) {
      size_t slot = group_hashes_[s.id] & mask_;
      while (byte_slots_[slot].id != kNoGroup) {
        slot = (slot + 1) & mask_;
      }
      byte_slots_[slot] = s;
    }
  }
}

void GroupTable::hash_rows(const std::vector<ColumnPtr>& keys, const uint32_t* rows, size_t n,
                           const uint64_t* row_hashes) {
  hashes_.resize(n);
  uint64_t* hashes = hashes_.data();
  if (row_hashes != nullptr) {
    for (size_t i = 0; i < n; ++i) {
      hashes[i] = row_hashes[row_at(rows, i)];
    }
    return;
  }
  // Hashing every key before probing keeps the hash loop free of the probes' branches and cache
  // misses, so the CPU overlaps the independent hash computations.
  hash_key_columns(keys.data(), keys.size(), rows, n, hashes);
}

void GroupTable::map_string(const Column& keys, const uint32_t* rows, size_t n) {
  uint32_t* ids = ids_.data();
  const uint64_t* hashes = hashes_.data();
  const bool nulls = keys.has_nulls();
  const uint32_t* offsets = keys.offsets();
  const char* chars = keys.chars();
  for (size_t i = 0; i < n; ++i) {
    size_t r = row_at(rows, i);
    if (nulls && keys.is_null(r)) {
      ids[i] = null_group();
      continue;
    }
    ids[i] = find_or_insert_bytes(chars + offsets[r], offsets[r + 1] - offsets[r], hashes[i]);
  }
}

void GroupTable::map_encoded(const std::vector<ColumnPtr>& keys, const uint32_t* rows, size_t n) {
  // Pass 1, a column at a time: the encoded length of every row.
  scratch_offsets_.assign(n + 1, 0);
  uint64_t* offsets = scratch_offsets_.data();
  for (size_t k = 0; k < keys.size(); ++k) {
    const Column& col = *keys[k];
    const size_t width = fixed_width(key_types_[k]);
    const bool varchar = key_types_[k].id == TypeId::kVarchar;
    for (size_t i = 0; i < n; ++i) {
      size_t r = row_at(rows, i);
      size_t len = 1;
      if (!col.is_null(r)) {
        len += varchar ? sizeof(uint32_t) + col.str(r).size() : width;
      }
      offsets[i + 1] += len;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    offsets[i + 1] += offsets[i];
  }
  scratch_.resize(offsets[n]);
  // Pass 2, a column at a time: each row's cursor advances past the columns written so far.
  PodVector<uint64_t> cursor(offsets, offsets + n);
  char* out = scratch_.data();
  for (size_t k = 0; k < keys.size(); ++k) {
    const Column& col = *keys[k];
    const TypeId id = key_types_[k].id;
    for (size_t i = 0; i < n; ++i) {
      size_t r = row_at(rows, i);
      char* p = out + cursor[i];
      if (col.is_null(r)) {
        *p = 0;
        cursor[i] += 1;
        continue;
      }
      *p++ = 1;
      switch (id) {
        case TypeId::kBoolean:
          *p = static_cast<char>(col.u8()[r]);
          cursor[i] += 2;
          break;
        case TypeId::kDouble: {
          double v = canonical_double(col.f64()[r]);
          std::memcpy(p, &v, 8);
          cursor[i] += 9;
          break;
        }
        case TypeId::kVarchar: {
          std::string_view s = col.str(r);
          auto len = static_cast<uint32_t>(s.size());
          std::memcpy(p, &len, sizeof(len));
          std::memcpy(p + sizeof(len), s.data(), s.size());
          cursor[i] += 1 + sizeof(len) + s.size();
          break;
        }
        case TypeId::kNull:
          cursor[i] += 1;
          break;
        default:
          std::memcpy(p, col.i64() + r, 8);
          cursor[i] += 9;
          break;
      }
    }
  }
  const uint64_t* hashes = hashes_.data();
  uint32_t* ids = ids_.data();
  for (size_t i = 0; i < n; ++i) {
    ids[i] = find_or_insert_bytes(out + offsets[i], offsets[i + 1] - offsets[i], hashes[i]);
  }
}

// -- output ---------------------------------------------------------------------------------------

void GroupTable::append_keys(const uint32_t* ids, size_t n, std::vector<ColumnBuilder>& out) const {
  if (layout_ == Layout::kGlobal) {
    return;
  }
  if (layout_ == Layout::kInt64 || string_key_) {
    ColumnBuilder& b = out[0];
    for (size_t i = 0; i < n; ++i) {
      uint32_t g = ids[i];
      if (is_null_[g]) {
        b.append_null();
      } else if (layout_ == Layout::kInt64) {
        b.append_int(int_keys_[g]);
      } else {
        b.append_string(stored_bytes(g));
      }
    }
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    std::string_view key = stored_bytes(ids[i]);
    const char* p = key.data();
    for (size_t k = 0; k < key_types_.size(); ++k) {
      ColumnBuilder& b = out[k];
      if (*p++ == 0) {
        b.append_null();
        continue;
      }
      switch (key_types_[k].id) {
        case TypeId::kBoolean:
          b.append_bool(*p != 0);
          p += 1;
          break;
        case TypeId::kDouble: {
          double v = 0;
          std::memcpy(&v, p, 8);
          b.append_double(v);
          p += 8;
          break;
        }
        case TypeId::kVarchar: {
          uint32_t len = 0;
          std::memcpy(&len, p, sizeof(len));
          b.append_string(std::string_view(p + sizeof(len), len));
          p += sizeof(len) + len;
          break;
        }
        case TypeId::kNull:
          b.append_null();
          break;
        default: {
          int64_t v = 0;
          std::memcpy(&v, p, 8);
          b.append_int(v);
          p += 8;
          break;
        }
      }
    }
  }
}

// -- compaction
// ------------------------------------------------------------------------------------

std::vector<uint32_t> GroupTable::compact(const std::vector<uint8_t>& keep) {
  std::vector<uint32_t> remap(num_groups_, kNoGroup);
  if (layout_ == Layout::kGlobal) {
    if (num_groups_ == 1 && keep[0] != 0) {
      remap[0] = 0;
    } else {
      num_groups_ = 0;
    }
    return remap;
  }
  // Re-inserting the kept keys in id order keeps first-seen order and the dense numbering.
  PodVector<int64_t> old_int_keys;
  old_int_keys.swap(int_keys_);
  std::string old_arena;
  old_arena.swap(arena_);
  PodVector<uint64_t> old_offsets;
  old_offsets.swap(offsets_);
  PodVector<uint8_t> old_null;
  old_null.swap(is_null_);
  PodVector<uint64_t> old_hashes;
  old_hashes.swap(group_hashes_);
  const size_t old_count = num_groups_;
  clear();
  for (size_t g = 0; g < old_count; ++g) {
    if (keep[g] == 0) {
      continue;
    }
    if (old_null[g] != 0) {
      remap[g] = null_group();
    } else if (layout_ == Layout::kInt64) {
      remap[g] = find_or_insert_int(old_int_keys[g]);
    } else {
      const char* data = old_arena.data() + old_offsets[g];
      size_t size = old_offsets[g + 1] - old_offsets[g];
      remap[g] = find_or_insert_bytes(data, size, old_hashes[g]);
    }
  }
  return remap;
}

}  // namespace eddy::ops
