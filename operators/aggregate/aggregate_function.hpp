#pragma once

#include <string_view>
#include <vector>

#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/expr/expr.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// Resolves an aggregate call: checks the argument count and types and computes the result type.
///
/// Names are case-insensitive: COUNT (no args = COUNT(*); `distinct` = COUNT(DISTINCT x)), SUM,
/// AVG, MIN, MAX, COUNT_DISTINCT (APPROX_COUNT_DISTINCT is computed exactly), FIRST_VALUE/FIRST,
/// LAST_VALUE/LAST, STDDEV/STDDEV_SAMP, STDDEV_POP, VARIANCE/VAR_SAMP, VAR_POP, MEDIAN,
/// PERCENTILE_CONT(x, f), PERCENTILE_DISC(x, f) (f a constant in [0, 1]), STRING_AGG /
/// GROUP_CONCAT / LISTAGG (x [, 'sep']), DELTA. Result types:
/// - COUNT*: BIGINT. SUM: BIGINT→BIGINT, DOUBLE→DOUBLE, DECIMAL(p,s)→DECIMAL(18,s) (exact).
/// - AVG: BIGINT/DOUBLE→DOUBLE, DECIMAL(p,s)→DECIMAL(18,max(s,4)) rounded half away from zero.
/// - MIN, MAX, FIRST_VALUE, LAST_VALUE: the input type (any type). DELTA: the input type
///   (numeric; DECIMAL widened to precision 18).
/// - STDDEV*, VAR*, MEDIAN, PERCENTILE_CONT: DOUBLE. PERCENTILE_DISC: the input type (numeric or
///   TIMESTAMP). STRING_AGG: VARCHAR (non-VARCHAR arguments are cast).
/// A bare NULL argument is treated as a NULL BIGINT. Errors are bind errors at `pos` ("SUM expects
/// a number, got VARCHAR"); aggregates Eddy does not compute yet (CORR, COVAR_*, REGR_*, COLLECT)
/// are not-supported errors.
Result<AggregateSpec> make_aggregate(std::string_view name, std::vector<ExprPtr> args,
                                     bool distinct, SourcePos pos);

/// The SQL name of a kind, for `eddy explain` and messages ("SUM", "COUNT_DISTINCT").
const char* aggregate_kind_name(AggregateKind kind);

/// Renders an aggregate call as SQL-ish text: "SUM(amount)", "COUNT(*)".
std::string aggregate_to_string(const AggregateSpec& spec);

}  // namespace eddy::ops
