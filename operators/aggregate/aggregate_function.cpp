#include "operators/aggregate/aggregate_function.hpp"

#include <algorithm>
#include <cctype>
#include <string>

namespace eddy::ops {

namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return out;
}

Status expects(const std::string& name, const char* what, const DataType& got, SourcePos pos) {
  return Status::bind_error(name + " expects " + what + ", got " + got.to_string(), pos);
}

Status arity(const std::string& name, const char* what, size_t got, SourcePos pos) {
  return Status::bind_error(name + " takes " + what + ", got " + std::to_string(got) +
                                " arguments; write for example " + name + "(amount)",
                            pos);
}

// The widest DECIMAL with the input's scale: what SUM and DELTA of a DECIMAL return.
DataType widened(const DataType& t) {
  return t.id == TypeId::kDecimal ? DataType::decimal(DataType::kMaxDecimalPrecision, t.scale) : t;
}

// Reads a constant numeric argument (the PERCENTILE fraction).
Result<double> constant_fraction(const std::string& name, const ExprPtr& e, SourcePos pos) {
  if (e->kind != ExprKind::kLiteral || e->literal.is_null() || !e->literal.type().is_numeric()) {
    return Status::bind_error(
        name + " expects a constant fraction between 0 and 1 as its second argument, as in " +
            name + "(latency, 0.95)",
        e->pos.known() ? e->pos : pos);
  }
  double f = e->literal.to_double();
  if (!(f >= 0.0 && f <= 1.0)) {
    return Status::bind_error(
        name + " fraction must be between 0 and 1, got " + e->literal.to_string(),
        e->pos.known() ? e->pos : pos);
  }
  return f;
}

}  // namespace

Result<AggregateSpec> make_aggregate(std::string_view name_in, std::vector<ExprPtr> args,
                                     bool distinct, SourcePos pos) {
  const std::string name = upper(name_in);
  for (const auto& a : args) {
    if (a == nullptr) {
      return Status::internal("make_aggregate: null argument to " + name);
    }
  }
  // A bare NULL literal has no type to aggregate; read it as a NULL BIGINT.
  if (!args.empty() && args[0]->type.id == TypeId::kNull) {
    EDDY_ASSIGN_OR_RAISE(args[0], make_implicit_cast(args[0], DataType::bigint(), pos));
  }
  AggregateSpec spec;
  auto one_arg = [&]() -> Status {
    if (args.size() != 1) {
      return arity(name, "one argument", args.size(), pos);
    }
    spec.arg = args[0];
    return Status::ok();
  };
  auto numeric_arg = [&]() -> Status {
    EDDY_RETURN_NOT_OK(one_arg());
    if (!spec.arg->type.is_numeric()) {
      return expects(name, "a number", spec.arg->type, spec.arg->pos.known() ? spec.arg->pos : pos);
    }
    return Status::ok();
  };
  if (distinct && name != "COUNT" && name != "MIN" && name != "MAX" && name != "COUNT_DISTINCT") {
    return Status::not_supported(
        name + "(DISTINCT ...) is not supported yet; only COUNT(DISTINCT x) is", pos);
  }

  if (name == "COUNT") {
    if (args.empty()) {
      if (distinct) {
        return Status::bind_error("COUNT(DISTINCT ...) needs an argument", pos);
      }
      spec.kind = AggregateKind::kCountStar;
    } else {
      EDDY_RETURN_NOT_OK(one_arg());
      spec.kind = distinct ? AggregateKind::kCountDistinct : AggregateKind::kCount;
    }
    spec.result_type = DataType::bigint();
  } else if (name == "COUNT_DISTINCT" || name == "APPROX_COUNT_DISTINCT") {
    EDDY_RETURN_NOT_OK(one_arg());
    spec.kind = AggregateKind::kCountDistinct;
    spec.result_type = DataType::bigint();
  } else if (name == "SUM") {
    EDDY_RETURN_NOT_OK(numeric_arg());
    spec.kind = AggregateKind::kSum;
    spec.result_type = widened(spec.arg->type);
  } else if (name == "AVG") {
    EDDY_RETURN_NOT_OK(numeric_arg());
    spec.kind = AggregateKind::kAvg;
    const DataType& t = spec.arg->type;
    spec.result_type = t.id == TypeId::kDecimal ? DataType::decimal(DataType::kMaxDecimalPrecision,
                                                                    std::max<uint8_t>(t.scale, 4))
                                                : DataType::float64();
  } else if (name == "MIN" || name == "MAX" || name == "FIRST_VALUE" || name == "FIRST" ||
             name == "LAST_VALUE" || name == "LAST") {
    EDDY_RETURN_NOT_OK(one_arg());
    spec.kind = name == "MIN"               ? AggregateKind::kMin
                : name == "MAX"             ? AggregateKind::kMax
                : name.starts_with("FIRST") ? AggregateKind::kFirstValue
                                            : AggregateKind::kLastValue;
    spec.result_type = spec.arg->type;
  } else if (name == "STDDEV" || name == "STDDEV_SAMP" || name == "STDDEV_POP" ||
             name == "VARIANCE" || name == "VAR_SAMP" || name == "VAR_POP") {
    EDDY_RETURN_NOT_OK(numeric_arg());
    spec.kind = name == "STDDEV_POP"         ? AggregateKind::kStddevPop
                : name == "VAR_POP"          ? AggregateKind::kVarPop
                : name.starts_with("STDDEV") ? AggregateKind::kStddevSamp
                                             : AggregateKind::kVarSamp;
    spec.result_type = DataType::float64();
  } else if (name == "MEDIAN") {
    EDDY_RETURN_NOT_OK(numeric_arg());
    spec.kind = AggregateKind::kMedian;
    spec.fraction = 0.5;
    spec.result_type = DataType::float64();
  } else if (name == "PERCENTILE_CONT" || name == "PERCENTILE_DISC") {
    if (args.size() != 2) {
      return Status::bind_error(
          name + " takes a value and a constant fraction, as in " + name + "(latency, 0.95)", pos);
    }
    spec.arg = args[0];
    EDDY_ASSIGN_OR_RAISE(spec.fraction, constant_fraction(name, args[1], pos));
    const DataType& t = spec.arg->type;
    if (name == "PERCENTILE_CONT") {
      if (!t.is_numeric()) {
        return expects(name, "a number", t, spec.arg->pos.known() ? spec.arg->pos : pos);
      }
      spec.kind = AggregateKind::kPercentileCont;
      spec.result_type = DataType::float64();
    } else {
      if (!t.is_numeric() && t.id != TypeId::kTimestamp) {
        return expects(name, "a number or a TIMESTAMP", t,
                       spec.arg->pos.known() ? spec.arg->pos : pos);
      }
      spec.kind = AggregateKind::kPercentileDisc;
      spec.result_type = t;
    }
  } else if (name == "STRING_AGG" || name == "GROUP_CONCAT" || name == "LISTAGG") {
    if (args.empty() || args.size() > 2) {
      return Status::bind_error(
          name + " takes a value and an optional separator, as in " + name + "(name, ', ')", pos);
    }
    if (args.size() == 2) {
      const ExprPtr& sep = args[1];
      if (sep->kind != ExprKind::kLiteral || sep->literal.is_null() ||
          sep->literal.type().id != TypeId::kVarchar) {
        return Status::bind_error(
            name + " expects a constant string separator, as in " + name + "(name, ', ')",
            sep->pos.known() ? sep->pos : pos);
      }
      spec.separator = sep->literal.str();
    }
    spec.arg = args[0];
    if (spec.arg->type.id != TypeId::kVarchar) {
      EDDY_ASSIGN_OR_RAISE(spec.arg, make_implicit_cast(spec.arg, DataType::varchar(), pos));
    }
    spec.kind = AggregateKind::kStringAgg;
    spec.result_type = DataType::varchar();
  } else if (name == "DELTA") {
    EDDY_RETURN_NOT_OK(numeric_arg());
    spec.kind = AggregateKind::kDelta;
    spec.result_type = widened(spec.arg->type);
  } else if (name == "CORR" || name == "COVAR_POP" || name == "COVAR_SAMP" ||
             name == "REGR_SLOPE" || name == "REGR_INTERCEPT" || name == "REGR_R2" ||
             name == "COLLECT") {
    return Status::not_supported("aggregate function " + name + " is not supported yet", pos);
  } else {
    return Status::bind_error("unknown aggregate function " + name +
                                  "; known: COUNT, SUM, AVG, MIN, MAX, COUNT_DISTINCT, "
                                  "FIRST_VALUE, LAST_VALUE, STDDEV, VARIANCE, MEDIAN, "
                                  "PERCENTILE_CONT, PERCENTILE_DISC, STRING_AGG, DELTA",
                              pos);
  }
  return spec;
}

