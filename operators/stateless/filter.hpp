#pragma once

#include <string>

#include "operators/expr/expr.hpp"
#include "operators/expr/expr_evaluator.hpp"
#include "operators/operator.hpp"

namespace eddy::ops {

/// Keeps the rows of each batch for which a BOOLEAN predicate is TRUE (NULL counts as false).
///
/// Emits the input batch itself when every row passes, nothing when none does, and otherwise a
/// filtered copy that keeps the event-time column. Stateless: watermarks pass through.
class Filter final : public Operator {
 public:
  /// Makes a filter; fails with a bind error when `predicate` is not BOOLEAN.
  static Result<std::unique_ptr<Filter>> make(SchemaPtr input_schema, ExprPtr predicate);

  /// Prefer make(); a non-BOOLEAN predicate makes every push fail.
  Filter(SchemaPtr input_schema, ExprPtr predicate);

  [[nodiscard]] const SchemaPtr& output_schema() const override { return schema_; }
  [[nodiscard]] Status push(const BatchPtr& batch, Emitter& out) override;
  /// Renders "Filter((amount > 100))".
  [[nodiscard]] std::string describe() const override;

 private:
  SchemaPtr schema_;
  ExprPtr predicate_;
  Result<ExprEvaluator> evaluator_;
};

}  // namespace eddy::ops
