#include "runtime/core/column.hpp"

#include <bit>
#include <cstring>

namespace eddy {

std::shared_ptr<Column> Column::make(DataType type, size_t size) {
  auto col = std::make_shared<Column>(type);
  col->resize_fixed(size);
  return col;
}

std::shared_ptr<Column> Column::make_null(DataType type, size_t size) {
  auto col = make(type, size);
  if (type.id == TypeId::kVarchar) {
    // Payload of null rows is unspecified but must be readable.
  } else if (type.id == TypeId::kDouble) {
    std::memset(col->f64_.data(), 0, size * sizeof(double));
  } else if (type.id == TypeId::kBoolean) {
    std::memset(col->u8_.data(), 0, size);
  } else if (type.id != TypeId::kNull) {
    std::memset(col->i64_.data(), 0, size * sizeof(int64_t));
  }
  if (size > 0) {
    col->validity_.assign(validity_words(size), 0);
    col->null_count_ = size;
  }
  return col;
}

std::shared_ptr<Column> Column::make_constant(const Value& value, size_t size) {
  if (value.is_null()) {
    return make_null(value.type(), size);
  }
  const DataType type = value.type();
  if (type.id == TypeId::kVarchar) {
    auto col = std::make_shared<Column>(type);
    col->reserve_str(size, size * value.str().size());
    for (size_t i = 0; i < size; ++i) {
      col->append_str(value.str());
    }
    return col;
  }
  auto col = make(type, size);
  switch (type.id) {
    case TypeId::kDouble:
      std::fill_n(col->f64_.data(), size, value.float64());
      break;
    case TypeId::kBoolean:
      std::fill_n(col->u8_.data(), size, static_cast<uint8_t>(value.boolean()));
      break;
    case TypeId::kNull:
      break;
    default:
      std::fill_n(col->i64_.data(), size, value.int64());
      break;
  }
  return col;
}

void Column::resize_fixed(size_t size) {
  size_ = size;
  switch (type_.id) {
    case TypeId::kNull:
      break;
    case TypeId::kBoolean:
      u8_.resize(size);
      break;
    case TypeId::kDouble:
      f64_.resize(size);
      break;
    case TypeId::kVarchar:
      offsets_.assign(size + 1, 0);
      chars_.clear();
      break;
    default:
      i64_.resize(size);
      break;
  }
}

void Column::set_null(size_t i) {
  if (validity_.empty()) {
    validity_.assign(validity_words(size_), ~uint64_t{0});
  }
  uint64_t& word = validity_[i >> 6];
  uint64_t bit = uint64_t{1} << (i & 63);
  if (word & bit) {
    word &= ~bit;
    ++null_count_;
  }
}

void Column::set_validity(PodVector<uint64_t> words) {
  validity_ = std::move(words);
  null_count_ = 0;
  if (validity_.empty()) {
    return;
  }
  size_t full = size_ / 64;
  for (size_t w = 0; w < full; ++w) {
    null_count_ += 64 - static_cast<size_t>(std::popcount(validity_[w]));
  }
  if (size_t tail = size_ % 64; tail != 0) {
    uint64_t mask = (uint64_t{1} << tail) - 1;
    null_count_ += tail - static_cast<size_t>(std::popcount(validity_[full] & mask));
  }
  if (null_count_ == 0) {
    validity_.clear();
  }
}

void Column::append_str(std::string_view s) {
  chars_.append(s);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
  ++size_;
  if (!validity_.empty() && validity_.size() < validity_words(size_)) {
    validity_.push_back(~uint64_t{0});
  }
}

void Column::reserve_str(size_t rows, size_t bytes) {
  offsets_.reserve(offsets_.size() + rows);
  chars_.reserve(chars_.size() + bytes);
}

Value Column::value(size_t i) const {
  if (is_null(i)) {
    return Value::null(type_);
  }
  switch (type_.id) {
    case TypeId::kNull:
      return Value::null();
    case TypeId::kBoolean:
      return Value::boolean(u8_[i] != 0);
    case TypeId::kBigint:
      return Value::bigint(i64_[i]);
    case TypeId::kDouble:
      return Value::float64(f64_[i]);
    case TypeId::kDecimal:
      return Value::decimal(i64_[i], type_.precision, type_.scale);
    case TypeId::kVarchar:
      return Value::varchar(std::string(str(i)));
    case TypeId::kTimestamp:
      return Value::timestamp(i64_[i]);
  }
  return Value::null();
}

namespace {

// Copies the validity of the selected rows; `pick(k)` gives the source row of output row k.
template <class Pick>
PodVector<uint64_t> gather_validity(const Column& src, size_t n, Pick pick) {
  PodVector<uint64_t> words;
  if (!src.has_nulls()) {
    return words;
  }
  words.assign(Column::validity_words(n), 0);
  for (size_t k = 0; k < n; ++k) {
    if (src.is_valid(pick(k))) {
      words[k >> 6] |= uint64_t{1} << (k & 63);
    }
  }
  return words;
}

}  // namespace

std::shared_ptr<Column> Column::filter(const uint8_t* keep, size_t kept) const {
  // One spare slot: the branchless loop below writes index k even when row i is dropped.
  PodVector<uint32_t> indices(kept + 1);
  size_t k = 0;
  for (size_t i = 0; i < size_; ++i) {
    indices[k] = static_cast<uint32_t>(i);
    k += keep[i] != 0;
  }
  return take(indices.data(), kept);
}

std::shared_ptr<Column> Column::take(const uint32_t* indices, size_t n) const {
  auto out = std::make_shared<Column>(type_);
  switch (type_.id) {
    case TypeId::kNull:
      out->size_ = n;
      break;
    case TypeId::kBoolean:
      out->resize_fixed(n);
      for (size_t k = 0; k < n; ++k) {
        out->u8_[k] = u8_[indices[k]];
      }
      break;
    case TypeId::kDouble:
      out->resize_fixed(n);
      for (size_t k = 0; k < n; ++k) {
        out->f64_[k] = f64_[indices[k]];
      }
      break;
    case TypeId::kVarchar: {
      // Offsets first, then one sizing of the bytes and plain copies: appending row by row
      // re-checks capacity and calls memcpy for every (usually short) string.
      uint32_t* offsets = (out->offsets_.resize(n + 1), out->offsets_.data());
      offsets[0] = 0;
      for (size_t k = 0; k < n; ++k) {
        offsets[k + 1] = offsets[k] + (offsets_[indices[k] + 1] - offsets_[indices[k]]);
      }
      out->chars_.resize(offsets[n]);
      char* to = out->chars_.data();
      for (size_t k = 0; k < n; ++k) {
        const char* from = chars_.data() + offsets_[indices[k]];
        const uint32_t len = offsets[k + 1] - offsets[k];
        if (len <= 16) {
          for (uint32_t b = 0; b < len; ++b) {
            to[offsets[k] + b] = from[b];
          }
        } else {
          std::memcpy(to + offsets[k], from, len);
        }
      }
      out->size_ = n;
      break;
    }
    default:
      out->resize_fixed(n);
      for (size_t k = 0; k < n; ++k) {
        out->i64_[k] = i64_[indices[k]];
      }
      break;
  }
  out->set_validity(gather_validity(*this, n, [&](size_t k) { return indices[k]; }));
  return out;
}

std::shared_ptr<Column> Column::slice(size_t offset, size_t length) const {
  PodVector<uint32_t> indices(length);
  for (size_t k = 0; k < length; ++k) {
    indices[k] = static_cast<uint32_t>(offset + k);
  }
  return take(indices.data(), length);
}

}  // namespace eddy