const char* aggregate_kind_name(AggregateKind kind) {
  switch (kind) {
    case AggregateKind::kCountStar:
    case AggregateKind::kCount:
      return "COUNT";
    case AggregateKind::kSum:
      return "SUM";
    case AggregateKind::kAvg:
      return "AVG";
    case AggregateKind::kMin:
      return "MIN";
    case AggregateKind::kMax:
      return "MAX";
    case AggregateKind::kCountDistinct:
      return "COUNT_DISTINCT";
    case AggregateKind::kFirstValue:
      return "FIRST_VALUE";
    case AggregateKind::kLastValue:
      return "LAST_VALUE";
    case AggregateKind::kStddevSamp:
      return "STDDEV_SAMP";
    case AggregateKind::kStddevPop:
      return "STDDEV_POP";
    case AggregateKind::kVarSamp:
      return "VAR_SAMP";
    case AggregateKind::kVarPop:
      return "VAR_POP";
    case AggregateKind::kMedian:
      return "MEDIAN";
    case AggregateKind::kPercentileCont:
      return "PERCENTILE_CONT";
    case AggregateKind::kPercentileDisc:
      return "PERCENTILE_DISC";
    case AggregateKind::kStringAgg:
      return "STRING_AGG";
    case AggregateKind::kDelta:
      return "DELTA";
  }
  return "?";
}

std::string aggregate_to_string(const AggregateSpec& spec) {
  std::string out = aggregate_kind_name(spec.kind);
  out += "(";
  out += spec.arg == nullptr ? "*" : spec.arg->to_string();
  if (spec.kind == AggregateKind::kPercentileCont || spec.kind == AggregateKind::kPercentileDisc) {
    out += ", " + std::to_string(spec.fraction);
  }
  return out + ")";
}

}  // namespace eddy::ops
