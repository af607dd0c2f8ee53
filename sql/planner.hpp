#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sql/app_plan.hpp"
#include "sql/ast.hpp"
#include "sql/binder.hpp"
#include "sql/property_resolver.hpp"

namespace eddy::sql {

/// What the planner takes from the command line and the environment.
struct PlanOptions {
  /// `--set STREAM.KEY=VALUE` overrides, applied on top of the WITH clauses.
  std::vector<std::pair<std::string, std::string>> overrides;
  /// Where `${VAR}` in WITH values is looked up.
  EnvLookup env = process_env();
};

/// Turns a parsed SQL app into one JobPlan per continuous query: resolves every stream's WITH
/// properties, infers or checks source schemas, binds each query and lays out its operators.
/// Source declarations (`CREATE STREAM s (cols) WITH (..)`) are remembered for later statements.
class Planner {
 public:
  explicit Planner(PlanOptions options);

  /// Plans every statement of `script`; the first error stops planning.
  [[nodiscard]] Result<AppPlan> plan(const Script& script);

 private:
  struct DeclaredStream {
    SourcePos pos;
    Properties props;
    SchemaPtr schema;  ///< From the column list, or nullptr to infer.
  };

  Status declare(const SourceDecl& decl);
  Result<JobPlan> plan_job(const std::string& name, SourcePos name_pos, const SelectStmt& select,
                           const std::vector<Property>& properties, EmitMode emit,
                           const std::vector<Annotation>& annotations);
  Status check_supported(const SelectStmt& select, EmitMode emit) const;
  /// Adds to a type error about a VARCHAR column of an inferred schema which value made the
  /// column VARCHAR and how to declare the intended type.
  static Status explain_inferred_varchar(Status status, const SelectStmt& select,
                                         const PlanEndpoint& source);
  /// Rejects an app whose sinks would overwrite a file it reads or another sink writes.
  static Status check_file_clashes(const AppPlan& app);
  Result<PlanEndpoint> resolve_source(const TableRef& from, Properties statement_props,
                                      const Expr* window_time);
  /// Binds the query into `job.steps`, `job.sink.schema`, and the routing it needs.
  Status bind_query(const SelectStmt& select, EmitMode emit, const std::string& alias,
                    JobPlan& job);
  Status bind_aggregation(const SelectStmt& select, EmitMode emit, const BindScope& scope,
                          JobPlan& job);
  Status bind_rows_window(const SelectStmt& select, const BindScope& scope, JobPlan& job);
  /// Binds the select list (and HAVING) over `binder`'s scope into the final Project;
  /// `grouped` is the aggregation's output schema, or nullptr.
  Status bind_projection(const SelectStmt& select, Binder& binder, const SchemaPtr* grouped,
                         JobPlan& job);

  PropertyResolver resolver_;
  std::map<std::string, DeclaredStream, std::less<>> declared_;
  std::map<std::string, SourcePos, std::less<>> jobs_;
  size_t num_queries_ = 0;
};

/// Parses and plans a whole SQL app (`eddy run`, `validate` and `explain` start here).
Result<AppPlan> plan_app(std::string_view sql_text, const PlanOptions& options);

}  // namespace eddy::sql
