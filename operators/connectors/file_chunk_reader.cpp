#include "operators/connectors/file_chunk_reader.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "operators/connectors/jsonl_parser.hpp"

namespace eddy::ops {

FileChunkReader::FileChunkReader(FileSourceOptions options, SchemaPtr schema)
    : options_(std::move(options)),
      schema_(std::move(schema)),
      chunk_size_(options_.block_size < 16 ? 16 : options_.block_size) {}

FileChunkReader::~FileChunkReader() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
}

Status FileChunkReader::open() {
  file_ = std::fopen(options_.path.c_str(), "rb");
  if (file_ == nullptr) {
    return Status::io_error("cannot open source '" + options_.name + "' file '" + options_.path +
                            "': " + std::strerror(errno));
  }
  capacity_ = chunk_size_;
  buffer_ = std::make_unique_for_overwrite<char[]>(capacity_ + kJsonPadding);
  EDDY_RETURN_NOT_OK(skip_prefix());
  if (options_.format == FileFormat::kCsv) {
    if (options_.header) {
      EDDY_RETURN_NOT_OK(read_header());
    } else {
      field_to_column_.resize(schema_->num_fields());
      for (size_t i = 0; i < field_to_column_.size(); ++i) {
        field_to_column_[i] = static_cast<int32_t>(i);
      }
    }
  }
  return Status::ok();
}

