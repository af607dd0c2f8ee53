#include "operators/expr/function_registry.hpp"

#include <algorithm>

#include "operators/expr/detail/function_sets.hpp"
#include "operators/expr/type_coercion.hpp"

namespace eddy::ops {

namespace {

size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) {
    prev[j] = j;
  }
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

bool is_identifier(const std::string& name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

const FunctionRegistry& FunctionRegistry::instance() {
  static const FunctionRegistry registry;
  return registry;
}

FunctionRegistry::FunctionRegistry() {
  detail::register_arithmetic(*this);
  detail::register_predicates(*this);
  detail::register_conditional(*this);
  detail::register_math(*this);
  detail::register_string(*this);
  detail::register_datetime(*this);
  detail::register_json(*this);
  aggregates_ = {"COUNT",
                 "SUM",
                 "AVG",
                 "MIN",
                 "MAX",
                 "COUNT_DISTINCT",
                 "APPROX_COUNT_DISTINCT",
                 "FIRST_VALUE",
                 "FIRST",
                 "LAST_VALUE",
                 "LAST",
                 "STRING_AGG",
                 "GROUP_CONCAT",
                 "LISTAGG",
                 "COLLECT",
                 "MEDIAN",
                 "DELTA",
                 "STDDEV",
                 "STDDEV_SAMP",
                 "STDDEV_POP",
                 "VARIANCE",
                 "VAR_SAMP",
                 "VAR_POP",
                 "PERCENTILE_CONT",
                 "PERCENTILE_DISC",
                 "CORR",
                 "COVAR_POP",
                 "COVAR_SAMP",
                 "REGR_SLOPE",
                 "REGR_INTERCEPT",
                 "REGR_R2"};
  window_functions_ = {"LAG",          "LEAD",        "ROW_NUMBER", "RANK",
                       "DENSE_RANK",   "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
                       "PERCENT_RANK", "CUME_DIST",   "NTILE"};
}

void FunctionRegistry::add(ScalarFunction fn, std::vector<std::string> aliases) {
  functions_.push_back(std::make_unique<ScalarFunction>(std::move(fn)));
  const ScalarFunction* p = functions_.back().get();
  by_name_[p->name] = p;
  for (auto& a : aliases) {
    by_name_[detail::to_upper(a)] = p;
  }
}

const ScalarFunction* FunctionRegistry::find(std::string_view name) const {
  auto it = by_name_.find(detail::to_upper(name));
  return it == by_name_.end() ? nullptr : it->second;
}

bool FunctionRegistry::is_scalar(std::string_view name) const {
  return find(name) != nullptr;
}

bool FunctionRegistry::is_aggregate(std::string_view name) const {
  return aggregates_.count(detail::to_upper(name)) > 0;
}

bool FunctionRegistry::is_window_function(std::string_view name) const {
  return window_functions_.count(detail::to_upper(name)) > 0;
}

std::string FunctionRegistry::suggest(const std::string& upper) const {
  std::string best;
  size_t best_distance = std::max<size_t>(2, upper.size() / 3) + 1;
  auto consider = [&](const std::string& candidate) {
    if (!is_identifier(candidate)) {
      return;
    }
    size_t d = edit_distance(upper, candidate);
    if (d < best_distance || (d == best_distance && !best.empty() && candidate < best)) {
      best_distance = d;
      best = candidate;
    }
  };
  for (const auto& [name, fn] : by_name_) {
    consider(name);
  }
  for (const auto& name : aggregates_) {
    consider(name);
  }
  return best;
}

Result<ExprPtr> FunctionRegistry::make_call(std::string_view name, std::vector<ExprPtr> args,
                                            SourcePos pos) const {
  const std::string upper = detail::to_upper(name);
  const ScalarFunction* fn = find(upper);
  if (fn == nullptr) {
    if (is_aggregate(upper) || is_window_function(upper)) {
      return Status::not_supported(
          "function " + upper + " is an aggregate or window function; it cannot be used here", pos);
    }
    std::string message = "unknown function '" + std::string(name) + "'";
    if (std::string s = suggest(upper); !s.empty()) {
      message += "; did you mean '" + s + "'?";
    }
    return Status::bind_error(message, pos);
  }
  for (const auto& a : args) {
    if (a == nullptr) {
      return Status::internal("function " + fn->name + " called with a null argument");
    }
  }
  EDDY_ASSIGN_OR_RAISE(BoundSignature sig, fn->bind(args, pos));
  if (sig.arg_types.size() != args.size()) {
    return Status::internal("binder of " + fn->name + " returned a wrong signature");
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i]->type != sig.arg_types[i]) {
      SourcePos at = args[i]->pos.known() ? args[i]->pos : pos;
      EDDY_ASSIGN_OR_RAISE(args[i], make_implicit_cast(std::move(args[i]), sig.arg_types[i], at));
    }
  }
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCall;
  e->type = sig.result;
  e->pos = pos;
  e->function = fn;
  e->args = std::move(args);
  return ExprPtr(std::move(e));
}

