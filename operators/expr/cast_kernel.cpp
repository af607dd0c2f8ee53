#include "operators/expr/cast_kernel.hpp"

#include <charconv>
#include <cmath>
#include <string>

#include "operators/expr/detail/column_access.hpp"
#include "runtime/core/decimal.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy::ops {

namespace {

using detail::ValidityBuilder;

std::string_view trim_spaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

bool fits_precision(int64_t v, int precision) {
  if (precision >= DataType::kMaxDecimalPrecision) {
    // 18 digits: anything int64 holds below 10^18.
    return v > -pow10_i64(18) && v < pow10_i64(18);
  }
  return v > -pow10_i64(precision) && v < pow10_i64(precision);
}

// Rounds a double half away from zero into int64, or fails when out of range or NaN.
bool double_to_i64(double d, int64_t& out) {
  double r = std::round(d);
  // 2^63 is exactly representable; anything at or beyond it does not fit.
  if (!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) {
    return false;
  }
  out = static_cast<int64_t>(r);
  return true;
}

bool parse_bool(std::string_view s, uint8_t& out) {
  s = trim_spaces(s);
  auto eq = [&](std::string_view w) {
    if (s.size() != w.size()) {
      return false;
    }
    for (size_t i = 0; i < s.size(); ++i) {
      if ((s[i] | 0x20) != w[i]) {
        return false;
      }
    }
    return true;
  };
  if (eq("true") || eq("t") || eq("yes") || eq("y") || eq("1")) {
    out = 1;
    return true;
  }
  if (eq("false") || eq("f") || eq("no") || eq("n") || eq("0")) {
    out = 0;
    return true;
  }
  return false;
}

// Fills a fixed-width column of type `to` from `n` rows: conv(i, out_ref) returns false for NULL.
template <class Out, class Conv>
ColumnPtr convert_fixed(const Column& in, const DataType& to, size_t n, Conv conv) {
  auto out = Column::make(to, n);
  Out* r = detail::mutable_data<Out>(*out);
  ValidityBuilder vb(n);
  vb.and_with(in);
  for (size_t i = 0; i < n; ++i) {
    if (!conv(i, r[i])) {
      r[i] = Out{};
      vb.set_null(i);
    }
  }
  vb.apply(*out);
  return out;
}

ColumnPtr to_varchar(const Column& in, size_t n) {
  auto out = std::make_shared<Column>(DataType::varchar());
  out->reserve_str(n, n * 8);
  std::string buf;
  const DataType& from = in.type();
  for (size_t i = 0; i < n; ++i) {
    buf.clear();
    if (in.is_valid(i)) {
      switch (from.id) {
        case TypeId::kBigint: {
          char tmp[24];
          auto [end, ec] = std::to_chars(tmp, tmp + sizeof tmp, in.i64()[i]);
          (void)ec;
          buf.assign(tmp, end);
          break;
        }
        case TypeId::kDouble:
          append_double(buf, in.f64()[i]);
          break;
        case TypeId::kDecimal:
          append_decimal(buf, in.i64()[i], from.scale);
          break;
        case TypeId::kBoolean:
          buf = in.u8()[i] ? "true" : "false";
          break;
        case TypeId::kTimestamp:
          buf = format_timestamp(in.i64()[i]);
          break;
        default:
          break;
      }
    }
    out->append_str(buf);
  }
  if (in.has_nulls()) {
    PodVector<uint64_t> words(in.validity(), in.validity() + Column::validity_words(n));
    out->set_validity(std::move(words));
  }
  return out;
}

ColumnPtr from_varchar(const Column& in, const DataType& to, size_t n) {
  switch (to.id) {
    case TypeId::kBigint:
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        std::string_view s = trim_spaces(in.str(i));
        if (!s.empty() && s.front() == '+') {
          s.remove_prefix(1);
        }
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), r);
        return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
      });
    case TypeId::kDouble:
      return convert_fixed<double>(in, to, n, [&](size_t i, double& r) {
        std::string_view s = trim_spaces(in.str(i));
        if (!s.empty() && s.front() == '+') {
          s.remove_prefix(1);
        }
        auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), r);
        return ec == std::errc() && ptr == s.data() + s.size() && !s.empty();
      });
    case TypeId::kDecimal:
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        auto v = parse_decimal(trim_spaces(in.str(i)), to.scale);
        if (!v || !fits_precision(*v, to.precision)) {
          return false;
        }
        r = *v;
        return true;
      });
    case TypeId::kBoolean:
      return convert_fixed<uint8_t>(in, to, n,
                                    [&](size_t i, uint8_t& r) { return parse_bool(in.str(i), r); });
    case TypeId::kTimestamp:
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        auto v = parse_timestamp(trim_spaces(in.str(i)));
        if (!v) {
          return false;
        }
        r = *v;
        return true;
      });
    default:
      return Column::make_null(to, n);
  }
}

