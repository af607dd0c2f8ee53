#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "operators/connectors/file_chunk.hpp"
#include "runtime/actor/chunk_output.hpp"
#include "runtime/core/batch.hpp"

namespace eddy::rt {

/// What an Envelope carries.
enum class EnvelopeKind : uint8_t {
  kBatch,      ///< `batch` holds rows.
  kWatermark,  ///< `watermark` is the sender's new event-time watermark.
  kSeqEnd,     ///< The partition finished input batch number `seq` (lets the sink reorder);
               ///< after a chunk, `output` holds what the chunk gave. From a parser: the end
               ///< of chunk `seq` (Envelope::of_chunk_end).
  kEnd,        ///< End of stream from this sender; `seq` is the number of batches the source made.
               ///< With `output` set, the input stopped at a bad record (on.error = 'fail',
               ///< Envelope::of_failed_end) instead.
  kChunk,      ///< `chunk` holds raw records for the partition to parse (input batch `seq`).
  kRendered,   ///< `output` holds rows rendered outside any chunk (on watermark or finish).
};

/// One item of a runtime channel: data and control travel in-band, in order.
struct Envelope {
  using RowsPtr = std::shared_ptr<const std::vector<uint32_t>>;

  EnvelopeKind kind = EnvelopeKind::kBatch;
  BatchPtr batch;
  int64_t watermark = 0;
  uint64_t seq = 0;
  /// kBatch only: when set, only these rows of `batch` (in order) are for the receiver. Hash
  /// routing shares one batch among the partitions this way; each reads its own rows through
  /// the selection (ops::Operator::push_rows).
  RowsPtr rows;
  /// kChunk only: the raw records to parse.
  ops::FileChunkPtr chunk;
  /// kRendered, and kSeqEnd after a chunk: what the partition made of it.
  std::shared_ptr<const ChunkOutput> output;

  static Envelope of_batch(BatchPtr b, uint64_t seq) {
    return {EnvelopeKind::kBatch, std::move(b), 0, seq, nullptr, nullptr, nullptr};
  }
  static Envelope of_rows(BatchPtr b, RowsPtr rows, uint64_t seq) {
    return {EnvelopeKind::kBatch, std::move(b), 0, seq, std::move(rows), nullptr, nullptr};
  }
  static Envelope of_watermark(int64_t wm) {
    return {EnvelopeKind::kWatermark, nullptr, wm, 0, nullptr, nullptr, nullptr};
  }
  static Envelope of_seq_end(uint64_t seq, std::shared_ptr<const ChunkOutput> output = nullptr) {
    return {EnvelopeKind::kSeqEnd, nullptr, 0, seq, nullptr, nullptr, std::move(output)};
  }
  /// The end of chunk `seq` from a parser of the ordered exchange (ParserStage): `watermark` is
  /// the watermark of the chunk's rows alone (every partition's rows, INT64_MIN without event
  /// time or rows); `output`, when set, the chunk's parse counts (and error).
  static Envelope of_chunk_end(uint64_t seq, int64_t watermark,
                               std::shared_ptr<const ChunkOutput> output) {
    return {EnvelopeKind::kSeqEnd, nullptr, watermark, seq, nullptr, nullptr, std::move(output)};
  }
  static Envelope of_end(uint64_t seq) {
    return {EnvelopeKind::kEnd, nullptr, 0, seq, nullptr, nullptr, nullptr};
  }
  /// The input stopped at a bad record (on.error = 'fail'): `failure->error` says which, and
  /// every item before this one is what came before it in the file. A partition finishes
  /// nothing and passes it on; the sink raises the error once every partition has, so exactly
  /// the rows before the bad record have gone through the whole job.
  static Envelope of_failed_end(uint64_t seq, std::shared_ptr<const ChunkOutput> failure) {
    return {EnvelopeKind::kEnd, nullptr, 0, seq, nullptr, nullptr, std::move(failure)};
  }
  static Envelope of_chunk(ops::FileChunkPtr chunk, uint64_t seq) {
    return {EnvelopeKind::kChunk, nullptr, 0, seq, nullptr, std::move(chunk), nullptr};
  }
  static Envelope of_rendered(std::shared_ptr<const ChunkOutput> output) {
    return {EnvelopeKind::kRendered, nullptr, 0, 0, nullptr, nullptr, std::move(output)};
  }
};

}  // namespace eddy::rt
