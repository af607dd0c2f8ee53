#include "runtime/core/key_hash.hpp"

#include <cmath>
#include <limits>

#include "runtime/core/hash.hpp"

namespace eddy {

namespace {

constexpr uint64_t kNullMarker = 0x9e3779b97f4a7c15ULL;

inline size_t row_at(const uint32_t* rows, size_t i) {
  return rows == nullptr ? i : rows[i];
}

inline double canonical_double(double d) {
  if (d == 0.0) {
    return 0.0;
  }
  return std::isnan(d) ? std::numeric_limits<double>::quiet_NaN() : d;
}

// One value of a non-NULL row chained onto `seed`; the column loops below are this, unrolled
// per type.
uint64_t hash_value(const Column& col, size_t r, uint64_t seed) {
  switch (col.type().id) {
    case TypeId::kBoolean:
      return hash_bytes(col.u8() + r, 1, seed);
    case TypeId::kDouble: {
      const double d = canonical_double(col.f64()[r]);
      return hash_bytes(&d, sizeof d, seed);
    }
    case TypeId::kVarchar:
      return hash_bytes(col.chars() + col.offsets()[r], col.offsets()[r + 1] - col.offsets()[r],
                        seed);
    case TypeId::kNull:
      return hash_bytes(&kNullMarker, sizeof kNullMarker, seed);
    default:
      return hash_bytes(col.i64() + r, sizeof(int64_t), seed);
  }
}

template <typename T>
void hash_fixed(const T* values, const uint32_t* rows, size_t n, uint64_t* out) {
  for (size_t i = 0; i < n; ++i) {
    out[i] = hash_bytes(values + row_at(rows, i), sizeof(T), out[i]);
  }
}

}  // namespace

// Flattened: GCC otherwise calls XXH3 out of line for every value, which costs as much as the
// hashing of a short key.
[[gnu::flatten]] void hash_key_columns(const ColumnPtr* columns, size_t num_columns,
                                       const uint32_t* rows, size_t n, uint64_t* out) {
  for (size_t i = 0; i < n; ++i) {
    out[i] = 0;
  }
  for (size_t c = 0; c < num_columns; ++c) {
    const Column& col = *columns[c];
    const TypeId id = col.type().id;
    if (id == TypeId::kNull || col.has_nulls()) {
      // Null payloads are unspecified, so a NULL hashes as the marker, row by row.
      for (size_t i = 0; i < n; ++i) {
        const size_t r = row_at(rows, i);
        out[i] = id == TypeId::kNull || col.is_null(r)
                     ? hash_bytes(&kNullMarker, sizeof kNullMarker, out[i])
                     : hash_value(col, r, out[i]);
      }
      continue;
    }
    switch (id) {
      case TypeId::kBigint:
      case TypeId::kDecimal:
      case TypeId::kTimestamp:
        hash_fixed(col.i64(), rows, n, out);
        break;
      case TypeId::kBoolean:
        hash_fixed(col.u8(), rows, n, out);
        break;
      case TypeId::kDouble: {
        const double* v = col.f64();
        for (size_t i = 0; i < n; ++i) {
          const double d = canonical_double(v[row_at(rows, i)]);
          out[i] = hash_bytes(&d, sizeof d, out[i]);
        }
        break;
      }
      case TypeId::kVarchar: {
        const uint32_t* offsets = col.offsets();
        const char* chars = col.chars();
        for (size_t i = 0; i < n; ++i) {
          const size_t r = row_at(rows, i);
          out[i] = hash_bytes(chars + offsets[r], offsets[r + 1] - offsets[r], out[i]);
        }
        break;
      }
      case TypeId::kNull:
        break;
    }
  }
}

}  // namespace eddy
