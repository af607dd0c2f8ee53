// Date/time functions over TIMESTAMP (epoch milliseconds, UTC).

#include <array>
#include <cmath>
#include <cstdio>
#include <optional>

#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy::ops::detail {

namespace {

const DataType kTs = DataType::timestamp();
const DataType kBigint = DataType::bigint();
constexpr int64_t kDayMs = 86400000;

enum class Part : uint8_t {
  kYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kMillisecond,
  kDow,
  kDoy,
  kEpoch,
};

std::optional<Part> parse_part(const std::string& s) {
  static const std::array<std::pair<const char*, Part>, 24> kNames = {{
      {"YEAR", Part::kYear},
      {"YEARS", Part::kYear},
      {"QUARTER", Part::kQuarter},
      {"MONTH", Part::kMonth},
      {"MONTHS", Part::kMonth},
      {"WEEK", Part::kWeek},
      {"WEEKS", Part::kWeek},
      {"DAY", Part::kDay},
      {"DAYS", Part::kDay},
      {"HOUR", Part::kHour},
      {"HOURS", Part::kHour},
      {"MINUTE", Part::kMinute},
      {"MINUTES", Part::kMinute},
      {"SECOND", Part::kSecond},
      {"SECONDS", Part::kSecond},
      {"MILLISECOND", Part::kMillisecond},
      {"MILLISECONDS", Part::kMillisecond},
      {"MS", Part::kMillisecond},
      {"DOW", Part::kDow},
      {"DAYOFWEEK", Part::kDow},
      {"DOY", Part::kDoy},
      {"DAYOFYEAR", Part::kDoy},
      {"EPOCH", Part::kEpoch},
      {"QUARTERS", Part::kQuarter},
  }};
  for (const auto& [name, part] : kNames) {
    if (s == name) {
      return part;
    }
  }
  return std::nullopt;
}

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

// Days since epoch -> weekday with 0 = Sunday (1970-01-01 was a Thursday).
int64_t day_of_week(int64_t days) {
  return ((days % 7) + 7 + 4) % 7;
}

// ISO-8601 week number (weeks start on Monday; week 1 holds the year's first Thursday).
int64_t iso_week(int64_t days) {
  const int64_t iso_dow = (day_of_week(days) + 6) % 7;  // 0 = Monday
  const int64_t thursday = days - iso_dow + 3;
  const int64_t year = civil_from_epoch_ms(thursday * kDayMs).year;
  const int64_t jan1 = days_from_civil(year, 1, 1);
  return (thursday - jan1) / 7 + 1;
}

int64_t extract(Part part, int64_t ms) {
  const CivilTime t = civil_from_epoch_ms(ms);
  const int64_t days = floor_div(ms, kDayMs);
  switch (part) {
    case Part::kYear:
      return t.year;
    case Part::kQuarter:
      return (t.month - 1) / 3 + 1;
    case Part::kMonth:
      return t.month;
    case Part::kWeek:
      return iso_week(days);
    case Part::kDay:
      return t.day;
    case Part::kHour:
      return t.hour;
    case Part::kMinute:
      return t.minute;
    case Part::kSecond:
      return t.second;
    case Part::kMillisecond:
      return t.millis;
    case Part::kDow:
      return day_of_week(days);
    case Part::kDoy:
      return days - days_from_civil(t.year, 1, 1) + 1;
    case Part::kEpoch:
      return floor_div(ms, 1000);
  }
  return 0;
}

// Truncates to the start of the unit; WEEK starts on Monday.
int64_t truncate(Part part, int64_t ms) {
  const CivilTime t = civil_from_epoch_ms(ms);
  switch (part) {
    case Part::kYear:
      return days_from_civil(t.year, 1, 1) * kDayMs;
    case Part::kQuarter:
      return days_from_civil(t.year, (t.month - 1) / 3 * 3 + 1, 1) * kDayMs;
    case Part::kMonth:
      return days_from_civil(t.year, t.month, 1) * kDayMs;
    case Part::kWeek: {
      const int64_t days = floor_div(ms, kDayMs);
      return (days - (day_of_week(days) + 6) % 7) * kDayMs;
    }
    case Part::kDay:
      return floor_div(ms, kDayMs) * kDayMs;
    case Part::kHour:
      return floor_div(ms, 3600000) * 3600000;
    case Part::kMinute:
      return floor_div(ms, 60000) * 60000;
    case Part::kSecond:
      return floor_div(ms, 1000) * 1000;
    default:
      return ms;
  }
}

// Binds the TIMESTAMP argument: TIMESTAMP, BIGINT epoch ms, or an ISO string literal.
Result<DataType> bind_ts_arg(const std::string& fn, const Expr& arg, SourcePos pos) {
  if (arg.type.id == TypeId::kTimestamp || arg.type.id == TypeId::kNull ||
      arg.type.id == TypeId::kBigint || implicitly_castable(arg, kTs)) {
    return kTs;
  }
  return type_error(fn, "a TIMESTAMP", arg, pos);
}

const char* kPartExamples = "'YEAR', 'MONTH', 'DAY', 'HOUR', 'MINUTE', 'SECOND'";

Result<Part> bind_part(const std::string& fn, const Expr& arg, SourcePos pos) {
  EDDY_ASSIGN_OR_RAISE(std::string unit, literal_keyword(fn, arg, kPartExamples, pos));
  std::optional<Part> part = parse_part(unit);
  if (!part) {
    return Status::bind_error("function " + fn + " does not know the unit '" + unit +
                                  "'; use one of YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE, "
                                  "SECOND, MILLISECOND, DOW, DOY, EPOCH",
                              arg.pos.known() ? arg.pos : pos);
  }
  return *part;
}

// EXTRACT(part, ts) / DATE_TRUNC(unit, ts) / DATEDIFF(unit, a, b): the unit is a constant.
ScalarFunction part_function(std::string name, size_t num_ts, DataType result) {
  ScalarFunction fn;
  fn.name = name;
  fn.bind = [name, num_ts, result](const std::vector<ExprPtr>& args,
                                   SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(name, args, 1 + num_ts, 1 + num_ts, pos));
    EDDY_ASSIGN_OR_RAISE(Part part, bind_part(name, *args[0], pos));
    if (name == "DATE_TRUNC" &&
        (part == Part::kDow || part == Part::kDoy || part == Part::kEpoch)) {
      return Status::bind_error("DATE_TRUNC cannot truncate to " + args[0]->literal.str() +
                                    "; use YEAR, QUARTER, MONTH, WEEK, DAY, HOUR, MINUTE or SECOND",
                                args[0]->pos.known() ? args[0]->pos : pos);
    }
    BoundSignature sig{{args[0]->type}, result};
    for (size_t k = 1; k < args.size(); ++k) {
      EDDY_ASSIGN_OR_RAISE(DataType t, bind_ts_arg(name, *args[k], pos));
      sig.arg_types.push_back(t);
    }
    return sig;
  };
  fn.make_kernel = [name](const Expr& call) -> Result<Kernel> {
    const Part part = *parse_part(to_upper(call.args[0]->literal.str()));
    if (name == "EXTRACT") {
      return Kernel(
          [part](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
            return unary_fixed<int64_t, int64_t>(args[1], kBigint, ctx.num_rows,
                                                 [part](int64_t ms, int64_t& r) {
                                                   r = extract(part, ms);
                                                   return true;
                                                 });
          });
    }
    if (name == "DATE_TRUNC") {
      return Kernel(
          [part](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
            return unary_fixed<int64_t, int64_t>(args[1], kTs, ctx.num_rows,
                                                 [part](int64_t ms, int64_t& r) {
                                                   r = truncate(part, ms);
                                                   return true;
                                                 });
          });
    }
    // DATEDIFF: the number of unit boundaries crossed from a to b (negative when b < a).
    return Kernel([part](std::span<const Datum> args,
                         const KernelContext& ctx) -> Result<ColumnPtr> {
      return binary_fixed<int64_t, int64_t, int64_t>(
          args[1], args[2], kBigint, ctx.num_rows, [part](int64_t a, int64_t b, int64_t& r) {
            switch (part) {
              case Part::kYear:
              case Part::kQuarter:
              case Part::kMonth: {
                const CivilTime ta = civil_from_epoch_ms(a);
                const CivilTime tb = civil_from_epoch_ms(b);
                const int64_t months =
                    (tb.year - ta.year) * 12 + (static_cast<int64_t>(tb.month) - ta.month);
                r = part == Part::kMonth ? months
                    : part == Part::kYear
                        ? tb.year - ta.year
                        : (tb.year * 4 + (tb.month - 1) / 3) - (ta.year * 4 + (ta.month - 1) / 3);
                return true;
              }
              case Part::kWeek:
                r = (truncate(Part::kWeek, b) - truncate(Part::kWeek, a)) / (7 * kDayMs);
                return true;
              case Part::kDay:
                r = floor_div(b, kDayMs) - floor_div(a, kDayMs);
                return true;
              case Part::kHour:
                r = floor_div(b, 3600000) - floor_div(a, 3600000);
                return true;
              case Part::kMinute:
                r = floor_div(b, 60000) - floor_div(a, 60000);
                return true;
              case Part::kSecond:
              case Part::kEpoch:
                r = floor_div(b, 1000) - floor_div(a, 1000);
                return true;
              default:
                return !__builtin_sub_overflow(b, a, &r);
            }
          });
    });
  };
  return fn;
}

