#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/connectors/connector_factory.hpp"
#include "operators/expr/expr.hpp"
#include "operators/operator.hpp"
#include "operators/rows_window/rows_window.hpp"
#include "runtime/core/schema.hpp"
#include "runtime/core/status.hpp"

namespace eddy::sql {

/// Keeps the rows for which `predicate` is TRUE.
struct FilterStep {
  ops::ExprPtr predicate;
};

/// Computes the select list: one output column per expression.
struct ProjectStep {
  std::vector<ops::ExprPtr> exprs;
  std::vector<std::string> names;
};

/// GROUP BY aggregation, optionally per window: key columns, [_window_start, _window_end],
/// then one column per aggregate call.
struct AggregateStep {
  ops::AggregateOpSpec spec;
};

/// Analytic functions over a bounded per-key row buffer: the input columns, then one column per
/// call.
struct RowsWindowStep {
  ops::RowsWindowSpec spec;
};

/// One operator of a partition's chain, as the planner specifies it (immutable; the operator
/// instance made from it owns the mutable state).
using PlanStep = std::variant<FilterStep, ProjectStep, AggregateStep, RowsWindowStep>;

/// How the source spreads rows over partition actors.
enum class PlanRouting {
  kRoundRobin,  ///< Stateless jobs: whole batches in turn; output keeps input order.
  kHash,        ///< Stateful jobs: rows by the hash of `key_columns`.
};

/// A source or sink of a job: the connector configuration and the schema of its rows.
struct PlanEndpoint {
  ops::ConnectorConfig config;
  SchemaPtr schema;
  SourcePos pos;  ///< Where the stream is named in the SQL text.
  /// A source whose schema was inferred from its file rather than declared.
  bool inferred_schema = false;
};

/// One continuous query (`CREATE STREAM/TABLE ... AS SELECT`): source → chain → sink.
struct JobPlan {
  std::string name;
  SourcePos pos;
  PlanEndpoint source;
  std::vector<PlanStep> steps;
  PlanRouting routing = PlanRouting::kRoundRobin;
  std::vector<size_t> key_columns;  ///< For kHash: source columns whose values route a row.
  PlanEndpoint sink;                ///< Its schema is the job's output schema.
  size_t partitions = 0;            ///< From `-- @num_partitions`, 0 = engine default.
  /// Where late records go: the source's `dlq.path` with `on.error = 'dead_letter'`, or empty.
  std::string dead_letter_path;

  /// True when every step is a filter or a projection: each output row depends on its input row
  /// alone, so the runtime may cut the input into batches anywhere (rt::JobSpec::row_local).
  [[nodiscard]] bool row_local() const;
  /// Instantiates the operators of one partition's chain.
  [[nodiscard]] Result<std::vector<std::unique_ptr<ops::Operator>>> make_chain() const;
  /// Renders the job's topology as an indented tree, for `eddy explain`.
  [[nodiscard]] std::string explain(size_t partitions) const;
};

/// Every job of a SQL app, in file order.
struct AppPlan {
  std::vector<JobPlan> jobs;
};

}  // namespace eddy::sql
