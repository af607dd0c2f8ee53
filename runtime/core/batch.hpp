#pragma once

#include <memory>
#include <string>
#include <vector>

#include "runtime/core/column.hpp"
#include "runtime/core/pod_vector.hpp"
#include "runtime/core/schema.hpp"

namespace eddy {

class Batch;

/// The key hashes (hash_key_columns in key_hash.hpp) of every row of a batch, attached by hash
/// routing so that the group tables downstream do not hash the same keys again.
struct KeyHashes {
  std::vector<size_t> columns;  ///< The key: these columns of the batch, in this order.
  PodVector<uint64_t> hashes;   ///< One per row of the batch.
};

/// Batches travel between operators and actors as shared, immutable pointers: handing one on
/// costs a reference-count increment, never a copy of its rows.
using BatchPtr = std::shared_ptr<const Batch>;

/// An immutable set of rows stored column by column, with the schema that names them.
///
/// Besides its user columns a batch may carry an event-time column (TIMESTAMP, no nulls, one value
/// per row): the time the source assigned to each record, which windows and watermarks use. It
/// is not part of the schema; SQL reaches it as `_event_time`. With event time comes a row
/// watermark column: the source's watermark just before each row arrived, so an operator can
/// tell whether a row was late exactly as if rows came one by one, whatever the batch size.
class Batch {
 public:
  /// Assembles a batch; every column must have `num_rows` rows and match the schema's types.
  Batch(SchemaPtr schema, std::vector<ColumnPtr> columns, size_t num_rows,
        ColumnPtr event_time = nullptr, ColumnPtr row_watermark = nullptr);

  /// Convenience: assembles a batch and returns it as a shared pointer.
  static BatchPtr make(SchemaPtr schema, std::vector<ColumnPtr> columns, size_t num_rows,
                       ColumnPtr event_time = nullptr, ColumnPtr row_watermark = nullptr);

  /// Returns a batch of the same rows with other columns (a projection), keeping the event time
  /// and row watermarks.
  [[nodiscard]] BatchPtr with_columns(SchemaPtr schema, std::vector<ColumnPtr> columns) const;

  [[nodiscard]] const SchemaPtr& schema() const { return schema_; }
  [[nodiscard]] size_t num_rows() const { return num_rows_; }
  [[nodiscard]] size_t num_columns() const { return columns_.size(); }
  [[nodiscard]] const ColumnPtr& column(size_t i) const { return columns_[i]; }
  [[nodiscard]] const std::vector<ColumnPtr>& columns() const { return columns_; }
  /// The per-row event time (epoch ms), or nullptr when the source assigns none.
  [[nodiscard]] const ColumnPtr& event_time() const { return event_time_; }
  /// The source's watermark just before each row (epoch ms; INT64_MIN before any), or nullptr.
  [[nodiscard]] const ColumnPtr& row_watermark() const { return row_watermark_; }

  /// Returns this batch (columns shared) with the key hashes of its rows attached.
  [[nodiscard]] BatchPtr with_key_hashes(std::shared_ptr<const KeyHashes> hashes) const;
  /// The attached hash of every row's key made of `columns` (in that order), or nullptr when
  /// none is attached for that key. take() carries the hashes on; projections and filters
  /// (which make new columns) do not.
  [[nodiscard]] const uint64_t* key_hashes(const std::vector<size_t>& columns) const {
    return key_hashes_ != nullptr && key_hashes_->columns == columns ? key_hashes_->hashes.data()
                                                                     : nullptr;
  }

  /// Returns a batch with only the rows whose `keep` byte is non-zero (`kept` of them); shares
  /// this batch when every row is kept.
  [[nodiscard]] BatchPtr filter(const BatchPtr& self, const uint8_t* keep, size_t kept) const;
  /// Returns a batch with rows `indices[0..n)` (and their key hashes, if attached).
  [[nodiscard]] BatchPtr take(const uint32_t* indices, size_t n) const;

  /// Renders the rows as text, one per line ("a=1, b=x"), for tests and debugging.
  [[nodiscard]] std::string to_string() const;

 private:
  SchemaPtr schema_;
  std::vector<ColumnPtr> columns_;
  size_t num_rows_;
  ColumnPtr event_time_;
  ColumnPtr row_watermark_;
  std::shared_ptr<const KeyHashes> key_hashes_;
};

}  // namespace eddy
