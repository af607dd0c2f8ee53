#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "operators/expr/datum.hpp"
#include "runtime/core/column.hpp"
#include "runtime/core/pod_vector.hpp"

namespace eddy::ops::detail {

// -- typed access to datums ---------------------------------------------------------------------

/// Reads row i of a fixed-width column; the kernel loop is instantiated per reader kind, so the
/// column/constant decision is made once per batch.
template <class T>
struct ColumnReader {
  const T* data;
  T operator()(size_t i) const { return data[i]; }
};

/// Reads the same constant for every row.
template <class T>
struct ScalarReader {
  T value;
  T operator()(size_t /*i*/) const { return value; }
};

/// The raw payload of a column as T (int64_t, double or uint8_t).
template <class T>
const T* column_data(const Column& c) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return c.i64();
  } else if constexpr (std::is_same_v<T, double>) {
    return c.f64();
  } else {
    return c.u8();
  }
}

/// The mutable raw payload of a column as T.
template <class T>
T* mutable_data(Column& c) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return c.mutable_i64();
  } else if constexpr (std::is_same_v<T, double>) {
    return c.mutable_f64();
  } else {
    return c.mutable_u8();
  }
}

/// The payload of a non-null constant as T.
template <class T>
T scalar_data(const Value& v) {
  if constexpr (std::is_same_v<T, int64_t>) {
    return v.int64();
  } else if constexpr (std::is_same_v<T, double>) {
    return v.float64();
  } else {
    return static_cast<uint8_t>(v.boolean());
  }
}

/// Calls f(reader) with a column or constant reader for `d`.
template <class T, class F>
void with_reader(const Datum& d, F&& f) {
  if (d.is_scalar()) {
    f(ScalarReader<T>{scalar_data<T>(d.scalar)});
  } else {
    f(ColumnReader<T>{column_data<T>(*d.column)});
  }
}

/// Calls f(reader_a, reader_b) for the column/constant combination of `a` and `b`.
template <class TA, class TB, class F>
void with_readers(const Datum& a, const Datum& b, F&& f) {
  with_reader<TA>(a, [&](auto ra) { with_reader<TB>(b, [&](auto rb) { f(ra, rb); }); });
}

/// Per-row access for slow-ish paths (strings, CASE): one predictable branch per row.
struct StrGetter {
  const Column* column = nullptr;
  std::string_view scalar;
  explicit StrGetter(const Datum& d)
      : column(d.column.get()), scalar(d.is_scalar() ? std::string_view(d.scalar.str()) : "") {}
  std::string_view operator()(size_t i) const { return column ? column->str(i) : scalar; }
};

/// Per-row int64 access (BIGINT, DECIMAL, TIMESTAMP) to a column or constant.
struct I64Getter {
  const int64_t* data = nullptr;
  int64_t scalar = 0;
  explicit I64Getter(const Datum& d)
      : data(d.is_scalar() ? nullptr : d.column->i64()), scalar(d.scalar.int64()) {}
  int64_t operator()(size_t i) const { return data ? data[i] : scalar; }
};

/// Per-row double access to a column or constant.
struct F64Getter {
  const double* data = nullptr;
  double scalar = 0;
  explicit F64Getter(const Datum& d)
      : data(d.is_scalar() ? nullptr : d.column->f64()), scalar(d.scalar.float64()) {}
  double operator()(size_t i) const { return data ? data[i] : scalar; }
};

/// Per-row validity of a column or constant.
inline bool datum_valid(const Datum& d, size_t i) {
  return d.is_scalar() ? !d.scalar.is_null() : d.column->is_valid(i);
}

// -- validity -----------------------------------------------------------------------------------

/// Builds a result validity bitmap: the AND of the inputs' bitmaps (word-wise; nothing at all when
/// no input has nulls), plus rows a kernel marks NULL itself (overflow, division by zero).
class ValidityBuilder {
 public:
  explicit ValidityBuilder(size_t num_rows) : num_rows_(num_rows) {}

  /// ANDs in the validity of a column datum (constants are handled by the caller).
  void and_with(const Datum& d) {
    if (!d.is_scalar()) {
      and_with(*d.column);
    }
  }
  void and_with(const Column& c) {
    const uint64_t* v = c.validity();
    if (v == nullptr) {
      return;
    }
    if (words_.empty()) {
      words_.assign(v, v + Column::validity_words(num_rows_));
      return;
    }
    for (size_t w = 0; w < words_.size(); ++w) {
      words_[w] &= v[w];
    }
  }
  /// Marks row i NULL.
  void set_null(size_t i) {
    if (words_.empty()) {
      words_.assign(Column::validity_words(num_rows_), ~uint64_t{0});
    }
    words_[i >> 6] &= ~(uint64_t{1} << (i & 63));
  }
  [[nodiscard]] bool is_valid(size_t i) const {
    return words_.empty() || ((words_[i >> 6] >> (i & 63)) & 1) != 0;
  }
  [[nodiscard]] bool all_valid() const { return words_.empty(); }
  /// Installs the bitmap into `out` (which must have num_rows rows).
  void apply(Column& out) {
    if (!words_.empty()) {
      out.set_validity(std::move(words_));
    }
  }

