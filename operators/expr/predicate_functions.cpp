// Predicates: comparisons, AND/OR/NOT (three-valued), IS [NOT] NULL, IN, BETWEEN, LIKE, and ||.

#include <algorithm>
#include <optional>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"
#include "operators/expr/like_matcher.hpp"
#include "operators/expr/type_coercion.hpp"
#include "runtime/core/decimal.hpp"

namespace eddy::ops::detail {

namespace {

enum class CmpOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

template <CmpOp op, class T>
inline bool compare(const T& x, const T& y) {
  if constexpr (op == CmpOp::kEq) {
    return x == y;
  } else if constexpr (op == CmpOp::kNe) {
    return x != y;
  } else if constexpr (op == CmpOp::kLt) {
    return x < y;
  } else if constexpr (op == CmpOp::kLe) {
    return x <= y;
  } else if constexpr (op == CmpOp::kGt) {
    return x > y;
  } else {
    return x >= y;
  }
}

// Calls f.template operator()<op>() for the runtime `op`, so loops are specialised per operator.
template <class F>
decltype(auto) dispatch_cmp(CmpOp op, F&& f) {
  switch (op) {
    case CmpOp::kEq:
      return f.template operator()<CmpOp::kEq>();
    case CmpOp::kNe:
      return f.template operator()<CmpOp::kNe>();
    case CmpOp::kLt:
      return f.template operator()<CmpOp::kLt>();
    case CmpOp::kLe:
      return f.template operator()<CmpOp::kLe>();
    case CmpOp::kGt:
      return f.template operator()<CmpOp::kGt>();
    case CmpOp::kGe:
      break;
  }
  return f.template operator()<CmpOp::kGe>();
}

// Compares two VARCHAR datums row by row.
template <CmpOp op>
ColumnPtr compare_strings(const Datum& a, const Datum& b, size_t n) {
  if (a.is_null_scalar() || b.is_null_scalar()) {
    return Column::make_null(DataType::boolean(), n);
  }
  auto out = Column::make(DataType::boolean(), n);
  uint8_t* r = out->mutable_u8();
  ValidityBuilder vb(n);
  vb.and_with(a);
  vb.and_with(b);
  if (!a.is_scalar() && b.is_scalar()) {
    const Column& ca = *a.column;
    std::string_view y = b.scalar.str();
    for (size_t i = 0; i < n; ++i) {
      r[i] = compare<op>(ca.str(i), y);
    }
  } else {
    StrGetter ga(a);
    StrGetter gb(b);
    for (size_t i = 0; i < n; ++i) {
      r[i] = compare<op>(ga(i), gb(i));
    }
  }
  vb.apply(*out);
  return out;
}

// Compares two datums of bound comparison types `ta` and `tb` (see bind_comparison).
ColumnPtr compare_datums(CmpOp op, const Datum& a, const DataType& ta, const Datum& b,
                         const DataType& tb, size_t n) {
  const DataType out = DataType::boolean();
  return dispatch_cmp(op, [&]<CmpOp O>() -> ColumnPtr {
    if (ta.id == TypeId::kVarchar) {
      return compare_strings<O>(a, b, n);
    }
    if (ta.id == TypeId::kDouble) {
      return binary_fixed<double, double, uint8_t>(a, b, out, n,
                                                   [](double x, double y, uint8_t& r) {
                                                     r = compare<O>(x, y);
                                                     return true;
                                                   });
    }
    if (ta.id == TypeId::kBoolean) {
      return binary_fixed<uint8_t, uint8_t, uint8_t>(a, b, out, n,
                                                     [](uint8_t x, uint8_t y, uint8_t& r) {
                                                       r = compare<O>(x != 0, y != 0);
                                                       return true;
                                                     });
    }
    const int sa = exact_scale(ta);
    const int sb = exact_scale(tb);
    if (sa == sb) {
      return binary_fixed<int64_t, int64_t, uint8_t>(a, b, out, n,
                                                     [](int64_t x, int64_t y, uint8_t& r) {
                                                       r = compare<O>(x, y);
                                                       return true;
                                                     });
    }
    // Different scales: compare exactly in 128 bits.
    const int s = std::max(sa, sb);
    const Int128 fa = pow10_i64(s - sa);
    const Int128 fb = pow10_i64(s - sb);
    return binary_fixed<int64_t, int64_t, uint8_t>(a, b, out, n,
                                                   [fa, fb](int64_t x, int64_t y, uint8_t& r) {
                                                     r = compare<O>(Int128{x} * fa, Int128{y} * fb);
                                                     return true;
                                                   });
  });
}

const char* cmp_name(CmpOp op) {
  switch (op) {
    case CmpOp::kEq:
      return "=";
    case CmpOp::kNe:
      return "!=";
    case CmpOp::kLt:
      return "<";
    case CmpOp::kLe:
      return "<=";
    case CmpOp::kGt:
      return ">";
    case CmpOp::kGe:
      return ">=";
  }
  return "?";
}

// The types the operands of a comparison (or BETWEEN / IN) are cast to. With `exact_scales`
// DECIMAL/BIGINT operands keep their own scales (the kernel compares exactly); otherwise they all
// get the common DECIMAL type.
Result<std::vector<DataType>> comparison_types(const std::string& what,
                                               const std::vector<ExprPtr>& args, SourcePos pos,
                                               bool exact_scales) {
  std::vector<DataType> types;
  bool any_ts = false;
  for (const auto& a : args) {
    types.push_back(a->type);
    any_ts = any_ts || a->type.id == TypeId::kTimestamp;
  }
  if (any_ts) {
    // BIGINT epoch milliseconds compare with TIMESTAMPs.
    for (auto& t : types) {
      if (t.id == TypeId::kBigint) {
        t = DataType::timestamp();
      }
    }
  }
  std::optional<DataType> common = common_type(types);
  if (!common) {
    std::string list;
    for (const auto& a : args) {
      list += (list.empty() ? "" : " and ") + a->type.to_string();
    }
    return Status::bind_error(
        "cannot compare " + list + " in " + what + "; CAST one side to the other's type", pos);
  }
  if (common->id == TypeId::kNull) {
    common = DataType::bigint();
  }
  std::vector<DataType> out;
  for (const auto& a : args) {
    if (exact_scales && common->id == TypeId::kDecimal && is_exact(a->type)) {
      out.push_back(a->type);
    } else {
      out.push_back(*common);
    }
  }
  return out;
}

ScalarFunction comparison_function(CmpOp op) {
  ScalarFunction fn;
  fn.name = cmp_name(op);
  fn.symbol = fn.name;
  fn.notation = Notation::kInfix;
  fn.bind = [op](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(cmp_name(op), args, 2, 2, pos));
    EDDY_ASSIGN_OR_RAISE(auto types,
                         comparison_types("(" + args[0]->to_string() + " " + cmp_name(op) + " " +
                                              args[1]->to_string() + ")",
                                          args, pos, /*exact_scales=*/true));
    return BoundSignature{types, DataType::boolean()};
  };
  fn.make_kernel = [op](const Expr& call) -> Result<Kernel> {
    DataType ta = call.args[0]->type;
    DataType tb = call.args[1]->type;
    return Kernel(
        [op, ta, tb](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          return compare_datums(op, args[0], ta, args[1], tb, ctx.num_rows);
        });
  };
  return fn;
}

// -- logic --------------------------------------------------------------------------------------

ColumnPtr logic_and_or(bool is_and, const Datum& a, const Datum& b, size_t n) {
  ColumnPtr ca = materialize(a, DataType::boolean(), n);
  ColumnPtr cb = materialize(b, DataType::boolean(), n);
  auto out = Column::make(DataType::boolean(), n);
  uint8_t* r = out->mutable_u8();
  const uint8_t* x = ca->u8();
  const uint8_t* y = cb->u8();
  if (!ca->has_nulls() && !cb->has_nulls()) {
    for (size_t i = 0; i < n; ++i) {
      r[i] = is_and ? ((x[i] != 0) & (y[i] != 0)) : ((x[i] != 0) | (y[i] != 0));
    }
    return out;
  }
  ValidityBuilder vb(n);
  // The dominant value (FALSE for AND, TRUE for OR) decides even against NULL.
  const bool dominant = !is_and;
  for (size_t i = 0; i < n; ++i) {
    const bool va = ca->is_valid(i);
    const bool vb_ = cb->is_valid(i);
    const bool xa = x[i] != 0;
    const bool xb = y[i] != 0;
    if ((va && xa == dominant) || (vb_ && xb == dominant)) {
      r[i] = dominant;
    } else if (va && vb_) {
      r[i] = !dominant;
    } else {
      r[i] = 0;
      vb.set_null(i);
    }
  }
  vb.apply(*out);
  return out;
}

ScalarFunction logic_function(bool is_and) {
  ScalarFunction fn;
  fn.name = is_and ? "AND" : "OR";
  fn.symbol = fn.name;
  fn.notation = Notation::kInfix;
  fn.bind = [name = fn.name](const std::vector<ExprPtr>& args,
                             SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(name, args, 2, 2, pos));
    for (const auto& a : args) {
      if (a->type.id != TypeId::kBoolean && a->type.id != TypeId::kNull) {
        return Status::bind_error(name + " expects BOOLEAN operands, got " + a->type.to_string() +
                                      " (" + a->to_string() + "); compare it, e.g. x <> 0",
                                  a->pos.known() ? a->pos : pos);
      }
    }
    return BoundSignature{{DataType::boolean(), DataType::boolean()}, DataType::boolean()};
  };
  fn.make_kernel = [is_and](const Expr&) -> Result<Kernel> {
    return Kernel(
        [is_and](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          return logic_and_or(is_and, args[0], args[1], ctx.num_rows);
        });
  };
  return fn;
}

