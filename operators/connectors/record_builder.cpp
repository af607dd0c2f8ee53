#include "operators/connectors/record_builder.hpp"

#include <charconv>

#include "runtime/core/decimal.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy::ops {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool parse_int64(std::string_view s, int64_t& out) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}

bool parse_double(std::string_view s, double& out) {
  if (!s.empty() && s.front() == '+') {
    s.remove_prefix(1);
  }
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
}

bool ascii_iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    if (x >= 'A' && x <= 'Z') {
      x = static_cast<char>(x - 'A' + 'a');
    }
    if (x != b[i]) {
      return false;
    }
  }
  return true;
}

const char* event_time_format_text(EventTimeFormat format) {
  switch (format) {
    case EventTimeFormat::kEpochMillis:
      return "epoch milliseconds";
    case EventTimeFormat::kEpochSeconds:
      return "epoch seconds";
    case EventTimeFormat::kIso8601:
      return "an ISO-8601 timestamp";
    case EventTimeFormat::kAuto:
      break;
  }
  return "epoch milliseconds or an ISO-8601 timestamp";
}

std::string quote_sample(std::string_view text) {
  constexpr size_t kMaxShown = 40;
  std::string out = "'";
  if (text.size() > kMaxShown) {
    out.append(text.substr(0, kMaxShown));
    out += "...";
  } else {
    out.append(text);
  }
  out += "'";
  return out;
}

}  // namespace

std::optional<int64_t> parse_event_time(std::string_view text, EventTimeFormat format) {
  text = trim(text);
  int64_t v = 0;
  switch (format) {
    case EventTimeFormat::kAuto:
      if (parse_int64(text, v)) {
        return v;
      }
      return parse_timestamp(text);
    case EventTimeFormat::kEpochMillis:
      if (parse_int64(text, v)) {
        return v;
      }
      return std::nullopt;
    case EventTimeFormat::kEpochSeconds:
      return parse_decimal(text, /*scale=*/3);
    case EventTimeFormat::kIso8601:
      return parse_timestamp(text);
  }
  return std::nullopt;
}

RecordBuilder::RecordBuilder(SchemaPtr schema, size_t batch_rows,
                             std::optional<size_t> event_time_column,
                             EventTimeFormat event_time_format)
    : schema_(std::move(schema)),
      batch_rows_(batch_rows),
      event_time_column_(event_time_column),
      event_time_format_(event_time_format) {
  builders_.reserve(schema_->num_fields());
  for (const auto& f : schema_->fields()) {
    builders_.emplace_back(f.type, batch_rows_);
  }
  slots_.resize(schema_->num_fields());
  if (event_time_column_) {
    event_times_ = ColumnBuilder(DataType::timestamp(), batch_rows_);
    row_watermarks_ = ColumnBuilder(DataType::timestamp(), batch_rows_);
  }
}

void RecordBuilder::begin() {
  for (auto& s : slots_) {
    s.valid = false;
  }
  record_event_time_.reset();
}

void RecordBuilder::set_null(size_t col) {
  slots_[col].valid = false;
}

bool RecordBuilder::fail_value(size_t col, std::string_view text) {
  const Field& f = schema_->field(col);
  error_ = "column '" + f.name + "': " + quote_sample(text) + " is not a " + f.type.to_string();
  return false;
}

bool RecordBuilder::set_text(size_t col, std::string_view text, bool quoted) {
  Slot& slot = slots_[col];
  const DataType& type = schema_->field(col).type;
  if (event_time_column_ && *event_time_column_ == col) {
    if (text.empty()) {
      record_event_time_.reset();
    } else if (auto t = parse_event_time(text, event_time_format_)) {
      record_event_time_ = *t;
    } else {
      error_ = "event time field '" + schema_->field(col).name + "': " + quote_sample(text) +
               " is not " + event_time_format_text(event_time_format_);
      return false;
    }
    if (type.id == TypeId::kTimestamp) {
      // The column shows the event time as read with the configured format.
      slot.valid = record_event_time_.has_value();
      slot.i64 = record_event_time_.value_or(0);
      return true;
    }
  }
  if (text.empty()) {
    slot.valid = quoted && type.id == TypeId::kVarchar;
    slot.str = text;
    return true;
  }
  switch (type.id) {
    case TypeId::kVarchar:
      slot.str = text;
      break;
    case TypeId::kBigint:
      if (!parse_int64(trim(text), slot.i64)) {
        return fail_value(col, text);
      }
      break;
    case TypeId::kDouble:
      if (!parse_double(trim(text), slot.f64)) {
        return fail_value(col, text);
      }
      break;
    case TypeId::kDecimal: {
      auto v = parse_decimal(trim(text), type.scale);
      if (!v || (*v >= pow10_i64(type.precision) || *v <= -pow10_i64(type.precision))) {
        return fail_value(col, text);
      }
      slot.i64 = *v;
      break;
    }
    case TypeId::kBoolean: {
      std::string_view t = trim(text);
      if (ascii_iequals(t, "true") || t == "1") {
        slot.i64 = 1;
      } else if (ascii_iequals(t, "false") || t == "0") {
        slot.i64 = 0;
      } else {
        return fail_value(col, text);
      }
      break;
    }
    case TypeId::kTimestamp: {
      auto t = parse_event_time(text, EventTimeFormat::kAuto);
      if (!t) {
        return fail_value(col, text);
      }
      slot.i64 = *t;
      break;
    }
    case TypeId::kNull:
      slot.valid = false;
      return true;
  }
  slot.valid = true;
  return true;
}

bool RecordBuilder::commit() {
  if (event_time_column_ && !record_event_time_) {
    error_ = "missing event time field '" + schema_->field(*event_time_column_).name + "'";
    return false;
  }
  for (size_t c = 0; c < slots_.size(); ++c) {
    const Slot& s = slots_[c];
    ColumnBuilder& b = builders_[c];
    if (!s.valid) {
      b.append_null();
      continue;
    }
    switch (b.type().id) {
      case TypeId::kVarchar:
        b.append_string(s.str);
        break;
      case TypeId::kDouble:
        b.append_double(s.f64);
        break;
      case TypeId::kBoolean:
        b.append_bool(s.i64 != 0);
        break;
      case TypeId::kNull:
        b.append_null();
        break;
      default:
        b.append_int(s.i64);
        break;
    }
  }
  if (event_time_column_) {
    // The watermark in force before this row: what decides whether the row is late.
    row_watermarks_.append_int(watermark());
    event_times_.append_int(*record_event_time_);
    if (*record_event_time_ > max_event_time_) {
      max_event_time_ = *record_event_time_;
    }
  }
  ++num_rows_;
  return true;
}

BatchPtr RecordBuilder::finish() {
  if (num_rows_ == 0) {
    return nullptr;
  }
  std::vector<ColumnPtr> columns;
  columns.reserve(builders_.size());
  for (auto& b : builders_) {
    columns.push_back(b.finish());
  }
  ColumnPtr event_time;
  ColumnPtr row_watermark;
  if (event_time_column_) {
    event_time = event_times_.finish();
    row_watermark = row_watermarks_.finish();
  }
  size_t rows = num_rows_;
  num_rows_ = 0;
  return Batch::make(schema_, std::move(columns), rows, std::move(event_time),
                     std::move(row_watermark));
}

int64_t RecordBuilder::watermark() const {
  if (max_event_time_ == INT64_MIN) {
    return INT64_MIN;
  }
  return max_event_time_ < INT64_MIN + max_out_of_orderness_ms_
             ? INT64_MIN
             : max_event_time_ - max_out_of_orderness_ms_;
}

}  // namespace eddy::ops
