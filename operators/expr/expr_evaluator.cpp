#include "operators/expr/expr_evaluator.hpp"

#include <chrono>
#include <vector>

#include "operators/expr/cast_kernel.hpp"
#include "operators/expr/detail/column_access.hpp"
#include "operators/expr/detail/function_sets.hpp"

namespace eddy::ops {

struct ExprEvaluator::Node {
  enum class Op : uint8_t { kColumn, kEventTime, kConstant, kKernel };
  Op op = Op::kConstant;
  DataType type;
  size_t column_index = 0;
  Value constant;
  Kernel kernel;
  std::vector<Node> children;
};

namespace {

using Node = ExprEvaluator::Node;

Result<Node> compile(const Expr& e, bool& uses_now);

Result<Node> compile_children(const Expr& e, bool& uses_now) {
  Node n;
  n.op = Node::Op::kKernel;
  n.type = e.type;
  for (const auto& a : e.args) {
    if (a == nullptr) {
      return Status::internal("expression " + e.to_string() + " has a null argument");
    }
    EDDY_ASSIGN_OR_RAISE(Node child, compile(*a, uses_now));
    n.children.push_back(std::move(child));
  }
  return n;
}

// Evaluates a kernel node whose children are all constants into a constant node.
Result<Node> fold(Node n) {
  std::vector<Datum> args;
  for (const auto& c : n.children) {
    args.push_back(Datum{nullptr, c.constant});
  }
  KernelContext ctx{1, 0};
  EDDY_ASSIGN_OR_RAISE(ColumnPtr col, n.kernel(args, ctx));
  Node folded;
  folded.op = Node::Op::kConstant;
  folded.type = n.type;
  folded.constant = col->value(0);
  return folded;
}

bool all_constant(const Node& n) {
  for (const auto& c : n.children) {
    if (c.op != Node::Op::kConstant) {
      return false;
    }
  }
  return true;
}

Result<Node> compile(const Expr& e, bool& uses_now) {
  switch (e.kind) {
    case ExprKind::kColumn: {
      Node n;
      n.op = Node::Op::kColumn;
      n.type = e.type;
      n.column_index = e.column_index;
      return n;
    }
    case ExprKind::kEventTime: {
      Node n;
      n.op = Node::Op::kEventTime;
      n.type = DataType::timestamp();
      return n;
    }
    case ExprKind::kLiteral: {
      Node n;
      n.op = Node::Op::kConstant;
      n.type = e.type;
      n.constant = e.literal;
      return n;
    }
    case ExprKind::kCall: {
      if (e.function == nullptr) {
        return Status::internal("call node without a function: " + e.to_string());
      }
      EDDY_ASSIGN_OR_RAISE(Node n, compile_children(e, uses_now));
      EDDY_ASSIGN_OR_RAISE(n.kernel, e.function->make_kernel(e));
      if (!e.function->deterministic) {
        uses_now = true;
        return n;
      }
      return all_constant(n) ? fold(std::move(n)) : Result<Node>(std::move(n));
    }
    case ExprKind::kCast: {
      if (e.args.size() != 1) {
        return Status::internal("CAST node needs one argument");
      }
      EDDY_ASSIGN_OR_RAISE(Node n, compile_children(e, uses_now));
      n.kernel = make_cast_kernel(e.args[0]->type, e.type);
      return all_constant(n) ? fold(std::move(n)) : Result<Node>(std::move(n));
    }
    case ExprKind::kCase: {
      if (e.args.size() < 2) {
        return Status::internal("CASE node needs WHEN/THEN arguments");
      }
      EDDY_ASSIGN_OR_RAISE(Node n, compile_children(e, uses_now));
      n.kernel = detail::make_case_kernel(e);
      return all_constant(n) ? fold(std::move(n)) : Result<Node>(std::move(n));
    }
  }
  return Status::internal("unknown expression kind");
}

Result<Datum> eval(const Node& n, const Batch& batch, const KernelContext& ctx) {
  switch (n.op) {
    case Node::Op::kColumn: {
      if (n.column_index >= batch.num_columns() || batch.column(n.column_index)->type() != n.type) {
        return Status::internal("expression expects column " + std::to_string(n.column_index) +
                                " of type " + n.type.to_string() + ", batch schema is " +
                                batch.schema()->to_string());
      }
      return Datum{batch.column(n.column_index), {}};
    }
    case Node::Op::kEventTime:
      if (batch.event_time() == nullptr) {
        // Sources without an event-time field give NULL.
        return Datum{nullptr, Value::null(DataType::timestamp())};
      }
      return Datum{batch.event_time(), {}};
    case Node::Op::kConstant:
      return Datum{nullptr, n.constant};
    case Node::Op::kKernel: {
      std::vector<Datum> args;
      args.reserve(n.children.size());
      for (const auto& c : n.children) {
        EDDY_ASSIGN_OR_RAISE(Datum d, eval(c, batch, ctx));
        args.push_back(std::move(d));
      }
      EDDY_ASSIGN_OR_RAISE(ColumnPtr col, n.kernel(args, ctx));
      return Datum{std::move(col), {}};
    }
  }
  return Status::internal("unknown node");
}

}  // namespace

Result<ExprEvaluator> ExprEvaluator::make(ExprPtr expr) {
  if (expr == nullptr) {
    return Status::internal("ExprEvaluator::make: null expression");
  }
  bool uses_now = false;
  EDDY_ASSIGN_OR_RAISE(Node root, compile(*expr, uses_now));
  return ExprEvaluator(std::move(expr), std::make_shared<const Node>(std::move(root)), uses_now);
}

bool ExprEvaluator::is_constant() const {
  return root_->op == Node::Op::kConstant;
}

Result<ColumnPtr> ExprEvaluator::evaluate(const Batch& batch) const {
  int64_t now_ms = 0;
  if (uses_now_) {
    now_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  }
  return evaluate(batch, now_ms);
}

Result<ColumnPtr> ExprEvaluator::evaluate(const Batch& batch, int64_t now_ms) const {
  const KernelContext ctx{batch.num_rows(), now_ms};
  EDDY_ASSIGN_OR_RAISE(Datum d, eval(*root_, batch, ctx));
  if (d.is_scalar()) {
    return detail::materialize(d, expr_->type, batch.num_rows());
  }
  if (d.column->size() != batch.num_rows()) {
    return Status::internal("expression " + expr_->to_string() + " produced " +
                            std::to_string(d.column->size()) + " rows for a batch of " +
                            std::to_string(batch.num_rows()));
  }
  return d.column;
}

}  // namespace eddy::ops