ScalarFunction not_function() {
  ScalarFunction fn;
  fn.name = "NOT";
  fn.symbol = "NOT";
  fn.notation = Notation::kPrefix;
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("NOT", args, 1, 1, pos));
    if (args[0]->type.id != TypeId::kBoolean && args[0]->type.id != TypeId::kNull) {
      return Status::bind_error("NOT expects a BOOLEAN operand, got " + args[0]->type.to_string() +
                                    " (" + args[0]->to_string() + ")",
                                args[0]->pos.known() ? args[0]->pos : pos);
    }
    return BoundSignature{{DataType::boolean()}, DataType::boolean()};
  };
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      return unary_fixed<uint8_t, uint8_t>(args[0], DataType::boolean(), ctx.num_rows,
                                           [](uint8_t x, uint8_t& r) {
                                             r = x == 0;
                                             return true;
                                           });
    });
  };
  return fn;
}

// -- IS [NOT] NULL --------------------------------------------------------------------------------

ScalarFunction is_null_function(bool negated) {
  ScalarFunction fn;
  fn.name = negated ? "IS_NOT_NULL" : "IS_NULL";
  fn.symbol = negated ? "IS NOT NULL" : "IS NULL";
  fn.notation = Notation::kPostfix;
  fn.bind = [name = fn.name](const std::vector<ExprPtr>& args,
                             SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(name, args, 1, 1, pos));
    return BoundSignature{{args[0]->type}, DataType::boolean()};
  };
  fn.make_kernel = [negated](const Expr&) -> Result<Kernel> {
    return Kernel(
        [negated](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          const size_t n = ctx.num_rows;
          auto out = Column::make(DataType::boolean(), n);
          uint8_t* r = out->mutable_u8();
          if (args[0].is_scalar()) {
            std::fill_n(r, n, static_cast<uint8_t>(args[0].scalar.is_null() != negated));
            return ColumnPtr(out);
          }
          const Column& c = *args[0].column;
          for (size_t i = 0; i < n; ++i) {
            r[i] = c.is_null(i) != negated;
          }
          return ColumnPtr(out);
        });
  };
  return fn;
}

