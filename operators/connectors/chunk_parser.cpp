#include "operators/connectors/chunk_parser.hpp"

#include <algorithm>
#include <cstring>

#include "operators/connectors/row_formatter.hpp"

namespace eddy::ops {

namespace {

// Records indexed per fast-path pass: the pass reads the text once per column, so a run should
// stay in the L1/L2 cache.
constexpr size_t kMaxIndexedRecords = 512;
// After a pass that found no simple record, so many records go the general way before the next
// try, doubling with each miss in a row (a file whose records all need the general path, say
// with escaped quotes, would otherwise pay for a failed pass per record).
constexpr size_t kGeneralRecordsAfterMiss = 16;
constexpr size_t kMaxGeneralRecordsAfterMiss = 4096;

std::optional<size_t> event_time_column(const FileSourceOptions& options, const Schema& schema) {
  if (options.event_time_field.empty()) {
    return std::nullopt;
  }
  return schema.find(options.event_time_field);
}

}  // namespace

ChunkParser::ChunkParser(const FileSourceOptions& options, SchemaPtr schema, size_t batch_rows,
                         std::vector<int32_t> field_to_column, DeadLetterFile* dead_letter)
    : options_(options),
      batch_rows_(batch_rows == 0 ? 1 : batch_rows),
      field_to_column_(std::move(field_to_column)),
      dead_letter_(dead_letter),
      csv_(options_.dialect),
      csv_index_(options_.dialect, field_to_column_.size()),
      builder_(schema, batch_rows_, event_time_column(options_, *schema),
               options_.event_time_format) {
  builder_.set_max_out_of_orderness(options_.max_out_of_orderness_ms);
  if (options_.format == FileFormat::kJsonl) {
    jsonl_ = std::make_unique<JsonlParser>(std::move(schema));
  }
}

ChunkParser::~ChunkParser() = default;

void ChunkParser::start(FileChunkPtr chunk) {
  chunk_ = std::move(chunk);
  begin_ = 0;
  line_ = chunk_ != nullptr ? chunk_->first_line : 1;
}

bool ChunkParser::build_csv_record() {
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

bool ChunkParser::parse_simple_csv(SourceStats& stats) {
  const size_t size = chunk_->size;
  bool appended = false;
  while (builder_.num_rows() < batch_rows_ && begin_ < size) {
    const size_t want = std::min(batch_rows_ - builder_.num_rows(), kMaxIndexedRecords);
    csv_index_.index(chunk_->data.get() + begin_, size - begin_, size - begin_ + kJsonPadding,
                     want);
    const size_t records = csv_index_.records();
    const size_t good = builder_.append_columns(csv_index_, field_to_column_);
    stats.records_in += good;
    begin_ += csv_index_.offset_of(good);
    line_ += csv_index_.lines_before(good);
    appended = appended || good > 0;
    if (good < records || records < want) {
      break;  // the next record (if any) is not simple or not good: the general path takes it
    }
  }
  return appended;
}

Status ChunkParser::parse(SourceStats& stats) {
  if (chunk_ == nullptr) {
    return Status::ok();
  }
  const char* base = chunk_->data.get();
  const size_t size = chunk_->size;
  // Bytes readable from `base`: the chunk's records plus the JSON padding after them.
  const size_t readable = size + kJsonPadding;
  const bool fast_csv = options_.format == FileFormat::kCsv && csv_index_.usable();
  while (builder_.num_rows() < batch_rows_ && begin_ < size) {
    if (fast_csv) {
      if (general_records_ > 0) {
        --general_records_;
      } else if (parse_simple_csv(stats)) {
        general_run_ = kGeneralRecordsAfterMiss;
      } else {
        general_records_ = general_run_;
        general_run_ = std::min(general_run_ * 2, kMaxGeneralRecordsAfterMiss);
      }
      if (builder_.num_rows() == batch_rows_ || begin_ == size) {
        break;
      }
    }
    const char* data = base + begin_;
    const size_t avail = size - begin_;
    const uint64_t record_line = line_;
    bool good = false;
    std::string_view raw;
    if (options_.format == FileFormat::kCsv) {
      // A chunk ends on a record boundary, so its end is as final as the end of the file.
      CsvScan scan = csv_.scan(data, avail, /*at_eof=*/true);
      if (scan.kind == CsvScanKind::kNeedMore) {
        begin_ = size;
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
      good = jsonl_->parse(data, len, readable - static_cast<size_t>(data - base), builder_);
      if (!good) {
        reason_ = jsonl_->error();
      }
    }
    if (good) {
      ++stats.records_in;
      continue;
    }
    EDDY_RETURN_NOT_OK(on_bad_record(stats, record_line, raw));
  }
  return Status::ok();
}

Status ChunkParser::on_bad_record(SourceStats& stats, uint64_t line, std::string_view raw) {
  std::string report = options_.path + ":" + std::to_string(line) + ": " + reason_;
  ++stats.parse_errors;
  if (options_.on_error == OnError::kFail) {
    return Status::data_error(std::move(report));
  }
  if (stats.first_errors.size() < kMaxErrorReports) {
    stats.first_errors.push_back(report);
  }
  if (dead_letter_ != nullptr || dead_letter_text_ != nullptr) {
    std::string entry = "{\"source\":";
    append_json_string(entry, options_.name);
    entry += ",\"file\":";
    append_json_string(entry, options_.path);
    entry += ",\"line\":" + std::to_string(line) + ",\"error\":";
    append_json_string(entry, reason_);
    entry += ",\"record\":";
    append_json_string(entry, raw);
    entry += "}\n";
    if (dead_letter_ == nullptr) {
      *dead_letter_text_ += entry;
      return Status::ok();
    }
    EDDY_RETURN_NOT_OK(dead_letter_->append(entry));
  }
  return Status::ok();
}

}  // namespace eddy::ops
