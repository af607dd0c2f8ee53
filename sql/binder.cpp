#include "sql/binder.hpp"

#include <algorithm>

#include "operators/expr/function_registry.hpp"
#include "runtime/core/decimal.hpp"
#include "runtime/core/properties.hpp"

namespace eddy::sql {

namespace {

const ops::FunctionRegistry& registry() {
  return ops::FunctionRegistry::instance();
}

Status not_supported(const std::string& what, SourcePos pos) {
  return Status::not_supported(what + " is not supported yet", pos);
}

bool is_system_column(const std::string& name) {
  return !name.empty() && name[0] == '_';
}

}  // namespace

void Binder::add_replacement(std::string text, ops::ExprPtr expr) {
  replacements_[std::move(text)] = std::move(expr);
}

void Binder::add_alias(const std::string& name, ops::ExprPtr expr) {
  aliases_.emplace_back(name, std::move(expr));
}

std::string Binder::derived_name(const Expr& expr) {
  if (expr.kind == ExprKind::kColumnRef) {
    return expr.name;
  }
  return to_string(expr);
}

Result<std::vector<ops::ExprPtr>> Binder::bind_all(const std::vector<ExprPtr>& exprs) {
  std::vector<ops::ExprPtr> out;
  out.reserve(exprs.size());
  for (const auto& e : exprs) {
    EDDY_ASSIGN_OR_RAISE(auto bound, bind(*e));
    out.push_back(std::move(bound));
  }
  return out;
}

Result<ops::ExprPtr> Binder::bind(const Expr& expr) {
  if (!replacements_.empty() && expr.kind != ExprKind::kLiteral) {
    if (auto it = replacements_.find(to_string(expr)); it != replacements_.end()) {
      return it->second;
    }
  }
  switch (expr.kind) {
    case ExprKind::kLiteral:
      return bind_literal(expr);
    case ExprKind::kColumnRef:
      return bind_column(expr);
    case ExprKind::kUnary: {
      EDDY_ASSIGN_OR_RAISE(auto arg, bind(*expr.args[0]));
      if (expr.unary_op == UnaryOp::kPlus) {
        if (!arg->type.is_numeric() && arg->type.id != TypeId::kNull) {
          return Status::bind_error("unary '+' expects a number, got " + arg->type.to_string(),
                                    expr.pos);
        }
        return arg;
      }
      const char* fn = expr.unary_op == UnaryOp::kNot ? "NOT" : "NEGATE";
      return registry().make_call(fn, {std::move(arg)}, expr.pos);
    }
    case ExprKind::kBinary: {
      EDDY_ASSIGN_OR_RAISE(auto args, bind_all(expr.args));
      // The SQL spelling of an operator is also its name in the function registry.
      return registry().make_call(binary_op_name(expr.binary_op), std::move(args), expr.pos);
    }
    case ExprKind::kIsNull: {
      EDDY_ASSIGN_OR_RAISE(auto args, bind_all(expr.args));
      return registry().make_call(expr.negated ? "IS_NOT_NULL" : "IS_NULL", std::move(args),
                                  expr.pos);
    }
    case ExprKind::kInList:
    case ExprKind::kBetween: {
      EDDY_ASSIGN_OR_RAISE(auto args, bind_all(expr.args));
      const char* fn = expr.kind == ExprKind::kInList ? "IN" : "BETWEEN";
      EDDY_ASSIGN_OR_RAISE(auto call, registry().make_call(fn, std::move(args), expr.pos));
      if (expr.negated) {
        return registry().make_call("NOT", {std::move(call)}, expr.pos);
      }
      return call;
    }
    case ExprKind::kLike: {
      EDDY_ASSIGN_OR_RAISE(auto args, bind_all(expr.args));
      return registry().make_call(expr.negated ? "NOT_LIKE" : "LIKE", std::move(args), expr.pos);
    }
    case ExprKind::kFunction:
      return bind_function(expr);
    case ExprKind::kCast: {
      if (!expr.cast_type.type) {
        return not_supported("type " + expr.cast_type.text, expr.cast_type.pos);
      }
      EDDY_ASSIGN_OR_RAISE(auto arg, bind(*expr.args[0]));
      return ops::make_cast(std::move(arg), *expr.cast_type.type, expr.pos);
    }
    case ExprKind::kExtract: {
      EDDY_ASSIGN_OR_RAISE(auto arg, bind(*expr.args[0]));
      return registry().make_call(
          "EXTRACT", {ops::make_literal(Value::varchar(expr.name), expr.pos), std::move(arg)},
          expr.pos);
    }
    case ExprKind::kCase:
      return bind_case(expr);
    case ExprKind::kSubquery:
    case ExprKind::kInSubquery:
    case ExprKind::kExists:
    case ExprKind::kQuantified:
      return not_supported("a subquery", expr.pos);
    case ExprKind::kCurrentTimestamp:
      return registry().make_call("CURRENT_TIMESTAMP", {}, expr.pos);
  }
  return Status::internal("unknown expression kind");
}

Result<ops::ExprPtr> Binder::bind_literal(const Expr& expr) {
  const Literal& lit = expr.literal;
  switch (lit.kind) {
    case LiteralKind::kNull:
      return ops::make_literal(Value::null(), expr.pos);
    case LiteralKind::kBoolean:
      return ops::make_literal(Value::boolean(lit.bool_value), expr.pos);
    case LiteralKind::kInteger:
      return ops::make_literal(Value::bigint(lit.int_value), expr.pos);
    case LiteralKind::kFloat:
      return ops::make_literal(Value::float64(lit.float_value), expr.pos);
    case LiteralKind::kString:
      return ops::make_literal(Value::varchar(lit.text), expr.pos);
    case LiteralKind::kInterval:
      // An interval is a number of milliseconds; TIMESTAMP ± BIGINT is TIMESTAMP arithmetic.
      return ops::make_literal(Value::bigint(lit.duration.ms), expr.pos);
    case LiteralKind::kDecimal: {
      // A literal like 12.50 is an exact DECIMAL(4,2) when it fits 18 digits, else a DOUBLE.
      std::string_view text = lit.text;
      size_t point = text.find('.');
      int scale = point == std::string_view::npos ? 0 : static_cast<int>(text.size() - point - 1);
      int digits = 0;
      for (char c : text) {
        digits += (c >= '0' && c <= '9') ? 1 : 0;
      }
      if (digits <= DataType::kMaxDecimalPrecision) {
        if (auto unscaled = parse_decimal(text, scale)) {
          int precision = std::max(digits, scale + 1);
          precision = std::min<int>(precision, DataType::kMaxDecimalPrecision);
          return ops::make_literal(Value::decimal(*unscaled, static_cast<uint8_t>(precision),
                                                  static_cast<uint8_t>(scale)),
                                   expr.pos);
        }
      }
      return ops::make_literal(Value::float64(std::strtod(lit.text.c_str(), nullptr)), expr.pos);
    }
  }
  return Status::internal("unknown literal kind");
}

Result<ops::ExprPtr> Binder::bind_column(const Expr& expr) {
  if (!expr.qualifier.empty() && !iequals(expr.qualifier, scope_.stream) &&
      !(!scope_.alias.empty() && iequals(expr.qualifier, scope_.alias))) {
    std::string known = "'" + scope_.stream + "'";
    if (!scope_.alias.empty()) {
      known += " or its alias '" + scope_.alias + "'";
    }
    return Status::bind_error(
        "unknown stream or alias '" + expr.qualifier + "'; this query reads " + known, expr.pos);
  }
  if (auto index = scope_.schema->find(expr.name)) {
    const Field& f = scope_.schema->field(*index);
    return ops::make_column(*index, f.type, f.name, expr.pos);
  }
  if (is_system_column(expr.name)) {
    if (iequals(expr.name, "_event_time") || iequals(expr.name, "_timestamp")) {
      if (!scope_.has_event_time) {
        return Status::bind_error(
            "'" + expr.name + "' needs an event time: " + scope_.event_time_hint, expr.pos);
      }
      return ops::make_event_time(expr.pos);
    }
    if (iequals(expr.name, "_window_start") || iequals(expr.name, "_window_end")) {
      return Status::bind_error(
          "'" + expr.name + "' is only available in a query with a WINDOW clause", expr.pos);
    }
    if (iequals(expr.name, "_partition") || iequals(expr.name, "_offset") ||
        iequals(expr.name, "_key") || iequals(expr.name, "_topic")) {
      return not_supported("the system column '" + expr.name + "'", expr.pos);
    }
  }
  if (expr.qualifier.empty()) {
    for (auto it = aliases_.rbegin(); it != aliases_.rend(); ++it) {
      if (iequals(it->first, expr.name)) {
        return it->second;
      }
    }
  }
  if (grouped_source_ && grouped_source_->find(expr.name)) {
    return Status::bind_error(
        "column '" + expr.name + "' must appear in GROUP BY or be used in an aggregate function",
        expr.pos);
  }
  std::vector<std::string_view> names;
  for (const auto& f : scope_.schema->fields()) {
    names.push_back(f.name);
  }
  std::string msg = "unknown column '" + expr.name + "'";
  if (auto hint = closest_match(expr.name, names)) {
    msg += "; did you mean '" + *hint + "'?";
  } else {
    msg += " in stream '" + scope_.stream + "' " + scope_.schema->to_string();
  }
  return Status::bind_error(msg, expr.pos);
}

Result<ops::ExprPtr> Binder::bind_function(const Expr& expr) {
  const std::string& name = expr.name;
  if (expr.over) {
    return Status::bind_error(
        "the analytic function " + name + " ... OVER (...) is only allowed in the select list",
        expr.pos);
  }
  if (registry().is_aggregate(name)) {
    return Status::bind_error(aggregate_error_.empty()
                                  ? "the aggregate function " + name + " is not allowed here"
                                  : aggregate_error_,
                              expr.pos);
  }
  if (registry().is_window_function(name)) {
    return Status::bind_error(
        "the window function " + name + " needs an OVER (ROWS WINDOW BUFFER n ROWS ...) clause",
        expr.pos);
  }
  if (expr.distinct) {
    return Status::bind_error("DISTINCT is only allowed in aggregate functions, not in " + name,
                              expr.pos);
  }
  if (expr.star_arg) {
    return Status::bind_error("'*' is only allowed in COUNT(*), not in " + name + "(*)", expr.pos);
  }
  if (!expr.within_group.empty()) {
    return not_supported("WITHIN GROUP", expr.pos);
  }
  EDDY_ASSIGN_OR_RAISE(auto args, bind_all(expr.args));
  return registry().make_call(name, std::move(args), expr.pos);
}

Result<ops::ExprPtr> Binder::bind_case(const Expr& expr) {
  ops::ExprPtr operand;
  if (expr.has_operand) {
    EDDY_ASSIGN_OR_RAISE(operand, bind(*expr.args[0]));
  }
  std::vector<ops::ExprPtr> whens;
  std::vector<ops::ExprPtr> thens;
  for (const auto& w : expr.whens) {
    EDDY_ASSIGN_OR_RAISE(auto when, bind(*w.when));
    if (operand) {
      // A simple CASE x WHEN v compares x = v, which is what the searched form evaluates.
      EDDY_ASSIGN_OR_RAISE(when,
                           registry().make_call("=", {operand, std::move(when)}, w.when->pos));
    }
    EDDY_ASSIGN_OR_RAISE(auto then, bind(*w.then));
    whens.push_back(std::move(when));
    thens.push_back(std::move(then));
  }
  ops::ExprPtr else_expr;
  if (expr.else_expr) {
    EDDY_ASSIGN_OR_RAISE(else_expr, bind(*expr.else_expr));
  }
  return ops::make_case(std::move(whens), std::move(thens), std::move(else_expr), expr.pos);
}

}  // namespace eddy::sql
