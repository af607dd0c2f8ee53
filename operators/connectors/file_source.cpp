#include "operators/connectors/file_source.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "operators/connectors/row_formatter.hpp"

namespace eddy::ops {

namespace {

std::optional<size_t> event_time_column(const FileSourceOptions& options, const Schema& schema) {
  if (options.event_time_field.empty()) {
    return std::nullopt;
  }
  return schema.find(options.event_time_field);
}

}  // namespace

FileSource::FileSource(FileSourceOptions options, SchemaPtr schema, size_t batch_rows)
    : options_(std::move(options)),
      schema_(std::move(schema)),
      batch_rows_(options_.batch_rows.value_or(batch_rows == 0 ? 1 : batch_rows)),
      csv_(options_.dialect),
      builder_(schema_, batch_rows_, event_time_column(options_, *schema_),
               options_.event_time_format) {
  builder_.set_max_out_of_orderness(options_.max_out_of_orderness_ms);
}

FileSource::~FileSource() {
  if (file_ != nullptr) {
    std::fclose(file_);
  }
  (void)close_dead_letter();
}

Status FileSource::open() {
  if (!options_.event_time_field.empty() && !schema_->find(options_.event_time_field)) {
    return Status::invalid_config("event.time.field '" + options_.event_time_field +
                                  "' of source '" + options_.name + "' is not one of its columns " +
                                  schema_->to_string());
  }
  file_ = std::fopen(options_.path.c_str(), "rb");
  if (file_ == nullptr) {
    return Status::io_error("cannot open source '" + options_.name + "' file '" + options_.path +
                            "': " + std::strerror(errno));
  }
  capacity_ = options_.block_size < 16 ? 16 : options_.block_size;
  buffer_ = std::make_unique<char[]>(capacity_ + kJsonPadding);
  if (options_.format == FileFormat::kJsonl) {
    jsonl_ = std::make_unique<JsonlParser>(schema_);
  }
  if (options_.on_error == OnError::kDeadLetter) {
    // Shared with late records from the partitions: append only (eddy run empties it first).
    dlq_ = std::make_unique<DeadLetterFile>(options_.dlq_path);
  }
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

Status FileSource::fill() {
  if (begin_ > 0) {
    std::memmove(buffer_.get(), buffer_.get() + begin_, end_ - begin_);
    end_ -= begin_;
    begin_ = 0;
  }
  if (end_ == capacity_) {
    // One record is larger than the buffer: grow it.
    size_t grown = capacity_ * 2;
    auto bigger = std::make_unique<char[]>(grown + kJsonPadding);
    std::memcpy(bigger.get(), buffer_.get(), end_);
    buffer_ = std::move(bigger);
    capacity_ = grown;
  }
  size_t want = capacity_ - end_;
  size_t n = std::fread(buffer_.get() + end_, 1, want, file_);
  if (n < want) {
    if (std::ferror(file_)) {
      return Status::io_error("cannot read source '" + options_.name + "' file '" + options_.path +
                              "': " + std::strerror(errno));
    }
    eof_ = true;
  }
  end_ += n;
  stats_.bytes_in += n;
  return Status::ok();
}

Status FileSource::skip_prefix() {
  while (end_ - begin_ < 3 && !eof_) {
    EDDY_RETURN_NOT_OK(fill());
  }
  if (end_ - begin_ >= 3 && std::memcmp(buffer_.get() + begin_, "\xEF\xBB\xBF", 3) == 0) {
    begin_ += 3;
  }
  for (size_t skipped = 0; skipped < options_.skip_lines;) {
    const char* start = buffer_.get() + begin_;
    auto* nl = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    if (nl != nullptr) {
      begin_ += nl - start + 1;
      ++line_;
      ++skipped;
      continue;
    }
    begin_ = end_;
    if (eof_) {
      break;
    }
    EDDY_RETURN_NOT_OK(fill());
  }
  return Status::ok();
}

Status FileSource::read_header() {
  for (;;) {
    CsvScan scan = csv_.scan(buffer_.get() + begin_, end_ - begin_, eof_);
    if (scan.kind == CsvScanKind::kNeedMore) {
      if (eof_) {
        // An empty file: no header, no records.
        return Status::ok();
      }
      EDDY_RETURN_NOT_OK(fill());
      continue;
    }
    begin_ += scan.consumed;
    line_ += scan.newlines;
    if (scan.kind == CsvScanKind::kBlank) {
      continue;
    }
    if (scan.kind == CsvScanKind::kMalformed) {
      return Status::data_error(options_.path + ":" + std::to_string(line_ - scan.newlines) +
                                ": malformed header row: " + scan.error);
    }
    break;
  }
  const auto& fields = csv_.fields();
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
  return Status::ok();
}

bool FileSource::build_csv_record() {
  const auto& fields = csv_.fields();
  if (fields.size() != field_to_column_.size()) {
    reason_ = "expected " + std::to_string(field_to_column_.size()) + " fields, got " +
              std::to_string(fields.size());
    return false;
  }
  builder_.begin();
  for (size_t i = 0; i < fields.size(); ++i) {
    int32_t col = field_to_column_[i];
    if (col >= 0 &&
        !builder_.set_text(static_cast<size_t>(col), fields[i].text, fields[i].quoted)) {
      reason_ = builder_.error();
      return false;
    }
  }
  if (!builder_.commit()) {
    reason_ = builder_.error();
    return false;
  }
  return true;
}

Result<BatchPtr> FileSource::next() {
  if (pending_error_) {
    Status s = std::move(*pending_error_);
    pending_error_.reset();
    done_ = true;
    return s;
  }
  if (done_ || file_ == nullptr) {
    return BatchPtr(nullptr);
  }
  while (builder_.num_rows() < batch_rows_) {
    if (begin_ == end_) {
      if (eof_) {
        break;
      }
      EDDY_RETURN_NOT_OK(fill());
      continue;
    }
    const char* data = buffer_.get() + begin_;
    const size_t avail = end_ - begin_;
    const uint64_t record_line = line_;
    bool good = false;
    std::string_view raw;
    if (options_.format == FileFormat::kCsv) {
      CsvScan scan = csv_.scan(data, avail, eof_);
      if (scan.kind == CsvScanKind::kNeedMore) {
        if (eof_) {
          begin_ = end_;
        } else {
          EDDY_RETURN_NOT_OK(fill());
        }
        continue;
      }
      begin_ += scan.consumed;
      line_ += scan.newlines;
      if (scan.kind == CsvScanKind::kBlank) {
        continue;
      }
      raw = scan.raw;
      if (scan.kind == CsvScanKind::kMalformed) {
        reason_ = scan.error;
      } else {
        good = build_csv_record();
      }
    } else {
      auto* nl = static_cast<const char*>(std::memchr(data, '\n', avail));
      if (nl == nullptr && !eof_) {
        EDDY_RETURN_NOT_OK(fill());
        continue;
      }
      size_t len = nl != nullptr ? static_cast<size_t>(nl - data) : avail;
      begin_ += nl != nullptr ? len + 1 : len;
      line_ += nl != nullptr ? 1 : 0;
      if (len > 0 && data[len - 1] == '\r') {
        --len;
      }
      raw = std::string_view(data, len);
      if (raw.find_first_not_of(" \t") == std::string_view::npos) {
        continue;
      }
      size_t readable = capacity_ + kJsonPadding - (data - buffer_.get());
      good = jsonl_->parse(data, len, readable, builder_);
      if (!good) {
        reason_ = jsonl_->error();
      }
    }
    if (good) {
      ++stats_.records_in;
      continue;
    }
    Status s = on_bad_record(record_line, reason_, raw);
    if (!s.is_ok()) {
      if (builder_.num_rows() == 0) {
        done_ = true;
        return s;
      }
      // Rows before the bad record still go downstream; the error follows them.
      pending_error_ = std::move(s);
      break;
    }
  }
  BatchPtr batch = builder_.finish();
  if (batch == nullptr) {
    done_ = true;
    EDDY_RETURN_NOT_OK(close_dead_letter());
  }
  return batch;
}

Status FileSource::on_bad_record(uint64_t line, std::string_view reason, std::string_view raw) {
  std::string report = options_.path + ":" + std::to_string(line) + ": " + std::string(reason);
  ++stats_.parse_errors;
  if (options_.on_error == OnError::kFail) {
    return Status::data_error(std::move(report));
  }
  if (stats_.first_errors.size() < kMaxErrorReports) {
    stats_.first_errors.push_back(report);
  }
  if (dlq_ != nullptr) {
    std::string entry = "{\"source\":";
    append_json_string(entry, options_.name);
    entry += ",\"file\":";
    append_json_string(entry, options_.path);
    entry += ",\"line\":" + std::to_string(line) + ",\"error\":";
    append_json_string(entry, reason);
    entry += ",\"record\":";
    append_json_string(entry, raw);
    entry += "}\n";
    EDDY_RETURN_NOT_OK(dlq_->append(entry));
  }
  return Status::ok();
}

Status FileSource::close_dead_letter() {
  dlq_.reset();
  return Status::ok();
}

int64_t FileSource::watermark() const {
  return builder_.watermark();
}

std::string FileSource::describe() const {
  return "FileSource(" + options_.name + ": " + options_.format_name() + " '" + options_.path +
         "')";
}

}  // namespace eddy::ops
