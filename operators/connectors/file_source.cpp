#include "operators/connectors/file_source.hpp"

namespace eddy::ops {

FileSource::FileSource(FileSourceOptions options, SchemaPtr schema, size_t batch_rows)
    : options_(std::move(options)),
      schema_(std::move(schema)),
      batch_rows_(options_.batch_rows.value_or(batch_rows == 0 ? 1 : batch_rows)),
      reader_(options_, schema_) {}

FileSource::~FileSource() {
  (void)close_dead_letter();
}

Status FileSource::open() {
  if (!options_.event_time_field.empty() && !schema_->find(options_.event_time_field)) {
    return Status::invalid_config("event.time.field '" + options_.event_time_field +
                                  "' of source '" + options_.name + "' is not one of its columns " +
                                  schema_->to_string());
  }
  Status opened = reader_.open();
  stats_.bytes_in = reader_.bytes_read();
  EDDY_RETURN_NOT_OK(opened);
  if (options_.on_error == OnError::kDeadLetter) {
    // Shared with late records from the partitions: append only (eddy run empties it first).
    dlq_ = std::make_unique<DeadLetterFile>(options_.dlq_path);
  }
  parser_ = std::make_unique<ChunkParser>(options_, schema_, batch_rows_, reader_.field_to_column(),
                                          dlq_.get());
  return Status::ok();
}

Result<FileChunkPtr> FileSource::next_chunk() {
  auto chunk = reader_.next();
  stats_.bytes_in = reader_.bytes_read();
  return chunk;
}

std::unique_ptr<ChunkParser> FileSource::make_chunk_parser() const {
  return std::make_unique<ChunkParser>(options_, schema_, batch_rows_, reader_.field_to_column());
}

Result<BatchPtr> FileSource::next() {
  if (pending_error_) {
    Status s = std::move(*pending_error_);
    pending_error_.reset();
    done_ = true;
    return s;
  }
  if (done_ || parser_ == nullptr) {
    return BatchPtr(nullptr);
  }
  while (parser_->num_rows() < batch_rows_) {
    if (parser_->done()) {
      auto chunk = next_chunk();
      if (!chunk.is_ok()) {
        return chunk.status();
      }
      if (*chunk == nullptr) {
        break;
      }
      parser_->start(std::move(chunk).value());
    }
    Status s = parser_->parse(stats_);
    if (!s.is_ok()) {
      if (parser_->num_rows() == 0) {
        done_ = true;
        return s;
      }
      // Rows before the bad record still go downstream; the error follows them.
      pending_error_ = std::move(s);
      break;
    }
  }
  BatchPtr batch = parser_->finish_batch();
  if (batch == nullptr) {
    done_ = true;
    EDDY_RETURN_NOT_OK(close_dead_letter());
  }
  return batch;
}

Status FileSource::close_dead_letter() {
  dlq_.reset();
  return Status::ok();
}

int64_t FileSource::watermark() const {
  return parser_ != nullptr ? parser_->watermark() : INT64_MIN;
}

std::string FileSource::describe() const {
  return "FileSource(" + options_.name + ": " + options_.format_name() + " '" + options_.path +
         "')";
}

}  // namespace eddy::ops
