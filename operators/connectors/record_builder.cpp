#include "operators/connectors/record_builder.hpp"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "operators/connectors/csv_field_index.hpp"

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

constexpr uint64_t kPow10[19] = {1,
                                 10,
                                 100,
                                 1000,
                                 10000,
                                 100000,
                                 1000000,
                                 10000000,
                                 100000000,
                                 1000000000,
                                 10000000000,
                                 100000000000,
                                 1000000000000,
                                 10000000000000,
                                 100000000000000,
                                 1000000000000000,
                                 10000000000000000,
                                 100000000000000000,
                                 1000000000000000000};

// The fast paths below accept only the plainest spelling of a number (what nearly every field
// holds) and compute exactly what the general parser would; false means "not plain", never
// "invalid", and the caller then asks the general parser, so results and errors cannot differ.

// An optional '-' and 1 to 18 digits: cannot overflow.
inline bool parse_plain_int(std::string_view s, int64_t& out) {
  const char* p = s.data();
  const char* end = p + s.size();
  const bool negative = p != end && *p == '-';
  p += negative ? 1 : 0;
  const auto n = static_cast<size_t>(end - p);
  if (n == 0 || n > 18) {
    return false;
  }
  uint64_t v = 0;
  for (; p != end; ++p) {
    const auto d = static_cast<unsigned>(*p - '0');
    if (d > 9) {
      return false;
    }
    v = v * 10 + d;
  }
  out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

// An optional '-', at least one integer digit, then optionally '.' and at most `scale` digits,
// in 18 digits at `scale`: the cases parse_decimal's short path takes, with its result.
inline bool parse_plain_decimal(std::string_view s, int scale, int64_t& out) {
  const char* p = s.data();
  const char* end = p + s.size();
  const bool negative = p != end && *p == '-';
  p += negative ? 1 : 0;
  uint64_t int_part = 0;
  int int_digits = 0;
  for (; p != end && static_cast<unsigned>(*p - '0') <= 9; ++p) {
    int_part = int_part * 10 + static_cast<unsigned>(*p - '0');
    ++int_digits;
  }
  if (int_digits == 0 || int_digits + scale > 18) {
    return false;
  }
  uint64_t frac_part = 0;
  int frac_digits = 0;
  if (p != end) {
    if (*p != '.') {
      return false;
    }
    for (++p; p != end && static_cast<unsigned>(*p - '0') <= 9; ++p) {
      frac_part = frac_part * 10 + static_cast<unsigned>(*p - '0');
      ++frac_digits;
    }
    if (p != end || frac_digits > scale) {
      return false;
    }
  }
  const uint64_t v = int_part * kPow10[scale] + frac_part * kPow10[scale - frac_digits];
  out = negative ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

// SWAR ("SIMD within a register") versions for fields of at most 8 bytes, which need 8 bytes
// readable at the field's start (the chunk's padding guarantees it at its end): no branch
// depends on the digits, so random digit counts and signs cost no mispredictions.

// The value of the `n` (1 to 8) ASCII digits in the low bytes of `w` (first digit lowest), or
// false when one of them is not a digit.
inline bool swar_digits(uint64_t w, unsigned n, uint64_t& out) {
  const uint64_t keep = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
  constexpr uint64_t kZeros = 0x3030303030303030;
  w &= keep;
  // A byte is a digit when its high nibble is 3 and adding 6 keeps it so.
  const bool digits =
      (w & (0xF0F0F0F0F0F0F0F0 & keep)) == (kZeros & keep) &&
      ((w + (0x0606060606060606 & keep)) & (0xF0F0F0F0F0F0F0F0 & keep)) == (kZeros & keep);
  uint64_t x = (w - (kZeros & keep)) << (8 * (8 - n));  // leading zero digits in the low bytes
  x = (x * 10) + (x >> 8);
  x = (((x & 0x000000FF000000FF) * (100 + (uint64_t{1000000} << 32))) +
       (((x >> 16) & 0x000000FF000000FF) * (1 + (uint64_t{10000} << 32)))) >>
      32;
  out = x;
  return digits;
}

// parse_plain_int for 1 to 8 bytes.
inline bool swar_int(const char* p, size_t len, int64_t& out) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  const unsigned negative = (w & 0xFF) == '-' ? 1 : 0;
  const auto n = static_cast<unsigned>(len) - negative;
  uint64_t v = 0;
  if (n == 0 || !swar_digits(w >> (8 * negative), n, v)) {
    return false;
  }
  out = negative != 0 ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
}

// parse_plain_decimal for 3 to 8 bytes with exactly `scale` (at least 1) fraction digits: the
// usual spelling of a decimal ("-12.3" for DECIMAL(4,1)).
inline bool swar_decimal(const char* p, size_t len, int scale, int64_t& out) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  const unsigned negative = (w & 0xFF) == '-' ? 1 : 0;
  w >>= 8 * negative;
  const auto n = static_cast<unsigned>(len) - negative;
  if (n < static_cast<unsigned>(scale) + 2) {
    return false;
  }
  const unsigned dot = n - 1 - static_cast<unsigned>(scale);  // at least one integer digit
  if (((w >> (8 * dot)) & 0xFF) != '.') {
    return false;
  }
  const uint64_t int_digits = w & ((uint64_t{1} << (8 * dot)) - 1);
  const uint64_t frac_digits = (w >> (8 * (dot + 1))) << (8 * dot);
  uint64_t v = 0;
  if (!swar_digits(int_digits | frac_digits, n - 1, v)) {
    return false;
  }
  out = negative != 0 ? -static_cast<int64_t>(v) : static_cast<int64_t>(v);
  return true;
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

namespace {

// Converts non-empty `text` to `type` as set_text() does: integers (BIGINT, DECIMAL unscaled,
// TIMESTAMP, BOOLEAN as 0/1) into `i64`, DOUBLE into `f64`; VARCHAR and NULL need nothing.
// False when the text is not of the type.
inline bool convert_text(const DataType& type, std::string_view text, int64_t& i64, double& f64) {
  switch (type.id) {
    case TypeId::kVarchar:
    case TypeId::kNull:
      return true;
    case TypeId::kBigint:
      return parse_int64(trim(text), i64);
    case TypeId::kDouble:
      return parse_double(trim(text), f64);
    case TypeId::kDecimal: {
      auto v = parse_decimal(trim(text), type.scale);
      if (!v || (*v >= pow10_i64(type.precision) || *v <= -pow10_i64(type.precision))) {
        return false;
      }
      i64 = *v;
      return true;
    }
    case TypeId::kBoolean: {
      std::string_view t = trim(text);
      if (ascii_iequals(t, "true") || t == "1") {
        i64 = 1;
      } else if (ascii_iequals(t, "false") || t == "0") {
        i64 = 0;
      } else {
        return false;
      }
      return true;
    }
    case TypeId::kTimestamp: {
      auto t = parse_event_time(text, EventTimeFormat::kAuto);
      if (!t) {
        return false;
      }
      i64 = *t;
      return true;
    }
  }
  return false;
}

}  // namespace

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
  if (!convert_text(type, text, slot.i64, slot.f64)) {
    return fail_value(col, text);
  }
  slot.str = text;
  slot.valid = type.id != TypeId::kNull;
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

size_t RecordBuilder::convert_column(const CsvFieldIndex& index, size_t field, size_t col,
                                     size_t good) {
  const DataType& type = schema_->field(col).type;
  if (type.id == TypeId::kVarchar || type.id == TypeId::kNull) {
    return good;  // any text is good (empty is NULL): nothing to convert ahead
  }
  const CsvFieldIndex::FieldColumn column = index.column(field);
  ColumnScratch& s = scratch_[col];
  s.valid.resize(good);
  uint8_t* valid = s.valid.data();
  if (type.id == TypeId::kDouble) {
    s.f64.resize(good);
    double* out = s.f64.data();
    for (size_t r = 0; r < good; ++r) {
      const std::string_view text = column[r];
      valid[r] = text.empty() ? 0 : 1;
      if (!text.empty() && !parse_double(trim(text), out[r])) {
        return r;
      }
    }
    return good;
  }
  s.i64.resize(good);
  int64_t* out = s.i64.data();
  // Fields with 8 readable bytes may take the SWAR parsers.
  const char* const readable_end = index.readable_end();
  switch (type.id) {
    case TypeId::kBigint:
      for (size_t r = 0; r < good; ++r) {
        const std::string_view text = column[r];
        valid[r] = text.empty() ? 0 : 1;
        if (text.empty()) {
          continue;
        }
        if (text.size() <= 8 && readable_end - text.data() >= 8) {
          if (swar_int(text.data(), text.size(), out[r])) {
            continue;
          }
        } else if (parse_plain_int(text, out[r])) {
          continue;
        }
        if (!parse_int64(trim(text), out[r])) {
          return r;
        }
      }
      return good;
    case TypeId::kDecimal: {
      const int64_t limit = pow10_i64(type.precision);
      for (size_t r = 0; r < good; ++r) {
        const std::string_view text = column[r];
        valid[r] = text.empty() ? 0 : 1;
        if (text.empty()) {
          continue;
        }
        int64_t v = 0;
        const bool swar = type.scale > 0 && text.size() <= 8 && readable_end - text.data() >= 8 &&
                          swar_decimal(text.data(), text.size(), type.scale, v);
        if (!swar && !parse_plain_decimal(text, type.scale, v)) {
          auto parsed = parse_decimal(trim(text), type.scale);
          if (!parsed) {
            return r;
          }
          v = *parsed;
        }
        if (v >= limit || v <= -limit) {
          return r;
        }
        out[r] = v;
      }
      return good;
    }
    case TypeId::kTimestamp:
      // Epoch milliseconds in plain digits skip parse_event_time (the same value).
      for (size_t r = 0; r < good; ++r) {
        const std::string_view text = column[r];
        valid[r] = text.empty() ? 0 : 1;
        double unused = 0;
        if (!text.empty() && !parse_plain_int(text, out[r]) &&
            !convert_text(type, text, out[r], unused)) {
          return r;
        }
      }
      return good;
    default:
      for (size_t r = 0; r < good; ++r) {
        const std::string_view text = column[r];
        valid[r] = text.empty() ? 0 : 1;
        double unused = 0;
        if (!text.empty() && !convert_text(type, text, out[r], unused)) {
          return r;
        }
      }
      return good;
  }
}

size_t RecordBuilder::append_columns(const CsvFieldIndex& index,
                                     const std::vector<int32_t>& field_to_column) {
  size_t good = index.records();
  if (good == 0 || index.num_fields() != field_to_column.size()) {
    return 0;
  }
  const size_t ncols = builders_.size();
  column_field_.assign(ncols, -1);
  for (size_t f = 0; f < field_to_column.size(); ++f) {
    if (field_to_column[f] >= 0) {
      column_field_[static_cast<size_t>(field_to_column[f])] = static_cast<int32_t>(f);
    }
  }
  scratch_.resize(ncols);

  // First every check, so that only good records are appended: event time, then each column.
  const bool has_event_time = event_time_column_.has_value();
  if (has_event_time) {
    const int32_t f = column_field_[*event_time_column_];
    if (f < 0) {
      return 0;
    }
    scratch_event_times_.resize(good);
    const CsvFieldIndex::FieldColumn column = index.column(static_cast<size_t>(f));
    // Epoch milliseconds in plain digits skip the general parser (the same value).
    const bool millis = event_time_format_ == EventTimeFormat::kAuto ||
                        event_time_format_ == EventTimeFormat::kEpochMillis;
    int64_t* const times = scratch_event_times_.data();
    for (size_t r = 0; r < good; ++r) {
      const std::string_view text = column[r];
      if (millis && parse_plain_int(text, times[r])) {
        continue;
      }
      std::optional<int64_t> t;
      if (text.empty() || !(t = parse_event_time(text, event_time_format_))) {
        good = r;
        break;
      }
      times[r] = *t;
    }
  }
  for (size_t c = 0; c < ncols && good > 0; ++c) {
    const int32_t f = column_field_[c];
    const bool event_time_value = has_event_time && *event_time_column_ == c &&
                                  schema_->field(c).type.id == TypeId::kTimestamp;
    if (f >= 0 && !event_time_value) {
      good = convert_column(index, static_cast<size_t>(f), c, good);
    }
  }
  if (good == 0) {
    return 0;
  }

  for (size_t c = 0; c < ncols; ++c) {
    ColumnBuilder& b = builders_[c];
    const int32_t f = column_field_[c];
    const TypeId id = b.type().id;
    if (f < 0 || id == TypeId::kNull) {
      for (size_t r = 0; r < good; ++r) {
        b.append_null();
      }
      continue;
    }
    if (has_event_time && *event_time_column_ == c && id == TypeId::kTimestamp) {
      for (size_t r = 0; r < good; ++r) {
        b.append_int(scratch_event_times_[r]);
      }
      continue;
    }
    if (id == TypeId::kVarchar) {
      const CsvFieldIndex::FieldColumn column = index.column(static_cast<size_t>(f));
      for (size_t r = 0; r < good; ++r) {
        const std::string_view text = column[r];
        if (text.empty() && !column.quoted(r)) {
          b.append_null();
        } else {
          b.append_string(text);
        }
      }
      continue;
    }
    const ColumnScratch& s = scratch_[c];
    const uint8_t* valid = s.valid.data();
    if (id == TypeId::kDouble) {
      for (size_t r = 0; r < good; ++r) {
        valid[r] != 0 ? b.append_double(s.f64[r]) : b.append_null();
      }
    } else if (id == TypeId::kBoolean) {
      for (size_t r = 0; r < good; ++r) {
        valid[r] != 0 ? b.append_bool(s.i64[r] != 0) : b.append_null();
      }
    } else {
      const int64_t* values = s.i64.data();
      for (size_t r = 0; r < good; ++r) {
        valid[r] != 0 ? b.append_int(values[r]) : b.append_null();
      }
    }
  }
  if (has_event_time) {
    for (size_t r = 0; r < good; ++r) {
      // The watermark in force before this row: what decides whether the row is late.
      row_watermarks_.append_int(watermark());
      event_times_.append_int(scratch_event_times_[r]);
      max_event_time_ = std::max(max_event_time_, scratch_event_times_[r]);
    }
  }
  num_rows_ += good;
  return good;
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
