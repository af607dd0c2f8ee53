// Conditional expressions: CASE, COALESCE, NULLIF, LEAST, GREATEST.

#include <algorithm>
#include <vector>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"
#include "operators/expr/type_coercion.hpp"

namespace eddy::ops::detail {

namespace {

constexpr int32_t kNoChoice = -1;

template <class Getter, class Out>
ColumnPtr gather_fixed(const DataType& t, std::span<const Datum> branches, const int32_t* choice,
                       size_t n) {
  std::vector<Getter> g;
  g.reserve(branches.size());
  for (const auto& b : branches) {
    g.emplace_back(b);
  }
  auto out = Column::make(t, n);
  Out* r = mutable_data<Out>(*out);
  ValidityBuilder vb(n);
  for (size_t i = 0; i < n; ++i) {
    const int32_t c = choice[i];
    if (c < 0 || !datum_valid(branches[c], i)) {
      r[i] = Out{};
      vb.set_null(i);
    } else {
      r[i] = static_cast<Out>(g[c](i));
    }
  }
  vb.apply(*out);
  return out;
}

// Reads BOOLEAN datums row by row.
struct U8Getter {
  const uint8_t* data = nullptr;
  uint8_t scalar = 0;
  explicit U8Getter(const Datum& d)
      : data(d.is_scalar() ? nullptr : d.column->u8()),
        scalar(static_cast<uint8_t>(d.scalar.boolean())) {}
  uint8_t operator()(size_t i) const { return data ? data[i] : scalar; }
};

Result<BoundSignature> bind_common(const std::string& fn, const std::vector<ExprPtr>& args,
                                   SourcePos pos, size_t min, size_t max) {
  EDDY_RETURN_NOT_OK(check_arity(fn, args, min, max, pos));
  std::vector<DataType> types;
  for (const auto& a : args) {
    types.push_back(a->type);
  }
  std::optional<DataType> common = common_type(types);
  if (!common) {
    std::string list;
    for (const auto& t : types) {
      list += (list.empty() ? "" : ", ") + t.to_string();
    }
    return Status::bind_error("function " + fn + " expects arguments of one type, got " + list +
                                  "; CAST them to one type",
                              pos);
  }
  return BoundSignature{std::vector<DataType>(args.size(), *common), *common};
}

ScalarFunction coalesce_function() {
  ScalarFunction fn;
  fn.name = "COALESCE";
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) {
    return bind_common("COALESCE", args, pos, 1, SIZE_MAX);
  };
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    DataType t = call.type;
    return Kernel([t](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      const size_t n = ctx.num_rows;
      if (!args[0].is_scalar() && !args[0].column->has_nulls()) {
        return args[0].column;
      }
      PodVector<int32_t> choice(n);
      for (size_t i = 0; i < n; ++i) {
        int32_t c = kNoChoice;
        for (size_t k = 0; k < args.size(); ++k) {
          if (datum_valid(args[k], i)) {
            c = static_cast<int32_t>(k);
            break;
          }
        }
        choice[i] = c;
      }
      return gather_choice(t, args, choice.data(), n);
    });
  };
  return fn;
}

ScalarFunction nullif_function() {
  ScalarFunction fn;
  fn.name = "NULLIF";
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) {
    return bind_common("NULLIF", args, pos, 2, 2);
  };
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    DataType t = call.type;
    return Kernel([t](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      const size_t n = ctx.num_rows;
      ColumnPtr eq = equal_datums(args[0], t, args[1], t, n);
      PodVector<int32_t> choice(n);
      for (size_t i = 0; i < n; ++i) {
        choice[i] = eq->is_valid(i) && eq->u8()[i] ? kNoChoice : 0;
      }
      return gather_choice(t, args.subspan(0, 1), choice.data(), n);
    });
  };
  return fn;
}

// Picks per row the index of the least (or greatest) non-NULL argument.
template <class Getter>
void pick_extreme(std::span<const Datum> args, bool greatest, int32_t* choice, size_t n) {
  std::vector<Getter> g;
  for (const auto& a : args) {
    g.emplace_back(a);
  }
  std::fill_n(choice, n, kNoChoice);
  for (size_t k = 0; k < args.size(); ++k) {
    for (size_t i = 0; i < n; ++i) {
      if (!datum_valid(args[k], i)) {
        continue;
      }
      const int32_t c = choice[i];
      if (c < 0 || (greatest ? g[c](i) < g[k](i) : g[k](i) < g[c](i))) {
        choice[i] = static_cast<int32_t>(k);
      }
    }
  }
}

