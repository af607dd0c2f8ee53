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
  // Offsets are 32-bit: a longer buffer is indexed in several calls.
  size = std::min<size_t>(size, std::numeric_limits<uint32_t>::max() - kBlock);
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
  size_t blank = 0;      // blank lines seen so far
  size_t rec_start = 0;  // first byte of the record being indexed
  size_t field = 0;      // fields of that record closed so far
  alignas(16) char tail[kBlock];

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
    uint64_t seps = (m.delimiter | m.newline) & valid;
    const uint64_t quotes = m.quote & valid;
    bool stop = false;
    if (quotes != 0) {
      // Only the separators before the first quote count: its record goes to the general path.
      const uint64_t first = quotes & (~quotes + 1);
      seps &= first - 1;
      stop = true;
    }
    while (seps != 0) {
      const auto bit = static_cast<size_t>(__builtin_ctzll(seps));
      seps &= seps - 1;
      const size_t pos = base + bit;
      if (((m.newline >> bit) & 1) == 0) {
        if (++field == nf) {
          stop = true;  // too many fields
          break;
        }
        rec_ends[field - 1] = static_cast<uint32_t>(pos);
        continue;
      }
      if (field == 0 && (pos == rec_start || (pos == rec_start + 1 && data[rec_start] == '\r'))) {
        ++blank;
        rec_start = pos + 1;
        continue;
      }
      if (field + 1 != nf) {
        stop = true;  // too few fields
        break;
      }
      rec_ends[field] = static_cast<uint32_t>(pos);
      starts[records] = static_cast<uint32_t>(rec_start);
      blanks[records] = static_cast<uint32_t>(blank);
      ++records;
      rec_ends += nf;
      field = 0;
      rec_start = pos + 1;
      if (records == max_records) {
        stop = true;
        break;
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
