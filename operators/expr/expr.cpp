#include "operators/expr/expr.hpp"

#include "operators/expr/type_coercion.hpp"
#include "runtime/core/decimal.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy::ops {

namespace {

std::string join_args(const std::vector<ExprPtr>& args, size_t from, size_t to) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) {
      out += ", ";
    }
    out += args[i]->to_string();
  }
  return out;
}

std::string call_to_string(const Expr& e) {
  const ScalarFunction& fn = *e.function;
  const auto& a = e.args;
  switch (fn.notation) {
    case Notation::kInfix:
      if (a.size() == 2) {
        return "(" + a[0]->to_string() + " " + fn.symbol + " " + a[1]->to_string() + ")";
      }
      break;
    case Notation::kPrefix:
      if (a.size() == 1) {
        // "-" binds tightly; word operators need a space.
        const char* sep = fn.symbol == "-" ? "" : " ";
        return "(" + fn.symbol + sep + a[0]->to_string() + ")";
      }
      break;
    case Notation::kPostfix:
      if (a.size() == 1) {
        return "(" + a[0]->to_string() + " " + fn.symbol + ")";
      }
      break;
    case Notation::kBetween:
      if (a.size() == 3) {
        return "(" + a[0]->to_string() + " BETWEEN " + a[1]->to_string() + " AND " +
               a[2]->to_string() + ")";
      }
      break;
    case Notation::kIn:
      if (!a.empty()) {
        return "(" + a[0]->to_string() + " IN (" + join_args(a, 1, a.size()) + "))";
      }
      break;
    case Notation::kFunction:
      break;
  }
  return fn.name + "(" + join_args(a, 0, a.size()) + ")";
}

std::string case_to_string(const Expr& e) {
  std::string out = "CASE";
  size_t pairs = (e.args.size() - (e.case_has_else ? 1 : 0)) / 2;
  for (size_t k = 0; k < pairs; ++k) {
    out += " WHEN " + e.args[2 * k]->to_string() + " THEN " + e.args[2 * k + 1]->to_string();
  }
  if (e.case_has_else) {
    out += " ELSE " + e.args.back()->to_string();
  }
  return out + " END";
}

Result<ExprPtr> make_cast_impl(ExprPtr input, DataType to, SourcePos pos, bool implicit) {
  if (input->type == to) {
    return input;
  }
  if (!can_cast(input->type, to)) {
    return Status::bind_error("cannot cast " + input->type.to_string() + " to " + to.to_string() +
                                  " in " + input->to_string() +
                                  "; convert through BIGINT or VARCHAR, or compare other columns",
                              pos);
  }
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCast;
  e->type = to;
  e->pos = pos;
  e->implicit_cast = implicit;
  e->args.push_back(std::move(input));
  return ExprPtr(std::move(e));
}

}  // namespace

std::string literal_to_sql(const Value& v) {
  if (v.is_null()) {
    return "NULL";
  }
  switch (v.type().id) {
    case TypeId::kVarchar: {
      std::string out = "'";
      for (char c : v.str()) {
        out += c;
        if (c == '\'') {
          out += '\'';
        }
      }
      return out + "'";
    }
    case TypeId::kBoolean:
      return v.boolean() ? "TRUE" : "FALSE";
    case TypeId::kTimestamp:
      return "TIMESTAMP '" + format_timestamp(v.int64()) + "'";
    default:
      return v.to_string();
  }
}

std::string Expr::to_string() const {
  switch (kind) {
    case ExprKind::kColumn:
      return name;
    case ExprKind::kEventTime:
      return "_event_time";
    case ExprKind::kLiteral:
      return literal_to_sql(literal);
    case ExprKind::kCall:
      return call_to_string(*this);
    case ExprKind::kCast:
      if (implicit_cast) {
        return args[0]->to_string();
      }
      return "CAST(" + args[0]->to_string() + " AS " + type.to_string() + ")";
    case ExprKind::kCase:
      return case_to_string(*this);
  }
  return "?";
}

ExprPtr make_column(size_t index, DataType type, std::string name, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kColumn;
  e->type = type;
  e->pos = pos;
  e->column_index = index;
  e->name = std::move(name);
  return e;
}

ExprPtr make_event_time(SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kEventTime;
  e->type = DataType::timestamp();
  e->pos = pos;
  e->name = "_event_time";
  return e;
}

ExprPtr make_literal(Value v, SourcePos pos) {
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kLiteral;
  e->type = v.type();
  e->pos = pos;
  e->literal = std::move(v);
  return e;
}

Result<ExprPtr> make_cast(ExprPtr input, DataType to, SourcePos pos) {
  return make_cast_impl(std::move(input), to, pos, /*implicit=*/false);
}

Result<ExprPtr> make_implicit_cast(ExprPtr input, DataType to, SourcePos pos) {
  return make_cast_impl(std::move(input), to, pos, /*implicit=*/true);
}

Result<ExprPtr> make_case(std::vector<ExprPtr> whens, std::vector<ExprPtr> thens,
                          ExprPtr else_or_null, SourcePos pos) {
  if (whens.empty() || whens.size() != thens.size()) {
    return Status::bind_error("CASE needs at least one WHEN ... THEN ... branch", pos);
  }
  std::vector<DataType> types;
  for (const auto& t : thens) {
    types.push_back(t->type);
  }
  if (else_or_null) {
    types.push_back(else_or_null->type);
  }
  std::optional<DataType> result = common_type(types);
  if (!result) {
    std::string list;
    for (const auto& t : types) {
      list += (list.empty() ? "" : ", ") + t.to_string();
    }
    return Status::bind_error(
        "CASE branches have incompatible types (" + list + "); CAST them to one type", pos);
  }
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCase;
  e->type = *result;
  e->pos = pos;
  for (size_t k = 0; k < whens.size(); ++k) {
    ExprPtr when = std::move(whens[k]);
    if (when->type.id != TypeId::kBoolean && when->type.id != TypeId::kNull) {
      return Status::bind_error("CASE WHEN condition " + when->to_string() +
                                    " must be BOOLEAN, got " + when->type.to_string(),
                                when->pos.known() ? when->pos : pos);
    }
    EDDY_ASSIGN_OR_RAISE(when, make_implicit_cast(std::move(when), DataType::boolean(), pos));
    EDDY_ASSIGN_OR_RAISE(ExprPtr then, make_implicit_cast(std::move(thens[k]), *result, pos));
    e->args.push_back(std::move(when));
    e->args.push_back(std::move(then));
  }
  if (else_or_null) {
    EDDY_ASSIGN_OR_RAISE(ExprPtr el, make_implicit_cast(std::move(else_or_null), *result, pos));
    e->args.push_back(std::move(el));
    e->case_has_else = true;
  }
  return ExprPtr(std::move(e));
}

}  // namespace eddy::ops
