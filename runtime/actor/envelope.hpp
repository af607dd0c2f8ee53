#pragma once

#include <cstdint>

#include "runtime/core/batch.hpp"

namespace eddy::rt {

/// What an Envelope carries.
enum class EnvelopeKind : uint8_t {
  kBatch,      ///< `batch` holds rows.
  kWatermark,  ///< `watermark` is the sender's new event-time watermark.
  kSeqEnd,     ///< The partition finished input batch number `seq` (lets the sink reorder).
  kEnd,        ///< End of stream from this sender; `seq` is the number of batches the source made.
};

/// One item of a runtime channel: data and control travel in-band, in order.
struct Envelope {
  EnvelopeKind kind = EnvelopeKind::kBatch;
  BatchPtr batch;
  int64_t watermark = 0;
  uint64_t seq = 0;

  static Envelope of_batch(BatchPtr b, uint64_t seq) {
    return {EnvelopeKind::kBatch, std::move(b), 0, seq};
  }
  static Envelope of_watermark(int64_t wm) { return {EnvelopeKind::kWatermark, nullptr, wm, 0}; }
  static Envelope of_seq_end(uint64_t seq) { return {EnvelopeKind::kSeqEnd, nullptr, 0, seq}; }
  static Envelope of_end(uint64_t seq) { return {EnvelopeKind::kEnd, nullptr, 0, seq}; }
};

}  // namespace eddy::rt
