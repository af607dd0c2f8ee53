#include "operators/connectors/row_formatter.hpp"

#include <charconv>
#include <cmath>

#include "runtime/core/decimal.hpp"

namespace eddy::ops {

namespace {

void append_int(std::string& out, int64_t v) {
  char buf[24];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof(buf), v);
  out.append(buf, ptr);
}

// Appends one non-null value in the notation JSON and CSV share. Returns false for a value that
// has no JSON number spelling (NaN, infinities), which callers render as null.
bool append_number(std::string& out, const Column& col, size_t row) {
  switch (col.type().id) {
    case TypeId::kBigint:
    case TypeId::kTimestamp:
      append_int(out, col.i64()[row]);
      return true;
    case TypeId::kDecimal:
      append_decimal(out, col.i64()[row], col.type().scale);
      return true;
    case TypeId::kDouble: {
      double v = col.f64()[row];
      if (!std::isfinite(v)) {
        return false;
      }
      append_double(out, v);
      return true;
    }
    case TypeId::kBoolean:
      out += col.u8()[row] != 0 ? "true" : "false";
      return true;
    default:
      return false;
  }
}

}  // namespace

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out.push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') {
      continue;
    }
    out.append(s.data() + run, i - run);
    run = i + 1;
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out += "\\u00";
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

RowFormatter::RowFormatter(SchemaPtr schema, OutputFormat format, char delimiter)
    : schema_(std::move(schema)), format_(format), delimiter_(delimiter) {
  for (size_t i = 0; i < schema_->num_fields(); ++i) {
    std::string key(1, i == 0 ? '{' : ',');
    append_json_string(key, schema_->field(i).name);
    key.push_back(':');
    json_keys_.push_back(std::move(key));
  }
}

void RowFormatter::append_csv_text(std::string& out, std::string_view s) const {
  bool needs_quotes = s.empty();
  for (char c : s) {
    if (c == delimiter_ || c == '"' || c == '\r' || c == '\n') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    out.append(s);
    return;
  }
  out.push_back('"');
  for (char c : s) {
    if (c == '"') {
      out.push_back('"');
    }
    out.push_back(c);
  }
  out.push_back('"');
}

void RowFormatter::append_header(std::string& out) const {
  if (format_ != OutputFormat::kCsv) {
    return;
  }
  for (size_t i = 0; i < schema_->num_fields(); ++i) {
    if (i > 0) {
      out.push_back(delimiter_);
    }
    append_csv_text(out, schema_->field(i).name);
  }
  out.push_back('\n');
}

void RowFormatter::append_rows(const Batch& batch, std::string& out) const {
  const size_t num_columns = batch.num_columns();
  const size_t rows = batch.num_rows();
  for (size_t r = 0; r < rows; ++r) {
    for (size_t c = 0; c < num_columns; ++c) {
      const Column& col = *batch.column(c);
      if (format_ == OutputFormat::kJsonl) {
        out += json_keys_[c];
        if (col.is_null(r)) {
          out += "null";
        } else if (col.type().id == TypeId::kVarchar) {
          append_json_string(out, col.str(r));
        } else if (!append_number(out, col, r)) {
          out += "null";
        }
      } else {
        if (c > 0) {
          out.push_back(delimiter_);
        }
        if (col.is_null(r)) {
          if (num_columns == 1) {
            // An empty line would read back as no row at all: quote the empty field.
            out += "\"\"";
          }
          continue;
        }
        if (col.type().id == TypeId::kVarchar) {
          append_csv_text(out, col.str(r));
        } else {
          append_number(out, col, r);
        }
      }
    }
    if (format_ == OutputFormat::kJsonl) {
      out += num_columns == 0 ? "{}" : "}";
    }
    out.push_back('\n');
  }
}

}  // namespace eddy::ops
