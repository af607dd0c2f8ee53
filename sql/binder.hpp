#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "operators/expr/expr.hpp"
#include "runtime/core/schema.hpp"
#include "runtime/core/status.hpp"
#include "sql/ast.hpp"

namespace eddy::sql {

/// The names an expression of one job can see: the source's columns (optionally qualified by the
/// stream name or its alias), its event time, and the select-list aliases bound so far.
struct BindScope {
  std::string stream;           ///< The FROM stream's name.
  std::string alias;            ///< Its alias, or empty.
  SchemaPtr schema;             ///< The source's columns.
  bool has_event_time = false;  ///< Whether the source sets `event.time.field`.
  std::string event_time_hint;  ///< How to configure event time, for error messages.
};

/// Binds AST expressions of one query against a BindScope: resolves column names, system
/// columns, functions and operators (through ops::FunctionRegistry, which also checks argument
/// types and inserts implicit casts), and reports every error with the position of the
/// offending expression. Constructs that parse but do not execute yet (aggregates, analytic
/// functions, subqueries) fail with a "not supported yet" error naming them.
class Binder {
 public:
  explicit Binder(BindScope scope) : scope_(std::move(scope)) {}

  /// Binds one expression.
  [[nodiscard]] Result<ops::ExprPtr> bind(const Expr& expr);

  /// Makes `name` resolvable in later expressions of the select list (alias reuse, as in
  /// `SELECT price * qty AS notional, notional * 0.1 AS fee`). Source columns take precedence.
  void add_alias(const std::string& name, ops::ExprPtr expr);

  /// Binds every subexpression whose SQL text is `text` to `expr` instead: GROUP BY keys and
  /// aggregate or analytic calls that an earlier operator already computed.
  void add_replacement(std::string text, ops::ExprPtr expr);

  /// Sets the error for an aggregate call met here (it was not computed by an aggregation), e.g.
  /// "aggregate functions are not allowed in WHERE; filter groups with HAVING".
  void set_aggregate_error(std::string message) { aggregate_error_ = std::move(message); }

  /// After an aggregation, a column of `source` that is not a key gets a GROUP BY hint.
  void set_grouped_source(SchemaPtr source) { grouped_source_ = std::move(source); }

  /// The output name of an un-aliased select item: a column's name, or the expression's SQL.
  [[nodiscard]] static std::string derived_name(const Expr& expr);

  [[nodiscard]] const BindScope& scope() const { return scope_; }

 private:
  Result<ops::ExprPtr> bind_literal(const Expr& expr);
  Result<ops::ExprPtr> bind_column(const Expr& expr);
  Result<ops::ExprPtr> bind_function(const Expr& expr);
  Result<ops::ExprPtr> bind_case(const Expr& expr);
  Result<std::vector<ops::ExprPtr>> bind_all(const std::vector<ExprPtr>& exprs);

  BindScope scope_;
  std::vector<std::pair<std::string, ops::ExprPtr>> aliases_;
  std::map<std::string, ops::ExprPtr> replacements_;
  std::string aggregate_error_;
  SchemaPtr grouped_source_;
};

}  // namespace eddy::sql
