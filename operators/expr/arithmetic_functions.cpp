// Arithmetic operators: + - * / % and unary minus, over BIGINT, DOUBLE, DECIMAL and TIMESTAMP.

#include <algorithm>
#include <cmath>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"
#include "operators/expr/type_coercion.hpp"
#include "runtime/core/decimal.hpp"

namespace eddy::ops::detail {

namespace {

enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kMod };

constexpr Int128 kDecimalLimit = 1000000000000000000LL;  // 10^18: DECIMAL(18,s) bound

Int128 pow10_i128(int e) {
  Int128 v = 1;
  for (int k = 0; k < e; ++k) {
    v *= 10;
  }
  return v;
}

// Divides rounding half away from zero.
Int128 round_div(Int128 n, Int128 d) {
  Int128 q = n / d;
  Int128 r = n % d;
  Int128 abs_r = r < 0 ? -r : r;
  Int128 abs_d = d < 0 ? -d : d;
  if (abs_r * 2 >= abs_d) {
    q += ((n < 0) != (d < 0)) ? -1 : 1;
  }
  return q;
}

bool store_decimal(Int128 v, int64_t& out) {
  if (v <= -kDecimalLimit || v >= kDecimalLimit) {
    return false;
  }
  out = static_cast<int64_t>(v);
  return true;
}

const char* op_symbol(ArithOp op) {
  switch (op) {
    case ArithOp::kAdd:
      return "+";
    case ArithOp::kSub:
      return "-";
    case ArithOp::kMul:
      return "*";
    case ArithOp::kDiv:
      return "/";
    case ArithOp::kMod:
      return "%";
  }
  return "?";
}

// -- binding ------------------------------------------------------------------------------------

Result<BoundSignature> bind_arith(ArithOp op, const std::vector<ExprPtr>& args, SourcePos pos) {
  const std::string name = op_symbol(op);
  EDDY_RETURN_NOT_OK(check_arity(name, args, 2, 2, pos));
  DataType a = args[0]->type;
  DataType b = args[1]->type;
  // A NULL operand takes the other side's type (BIGINT when both are NULL).
  if (a.id == TypeId::kNull) {
    a = b.id == TypeId::kNull ? DataType::bigint() : b;
  }
  if (b.id == TypeId::kNull) {
    b = a;
  }
  const bool a_ts = a.id == TypeId::kTimestamp;
  const bool b_ts = b.id == TypeId::kTimestamp;
  if (a_ts || b_ts) {
    if (op == ArithOp::kAdd && a_ts != b_ts && (a_ts ? b : a).id == TypeId::kBigint) {
      return BoundSignature{{a, b}, DataType::timestamp()};
    }
    if (op == ArithOp::kSub && a_ts && b.id == TypeId::kBigint) {
      return BoundSignature{{a, b}, DataType::timestamp()};
    }
    if (op == ArithOp::kSub && a_ts && b_ts) {
      return BoundSignature{{a, b}, DataType::bigint()};
    }
    return Status::bind_error("operator " + name + " cannot combine " + a.to_string() + " and " +
                                  b.to_string() +
                                  "; TIMESTAMP supports + and - with BIGINT milliseconds or an "
                                  "INTERVAL, and TIMESTAMP - TIMESTAMP",
                              pos);
  }
  if (!a.is_numeric() || !b.is_numeric()) {
    const Expr& bad = a.is_numeric() ? *args[1] : *args[0];
    return Status::bind_error("operator " + name + " expects numeric arguments, got " +
                                  bad.type.to_string() + " (" + bad.to_string() +
                                  "); CAST it to a number" +
                                  (op == ArithOp::kAdd && bad.type.id == TypeId::kVarchar
                                       ? ", or use || to concatenate strings"
                                       : ""),
                              bad.pos.known() ? bad.pos : pos);
  }
  DataType result = promote_numeric(a, b);
  if (result.id == TypeId::kDouble) {
    return BoundSignature{{result, result}, result};
  }
  if (result.id == TypeId::kDecimal) {
    int sa = exact_scale(a);
    int sb = exact_scale(b);
    int s = std::max(sa, sb);
    if (op == ArithOp::kMul) {
      s = std::min(sa + sb, static_cast<int>(DataType::kMaxDecimalPrecision));
    } else if (op == ArithOp::kDiv) {
      s = std::max(s, 4);
    }
    result = DataType::decimal(kResultDecimalPrecision, static_cast<uint8_t>(s));
  }
  return BoundSignature{{a, b}, result};
}

// -- kernels ------------------------------------------------------------------------------------

Kernel double_kernel(ArithOp op, DataType out) {
  return [op, out](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    const size_t n = ctx.num_rows;
    const Datum& a = args[0];
    const Datum& b = args[1];
    switch (op) {
      case ArithOp::kAdd:
        return binary_fixed<double, double, double>(a, b, out, n,
                                                    [](double x, double y, double& r) {
                                                      r = x + y;
                                                      return true;
                                                    });
      case ArithOp::kSub:
        return binary_fixed<double, double, double>(a, b, out, n,
                                                    [](double x, double y, double& r) {
                                                      r = x - y;
                                                      return true;
                                                    });
      case ArithOp::kMul:
        return binary_fixed<double, double, double>(a, b, out, n,
                                                    [](double x, double y, double& r) {
                                                      r = x * y;
                                                      return true;
                                                    });
      case ArithOp::kDiv:
        return binary_fixed<double, double, double>(a, b, out, n,
                                                    [](double x, double y, double& r) {
                                                      r = y == 0 ? 0 : x / y;
                                                      return y != 0;
                                                    });
      case ArithOp::kMod:
        return binary_fixed<double, double, double>(a, b, out, n,
                                                    [](double x, double y, double& r) {
                                                      r = y == 0 ? 0 : std::fmod(x, y);
                                                      return y != 0;
                                                    });
    }
    return Status::internal("bad arithmetic operator");
  };
}

Kernel int_kernel(ArithOp op, DataType out) {
  return [op, out](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    const size_t n = ctx.num_rows;
    const Datum& a = args[0];
    const Datum& b = args[1];
    switch (op) {
      case ArithOp::kAdd:
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n,
            [](int64_t x, int64_t y, int64_t& r) { return !__builtin_add_overflow(x, y, &r); });
      case ArithOp::kSub:
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n,
            [](int64_t x, int64_t y, int64_t& r) { return !__builtin_sub_overflow(x, y, &r); });
      case ArithOp::kMul:
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n,
            [](int64_t x, int64_t y, int64_t& r) { return !__builtin_mul_overflow(x, y, &r); });
      case ArithOp::kDiv:
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n, [](int64_t x, int64_t y, int64_t& r) {
              // INT64_MIN / -1 overflows.
              if (y == 0 || (y == -1 && x == INT64_MIN)) {
                r = 0;
                return false;
              }
              r = x / y;
              return true;
            });
      case ArithOp::kMod:
        return binary_fixed<int64_t, int64_t, int64_t>(a, b, out, n,
                                                       [](int64_t x, int64_t y, int64_t& r) {
                                                         if (y == 0) {
                                                           r = 0;
                                                           return false;
                                                         }
                                                         r = y == -1 ? 0 : x % y;
                                                         return true;
                                                       });
    }
    return Status::internal("bad arithmetic operator");
  };
}