// -- BETWEEN ------------------------------------------------------------------------------------

ScalarFunction between_function() {
  ScalarFunction fn;
  fn.name = "BETWEEN";
  fn.symbol = "BETWEEN";
  fn.notation = Notation::kBetween;
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("BETWEEN", args, 3, 3, pos));
    EDDY_ASSIGN_OR_RAISE(auto types, comparison_types("BETWEEN", args, pos, /*exact_scales=*/true));
    return BoundSignature{types, DataType::boolean()};
  };
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    DataType t0 = call.args[0]->type;
    DataType t1 = call.args[1]->type;
    DataType t2 = call.args[2]->type;
    return Kernel([=](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      const size_t n = ctx.num_rows;
      ColumnPtr ge = compare_datums(CmpOp::kGe, args[0], t0, args[1], t1, n);
      ColumnPtr le = compare_datums(CmpOp::kLe, args[0], t0, args[2], t2, n);
      return logic_and_or(/*is_and=*/true, Datum{ge, {}}, Datum{le, {}}, n);
    });
  };
  return fn;
}

// -- IN -----------------------------------------------------------------------------------------

// Marks r[i] when value row i equals item row i; `maybe_null[i]` when the item is NULL there.
template <class Get, class Eq>
void in_pass(const Datum& item, size_t n, uint8_t* r, uint8_t* maybe_null, Get get_item,
             Eq eq_row) {
  if (item.is_scalar()) {
    if (item.scalar.is_null()) {
      std::fill_n(maybe_null, n, uint8_t{1});
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      r[i] |= eq_row(i, get_item(i));
    }
    return;
  }
  const Column& c = *item.column;
  for (size_t i = 0; i < n; ++i) {
    if (c.is_valid(i)) {
      r[i] |= eq_row(i, get_item(i));
    } else {
      maybe_null[i] = 1;
    }
  }
}

