// Math functions: ABS, ROUND, CEIL, FLOOR, SQRT, POWER, EXP, LN, LOG10, SIGN (MOD is "%").

#include <algorithm>
#include <cmath>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"
#include "operators/expr/type_coercion.hpp"
#include "runtime/core/decimal.hpp"

namespace eddy::ops::detail {

namespace {

using ResultRule = DataType (*)(const DataType& arg);

// A binder for f(numeric [, BIGINT...]) whose result type derives from the first argument.
ScalarFunction::Binder numeric_binder(std::string fn, size_t min_args, size_t max_args,
                                      ResultRule rule) {
  return [fn, min_args, max_args, rule](const std::vector<ExprPtr>& args,
                                        SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(fn, args, min_args, max_args, pos));
    DataType t = args[0]->type.id == TypeId::kNull ? DataType::bigint() : args[0]->type;
    if (!t.is_numeric()) {
      return type_error(fn, "a numeric", *args[0], pos);
    }
    BoundSignature sig{{t}, rule(t)};
    for (size_t i = 1; i < args.size(); ++i) {
      if (!implicitly_castable(*args[i], DataType::bigint())) {
        return type_error(fn, "a BIGINT", *args[i], pos);
      }
      sig.arg_types.push_back(DataType::bigint());
    }
    return sig;
  };
}

DataType same_type(const DataType& t) {
  return t;
}
DataType integral_type(const DataType& t) {
  return t.id == TypeId::kDecimal ? DataType::decimal(kResultDecimalPrecision, 0) : t;
}
DataType bigint_type(const DataType&) {
  return DataType::bigint();
}

// Wraps a double function; NaN and infinities (domain errors) become NULL.
template <class F>
Kernel double_unary(F f) {
  return [f](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    return unary_fixed<double, double>(args[0], DataType::float64(), ctx.num_rows,
                                       [f](double x, double& r) {
                                         r = f(x);
                                         return std::isfinite(r);
                                       });
  };
}

ScalarFunction double_function(std::string name, double (*f)(double)) {
  ScalarFunction fn;
  fn.name = name;
  fn.bind = fixed_signature(name, {DataType::float64()}, DataType::float64(), 1);
  fn.make_kernel = [f](const Expr&) -> Result<Kernel> { return double_unary(f); };
  return fn;
}

ScalarFunction abs_function() {
  ScalarFunction fn;
  fn.name = "ABS";
  fn.bind = numeric_binder("ABS", 1, 1, same_type);
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    DataType t = call.type;
    return Kernel([t](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      if (t.id == TypeId::kDouble) {
        return unary_fixed<double, double>(args[0], t, ctx.num_rows, [](double x, double& r) {
          r = std::fabs(x);
          return true;
        });
      }
      return unary_fixed<int64_t, int64_t>(args[0], t, ctx.num_rows, [](int64_t x, int64_t& r) {
        if (x == INT64_MIN) {
          r = 0;
          return false;
        }
        r = x < 0 ? -x : x;
        return true;
      });
    });
  };
  return fn;
}

// Rounds an exact value with `scale` digits to `digits` fractional digits (may be negative).
bool round_exact(int64_t x, int scale, int64_t digits, int64_t& r) {
  if (digits >= scale) {
    r = x;
    return true;
  }
  const int64_t drop = scale - digits;
  if (drop > 18) {
    r = 0;
    return true;
  }
  const Int128 p = pow10_i64(static_cast<int>(drop));
  Int128 q = x / p;
  Int128 rem = x % p;
  if (rem * 2 >= p) {
    ++q;
  } else if (rem * 2 <= -p) {
    --q;
  }
  Int128 v = q * p;
  if (v > INT64_MAX || v < INT64_MIN) {
    return false;
  }
  r = static_cast<int64_t>(v);
  return true;
}

double round_double(double x, int64_t digits) {
  if (digits > 15 || digits < -15) {
    return digits > 0 ? x : 0.0;
  }
  const double p = std::pow(10.0, static_cast<double>(digits));
  return std::round(x * p) / p;
}

