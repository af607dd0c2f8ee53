#include "runtime/actor/hash_partitioner.hpp"

#include <array>

#include "runtime/core/key_hash.hpp"

namespace eddy::rt {

HashPartitioner::HashPartitioner(std::vector<size_t> key_columns, size_t num_partitions)
    : key_columns_(std::move(key_columns)),
      num_partitions_(num_partitions == 0 ? 1 : num_partitions),
      indices_(num_partitions_) {}

std::shared_ptr<KeyHashes> HashPartitioner::hash_rows(const Batch& batch) const {
  auto out = std::make_shared<KeyHashes>();
  out->columns = key_columns_;
  out->hashes.resize(batch.num_rows());
  // Few key columns: a small array on the stack keeps this free of allocations.
  constexpr size_t kMaxInline = 8;
  std::array<ColumnPtr, kMaxInline> inline_keys;
  std::vector<ColumnPtr> many_keys;
  ColumnPtr* keys = inline_keys.data();
  if (key_columns_.size() > kMaxInline) {
    many_keys.resize(key_columns_.size());
    keys = many_keys.data();
  }
  for (size_t k = 0; k < key_columns_.size(); ++k) {
    keys[k] = batch.column(key_columns_[k]);
  }
  hash_key_columns(keys, key_columns_.size(), /*rows=*/nullptr, batch.num_rows(),
                   out->hashes.data());
  return out;
}

std::vector<std::shared_ptr<const std::vector<uint32_t>>> HashPartitioner::assign(
    const Batch& batch) {
  return assign(hash_rows(batch)->hashes);
}

std::vector<std::shared_ptr<const std::vector<uint32_t>>> HashPartitioner::assign(
    const PodVector<uint64_t>& hashes) {
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
  std::shared_ptr<KeyHashes> hashes = partitioner.hash_rows(*batch);
  auto rows = partitioner.assign(hashes->hashes);
  const BatchPtr routed = batch->with_key_hashes(std::move(hashes));
  size_t sent = 0;
  for (size_t p = 0; p < rows.size(); ++p) {
    if (rows[p] == nullptr) {
      continue;
    }
    if (rows[p]->size() == routed->num_rows()) {
      outboxes[p].send(Envelope::of_batch(routed, seq));
    } else {
      outboxes[p].send(Envelope::of_rows(routed, std::move(rows[p]), seq));
    }
    ++sent;
  }
  return sent;
}

std::vector<BatchPtr> HashPartitioner::split(const BatchPtr& batch) {
  std::vector<BatchPtr> out(num_partitions_);
  const std::shared_ptr<KeyHashes> key_hashes = hash_rows(*batch);
  const PodVector<uint64_t>& hashes = key_hashes->hashes;
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
