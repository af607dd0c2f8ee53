#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "operators/expr/expr.hpp"
#include "runtime/core/data_type.hpp"
#include "runtime/core/schema.hpp"

namespace eddy::ops {

/// The aggregate functions the engine computes incrementally.
enum class AggregateKind : uint8_t {
  kCountStar,       ///< COUNT(*): rows, NULLs included.
  kCount,           ///< COUNT(x): non-NULL values.
  kSum,             ///< SUM(x).
  kAvg,             ///< AVG(x).
  kMin,             ///< MIN(x).
  kMax,             ///< MAX(x).
  kCountDistinct,   ///< COUNT(DISTINCT x), COUNT_DISTINCT(x): exact.
  kFirstValue,      ///< FIRST_VALUE(x): first non-NULL value in arrival order.
  kLastValue,       ///< LAST_VALUE(x): last non-NULL value in arrival order.
  kStddevSamp,      ///< STDDEV(x), STDDEV_SAMP(x).
  kStddevPop,       ///< STDDEV_POP(x).
  kVarSamp,         ///< VARIANCE(x), VAR_SAMP(x).
  kVarPop,          ///< VAR_POP(x).
  kMedian,          ///< MEDIAN(x) = PERCENTILE_CONT(x, 0.5).
  kPercentileCont,  ///< PERCENTILE_CONT(x, f): interpolated, DOUBLE.
  kPercentileDisc,  ///< PERCENTILE_DISC(x, f): an input value.
  kStringAgg,       ///< STRING_AGG(x [, sep]): non-NULL values joined in arrival order.
  kDelta,           ///< DELTA(x) = MAX(x) - MIN(x).
};

/// One bound aggregate call, as the planner hands it to the aggregate operators.
struct AggregateSpec {
  AggregateKind kind = AggregateKind::kCountStar;  ///< What to compute.
  ExprPtr arg;                                     ///< The argument; null for COUNT(*).
  double fraction = 0.5;                           ///< PERCENTILE_* only: the fraction in [0, 1].
  std::string separator = ",";                     ///< STRING_AGG only: put between values.
  DataType result_type;                            ///< The type of the output column.
};

/// When an aggregate operator emits rows.
enum class EmitMode : uint8_t {
  kChanges,  ///< A changelog: after each input batch, one row per changed group.
  kFinal,    ///< Once per group (per window), when it closes or the input ends.
};

/// The windowing of an aggregation.
enum class WindowKind : uint8_t { kNone, kTumbling, kSliding, kSession };

/// The WINDOW clause: sizes in milliseconds and the time expression.
struct WindowSpec {
  WindowKind kind = WindowKind::kNone;  ///< kNone: a plain GROUP BY.
  int64_t size_ms = 0;                  ///< TUMBLING and SLIDING: window length.
  int64_t advance_ms = 0;               ///< SLIDING: distance between window starts.
  int64_t gap_ms = 0;                   ///< SESSION: inactivity that ends a session.
  /// A TIMESTAMP or BIGINT (epoch ms) expression; null means the batch's event-time column.
  ExprPtr time;
};

/// Everything an aggregate operator needs; built by the planner, immutable afterwards.
struct AggregateOpSpec {
  SchemaPtr input_schema;                    ///< The schema of the input batches.
  std::vector<ExprPtr> keys;                 ///< GROUP BY expressions; empty = one global group.
  std::vector<std::string> key_names;        ///< Output names of the key columns.
  std::vector<AggregateSpec> aggregates;     ///< The aggregate calls.
  std::vector<std::string> aggregate_names;  ///< Output names of the aggregate columns.
  WindowSpec window;                         ///< The window, or kind kNone.
  EmitMode emit = EmitMode::kChanges;        ///< The emission policy.
};

/// Output column names of the window bounds (BIGINT epoch ms).
inline constexpr const char* kWindowStartName = "_window_start";
inline constexpr const char* kWindowEndName = "_window_end";

}  // namespace eddy::ops
