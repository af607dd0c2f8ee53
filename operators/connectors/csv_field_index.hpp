#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "operators/connectors/csv_parser.hpp"

namespace eddy::ops {

/// The fast half of CSV parsing: finds the field boundaries of a whole run of *simple* records in
/// one pass (64 bytes at a time with SIMD compares where available), so that the values can then
/// be converted a column at a time (RecordBuilder::append_columns).
///
/// A simple record has exactly `num_fields` fields and ends with a line break (`\n` or `\r\n`);
/// a field in it is either unquoted and free of quote characters, or quoted with neither doubled
/// quotes nor line breaks inside (delimiters are fine) and followed right away by the delimiter
/// or the line break. Blank lines among simple records are skipped as CsvParser skips them.
/// Indexing stops before the first record that is not simple, which the caller hands to
/// CsvParser, so escaped quotes, records of several lines, malformed quoting, field-count errors
/// and an unterminated last record keep the exact behaviour (and error text) of the general
/// path.
class CsvFieldIndex {
 public:
  /// Marks the end offset of a quoted field (offsets are below it).
  static constexpr uint32_t kQuotedBit = uint32_t{1} << 31;

  /// `num_fields` is the number of fields every indexed record must have (at least 1).
  CsvFieldIndex(CsvDialect dialect, size_t num_fields);

  /// True when the dialect allows indexing at all (its delimiter and quote are distinct from each
  /// other and from line breaks).
  [[nodiscard]] bool usable() const { return usable_; }

  /// Indexes up to `max_records` simple records from `data[0, size)`, replacing what was indexed
  /// before. Fields point into `data`, which must stay unchanged while they are used. `readable`
  /// (at least `size`) is how many bytes from `data` may be read: converters read a few bytes
  /// past short fields when there is room.
  void index(const char* data, size_t size, size_t readable, size_t max_records);

  /// Records indexed by the last index().
  [[nodiscard]] size_t records() const { return records_; }
  /// Fields per record.
  [[nodiscard]] size_t num_fields() const { return num_fields_; }
  /// The end of the bytes readable from the indexed data (`data + readable`).
  [[nodiscard]] const char* readable_end() const { return readable_end_; }
  /// Field `f` of record `r` (without its delimiter, line break or enclosing quotes).
  [[nodiscard]] std::string_view field(size_t r, size_t f) const { return column(f)[r]; }
  /// Whether field `f` of record `r` was quoted (so that an empty one is an empty string).
  [[nodiscard]] bool quoted(size_t r, size_t f) const { return column(f).quoted(r); }
  /// One field of every indexed record, read with copies of the index's pointers: converting
  /// loops store through byte pointers, which would otherwise force the compiler to reload the
  /// index's members after every store.
  class FieldColumn {
   public:
    /// The field of record `r`, as CsvFieldIndex::field(r, f).
    [[nodiscard]] std::string_view operator[](size_t r) const {
      const uint32_t* e = ends_ + r * stride_;
      // A field ends where the next one's delimiter is (a quoted one: after its closing quote).
      const uint32_t begin = first_ ? starts_[r] : (e[-1] & ~kQuotedBit) + 1;
      uint32_t end = *e;
      if ((end & kQuotedBit) != 0) [[unlikely]] {
        return {data_ + begin + 1, (end & ~kQuotedBit) - begin - 2};
      }
      if (last_ && end > begin && data_[end - 1] == '\r') {
        --end;  // "\r\n" ends the record: the '\r' belongs to neither the field nor the record
      }
      return {data_ + begin, end - begin};
    }
    /// Whether the field of record `r` was quoted.
    [[nodiscard]] bool quoted(size_t r) const { return (ends_[r * stride_] & kQuotedBit) != 0; }

   private:
    friend class CsvFieldIndex;
    const char* data_;
    const uint32_t* starts_;
    const uint32_t* ends_;  // this field's end in record 0
    size_t stride_;
    bool first_;
    bool last_;
  };
  /// Field `f` of every indexed record.
  [[nodiscard]] FieldColumn column(size_t f) const {
    FieldColumn c;
    c.data_ = data_;
    c.starts_ = starts_.data();
    c.ends_ = ends_.data() + f;
    c.stride_ = num_fields_;
    c.first_ = f == 0;
    c.last_ = f + 1 == num_fields_;
    return c;
  }
  /// Bytes from `data` to the start of record `r`, blank lines before it included; with
  /// `r == records()`, the bytes of every indexed record and the blank lines that follow them.
  [[nodiscard]] size_t offset_of(size_t r) const { return r == records_ ? consumed_ : starts_[r]; }
  /// Line breaks from `data` to the start of record `r` (as offset_of()).
  [[nodiscard]] size_t lines_before(size_t r) const {
    return r == records_ ? lines_ : r + blank_before_[r];
  }

 private:
  CsvDialect dialect_;
  size_t num_fields_;
  bool usable_;
  const char* data_ = nullptr;
  const char* readable_end_ = nullptr;
  size_t records_ = 0;
  size_t consumed_ = 0;
  size_t lines_ = 0;
  std::vector<uint32_t> starts_;        // per record: offset of its first byte
  std::vector<uint32_t> blank_before_;  // per record: blank lines between data and it
  // per record and field: the offset of its delimiter or '\n'; for a quoted field, the offset
  // after its closing quote, with kQuotedBit set
  std::vector<uint32_t> ends_;
};

}  // namespace eddy::ops
