#pragma once

#include <cstdint>
#include <string>

#include "operators/source.hpp"
#include "runtime/core/status.hpp"

namespace eddy::rt {

/// What a partition made of one source chunk when the job parses its file in the partitions:
/// the rows its chain produced, rendered as the sink's text, and what its parser counted. The
/// sink takes these in chunk order, so writes and counts come out as a sequential read gives
/// them. Also used (with empty stats) for rendered rows emitted outside any chunk.
struct ChunkOutput {
  std::string text;         ///< Rows rendered by a copy of the sink's formatter.
  uint64_t rows = 0;        ///< Rows in `text`.
  ops::SourceStats stats;   ///< The chunk's records_in, parse_errors and first bad records.
  Status error;             ///< on.error = 'fail': the bad record that stops the run after `text`.
  std::string dead_letter;  ///< on.error = 'dead_letter': the chunk's entries, in file order.
};

/// Adds one chunk's parse counts to the totals of the chunks before it. Taken in file order,
/// the first few reports of all chunks are the file's first few (ops::kMaxErrorReports).
void add_chunk_stats(ops::SourceStats& total, const ops::SourceStats& chunk);

}  // namespace eddy::rt