ColumnPtr in_kernel(std::span<const Datum> args, const DataType& t, size_t n) {
  const Datum& value = args[0];
  if (value.is_null_scalar()) {
    return Column::make_null(DataType::boolean(), n);
  }
  ColumnPtr v = materialize(value, t, n);
  auto out = Column::make(DataType::boolean(), n);
  uint8_t* r = out->mutable_u8();
  std::fill_n(r, n, uint8_t{0});
  PodVector<uint8_t> maybe_null(n, 0);
  for (size_t k = 1; k < args.size(); ++k) {
    const Datum& item = args[k];
    switch (t.id) {
      case TypeId::kVarchar: {
        StrGetter g(item);
        in_pass(item, n, r, maybe_null.data(), g,
                [&](size_t i, std::string_view s) { return v->str(i) == s; });
        break;
      }
      case TypeId::kDouble: {
        F64Getter g(item);
        const double* x = v->f64();
        in_pass(item, n, r, maybe_null.data(), g, [&](size_t i, double d) { return x[i] == d; });
        break;
      }
      case TypeId::kBoolean: {
        const uint8_t* x = v->u8();
        auto g = [&](size_t i) -> uint8_t {
          return item.is_scalar() ? item.scalar.boolean() : item.column->u8()[i] != 0;
        };
        in_pass(item, n, r, maybe_null.data(), g,
                [&](size_t i, uint8_t b) { return (x[i] != 0) == (b != 0); });
        break;
      }
      default: {
        I64Getter g(item);
        const int64_t* x = v->i64();
        in_pass(item, n, r, maybe_null.data(), g, [&](size_t i, int64_t y) { return x[i] == y; });
        break;
      }
    }
  }
  ValidityBuilder vb(n);
  vb.and_with(*v);
  for (size_t i = 0; i < n; ++i) {
    // x IN (..., NULL) without a match is unknown.
    if (!r[i] && maybe_null[i]) {
      vb.set_null(i);
    }
  }
  vb.apply(*out);
  return out;
}

ScalarFunction in_function() {
  ScalarFunction fn;
  fn.name = "IN";
  fn.symbol = "IN";
  fn.notation = Notation::kIn;
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("IN", args, 2, SIZE_MAX, pos));
    EDDY_ASSIGN_OR_RAISE(auto types, comparison_types("IN", args, pos, /*exact_scales=*/false));
    return BoundSignature{types, DataType::boolean()};
  };
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    DataType t = call.args[0]->type;
    return Kernel([t](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      return in_kernel(args, t, ctx.num_rows);
    });
  };
  return fn;
}

// -- LIKE ---------------------------------------------------------------------------------------

// Runs `match(s)` over the strings of `a`, negated when `negate`.
template <class Match>
ColumnPtr like_loop(const Column& a, size_t n, bool negate, Match match) {
  auto out = Column::make(DataType::boolean(), n);
  uint8_t* r = out->mutable_u8();
  for (size_t i = 0; i < n; ++i) {
    r[i] = match(a.str(i)) != negate;
  }
  ValidityBuilder vb(n);
  vb.and_with(a);
  vb.apply(*out);
  return out;
}

ColumnPtr like_with_matcher(const Column& a, size_t n, bool negate, const LikeMatcher& m) {
  // One loop per strategy, so the strategy is not re-dispatched per row.
  const std::string& lit = m.literal();
  switch (m.kind()) {
    case LikeMatcher::Kind::kExact:
      return like_loop(a, n, negate, [&](std::string_view s) { return s == lit; });
    case LikeMatcher::Kind::kPrefix:
      return like_loop(a, n, negate, [&](std::string_view s) {
        return s.size() >= lit.size() && std::equal(lit.begin(), lit.end(), s.begin());
      });
    case LikeMatcher::Kind::kSuffix:
      return like_loop(a, n, negate, [&](std::string_view s) {
        return s.size() >= lit.size() && std::equal(lit.rbegin(), lit.rend(), s.rbegin());
      });
    case LikeMatcher::Kind::kContains:
      return like_loop(a, n, negate,
                       [&](std::string_view s) { return s.find(lit) != std::string_view::npos; });
    case LikeMatcher::Kind::kAny:
      return like_loop(a, n, negate, [](std::string_view) { return true; });
    case LikeMatcher::Kind::kGeneral:
      break;
  }
  return like_loop(a, n, negate, [&](std::string_view s) { return m.matches(s); });
}