Status FileChunkReader::fill() {
  if (size_ == capacity_) {
    // No record ends in the whole buffer: grow it.
    size_t grown = capacity_ * 2;
    auto bigger = std::make_unique_for_overwrite<char[]>(grown + kJsonPadding);
    std::memcpy(bigger.get(), buffer_.get(), size_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  size_t want = capacity_ - size_;
  size_t n = std::fread(buffer_.get() + size_, 1, want, file_);
  if (n < want) {
    if (std::ferror(file_)) {
      return Status::io_error("cannot read source '" + options_.name + "' file '" + options_.path +
                              "': " + std::strerror(errno));
    }
    eof_ = true;
  }
  size_ += n;
  bytes_read_ += n;
  return Status::ok();
}

void FileChunkReader::consume_prefix(size_t n) {
  std::memmove(buffer_.get(), buffer_.get() + n, size_ - n);
  size_ -= n;
  offset_ += n;
}

Status FileChunkReader::skip_prefix() {
  while (size_ < 3 && !eof_) {
    EDDY_RETURN_NOT_OK(fill());
  }
  if (size_ >= 3 && std::memcmp(buffer_.get(), "\xEF\xBB\xBF", 3) == 0) {
    consume_prefix(3);
  }
  for (size_t skipped = 0; skipped < options_.skip_lines;) {
    auto* nl = static_cast<const char*>(std::memchr(buffer_.get(), '\n', size_));
    if (nl != nullptr) {
      consume_prefix(static_cast<size_t>(nl - buffer_.get()) + 1);
      ++line_;
      ++skipped;
      continue;
    }
    consume_prefix(size_);
    if (eof_) {
      break;
    }
    EDDY_RETURN_NOT_OK(fill());
  }
  return Status::ok();
}

Status FileChunkReader::read_header() {
  CsvParser csv(options_.dialect);
  for (;;) {
    CsvScan scan = csv.scan(buffer_.get(), size_, eof_);
    if (scan.kind == CsvScanKind::kNeedMore) {
      if (eof_) {
        // An empty file: no header, no records.
        return Status::ok();
      }
      EDDY_RETURN_NOT_OK(fill());
      continue;
    }
    if (scan.kind == CsvScanKind::kBlank) {
      consume_prefix(scan.consumed);
      line_ += scan.newlines;
      continue;
    }
    if (scan.kind == CsvScanKind::kMalformed) {
      return Status::data_error(options_.path + ":" + std::to_string(line_) +
                                ": malformed header row: " + scan.error);
    }
    // The fields point into the buffer: match them before dropping the header bytes.
    const auto& fields = csv.fields();
    field_to_column_.assign(fields.size(), -1);
    for (size_t c = 0; c < schema_->num_fields(); ++c) {
      const std::string& name = schema_->field(c).name;
      bool found = false;
      for (size_t i = 0; i < fields.size(); ++i) {
        if (field_to_column_[i] < 0 && iequals(trim_blanks(fields[i].text), name)) {
          field_to_column_[i] = static_cast<int32_t>(c);
          found = true;
          break;
        }
      }
      if (!found) {
        std::string header;
        for (size_t i = 0; i < fields.size(); ++i) {
          header += (i == 0 ? "" : ", ") + std::string(fields[i].text);
        }
        return Status::invalid_config("column '" + name + "' of source '" + options_.name +
                                      "' is not in the header of '" + options_.path +
                                      "' (header: " + header + ")");
      }
    }
    consume_prefix(scan.consumed);
    line_ += scan.newlines;
    return Status::ok();
  }
}

size_t FileChunkReader::scan_csv(size_t from, size_t to) {
  const char* data = buffer_.get();
  const char delim = options_.dialect.delimiter;
  const char quote = options_.dialect.quote;
  size_t last = 0;
  size_t p = from;
  CsvState state = csv_state_;
  while (p < to) {
    if (state == CsvState::kQuoted) {
      // Inside quotes only the next quote matters; line breaks belong to the field.
      auto* q = static_cast<const char*>(std::memchr(data + p, quote, to - p));
      if (q == nullptr) {
        p = to;
        break;
      }
      p = static_cast<size_t>(q - data) + 1;
      state = CsvState::kQuoteSeen;
      continue;
    }
    if (state == CsvState::kQuoteSeen) {
      // A quote after a quote is a doubled one; anything but a delimiter or a line break after
      // a closing quote makes the record malformed, and CsvParser skips it to its line break.
      char c = data[p++];
      if (c == quote) {
        state = CsvState::kQuoted;
      } else if (c == delim) {
        state = CsvState::kFieldStart;
      } else if (c == '\n') {
        state = CsvState::kFieldStart;
        last = p;
      } else {
        state = CsvState::kSkipToEnd;
      }
      continue;
    }
    // Outside quotes, up to the next quote every line break ends a record and only the byte
    // before the quote decides whether that quote opens a field.
    auto* q = static_cast<const char*>(std::memchr(data + p, quote, to - p));
    size_t stop = q != nullptr ? static_cast<size_t>(q - data) : to;
    if (stop > p) {
      size_t after = p;
      auto* nl = static_cast<const char*>(memrchr(data + p, '\n', stop - p));
      if (nl != nullptr) {
        last = static_cast<size_t>(nl - data) + 1;
        after = last;
        state = CsvState::kFieldStart;
      }
      if (state != CsvState::kSkipToEnd && stop > after) {
        state = data[stop - 1] == delim ? CsvState::kFieldStart : CsvState::kUnquoted;
      }
    }
    if (q == nullptr) {
      break;
    }
    // A quote opens a quoted field only at the start of a field; elsewhere it is text.
    if (state == CsvState::kFieldStart) {
      state = CsvState::kQuoted;
    }
    p = stop + 1;
  }
  csv_state_ = state;
  return last;
}

Result<FileChunkPtr> FileChunkReader::next() {
  if (done_ || file_ == nullptr) {
    return FileChunkPtr(nullptr);
  }
  // The buffer starts at a record boundary; find the last record end in it, reading (and
  // growing the buffer for a record larger than it) until there is one or the file ends.
  csv_state_ = CsvState::kFieldStart;
  size_t scanned = 0;
  size_t boundary = 0;
  if (!eof_ && size_ < capacity_) {
    EDDY_RETURN_NOT_OK(fill());
  }
  for (;;) {
    if (options_.format == FileFormat::kCsv) {
      boundary = std::max(boundary, scan_csv(scanned, size_));
    } else if (size_ > scanned) {
      auto* nl = static_cast<const char*>(memrchr(buffer_.get() + scanned, '\n', size_ - scanned));
      if (nl != nullptr) {
        boundary = static_cast<size_t>(nl - buffer_.get()) + 1;
      }
    }
    scanned = size_;
    if (boundary > 0 || eof_) {
      break;
    }
    EDDY_RETURN_NOT_OK(fill());
  }
  if (size_ == 0) {
    done_ = true;
    return FileChunkPtr(nullptr);
  }
  // At the end of the file the rest is the last chunk (a last record needs no line break).
  const size_t len = eof_ ? size_ : boundary;
  auto chunk = std::make_shared<FileChunk>();
  chunk->size = len;
  chunk->first_line = line_;
  chunk->offset = offset_;
  chunk->last = eof_;
  line_ += static_cast<uint64_t>(std::count(buffer_.get(), buffer_.get() + len, '\n'));
  offset_ += len;
  const size_t tail = size_ - len;
  capacity_ = std::max(chunk_size_, tail * 2);
  auto next_buffer = std::make_unique_for_overwrite<char[]>(capacity_ + kJsonPadding);
  std::memcpy(next_buffer.get(), buffer_.get() + len, tail);
  chunk->data = std::move(buffer_);
  buffer_ = std::move(next_buffer);
  size_ = tail;
  done_ = eof_;
  return FileChunkPtr(std::move(chunk));
}

}  // namespace eddy::ops