Kernel decimal_kernel(ArithOp op, int sa, int sb, DataType out) {
  const int s = out.scale;
  return [=](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    const size_t n = ctx.num_rows;
    const Datum& a = args[0];
    const Datum& b = args[1];
    switch (op) {
      case ArithOp::kAdd:
      case ArithOp::kSub: {
        const Int128 fa = pow10_i128(s - sa);
        const Int128 fb = pow10_i128(s - sb);
        const Int128 sign = op == ArithOp::kAdd ? 1 : -1;
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n, [=](int64_t x, int64_t y, int64_t& r) {
              return store_decimal(Int128{x} * fa + sign * Int128{y} * fb, r);
            });
      }
      case ArithOp::kMul: {
        const int drop = sa + sb - s;
        const Int128 div = pow10_i128(drop);
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n, [=](int64_t x, int64_t y, int64_t& r) {
              Int128 v = Int128{x} * Int128{y};
              return store_decimal(drop > 0 ? round_div(v, div) : v, r);
            });
      }
      case ArithOp::kDiv: {
        const Int128 mul = pow10_i128(s + sb - sa);
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n, [=](int64_t x, int64_t y, int64_t& r) {
              Int128 num;
              if (y == 0 || __builtin_mul_overflow(Int128{x}, mul, &num)) {
                r = 0;
                return false;
              }
              return store_decimal(round_div(num, Int128{y}), r);
            });
      }
      case ArithOp::kMod: {
        const Int128 fa = pow10_i128(s - sa);
        const Int128 fb = pow10_i128(s - sb);
        return binary_fixed<int64_t, int64_t, int64_t>(
            a, b, out, n, [=](int64_t x, int64_t y, int64_t& r) {
              Int128 d = Int128{y} * fb;
              if (d == 0) {
                r = 0;
                return false;
              }
              return store_decimal((Int128{x} * fa) % d, r);
            });
      }
    }
    return Status::internal("bad arithmetic operator");
  };
}

