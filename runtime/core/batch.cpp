#include "runtime/core/batch.hpp"

#include "runtime/core/status.hpp"

namespace eddy {

Batch::Batch(SchemaPtr schema, std::vector<ColumnPtr> columns, size_t num_rows,
             ColumnPtr event_time, ColumnPtr row_watermark)
    : schema_(std::move(schema)),
      columns_(std::move(columns)),
      num_rows_(num_rows),
      event_time_(std::move(event_time)),
      row_watermark_(std::move(row_watermark)) {
  EDDY_DCHECK_EQ(schema_->num_fields(), columns_.size());
#ifndef NDEBUG
  for (const auto& c : columns_) {
    EDDY_DCHECK_EQ(c->size(), num_rows_);
  }
  if (event_time_) {
    EDDY_DCHECK_EQ(event_time_->size(), num_rows_);
  }
  if (row_watermark_) {
    EDDY_DCHECK_EQ(row_watermark_->size(), num_rows_);
  }
#endif
}

BatchPtr Batch::make(SchemaPtr schema, std::vector<ColumnPtr> columns, size_t num_rows,
                     ColumnPtr event_time, ColumnPtr row_watermark) {
  return std::make_shared<const Batch>(std::move(schema), std::move(columns), num_rows,
                                       std::move(event_time), std::move(row_watermark));
}

BatchPtr Batch::with_columns(SchemaPtr schema, std::vector<ColumnPtr> columns) const {
  return make(std::move(schema), std::move(columns), num_rows_, event_time_, row_watermark_);
}

BatchPtr Batch::with_key_hashes(std::shared_ptr<const KeyHashes> hashes) const {
  EDDY_DCHECK_EQ(hashes->hashes.size(), num_rows_);
  auto batch = std::make_shared<Batch>(schema_, columns_, num_rows_, event_time_, row_watermark_);
  batch->key_hashes_ = std::move(hashes);
  return batch;
}

BatchPtr Batch::filter(const BatchPtr& self, const uint8_t* keep, size_t kept) const {
  if (kept == num_rows_) {
    return self;
  }
  std::vector<ColumnPtr> cols;
  cols.reserve(columns_.size());
  for (const auto& c : columns_) {
    cols.push_back(c->filter(keep, kept));
  }
  ColumnPtr et = event_time_ ? ColumnPtr(event_time_->filter(keep, kept)) : nullptr;
  ColumnPtr wm = row_watermark_ ? ColumnPtr(row_watermark_->filter(keep, kept)) : nullptr;
  return make(schema_, std::move(cols), kept, std::move(et), std::move(wm));
}

BatchPtr Batch::take(const uint32_t* indices, size_t n) const {
  std::vector<ColumnPtr> cols;
  cols.reserve(columns_.size());
  for (const auto& c : columns_) {
    cols.push_back(c->take(indices, n));
  }
  ColumnPtr et = event_time_ ? ColumnPtr(event_time_->take(indices, n)) : nullptr;
  ColumnPtr wm = row_watermark_ ? ColumnPtr(row_watermark_->take(indices, n)) : nullptr;
  if (key_hashes_ == nullptr) {
    return make(schema_, std::move(cols), n, std::move(et), std::move(wm));
  }
  // Rows routed by key and then copied out keep their hashes: cheaper to gather than to redo.
  auto hashes = std::make_shared<KeyHashes>();
  hashes->columns = key_hashes_->columns;
  hashes->hashes.resize(n);
  for (size_t i = 0; i < n; ++i) {
    hashes->hashes[i] = key_hashes_->hashes[indices[i]];
  }
  auto batch = std::make_shared<Batch>(schema_, std::move(cols), n, std::move(et), std::move(wm));
  batch->key_hashes_ = std::move(hashes);
  return batch;
}

std::string Batch::to_string() const {
  std::string out;
  for (size_t r = 0; r < num_rows_; ++r) {
    for (size_t c = 0; c < columns_.size(); ++c) {
      if (c > 0) {
        out += ", ";
      }
      out += schema_->field(c).name + "=" + columns_[c]->value(r).to_string();
    }
    out += "\n";
  }
  return out;
}

}  // namespace eddy