ScalarFunction like_function(bool negate) {
  ScalarFunction fn;
  fn.name = negate ? "NOT_LIKE" : "LIKE";
  fn.symbol = negate ? "NOT LIKE" : "LIKE";
  fn.notation = Notation::kInfix;
  fn.bind =
      fixed_signature(fn.name, {DataType::varchar(), DataType::varchar()}, DataType::boolean(), 2);
  fn.make_kernel = [negate](const Expr& call) -> Result<Kernel> {
    std::shared_ptr<const LikeMatcher> pre;
    if (call.args[1]->kind == ExprKind::kLiteral && !call.args[1]->literal.is_null()) {
      pre = std::make_shared<const LikeMatcher>(call.args[1]->literal.str());
    }
    return Kernel(
        [negate, pre](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          const size_t n = ctx.num_rows;
          if (any_null_scalar(args)) {
            return Column::make_null(DataType::boolean(), n);
          }
          ColumnPtr a = materialize(args[0], DataType::varchar(), n);
          if (pre) {
            return like_with_matcher(*a, n, negate, *pre);
          }
          if (args[1].is_scalar()) {
            return like_with_matcher(*a, n, negate, LikeMatcher(args[1].scalar.str()));
          }
          // A pattern per row: match without compiling.
          const Column& p = *args[1].column;
          auto out = Column::make(DataType::boolean(), n);
          uint8_t* r = out->mutable_u8();
          for (size_t i = 0; i < n; ++i) {
            r[i] = LikeMatcher::match_general(a->str(i), p.str(i)) != negate;
          }
          ValidityBuilder vb(n);
          vb.and_with(*a);
          vb.and_with(p);
          vb.apply(*out);
          return ColumnPtr(out);
        });
  };
  return fn;
}

// -- || -----------------------------------------------------------------------------------------

ScalarFunction concat_operator() {
  ScalarFunction fn;
  fn.name = "||";
  fn.symbol = "||";
  fn.notation = Notation::kInfix;
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("||", args, 2, 2, pos));
    return BoundSignature{{DataType::varchar(), DataType::varchar()}, DataType::varchar()};
  };
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      const size_t n = ctx.num_rows;
      if (any_null_scalar(args)) {
        return Column::make_null(DataType::varchar(), n);
      }
      StrGetter a(args[0]);
      StrGetter b(args[1]);
      auto out = std::make_shared<Column>(DataType::varchar());
      size_t bytes = (args[0].is_scalar() ? a.scalar.size() * n : args[0].column->chars_size()) +
                     (args[1].is_scalar() ? b.scalar.size() * n : args[1].column->chars_size());
      out->reserve_str(n, bytes);
      std::string buf;
      for (size_t i = 0; i < n; ++i) {
        buf.assign(a(i));
        buf.append(b(i));
        out->append_str(buf);
      }
      ValidityBuilder vb(n);
      vb.and_with(args[0]);
      vb.and_with(args[1]);
      vb.apply(*out);
      return ColumnPtr(out);
    });
  };
  return fn;
}

}  // namespace

ColumnPtr equal_datums(const Datum& a, const DataType& ta, const Datum& b, const DataType& tb,
                       size_t num_rows) {
  return compare_datums(CmpOp::kEq, a, ta, b, tb, num_rows);
}

void register_predicates(FunctionRegistry& r) {
  r.add(comparison_function(CmpOp::kEq), {"=="});
  r.add(comparison_function(CmpOp::kNe), {"<>"});
  r.add(comparison_function(CmpOp::kLt));
  r.add(comparison_function(CmpOp::kLe));
  r.add(comparison_function(CmpOp::kGt));
  r.add(comparison_function(CmpOp::kGe));
  r.add(logic_function(/*is_and=*/true));
  r.add(logic_function(/*is_and=*/false));
  r.add(not_function());
  r.add(is_null_function(/*negated=*/false));
  r.add(is_null_function(/*negated=*/true));
  r.add(between_function());
  r.add(in_function());
  r.add(like_function(/*negate=*/false));
  r.add(like_function(/*negate=*/true));
  r.add(concat_operator());
}

}  // namespace eddy::ops::detail
