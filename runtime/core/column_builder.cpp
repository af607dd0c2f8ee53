#include "runtime/core/column_builder.hpp"

#include <algorithm>

#include "runtime/core/decimal.hpp"

namespace eddy {

ColumnBuilder::ColumnBuilder(DataType type, size_t reserve) : type_(type), reserve_(reserve) {
  offsets_.push_back(0);
  switch (type_.id) {
    case TypeId::kBoolean:
      u8_.reserve(reserve);
      break;
    case TypeId::kDouble:
      f64_.reserve(reserve);
      break;
    case TypeId::kVarchar:
      offsets_.reserve(reserve + 1);
      chars_.reserve(reserve * 8);
      break;
    case TypeId::kNull:
      break;
    default:
      i64_.reserve(reserve);
      break;
  }
}

void ColumnBuilder::mark_null_at(size_t row) {
  if (validity_.empty()) {
    validity_.assign(Column::validity_words(reserve_ > row ? reserve_ : row + 1), ~uint64_t{0});
  }
  while (validity_.size() < Column::validity_words(row + 1)) {
    validity_.push_back(~uint64_t{0});
  }
  validity_[row >> 6] &= ~(uint64_t{1} << (row & 63));
}

void ColumnBuilder::append_null() {
  mark_null_at(size_);
  switch (type_.id) {
    case TypeId::kBoolean:
      u8_.push_back(0);
      break;
    case TypeId::kDouble:
      f64_.push_back(0);
      break;
    case TypeId::kVarchar:
      offsets_.push_back(static_cast<uint32_t>(chars_.size()));
      break;
    case TypeId::kNull:
      break;
    default:
      i64_.push_back(0);
      break;
  }
  ++size_;
}

void ColumnBuilder::append_string(std::string_view v) {
  chars_.append(v);
  offsets_.push_back(static_cast<uint32_t>(chars_.size()));
  ++size_;
}

void ColumnBuilder::append_value(const Value& v) {
  if (v.is_null()) {
    append_null();
    return;
  }
  const TypeId from = v.type().id;
  switch (type_.id) {
    case TypeId::kNull:
      append_null();
      return;
    case TypeId::kBoolean:
      if (from == TypeId::kBoolean) {
        append_bool(v.boolean());
        return;
      }
      break;
    case TypeId::kBigint:
    case TypeId::kTimestamp:
      if (from == TypeId::kBigint || from == TypeId::kTimestamp) {
        append_int(v.int64());
        return;
      }
      break;
    case TypeId::kDouble:
      if (v.type().is_numeric()) {
        append_double(v.to_double());
        return;
      }
      break;
    case TypeId::kDecimal:
      if (from == TypeId::kDecimal || from == TypeId::kBigint) {
        int from_scale = from == TypeId::kDecimal ? v.type().scale : 0;
        if (auto r = rescale_decimal(v.int64(), from_scale, type_.scale)) {
          append_int(*r);
          return;
        }
      }
      break;
    case TypeId::kVarchar:
      append_string(v.to_string());
      return;
  }
  append_null();
}

ColumnPtr ColumnBuilder::finish() {
  auto col = std::make_shared<Column>(type_);
  col->size_ = size_;
  col->i64_ = std::move(i64_);
  col->f64_ = std::move(f64_);
  col->u8_ = std::move(u8_);
  if (type_.id == TypeId::kVarchar) {
    col->offsets_ = std::move(offsets_);
    col->chars_ = std::move(chars_);
  }
  if (!validity_.empty()) {
    // Words past the last null were never written: they are all-valid.
    validity_.resize(Column::validity_words(size_), ~uint64_t{0});
    col->set_validity(std::move(validity_));
  }
  // The next column reserves what this one needed (within bounds): builders are reused batch
  // after batch, and growing from empty every time re-copies each column several times.
  const size_t rows = std::max(reserve_, std::min(size_, kMaxLearnedRows));
  const size_t chars = std::min(col->chars_size(), kMaxLearnedChars);
  *this = ColumnBuilder(type_, rows);
  if (type_.id == TypeId::kVarchar && chars > chars_.capacity()) {
    chars_.reserve(chars);
  }
  return col;
}

}  // namespace eddy
