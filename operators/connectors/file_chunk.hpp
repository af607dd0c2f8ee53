#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace eddy::ops {

/// A run of whole records read from a source file, handed from the reader to a parser (possibly
/// on another thread; it is immutable once made). It starts at a record boundary and ends at one,
/// or at the end of the file. `kJsonPadding` bytes after the data stay readable (simdjson).
struct FileChunk {
  std::unique_ptr<char[]> data;  ///< size() bytes, then padding.
  size_t size = 0;               ///< Bytes of records.
  uint64_t first_line = 1;       ///< The file line number of data[0] (1-based).
  uint64_t offset = 0;           ///< The file byte offset of data[0].
  bool last = false;             ///< The chunk ends at the end of the file.

  [[nodiscard]] std::string_view bytes() const { return {data.get(), size}; }
};

/// Chunks are shared between the reader, the parser and (in the runtime) a channel.
using FileChunkPtr = std::shared_ptr<const FileChunk>;

}  // namespace eddy::ops
