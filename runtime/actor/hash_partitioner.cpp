#include "runtime/actor/hash_partitioner.hpp"

#include "runtime/core/hash.hpp"

#include <cstring>

namespace eddy::rt {

namespace {

constexpr uint64_t kNullMarker = 0x9e3779b97f4a7c15ULL;

void hash_fixed(const void* values, size_t width, size_t rows, uint64_t* hashes) {
  const auto* bytes = static_cast<const char*>(values);
  for (size_t i = 0; i < rows; ++i) {
    hashes[i] = hash_bytes(bytes + i * width, width, hashes[i]);
  }
}

void hash_column(const Column& col, size_t rows, uint64_t* hashes) {
  switch (col.type().id) {
    case TypeId::kBigint:
    case TypeId::kDecimal:
    case TypeId::kTimestamp:
      hash_fixed(col.i64(), sizeof(int64_t), rows, hashes);
      break;
    case TypeId::kDouble: {
      const double* v = col.f64();
      for (size_t i = 0; i < rows; ++i) {
        // -0.0 and 0.0 are equal keys, so they must hash alike.
        double d = v[i] == 0.0 ? 0.0 : v[i];
        hashes[i] = hash_bytes(&d, sizeof d, hashes[i]);
      }
      break;
    }
    case TypeId::kBoolean:
      hash_fixed(col.u8(), 1, rows, hashes);
      break;
    case TypeId::kVarchar: {
      const uint32_t* offsets = col.offsets();
      const char* chars = col.chars();
      for (size_t i = 0; i < rows; ++i) {
        hashes[i] = hash_bytes(chars + offsets[i], offsets[i + 1] - offsets[i], hashes[i]);
      }
      break;
    }
    case TypeId::kNull:
      break;
  }
  if (col.type().id == TypeId::kNull || col.has_nulls()) {
    // Null payloads are unspecified, so null rows are re-hashed from the marker.
    for (size_t i = 0; i < rows; ++i) {
      if (col.type().id == TypeId::kNull || col.is_null(i)) {
        hashes[i] = hash_bytes(&kNullMarker, sizeof kNullMarker, hashes[i]);
      }
    }
  }
}

}  // namespace

HashPartitioner::HashPartitioner(std::vector<size_t> key_columns, size_t num_partitions)
    : key_columns_(std::move(key_columns)),
      num_partitions_(num_partitions == 0 ? 1 : num_partitions),
      indices_(num_partitions_) {}

const std::vector<uint64_t>& HashPartitioner::hash_rows(const Batch& batch) {
  size_t rows = batch.num_rows();
  hashes_.assign(rows, 0);
  for (size_t c : key_columns_) {
    hash_column(*batch.column(c), rows, hashes_.data());
  }
  return hashes_;
}

std::vector<std::shared_ptr<const std::vector<uint32_t>>> HashPartitioner::assign(
    const Batch& batch) {
  const auto& hashes = hash_rows(batch);
  std::vector<std::shared_ptr<std::vector<uint32_t>>> rows(num_partitions_);
  const size_t expected = hashes.size() / num_partitions_ + 16;
  for (size_t i = 0; i < hashes.size(); ++i) {
    auto& r = rows[partition_of(hashes[i])];
    if (!r) {
      r = std::make_shared<std::vector<uint32_t>>();
      r->reserve(expected);
    }
    r->push_back(static_cast<uint32_t>(i));
  }
  return {rows.begin(), rows.end()};
}

size_t send_by_key(HashPartitioner& partitioner, const BatchPtr& batch, uint64_t seq,
                   std::vector<Outbox>& outboxes) {
  auto rows = partitioner.assign(*batch);
  size_t sent = 0;
  for (size_t p = 0; p < rows.size(); ++p) {
    if (rows[p] == nullptr) {
      continue;
    }
    if (rows[p]->size() == batch->num_rows()) {
      outboxes[p].send(Envelope::of_batch(batch, seq));
    } else {
      outboxes[p].send(Envelope::of_rows(batch, std::move(rows[p]), seq));
    }
    ++sent;
  }
  return sent;
}

std::vector<BatchPtr> HashPartitioner::split(const BatchPtr& batch) {
  std::vector<BatchPtr> out(num_partitions_);
  const auto& hashes = hash_rows(*batch);
  for (auto& idx : indices_) {
    idx.clear();
  }
  for (size_t i = 0; i < hashes.size(); ++i) {
    indices_[partition_of(hashes[i])].push_back(static_cast<uint32_t>(i));
  }
  for (size_t p = 0; p < num_partitions_; ++p) {
    const auto& idx = indices_[p];
    if (idx.empty()) {
      continue;
    }
    out[p] = idx.size() == batch->num_rows() ? batch : batch->take(idx.data(), idx.size());
  }
  return out;
}

}  // namespace eddy::rt
