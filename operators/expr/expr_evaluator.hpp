#pragma once

#include <cstdint>
#include <memory>

#include "operators/expr/expr.hpp"
#include "runtime/core/batch.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

/// Evaluates a bound expression over batches, a column at a time.
///
/// `make` compiles the tree once: each call gets its kernel (patterns precompiled, types
/// dispatched), and literal-only deterministic subtrees are folded into constants. `evaluate`
/// is const and reusable across batches; one evaluator per operator instance. Column references
/// return the input column itself (zero-copy), and constants are passed to kernels without being
/// materialised as columns.
///
/// Runtime semantics: bad data never fails evaluation. Division or modulo by zero, arithmetic
/// overflow, a failed CAST and math domain errors (SQRT(-1)) give NULL for that row.
class ExprEvaluator {
 public:
  /// Compiles `expr`; fails (internal error) only on a malformed tree.
  static Result<ExprEvaluator> make(ExprPtr expr);

  /// Evaluates over every row of `batch`; returns a column of `expr->type` with
  /// batch.num_rows() rows. NOW() is read once, from the system clock.
  [[nodiscard]] Result<ColumnPtr> evaluate(const Batch& batch) const;
  /// Same, with NOW() fixed to `now_ms` (deterministic tests, replays).
  [[nodiscard]] Result<ColumnPtr> evaluate(const Batch& batch, int64_t now_ms) const;

  /// The bound expression.
  [[nodiscard]] const ExprPtr& expr() const { return expr_; }
  /// True when the whole expression folded to a constant.
  [[nodiscard]] bool is_constant() const;

  /// A compiled node (defined in the .cpp).
  struct Node;

 private:
  ExprEvaluator(ExprPtr expr, std::shared_ptr<const Node> root, bool uses_now)
      : expr_(std::move(expr)), root_(std::move(root)), uses_now_(uses_now) {}

  ExprPtr expr_;
  std::shared_ptr<const Node> root_;
  bool uses_now_ = false;
};

}  // namespace eddy::ops
