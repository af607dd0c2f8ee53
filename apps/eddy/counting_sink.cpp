#include "apps/eddy/counting_sink.hpp"

#include <cstring>

namespace eddy::app {

namespace {

uint64_t column_checksum(const Column& c) {
  const size_t n = c.size();
  uint64_t sum = 0;
  switch (c.type().id) {
    case TypeId::kBigint:
    case TypeId::kDecimal:
    case TypeId::kTimestamp: {
      const int64_t* v = c.i64();
      for (size_t i = 0; i < n; ++i) {
        sum += static_cast<uint64_t>(v[i]);
      }
      break;
    }
    case TypeId::kDouble: {
      const double* v = c.f64();
      for (size_t i = 0; i < n; ++i) {
        uint64_t bits;
        std::memcpy(&bits, &v[i], sizeof bits);
        sum += bits;
      }
      break;
    }
    case TypeId::kBoolean: {
      const uint8_t* v = c.u8();
      for (size_t i = 0; i < n; ++i) {
        sum += v[i];
      }
      break;
    }
    case TypeId::kVarchar:
      // The offsets span every string; their last entry is the total length.
      sum += c.offsets()[n];
      break;
    case TypeId::kNull:
      break;
  }
  return sum + c.null_count();
}

}  // namespace

CountingSink::CountingSink(std::string name, std::vector<BatchPtr>* kept)
    : name_(std::move(name)), kept_(kept) {}

Status CountingSink::open() {
  records_out_ = 0;
  checksum_ = 0;
  return Status::ok();
}

Status CountingSink::write(const Batch& batch) {
  records_out_ += batch.num_rows();
  for (const auto& column : batch.columns()) {
    checksum_ += column_checksum(*column);
  }
  if (kept_ != nullptr) {
    // Batches are immutable, so a copy shares the columns rather than the rows.
    kept_->push_back(std::make_shared<const Batch>(batch));
  }
  return Status::ok();
}

std::string CountingSink::describe() const {
  return "CountingSink(" + name_ + ")";
}

}  // namespace eddy::app