ScalarFunction round_function() {
  ScalarFunction fn;
  fn.name = "ROUND";
  auto numeric = numeric_binder("ROUND", 1, 2, same_type);
  // ROUND(decimal[, k]) with a constant k has exactly k fractional digits, as in PostgreSQL:
  // ROUND(12.345, 2) is 12.35, not 12.350.
  fn.bind = [numeric](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_ASSIGN_OR_RAISE(BoundSignature sig, numeric(args, pos));
    if (sig.result.id == TypeId::kDecimal &&
        (args.size() == 1 ||
         (args[1]->kind == ExprKind::kLiteral && !args[1]->literal.is_null()))) {
      int64_t k = args.size() == 1 ? 0 : args[1]->literal.int64();
      int64_t scale = std::clamp<int64_t>(k, 0, sig.result.scale);
      sig.result.scale = static_cast<uint8_t>(scale);
    }
    return sig;
  };
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    DataType t = call.type;
    const int in_scale = exact_scale(call.args[0]->type);
    return Kernel(
        [t, in_scale](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          const size_t n = ctx.num_rows;
          Datum zero{nullptr, Value::bigint(0)};
          const Datum& d = args.size() > 1 ? args[1] : zero;
          if (t.id == TypeId::kDouble) {
            return binary_fixed<double, int64_t, double>(args[0], d, t, n,
                                                         [](double x, int64_t k, double& r) {
                                                           r = round_double(x, k);
                                                           return std::isfinite(r);
                                                         });
          }
          const int64_t shrink = pow10_i64(in_scale - exact_scale(t));
          return binary_fixed<int64_t, int64_t, int64_t>(
              args[0], d, t, n, [in_scale, shrink](int64_t x, int64_t k, int64_t& r) {
                // Rounded to k digits at the input scale, the value divides exactly into the output
                // scale.
                bool ok = round_exact(x, in_scale, k, r);
                r /= shrink;
                return ok;
              });
        });
  };
  return fn;
}

ScalarFunction ceil_floor_function(bool ceil) {
  ScalarFunction fn;
  fn.name = ceil ? "CEIL" : "FLOOR";
  fn.bind = numeric_binder(fn.name, 1, 1, integral_type);
  fn.make_kernel = [ceil](const Expr& call) -> Result<Kernel> {
    DataType t = call.type;
    const int scale = exact_scale(call.args[0]->type);
    return Kernel([t, ceil, scale](std::span<const Datum> args,
                                   const KernelContext& ctx) -> Result<ColumnPtr> {
      if (t.id == TypeId::kDouble) {
        return unary_fixed<double, double>(args[0], t, ctx.num_rows, [ceil](double x, double& r) {
          r = ceil ? std::ceil(x) : std::floor(x);
          return true;
        });
      }
      const int64_t p = pow10_i64(scale);
      return unary_fixed<int64_t, int64_t>(args[0], t, ctx.num_rows,
                                           [p, ceil](int64_t x, int64_t& r) {
                                             int64_t q = x / p;
                                             int64_t rem = x % p;
                                             if (ceil && rem > 0) {
                                               ++q;
                                             } else if (!ceil && rem < 0) {
                                               --q;
                                             }
                                             r = q;
                                             return true;
                                           });
    });
  };
  return fn;
}

ScalarFunction sign_function() {
  ScalarFunction fn;
  fn.name = "SIGN";
  fn.bind = numeric_binder("SIGN", 1, 1, bigint_type);
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    const bool is_double = call.args[0]->type.id == TypeId::kDouble;
    return Kernel(
        [is_double](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          if (is_double) {
            return unary_fixed<double, int64_t>(args[0], DataType::bigint(), ctx.num_rows,
                                                [](double x, int64_t& r) {
                                                  r = (x > 0) - (x < 0);
                                                  return !std::isnan(x);
                                                });
          }
          return unary_fixed<int64_t, int64_t>(args[0], DataType::bigint(), ctx.num_rows,
                                               [](int64_t x, int64_t& r) {
                                                 r = (x > 0) - (x < 0);
                                                 return true;
                                               });
        });
  };
  return fn;
}

ScalarFunction power_function() {
  ScalarFunction fn;
  fn.name = "POWER";
  fn.bind =
      fixed_signature("POWER", {DataType::float64(), DataType::float64()}, DataType::float64(), 2);
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      return binary_fixed<double, double, double>(args[0], args[1], DataType::float64(),
                                                  ctx.num_rows, [](double x, double y, double& r) {
                                                    r = std::pow(x, y);
                                                    return std::isfinite(r);
                                                  });
    });
  };
  return fn;
}

}  // namespace

void register_math(FunctionRegistry& r) {
  r.add(abs_function());
  r.add(round_function());
  r.add(ceil_floor_function(/*ceil=*/true), {"CEILING"});
  r.add(ceil_floor_function(/*ceil=*/false));
  r.add(sign_function());
  r.add(power_function(), {"POW"});
  r.add(double_function("SQRT", [](double x) { return x < 0 ? NAN : std::sqrt(x); }));
  r.add(double_function("EXP", [](double x) { return std::exp(x); }));
  r.add(double_function("LN", [](double x) { return x <= 0 ? NAN : std::log(x); }));
  r.add(double_function("LOG10", [](double x) { return x <= 0 ? NAN : std::log10(x); }));
}

}  // namespace eddy::ops::detail