ColumnPtr from_int64(const Column& in, const DataType& to, size_t n) {
  const int64_t* a = in.i64();
  const int from_scale = in.type().id == TypeId::kDecimal ? in.type().scale : 0;
  switch (to.id) {
    case TypeId::kBigint:
    case TypeId::kTimestamp:
      if (from_scale == 0) {
        // BIGINT <-> TIMESTAMP share the epoch-ms representation.
        return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
          r = a[i];
          return true;
        });
      }
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        r = *rescale_decimal(a[i], from_scale, 0);
        return true;
      });
    case TypeId::kDouble: {
      const double div = static_cast<double>(pow10_i64(from_scale));
      return convert_fixed<double>(in, to, n, [&](size_t i, double& r) {
        r = static_cast<double>(a[i]) / div;
        return true;
      });
    }
    case TypeId::kDecimal:
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        auto v = rescale_decimal(a[i], from_scale, to.scale);
        if (!v || !fits_precision(*v, to.precision)) {
          return false;
        }
        r = *v;
        return true;
      });
    case TypeId::kBoolean:
      return convert_fixed<uint8_t>(in, to, n, [&](size_t i, uint8_t& r) {
        r = a[i] != 0;
        return true;
      });
    default:
      return Column::make_null(to, n);
  }
}

ColumnPtr from_double(const Column& in, const DataType& to, size_t n) {
  const double* a = in.f64();
  switch (to.id) {
    case TypeId::kBigint:
      return convert_fixed<int64_t>(in, to, n,
                                    [&](size_t i, int64_t& r) { return double_to_i64(a[i], r); });
    case TypeId::kDecimal: {
      const double mul = static_cast<double>(pow10_i64(to.scale));
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        return double_to_i64(a[i] * mul, r) && fits_precision(r, to.precision);
      });
    }
    case TypeId::kBoolean:
      return convert_fixed<uint8_t>(in, to, n, [&](size_t i, uint8_t& r) {
        r = a[i] != 0;
        return true;
      });
    default:
      return Column::make_null(to, n);
  }
}

ColumnPtr from_boolean(const Column& in, const DataType& to, size_t n) {
  const uint8_t* a = in.u8();
  switch (to.id) {
    case TypeId::kBigint:
    case TypeId::kDecimal: {
      const int64_t one = to.id == TypeId::kDecimal ? pow10_i64(to.scale) : 1;
      return convert_fixed<int64_t>(in, to, n, [&](size_t i, int64_t& r) {
        r = a[i] ? one : 0;
        return to.id != TypeId::kDecimal || fits_precision(r, to.precision);
      });
    }
    case TypeId::kDouble:
      return convert_fixed<double>(in, to, n, [&](size_t i, double& r) {
        r = a[i] ? 1.0 : 0.0;
        return true;
      });
    default:
      return Column::make_null(to, n);
  }
}

}  // namespace

ColumnPtr cast_datum(const Datum& in, const DataType& from, const DataType& to, size_t num_rows) {
  if (from == to && !in.is_scalar()) {
    return in.column;
  }
  if (from.id == TypeId::kNull || in.is_null_scalar()) {
    return Column::make_null(to, num_rows);
  }
  ColumnPtr col = detail::materialize(in, from, num_rows);
  if (from == to) {
    return col;
  }
  if (to.id == TypeId::kVarchar) {
    return to_varchar(*col, num_rows);
  }
  switch (from.id) {
    case TypeId::kVarchar:
      return from_varchar(*col, to, num_rows);
    case TypeId::kDouble:
      return from_double(*col, to, num_rows);
    case TypeId::kBoolean:
      return from_boolean(*col, to, num_rows);
    default:
      return from_int64(*col, to, num_rows);
  }
}

Value cast_value(const Value& v, const DataType& to) {
  if (v.type() == to) {
    return v;
  }
  Datum d{nullptr, v};
  return cast_datum(d, v.type(), to, 1)->value(0);
}

Kernel make_cast_kernel(const DataType& from, const DataType& to) {
  return [from, to](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    return cast_datum(args[0], from, to, ctx.num_rows);
  };
}

}  // namespace eddy::ops
