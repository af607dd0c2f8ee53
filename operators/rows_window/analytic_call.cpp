#include "operators/rows_window/analytic_call.hpp"

#include <array>
#include <utility>

#include "runtime/core/schema.hpp"

namespace eddy::ops {
namespace {

struct NamedKind {
  std::string_view name;
  AnalyticKind kind;
};

constexpr std::array<NamedKind, 19> kNames = {{
    {"LAG", AnalyticKind::kLag},
    {"LEAD", AnalyticKind::kLead},
    {"ROW_NUMBER", AnalyticKind::kRowNumber},
    {"RANK", AnalyticKind::kRank},
    {"DENSE_RANK", AnalyticKind::kDenseRank},
    {"FIRST_VALUE", AnalyticKind::kFirstValue},
    {"LAST_VALUE", AnalyticKind::kLastValue},
    {"NTH_VALUE", AnalyticKind::kNthValue},
    {"AVG", AnalyticKind::kAvg},
    {"SUM", AnalyticKind::kSum},
    {"MIN", AnalyticKind::kMin},
    {"MAX", AnalyticKind::kMax},
    {"COUNT", AnalyticKind::kCount},
    {"STDDEV", AnalyticKind::kStddevSamp},
    {"STDDEV_SAMP", AnalyticKind::kStddevSamp},
    {"STDDEV_POP", AnalyticKind::kStddevPop},
    {"VARIANCE", AnalyticKind::kVarSamp},
    {"VAR_SAMP", AnalyticKind::kVarSamp},
    {"VAR_POP", AnalyticKind::kVarPop},
}};

Status arity_error(std::string_view name, std::string_view expected, size_t got, SourcePos pos) {
  return Status::bind_error("window function " + std::string(name) + " expects " +
                                std::string(expected) + ", got " + std::to_string(got) +
                                " arguments",
                            pos);
}

/// Reads a constant integer argument (LAG/LEAD offset, NTH_VALUE position) that must be >= min.
Result<int64_t> constant_int(const ExprPtr& arg, std::string_view fn, std::string_view what,
                             int64_t min, SourcePos pos) {
  if (!arg || arg->kind != ExprKind::kLiteral || arg->literal.is_null() ||
      arg->type.id != TypeId::kBigint || arg->literal.int64() < min) {
    return Status::bind_error(std::string(fn) + " " + std::string(what) +
                                  " must be an integer constant >= " + std::to_string(min) +
                                  ", e.g. " + std::string(fn) + "(price, " + std::to_string(min) +
                                  ")",
                              arg && arg->pos.known() ? arg->pos : pos);
  }
  return arg->literal.int64();
}

Status check_value_arg(const ExprPtr& arg, std::string_view fn, bool numeric, SourcePos pos) {
  if (!arg) {
    return Status::internal("window function " + std::string(fn) + " has a null argument");
  }
  SourcePos at = arg->pos.known() ? arg->pos : pos;
  if (numeric && !arg->type.is_numeric()) {
    return Status::bind_error("window function " + std::string(fn) +
                                  " expects a numeric (BIGINT, DOUBLE or DECIMAL) argument, got " +
                                  arg->type.to_string(),
                              at);
  }
  if (arg->type.id == TypeId::kNull) {
    return Status::bind_error("window function " + std::string(fn) +
                                  " needs a typed argument, got a bare NULL; CAST it to a type",
                              at);
  }
  return Status::ok();
}

}  // namespace

const char* analytic_kind_name(AnalyticKind kind) {
  switch (kind) {
    case AnalyticKind::kLag:
      return "LAG";
    case AnalyticKind::kLead:
      return "LEAD";
    case AnalyticKind::kRowNumber:
      return "ROW_NUMBER";
    case AnalyticKind::kRank:
      return "RANK";
    case AnalyticKind::kDenseRank:
      return "DENSE_RANK";
    case AnalyticKind::kFirstValue:
      return "FIRST_VALUE";
    case AnalyticKind::kLastValue:
      return "LAST_VALUE";
    case AnalyticKind::kNthValue:
      return "NTH_VALUE";
    case AnalyticKind::kAvg:
      return "AVG";
    case AnalyticKind::kSum:
      return "SUM";
    case AnalyticKind::kMin:
      return "MIN";
    case AnalyticKind::kMax:
      return "MAX";
    case AnalyticKind::kCount:
    case AnalyticKind::kCountStar:
      return "COUNT";
    case AnalyticKind::kStddevSamp:
      return "STDDEV_SAMP";
    case AnalyticKind::kStddevPop:
      return "STDDEV_POP";
    case AnalyticKind::kVarSamp:
      return "VAR_SAMP";
    case AnalyticKind::kVarPop:
      return "VAR_POP";
  }
  return "?";
}

std::string AnalyticCall::to_string() const {
  std::string out = analytic_kind_name(kind);
  out += "(";
  if (kind == AnalyticKind::kCountStar) {
    out += "*";
  }
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += args[i] ? args[i]->to_string() : "?";
  }
  out += ")";
  if (frame.preceding >= 0) {
    out += " ROWS " + std::to_string(frame.preceding) + " PRECEDING";
  }
  return out;
}