// YEAR(ts), MONTH(ts), ... as shorthands for EXTRACT.
ScalarFunction part_shorthand(std::string name, Part part) {
  ScalarFunction fn;
  fn.name = name;
  fn.bind = [name](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(name, args, 1, 1, pos));
    EDDY_ASSIGN_OR_RAISE(DataType t, bind_ts_arg(name, *args[0], pos));
    return BoundSignature{{t}, kBigint};
  };
  fn.make_kernel = [part](const Expr&) -> Result<Kernel> {
    return Kernel(
        [part](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          return unary_fixed<int64_t, int64_t>(args[0], kBigint, ctx.num_rows,
                                               [part](int64_t ms, int64_t& r) {
                                                 r = extract(part, ms);
                                                 return true;
                                               });
        });
  };
  return fn;
}

ScalarFunction now_function() {
  ScalarFunction fn;
  fn.name = "NOW";
  fn.deterministic = false;
  fn.bind = fixed_signature("NOW", {}, kTs, 0);
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum>, const KernelContext& ctx) -> Result<ColumnPtr> {
      return Column::make_constant(Value::timestamp(ctx.now_ms), ctx.num_rows);
    });
  };
  return fn;
}

ScalarFunction from_unixtime_function() {
  ScalarFunction fn;
  fn.name = "FROM_UNIXTIME";
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("FROM_UNIXTIME", args, 1, 1, pos));
    const DataType& t = args[0]->type;
    if (t.id == TypeId::kBigint || t.id == TypeId::kNull) {
      return BoundSignature{{kBigint}, kTs};
    }
    if (t.is_numeric()) {
      return BoundSignature{{DataType::float64()}, kTs};
    }
    return type_error("FROM_UNIXTIME", "a numeric (epoch seconds)", *args[0], pos);
  };
  fn.make_kernel = [](const Expr& call) -> Result<Kernel> {
    const bool exact = call.args[0]->type.id == TypeId::kBigint;
    return Kernel([exact](std::span<const Datum> args,
                          const KernelContext& ctx) -> Result<ColumnPtr> {
      if (exact) {
        return unary_fixed<int64_t, int64_t>(args[0], kTs, ctx.num_rows, [](int64_t s, int64_t& r) {
          return !__builtin_mul_overflow(s, int64_t{1000}, &r);
        });
      }
      return unary_fixed<double, int64_t>(args[0], kTs, ctx.num_rows, [](double s, int64_t& r) {
        double ms = std::round(s * 1000.0);
        if (!(ms > -9.2e18 && ms < 9.2e18)) {
          r = 0;
          return false;
        }
        r = static_cast<int64_t>(ms);
        return true;
      });
    });
  };
  return fn;
}

