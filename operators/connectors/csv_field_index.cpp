#include "operators/connectors/csv_field_index.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eddy::ops {

namespace {

constexpr size_t kBlock = 64;

/// Bit i of each mask is set when byte i of the 64-byte block is that character.
struct BlockMasks {
  uint64_t delimiter;
  uint64_t newline;
  uint64_t quote;
};

#if defined(__SSE2__)
inline uint64_t match(const __m128i v[4], char c) {
  const __m128i needle = _mm_set1_epi8(c);
  uint64_t m = 0;
  for (int i = 0; i < 4; ++i) {
    const auto bits = static_cast<uint32_t>(_mm_movemask_epi8(_mm_cmpeq_epi8(v[i], needle)));
    m |= static_cast<uint64_t>(bits) << (16 * i);
  }
  return m;
}

inline BlockMasks block_masks(const char* p, char delimiter, char quote) {
  __m128i v[4];
  for (int i = 0; i < 4; ++i) {
    v[i] = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * i));
  }
  return {match(v, delimiter), match(v, '\n'), match(v, quote)};
}
#else
inline BlockMasks block_masks(const char* p, char delimiter, char quote) {
  BlockMasks m{0, 0, 0};
  for (size_t i = 0; i < kBlock; ++i) {
    const uint64_t bit = uint64_t{1} << i;
    m.delimiter |= p[i] == delimiter ? bit : 0;
    m.newline |= p[i] == '\n' ? bit : 0;
    m.quote |= p[i] == quote ? bit : 0;
  }
  return m;
}
#endif

}  // namespace

CsvFieldIndex::CsvFieldIndex(CsvDialect dialect, size_t num_fields)
    : dialect_(dialect), num_fields_(num_fields) {
  const char d = dialect_.delimiter;
  const char q = dialect_.quote;
  usable_ = num_fields_ > 0 && d != q && d != '\n' && d != '\r' && q != '\n' && q != '\r';
}

void CsvFieldIndex::index(const char* data, size_t size, size_t readable, size_t max_records) {
  data_ = data;
  readable_end_ = data + std::max(size, readable);
  records_ = 0;
  consumed_ = 0;
  lines_ = 0;
  if (!usable_ || max_records == 0) {
    return;
  }
  // Offsets take 31 bits (the top one marks quoted fields): a longer buffer is indexed in
  // several calls.
  size = std::min<size_t>(size, kQuotedBit - kBlock);
  const size_t nf = num_fields_;
  if (starts_.size() < max_records) {
    starts_.resize(max_records);
    blank_before_.resize(max_records);
  }
  if (ends_.size() < max_records * nf) {
    ends_.resize(max_records * nf);
  }
  uint32_t* const starts = starts_.data();
  uint32_t* const blanks = blank_before_.data();
  uint32_t* rec_ends = ends_.data();
  size_t records = 0;
  size_t blank = 0;        // blank lines seen so far
  size_t rec_start = 0;    // first byte of the record being indexed
  size_t field = 0;        // fields of that record closed so far
  size_t field_start = 0;  // first byte of the field being indexed
  bool in_quotes = false;
  bool field_quoted = false;  // the field began with a quote (its closing one may follow)
  size_t close_pos = 0;       // the closing quote of a quoted field
  alignas(16) char tail[kBlock];

  // Ends the current field at the delimiter or line break at `pos` (`end` is what ends_ keeps
  // for it); false when the record cannot be indexed or the index is full.
  auto end_field = [&](size_t pos, bool newline, uint32_t end) {
    field_start = pos + 1;
    if (!newline) {
      if (++field == nf) {
        return false;  // too many fields
      }
      rec_ends[field - 1] = end;
      return true;
    }
    if (field == 0 && (pos == rec_start || (pos == rec_start + 1 && data[rec_start] == '\r'))) {
      ++blank;
      rec_start = pos + 1;
      return true;
    }
    if (field + 1 != nf) {
      return false;  // too few fields
    }
    rec_ends[field] = end;
    starts[records] = static_cast<uint32_t>(rec_start);
    blanks[records] = static_cast<uint32_t>(blank);
    ++records;
    rec_ends += nf;
    field = 0;
    rec_start = pos + 1;
    return records < max_records;
  };

  for (size_t base = 0; base < size; base += kBlock) {
    const char* block = data + base;
    uint64_t valid = ~uint64_t{0};
    if (size - base < kBlock) {
      // The last, partial block: compare a copy so nothing past `size` is read.
      const size_t n = size - base;
      std::memcpy(tail, block, n);
      std::memset(tail + n, 0, kBlock - n);
      block = tail;
      valid = (uint64_t{1} << n) - 1;
    }
    const BlockMasks m = block_masks(block, dialect_.delimiter, dialect_.quote);
    bool stop = false;
    if ((m.quote & valid) == 0 && !field_quoted) [[likely]] {
      // No quotes to track: every delimiter and line break ends a field.
      uint64_t seps = (m.delimiter | m.newline) & valid;
      while (seps != 0) {
        const auto bit = static_cast<size_t>(__builtin_ctzll(seps));
        seps &= seps - 1;
        const size_t pos = base + bit;
        if (!end_field(pos, ((m.newline >> bit) & 1) != 0, static_cast<uint32_t>(pos))) {
          stop = true;
          break;
        }
      }
    } else {
      uint64_t events = (m.delimiter | m.newline | m.quote) & valid;
      while (events != 0) {
        const auto bit = static_cast<size_t>(__builtin_ctzll(events));
        events &= events - 1;
        const size_t pos = base + bit;
        const bool newline = ((m.newline >> bit) & 1) != 0;
        if (((m.quote >> bit) & 1) != 0) {
          if (in_quotes) {
            in_quotes = false;
            close_pos = pos;
            continue;
          }
          if (field_quoted || pos != field_start) {
            stop = true;  // a doubled quote, or a quote inside an unquoted field
            break;
          }
          in_quotes = true;
          field_quoted = true;
          continue;
        }
        uint32_t end = static_cast<uint32_t>(pos);
        if (field_quoted) {
          if (in_quotes) {
            if (newline) {
              stop = true;  // a line break inside quotes: a record of several lines
              break;
            }
            continue;  // a delimiter inside quotes is text
          }
          // After the closing quote comes the delimiter or the line break ("\r\n" too), or the
          // record is malformed.
          if (close_pos + 1 != pos && !(newline && close_pos + 2 == pos && data[pos - 1] == '\r')) {
            stop = true;
            break;
          }
          end = static_cast<uint32_t>(close_pos + 1) | kQuotedBit;
          field_quoted = false;
        }
        if (!end_field(pos, newline, end)) {
          stop = true;
          break;
        }
      }
    }
    if (stop) {
      break;
    }
  }
  records_ = records;
  consumed_ = rec_start;
  lines_ = records + blank;
}

}  // namespace eddy::ops