Result<AnalyticCall> make_analytic(std::string_view name, std::vector<ExprPtr> args,
                                   FrameSpec frame, SourcePos pos) {
  const NamedKind* found = nullptr;
  for (const auto& nk : kNames) {
    if (iequals(nk.name, name)) {
      found = &nk;
      break;
    }
  }
  if (found == nullptr) {
    if (iequals(name, "PERCENT_RANK") || iequals(name, "CUME_DIST") || iequals(name, "NTILE")) {
      return Status::not_supported(
          "window function " + std::string(name) +
              " is not supported in ROWS WINDOW; use RANK, DENSE_RANK or ROW_NUMBER",
          pos);
    }
    return Status::bind_error(
        "unknown window function '" + std::string(name) +
            "'; ROWS WINDOW supports LAG, LEAD, ROW_NUMBER, RANK, DENSE_RANK, FIRST_VALUE, "
            "LAST_VALUE, NTH_VALUE, AVG, SUM, MIN, MAX, COUNT, STDDEV, VARIANCE",
        pos);
  }
  if (frame.preceding < -1) {
    return Status::bind_error(
        "ROWS BETWEEN n PRECEDING needs n >= 0, got " + std::to_string(frame.preceding), pos);
  }
  if (frame.following != 0) {
    return Status::not_supported(
        "ROWS BETWEEN ... FOLLOWING is not supported in ROWS WINDOW: the frame must end at "
        "CURRENT ROW; use LEAD to look at later rows",
        pos);
  }

  AnalyticCall call;
  call.kind = found->kind;
  call.frame = frame;
  std::string_view fn = found->name;
  if (call.kind == AnalyticKind::kCount && args.empty()) {
    call.kind = AnalyticKind::kCountStar;
  }
  switch (call.kind) {
    case AnalyticKind::kRowNumber:
    case AnalyticKind::kRank:
    case AnalyticKind::kDenseRank:
    case AnalyticKind::kCountStar:
      if (!args.empty()) {
        return arity_error(fn, "no arguments", args.size(), pos);
      }
      call.result_type = DataType::bigint();
      break;
    case AnalyticKind::kLag:
    case AnalyticKind::kLead: {
      if (args.empty() || args.size() > 3) {
        return arity_error(fn, "1 to 3 arguments (value[, offset[, default]])", args.size(), pos);
      }
      EDDY_RETURN_NOT_OK(check_value_arg(args[0], fn, false, pos));
      if (args.size() < 2) {
        args.push_back(make_literal(Value::bigint(1), pos));
      }
      EDDY_RETURN_NOT_OK(constant_int(args[1], fn, "offset", 0, pos).status());
      if (args.size() < 3) {
        args.push_back(make_literal(Value::null(args[0]->type), pos));
      } else {
        if (!args[2]) {
          return Status::internal("window function " + std::string(fn) + " has a null default");
        }
        auto cast = make_implicit_cast(args[2], args[0]->type, args[2]->pos);
        if (!cast.is_ok()) {
          return Status::bind_error(
              std::string(fn) + " default of type " + args[2]->type.to_string() +
                  " does not match the value type " + args[0]->type.to_string() + "; CAST it",
              args[2]->pos.known() ? args[2]->pos : pos);
        }
        args[2] = std::move(cast).value();
      }
      call.result_type = args[0]->type;
      break;
    }
    case AnalyticKind::kNthValue:
      if (args.size() != 2) {
        return arity_error(fn, "2 arguments (value, n)", args.size(), pos);
      }
      EDDY_RETURN_NOT_OK(check_value_arg(args[0], fn, false, pos));
      EDDY_RETURN_NOT_OK(constant_int(args[1], fn, "position", 1, pos).status());
      call.result_type = args[0]->type;
      break;
    case AnalyticKind::kFirstValue:
    case AnalyticKind::kLastValue:
    case AnalyticKind::kMin:
    case AnalyticKind::kMax:
    case AnalyticKind::kCount:
      if (args.size() != 1) {
        return arity_error(fn, "1 argument", args.size(), pos);
      }
      EDDY_RETURN_NOT_OK(check_value_arg(args[0], fn, false, pos));
      call.result_type = call.kind == AnalyticKind::kCount ? DataType::bigint() : args[0]->type;
      break;
    case AnalyticKind::kAvg:
    case AnalyticKind::kSum:
    case AnalyticKind::kStddevSamp:
    case AnalyticKind::kStddevPop:
    case AnalyticKind::kVarSamp:
    case AnalyticKind::kVarPop:
      if (args.size() != 1) {
        return arity_error(fn, "1 argument", args.size(), pos);
      }
      EDDY_RETURN_NOT_OK(check_value_arg(args[0], fn, true, pos));
      call.result_type = DataType::float64();
      if (call.kind == AnalyticKind::kSum) {
        const DataType& t = args[0]->type;
        call.result_type = t.id == TypeId::kDecimal
                               ? DataType::decimal(DataType::kMaxDecimalPrecision, t.scale)
                               : t;
      }
      break;
  }
  call.args = std::move(args);
  return call;
}

}  // namespace eddy::ops