ScalarFunction unix_timestamp_function() {
  ScalarFunction fn;
  fn.name = "UNIX_TIMESTAMP";
  fn.deterministic = false;  // UNIX_TIMESTAMP() reads the clock
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("UNIX_TIMESTAMP", args, 0, 1, pos));
    if (args.empty()) {
      return BoundSignature{{}, kBigint};
    }
    EDDY_ASSIGN_OR_RAISE(DataType t, bind_ts_arg("UNIX_TIMESTAMP", *args[0], pos));
    return BoundSignature{{t}, kBigint};
  };
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      if (args.empty()) {
        return Column::make_constant(Value::bigint(floor_div(ctx.now_ms, 1000)), ctx.num_rows);
      }
      return unary_fixed<int64_t, int64_t>(args[0], kBigint, ctx.num_rows,
                                           [](int64_t ms, int64_t& r) {
                                             r = floor_div(ms, 1000);
                                             return true;
                                           });
    });
  };
  return fn;
}

// DATE_FORMAT(ts, pattern): %Y %m %d %H %M %S, plus %y (2-digit year), %f (milliseconds),
// %j (day of year) and %%; other characters are copied.
void format_ts(int64_t ms, std::string_view pattern, std::string& out) {
  const CivilTime t = civil_from_epoch_ms(ms);
  char buf[32];
  for (size_t i = 0; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c != '%' || i + 1 == pattern.size()) {
      out.push_back(c);
      continue;
    }
    char spec = pattern[++i];
    int len = 0;
    switch (spec) {
      case 'Y':
        len = std::snprintf(buf, sizeof buf, "%04lld", static_cast<long long>(t.year));
        break;
      case 'y':
        len = std::snprintf(buf, sizeof buf, "%02lld", static_cast<long long>(t.year % 100));
        break;
      case 'm':
        len = std::snprintf(buf, sizeof buf, "%02u", t.month);
        break;
      case 'd':
        len = std::snprintf(buf, sizeof buf, "%02u", t.day);
        break;
      case 'H':
        len = std::snprintf(buf, sizeof buf, "%02u", t.hour);
        break;
      case 'M':
      case 'i':
        len = std::snprintf(buf, sizeof buf, "%02u", t.minute);
        break;
      case 'S':
      case 's':
        len = std::snprintf(buf, sizeof buf, "%02u", t.second);
        break;
      case 'f':
        len = std::snprintf(buf, sizeof buf, "%03u", t.millis);
        break;
      case 'j':
        len = std::snprintf(buf, sizeof buf, "%03lld",
                            static_cast<long long>(extract(Part::kDoy, ms)));
        break;
      case '%':
        buf[0] = '%';
        len = 1;
        break;
      default:
        buf[0] = '%';
        buf[1] = spec;
        len = 2;
        break;
    }
    out.append(buf, static_cast<size_t>(len));
  }
}