Result<Kernel> make_arith_kernel(ArithOp op, const Expr& call) {
  const DataType& a = call.args[0]->type;
  const DataType& b = call.args[1]->type;
  if (call.type.id == TypeId::kDouble) {
    return double_kernel(op, call.type);
  }
  if (call.type.id == TypeId::kDecimal) {
    return decimal_kernel(op, exact_scale(a), exact_scale(b), call.type);
  }
  return int_kernel(op, call.type);
}

// -- unary minus --------------------------------------------------------------------------------

Result<BoundSignature> bind_negate(const std::vector<ExprPtr>& args, SourcePos pos) {
  EDDY_RETURN_NOT_OK(check_arity("NEGATE", args, 1, 1, pos));
  DataType t = args[0]->type.id == TypeId::kNull ? DataType::bigint() : args[0]->type;
  if (!t.is_numeric()) {
    return Status::bind_error("unary minus expects a numeric argument, got " +
                                  args[0]->type.to_string() + " (" + args[0]->to_string() + ")",
                              args[0]->pos.known() ? args[0]->pos : pos);
  }
  return BoundSignature{{t}, t};
}

Result<Kernel> make_negate_kernel(const Expr& call) {
  const DataType out = call.type;
  return Kernel([out](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    if (out.id == TypeId::kDouble) {
      return unary_fixed<double, double>(args[0], out, ctx.num_rows, [](double x, double& r) {
        r = -x;
        return true;
      });
    }
    return unary_fixed<int64_t, int64_t>(args[0], out, ctx.num_rows, [](int64_t x, int64_t& r) {
      return !__builtin_sub_overflow(int64_t{0}, x, &r);
    });
  });
}

ScalarFunction arith_function(ArithOp op) {
  ScalarFunction fn;
  fn.name = op_symbol(op);
  fn.symbol = fn.name;
  fn.notation = Notation::kInfix;
  fn.bind = [op](const std::vector<ExprPtr>& args, SourcePos pos) {
    return bind_arith(op, args, pos);
  };
  fn.make_kernel = [op](const Expr& call) { return make_arith_kernel(op, call); };
  return fn;
}

}  // namespace

void register_arithmetic(FunctionRegistry& r) {
  r.add(arith_function(ArithOp::kAdd));
  r.add(arith_function(ArithOp::kSub));
  r.add(arith_function(ArithOp::kMul));
  r.add(arith_function(ArithOp::kDiv));
  r.add(arith_function(ArithOp::kMod), {"MOD"});
  ScalarFunction neg;
  neg.name = "NEGATE";
  neg.symbol = "-";
  neg.notation = Notation::kPrefix;
  neg.bind = bind_negate;
  neg.make_kernel = make_negate_kernel;
  r.add(std::move(neg));
}

}  // namespace eddy::ops::detail