// -- binding support ----------------------------------------------------------------------------

namespace detail {

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return out;
}

Status check_arity(const std::string& fn, const std::vector<ExprPtr>& args, size_t min, size_t max,
                   SourcePos pos) {
  if (args.size() >= min && args.size() <= max) {
    return Status::ok();
  }
  std::string expected;
  if (min == max) {
    expected = std::to_string(min);
  } else if (max == SIZE_MAX) {
    expected = "at least " + std::to_string(min);
  } else {
    expected = std::to_string(min) + " to " + std::to_string(max);
  }
  return Status::bind_error("function " + fn + " expects " + expected + " argument" +
                                (min == 1 && max == 1 ? "" : "s") + ", got " +
                                std::to_string(args.size()),
                            pos);
}

std::string describe_type(const DataType& t) {
  switch (t.id) {
    case TypeId::kDecimal:
      return "a DECIMAL";
    case TypeId::kDouble:
      return "a numeric";
    default:
      return "a " + t.to_string();
  }
}

Status type_error(const std::string& fn, const std::string& expected, const Expr& arg,
                  SourcePos pos) {
  return Status::bind_error("function " + fn + " expects " + expected + " argument, got " +
                                arg.type.to_string() + " (" + arg.to_string() + ")",
                            arg.pos.known() ? arg.pos : pos);
}

bool implicitly_castable(const Expr& arg, const DataType& to) {
  const DataType& from = arg.type;
  if (from == to || from.id == TypeId::kNull) {
    return true;
  }
  switch (to.id) {
    case TypeId::kDouble:
      return from.is_numeric();
    case TypeId::kDecimal:
      return from.id == TypeId::kBigint || from.id == TypeId::kDecimal;
    case TypeId::kTimestamp:
      return from.id == TypeId::kVarchar && arg.kind == ExprKind::kLiteral;
    default:
      return false;
  }
}

ScalarFunction::Binder fixed_signature(std::string fn, std::vector<DataType> params,
                                       DataType result, size_t min_args) {
  return [fn, params, result, min_args](const std::vector<ExprPtr>& args,
                                        SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(fn, args, min_args, params.size(), pos));
    BoundSignature sig;
    sig.result = result;
    for (size_t i = 0; i < args.size(); ++i) {
      const DataType& p = params[i];
      if (!implicitly_castable(*args[i], p)) {
        return type_error(fn, describe_type(p), *args[i], pos);
      }
      // DECIMAL params keep the argument's own scale: kernels read it.
      sig.arg_types.push_back(
          p.id == TypeId::kDecimal && args[i]->type.id != TypeId::kNull ? args[i]->type : p);
    }
    return sig;
  };
}

Result<std::string> literal_keyword(const std::string& fn, const Expr& arg,
                                    const std::string& examples, SourcePos pos) {
  if (arg.kind != ExprKind::kLiteral || arg.type.id != TypeId::kVarchar) {
    return Status::bind_error("function " + fn + " expects a constant unit such as " + examples +
                                  ", got " + arg.to_string(),
                              arg.pos.known() ? arg.pos : pos);
  }
  return to_upper(arg.literal.str());
}

}  // namespace detail

}  // namespace eddy::ops