ScalarFunction date_format_function() {
  ScalarFunction fn;
  fn.name = "DATE_FORMAT";
  fn.bind = [](const std::vector<ExprPtr>& args, SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity("DATE_FORMAT", args, 2, 2, pos));
    EDDY_ASSIGN_OR_RAISE(DataType t, bind_ts_arg("DATE_FORMAT", *args[0], pos));
    if (!implicitly_castable(*args[1], DataType::varchar())) {
      return type_error("DATE_FORMAT", "a VARCHAR pattern", *args[1], pos);
    }
    return BoundSignature{{t, DataType::varchar()}, DataType::varchar()};
  };
  fn.make_kernel = [](const Expr&) -> Result<Kernel> {
    return Kernel([](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
      I64Getter ts(args[0]);
      StrGetter pattern(args[1]);
      return build_strings(args, ctx.num_rows, [&](size_t i, std::string& out) {
        format_ts(ts(i), pattern(i), out);
        return true;
      });
    });
  };
  return fn;
}

ScalarFunction tumble_function(bool end) {
  ScalarFunction fn;
  fn.name = end ? "TUMBLE_END" : "TUMBLE_START";
  fn.bind = [name = fn.name](const std::vector<ExprPtr>& args,
                             SourcePos pos) -> Result<BoundSignature> {
    EDDY_RETURN_NOT_OK(check_arity(name, args, 2, 2, pos));
    EDDY_ASSIGN_OR_RAISE(DataType t, bind_ts_arg(name, *args[0], pos));
    if (!implicitly_castable(*args[1], kBigint)) {
      return type_error(name, "a BIGINT window size in milliseconds (or an INTERVAL)", *args[1],
                        pos);
    }
    return BoundSignature{{t, kBigint}, kTs};
  };
  fn.make_kernel = [end](const Expr&) -> Result<Kernel> {
    return Kernel(
        [end](std::span<const Datum> args, const KernelContext& ctx) -> Result<ColumnPtr> {
          return binary_fixed<int64_t, int64_t, int64_t>(
              args[0], args[1], kTs, ctx.num_rows, [end](int64_t ts, int64_t size, int64_t& r) {
                if (size <= 0) {
                  r = 0;
                  return false;
                }
                r = floor_div(ts, size) * size;
                return !end || !__builtin_add_overflow(r, size, &r);
              });
        });
  };
  return fn;
}

}  // namespace

void register_datetime(FunctionRegistry& r) {
  r.add(now_function(), {"CURRENT_TIMESTAMP"});
  r.add(part_function("EXTRACT", 1, kBigint), {"DATE_PART"});
  r.add(part_function("DATE_TRUNC", 1, kTs));
  r.add(part_function("DATEDIFF", 2, kBigint), {"DATE_DIFF"});
  r.add(part_shorthand("YEAR", Part::kYear));
  r.add(part_shorthand("MONTH", Part::kMonth));
  r.add(part_shorthand("DAY", Part::kDay), {"DAYOFMONTH"});
  r.add(part_shorthand("HOUR", Part::kHour));
  r.add(part_shorthand("MINUTE", Part::kMinute));
  r.add(part_shorthand("SECOND", Part::kSecond));
  r.add(from_unixtime_function());
  r.add(unix_timestamp_function());
  r.add(date_format_function());
  r.add(tumble_function(/*end=*/false));
  r.add(tumble_function(/*end=*/true));
}

}  // namespace eddy::ops::detail