 private:
  size_t num_rows_;
  PodVector<uint64_t> words_;
};

/// True when any argument is a constant NULL.
inline bool any_null_scalar(std::span<const Datum> args) {
  for (const auto& a : args) {
    if (a.is_null_scalar()) {
      return true;
    }
  }
  return false;
}

/// Returns the datum as a column of `num_rows` rows (constants are materialised).
inline ColumnPtr materialize(const Datum& d, const DataType& type, size_t num_rows) {
  if (!d.is_scalar()) {
    return d.column;
  }
  if (d.scalar.is_null()) {
    return Column::make_null(type, num_rows);
  }
  return Column::make_constant(d.scalar, num_rows);
}

// -- kernel loops -------------------------------------------------------------------------------

/// Runs a null-propagating binary kernel: `op(x, y, out&)` computes one row and returns false to
/// make it NULL (overflow, division by zero). Constant operands are read without materialising.
template <class InA, class InB, class Out, class Op>
ColumnPtr binary_fixed(const Datum& a, const Datum& b, const DataType& out_type, size_t n, Op op) {
  if (a.is_null_scalar() || b.is_null_scalar()) {
    return Column::make_null(out_type, n);
  }
  auto out = Column::make(out_type, n);
  Out* r = mutable_data<Out>(*out);
  ValidityBuilder vb(n);
  vb.and_with(a);
  vb.and_with(b);
  with_readers<InA, InB>(a, b, [&](auto ra, auto rb) {
    for (size_t i = 0; i < n; ++i) {
      if (!op(ra(i), rb(i), r[i])) [[unlikely]] {
        vb.set_null(i);
      }
    }
  });
  vb.apply(*out);
  return out;
}

/// Runs a null-propagating unary kernel; see binary_fixed.
template <class In, class Out, class Op>
ColumnPtr unary_fixed(const Datum& a, const DataType& out_type, size_t n, Op op) {
  if (a.is_null_scalar()) {
    return Column::make_null(out_type, n);
  }
  auto out = Column::make(out_type, n);
  Out* r = mutable_data<Out>(*out);
  ValidityBuilder vb(n);
  vb.and_with(a);
  with_reader<In>(a, [&](auto ra) {
    for (size_t i = 0; i < n; ++i) {
      if (!op(ra(i), r[i])) [[unlikely]] {
        vb.set_null(i);
      }
    }
  });
  vb.apply(*out);
  return out;
}

/// Runs a row-wise kernel producing VARCHAR: `f(i, out)` appends row i's result to `out` (cleared
/// per row) and returns false for NULL. Rows where any argument is NULL are NULL without calling f.
template <class F>
ColumnPtr build_strings(std::span<const Datum> args, size_t n, F f) {
  if (any_null_scalar(args)) {
    return Column::make_null(DataType::varchar(), n);
  }
  auto out = std::make_shared<Column>(DataType::varchar());
  size_t bytes = 0;
  for (const auto& a : args) {
    if (!a.is_scalar() && a.column->type().id == TypeId::kVarchar) {
      bytes = std::max(bytes, a.column->chars_size());
    }
  }
  out->reserve_str(n, bytes);
  ValidityBuilder vb(n);
  for (const auto& a : args) {
    vb.and_with(a);
  }
  std::string buf;
  for (size_t i = 0; i < n; ++i) {
    buf.clear();
    if (vb.is_valid(i) && !f(i, buf)) {
      buf.clear();
      vb.set_null(i);
    }
    out->append_str(vb.is_valid(i) ? std::string_view(buf) : std::string_view());
  }
  vb.apply(*out);
  return out;
}

/// Runs a row-wise kernel producing a fixed-width type: `f(i, r)` sets row i and returns false for
/// NULL; rows with a NULL argument are skipped.
template <class Out, class F>
ColumnPtr build_fixed(std::span<const Datum> args, const DataType& type, size_t n, F f) {
  if (any_null_scalar(args)) {
    return Column::make_null(type, n);
  }
  auto out = Column::make(type, n);
  Out* r = mutable_data<Out>(*out);
  ValidityBuilder vb(n);
  for (const auto& a : args) {
    vb.and_with(a);
  }
  for (size_t i = 0; i < n; ++i) {
    r[i] = Out{};
    if (vb.is_valid(i) && !f(i, r[i])) {
      r[i] = Out{};
      vb.set_null(i);
    }
  }
  vb.apply(*out);
  return out;
}

}  // namespace eddy::ops::detail
