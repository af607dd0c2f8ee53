#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "operators/expr/expr.hpp"
#include "runtime/core/data_type.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// The analytic (window) functions a ROWS WINDOW evaluates.
enum class AnalyticKind : uint8_t {
  kLag,
  kLead,
  kRowNumber,
  kRank,
  kDenseRank,
  kFirstValue,
  kLastValue,
  kNthValue,
  kAvg,
  kSum,
  kMin,
  kMax,
  kCount,
  kCountStar,
  kStddevSamp,
  kStddevPop,
  kVarSamp,
  kVarPop,
};

/// The SQL name of an analytic kind ("LAG", "COUNT" for both COUNT kinds, "STDDEV_SAMP", ...).
const char* analytic_kind_name(AnalyticKind kind);

/// A `ROWS BETWEEN preceding PRECEDING AND CURRENT ROW` frame, inside the partition's buffer.
struct FrameSpec {
  /// Rows before the current one; -1 is the whole buffer (UNBOUNDED PRECEDING, the default).
  int64_t preceding = -1;
  /// Rows after the current one; only 0 (CURRENT ROW) is supported.
  int64_t following = 0;
};

/// One bound analytic call of a ROWS WINDOW.
struct AnalyticCall {
  AnalyticKind kind = AnalyticKind::kRowNumber;
  /// The arguments: LAG/LEAD(x, k literal, default cast to x's type); NTH_VALUE(x, n literal);
  /// one argument for the aggregates and FIRST/LAST_VALUE; none for ROW_NUMBER, RANK,
  /// DENSE_RANK and COUNT(*).
  std::vector<ExprPtr> args;
  DataType result_type;
  FrameSpec frame;

  /// Renders "AVG(price)" or "LAG(price, 1)" for `eddy explain`.
  [[nodiscard]] std::string to_string() const;
};

/// Binds `name(args) OVER (...)` (name case-insensitive; COUNT with no arguments is COUNT(*);
/// STDDEV and VARIANCE are the sample forms). Checks arity, argument types and constant
/// arguments, fills in LAG/LEAD defaults (offset 1, default NULL), casts the default to the
/// argument's type and computes the result type:
/// - AVG, STDDEV*, VAR* → DOUBLE; SUM → BIGINT, DOUBLE or DECIMAL(18,s); COUNT → BIGINT;
/// - ROW_NUMBER, RANK, DENSE_RANK → BIGINT; MIN, MAX, LAG, LEAD, FIRST/LAST/NTH_VALUE keep the
///   argument's type.
/// Errors are bind errors at `pos` (unknown function, bad argument, negative frame), or
/// not-supported errors (PERCENT_RANK, CUME_DIST, NTILE, FOLLOWING frames).
Result<AnalyticCall> make_analytic(std::string_view name, std::vector<ExprPtr> args,
                                   FrameSpec frame, SourcePos pos);

}  // namespace eddy::ops