ScalarFunction extreme_function(bool greatest) {
  ScalarFunction fn;
  fn.name = greatest ? "GREATEST" : "LEAST";
  fn.bind = [name = fn.name](const std::vector<ExprPtr>& args, SourcePos pos) {
    return bind_common(name, args, pos, 1, SIZE_MAX);
  };
  fn.make_kernel = [greatest](const Expr& call) -> Result<Kernel> {
    DataType t = call.type;
    return Kernel(
        [t, greatest](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          const size_t n = ctx.num_rows;
          PodVector<int32_t> choice(n);
          switch (t.id) {
            case TypeId::kVarchar:
              pick_extreme<StrGetter>(args, greatest, choice.data(), n);
              break;
            case TypeId::kDouble:
              pick_extreme<F64Getter>(args, greatest, choice.data(), n);
              break;
            case TypeId::kBoolean:
              pick_extreme<U8Getter>(args, greatest, choice.data(), n);
              break;
            case TypeId::kNull:
              return Column::make_null(t, n);
            default:
              pick_extreme<I64Getter>(args, greatest, choice.data(), n);
              break;
          }
          return gather_choice(t, args, choice.data(), n);
        });
  };
  return fn;
}

}  // namespace

ColumnPtr gather_choice(const DataType& t, std::span<const Datum> branches, const int32_t* choice,
                        size_t n) {
  switch (t.id) {
    case TypeId::kNull:
      return Column::make_null(t, n);
    case TypeId::kDouble:
      return gather_fixed<F64Getter, double>(t, branches, choice, n);
    case TypeId::kBoolean:
      return gather_fixed<U8Getter, uint8_t>(t, branches, choice, n);
    case TypeId::kVarchar: {
      std::vector<StrGetter> g;
      for (const auto& b : branches) {
        g.emplace_back(b);
      }
      auto out = std::make_shared<Column>(t);
      out->reserve_str(n, n * 8);
      ValidityBuilder vb(n);
      for (size_t i = 0; i < n; ++i) {
        const int32_t c = choice[i];
        if (c < 0 || !datum_valid(branches[c], i)) {
          out->append_str({});
          vb.set_null(i);
        } else {
          out->append_str(g[c](i));
        }
      }
      vb.apply(*out);
      return out;
    }
    default:
      return gather_fixed<I64Getter, int64_t>(t, branches, choice, n);
  }
}

Kernel make_case_kernel(const Expr& e) {
  const DataType t = e.type;
  const bool has_else = e.case_has_else;
  return [t, has_else](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
    const size_t n = ctx.num_rows;
    const size_t pairs = (args.size() - (has_else ? 1 : 0)) / 2;
    // Branch k's value is args[2k+1]; the ELSE is args.back().
    constexpr int32_t kUndecided = -2;
    PodVector<int32_t> choice(n, kUndecided);
    std::vector<Datum> values;
    for (size_t k = 0; k < pairs; ++k) {
      const Datum& when = args[2 * k];
      values.push_back(args[2 * k + 1]);
      const int32_t idx = static_cast<int32_t>(k);
      if (when.is_scalar()) {
        if (!when.scalar.is_null() && when.scalar.boolean()) {
          for (size_t i = 0; i < n; ++i) {
            choice[i] = choice[i] == kUndecided ? idx : choice[i];
          }
        }
        continue;
      }
      const Column& w = *when.column;
      const uint8_t* wv = w.u8();
      for (size_t i = 0; i < n; ++i) {
        // A NULL condition is not true.
        if (choice[i] == kUndecided && wv[i] != 0 && w.is_valid(i)) {
          choice[i] = idx;
        }
      }
    }
    int32_t fallback = kNoChoice;
    if (has_else) {
      values.push_back(args.back());
      fallback = static_cast<int32_t>(values.size() - 1);
    }
    for (size_t i = 0; i < n; ++i) {
      choice[i] = choice[i] == kUndecided ? fallback : choice[i];
    }
    return gather_choice(t, values, choice.data(), n);
  };
}

void register_conditional(FunctionRegistry& r) {
  r.add(coalesce_function(), {"IFNULL", "NVL"});
  r.add(nullif_function());
  r.add(extreme_function(/*greatest=*/false));
  r.add(extreme_function(/*greatest=*/true));
}

}  // namespace eddy::ops::detail
