#pragma once

#include <string>
#include <vector>

#include "operators/expr/expr.hpp"
#include "operators/expr/expr_evaluator.hpp"
#include "operators/operator.hpp"

namespace eddy::ops {

/// Computes one output column per expression (the SELECT list).
///
/// Emits one batch per input batch with the evaluated columns (column references are shared,
/// not copied) and the input's event-time column. The output schema is `names` with the
/// expressions' types. Stateless: watermarks pass through.
class Project final : public Operator {
 public:
  /// Makes a projection; fails when the lists differ in length or an expression is malformed.
  static Result<std::unique_ptr<Project>> make(std::vector<ExprPtr> exprs,
                                               std::vector<std::string> names);

  /// Prefer make(); construction errors make every push fail.
  Project(std::vector<ExprPtr> exprs, std::vector<std::string> names);

  [[nodiscard]] const SchemaPtr& output_schema() const override { return schema_; }
  [[nodiscard]] Status push(const BatchPtr& batch, Emitter& out) override;
  /// Renders "Project(order_id, (amount * 2) AS doubled)".
  [[nodiscard]] std::string describe() const override;

 private:
  std::vector<ExprPtr> exprs_;
  std::vector<std::string> names_;
  SchemaPtr schema_;
  std::vector<ExprEvaluator> evaluators_;
  Status status_;
};

}  // namespace eddy::ops
