#include "operators/connectors/csv_parser.hpp"

#include <algorithm>
#include <cstring>

namespace eddy::ops {

std::string_view trim_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

CsvParser::CsvParser(CsvDialect dialect) : dialect_(dialect) {
  stops_[static_cast<unsigned char>(dialect_.delimiter)] = true;
  stops_[static_cast<unsigned char>('\n')] = true;
  fields_.reserve(16);
}

CsvScan CsvParser::scan(const char* data, size_t size, bool at_eof) {
  CsvScan out;
  fields_.clear();
  scratch_fields_.clear();
  scratch_.clear();
  const char* p = data;
  const char* end = data + size;
  if (p == end) {
    out.kind = CsvScanKind::kNeedMore;
    return out;
  }
  // A line holding nothing (or just "\r") is blank, not a record with one NULL field.
  if (*p == '\n') {
    return {CsvScanKind::kBlank, 1, 1, {}, nullptr};
  }
  if (*p == '\r') {
    if (p + 1 < end && p[1] == '\n') {
      return {CsvScanKind::kBlank, 2, 1, {}, nullptr};
    }
    if (p + 1 == end) {
      return at_eof ? CsvScan{CsvScanKind::kBlank, 1, 0, {}, nullptr} : CsvScan{};
    }
  }

  const char delim = dialect_.delimiter;
  const char quote = dialect_.quote;
  size_t newlines = 0;
  const char* malformed = nullptr;
  for (;;) {
    const char* field_end;
    if (p < end && *p == quote) {
      // Quoted field: runs to the next quote that is not doubled.
      const char* q = p + 1;
      const char* start = q;
      bool doubled = false;
      for (;;) {
        const char* close = static_cast<const char*>(std::memchr(q, quote, end - q));
        if (close == nullptr) {
          if (!at_eof) {
            return {};
          }
          newlines += std::count(q, end, '\n');
          out.kind = CsvScanKind::kMalformed;
          out.consumed = size;
          out.newlines = newlines;
          out.raw = {data, size};
          out.error = "unterminated quoted field";
          return out;
        }
        newlines += std::count(q, close, '\n');
        if (close + 1 < end && close[1] == quote) {
          doubled = true;
          q = close + 2;
          continue;
        }
        if (close + 1 == end && !at_eof) {
          // The next byte decides whether this quote is doubled.
          return {};
        }
        field_end = close;
        p = close + 1;
        break;
      }
      if (doubled) {
        size_t offset = scratch_.size();
        scratch_fields_.push_back({static_cast<uint32_t>(fields_.size()), offset});
        for (const char* c = start; c < field_end; ++c) {
          scratch_.push_back(*c);
          if (*c == quote) {
            ++c;
          }
        }
        // The text is pointed at once the record is done: the scratch buffer may still move.
        fields_.push_back({std::string_view(), true});
        scratch_fields_.back().size = scratch_.size() - offset;
      } else {
        fields_.push_back({std::string_view(start, field_end - start), true});
      }
      // After the closing quote only a delimiter or the end of the record may follow.
      if (p < end && *p != delim && *p != '\n' && !(*p == '\r' && p + 1 < end && p[1] == '\n') &&
          !(*p == '\r' && p + 1 == end)) {
        malformed = "unexpected character after a closing quote";
        while (p < end && *p != '\n') {
          ++p;
        }
        if (p == end && !at_eof) {
          return {};
        }
      }
    } else {
      const char* start = p;
      while (p < end && !stops_[static_cast<unsigned char>(*p)]) {
        ++p;
      }
      if (p == end && !at_eof) {
        return {};
      }
      field_end = p;
      if (p < end && *p == '\n' && field_end > start && field_end[-1] == '\r') {
        --field_end;
      } else if (p == end && field_end > start && field_end[-1] == '\r') {
        --field_end;
      }
      fields_.push_back({std::string_view(start, field_end - start), false});
    }

    // p now sits on a delimiter, a line break ('\r' of "\r\n" included) or the end.
    if (p < end && *p == delim) {
      ++p;
      continue;
    }
    const char* raw_end = p;
    if (p < end && *p == '\r') {
      ++p;
    }
    if (p < end && *p == '\n') {
      if (raw_end == p && raw_end > data && raw_end[-1] == '\r') {
        --raw_end;
      }
      ++p;
      ++newlines;
    } else if (p == end && raw_end > data && raw_end[-1] == '\r') {
      --raw_end;
    }
    out.consumed = p - data;
    out.newlines = newlines;
    out.raw = {data, static_cast<size_t>(raw_end - data)};
    break;
  }
  if (!scratch_fields_.empty()) {
    for (const auto& f : scratch_fields_) {
      fields_[f.index].text = std::string_view(scratch_.data() + f.offset, f.size);
    }
  }
  if (malformed != nullptr) {
    out.kind = CsvScanKind::kMalformed;
    out.error = malformed;
  } else {
    out.kind = CsvScanKind::kRecord;
  }
  return out;
}

}  // namespace eddy::ops
