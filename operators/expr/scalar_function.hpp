#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "operators/expr/datum.hpp"
#include "runtime/core/data_type.hpp"
#include "runtime/core/status.hpp"

namespace eddy::ops {

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// The argument and result types a function call binds to. Arguments whose type differs from
/// `arg_types[i]` get an implicit CAST inserted by the registry.
struct BoundSignature {
  std::vector<DataType> arg_types;
  DataType result;
};

/// How `Expr::to_string` renders a call of the function.
enum class Notation : uint8_t {
  kFunction,  ///< NAME(a, b)
  kInfix,     ///< (a op b)
  kPrefix,    ///< (op a)
  kPostfix,   ///< (a op)
  kBetween,   ///< (a BETWEEN b AND c)
  kIn,        ///< (a IN (b, c))
};

/// A scalar function (or operator) of the registry: how to type-check a call and how to compile
/// it into a column-at-a-time kernel.
struct ScalarFunction {
  /// Checks the arguments of a call and returns the signature it binds to, or a bind error at
  /// `pos` that names the function and says what is expected.
  using Binder =
      std::function<Result<BoundSignature>(const std::vector<ExprPtr>& args, SourcePos pos)>;
  /// Compiles a bound call (its args already have the signature's types; literal args may be
  /// inspected to precompile patterns) into a kernel.
  using KernelFactory = std::function<Result<Kernel>(const Expr& call)>;

  std::string name;    ///< Canonical upper-case name ("+", "UPPER", "IS_NULL").
  std::string symbol;  ///< Operator text for rendering ("+", "IS NULL").
  Notation notation = Notation::kFunction;  ///< Rendering style.
  bool deterministic = true;                ///< False for NOW(): never constant-folded.
  Binder bind;
  KernelFactory make_kernel;
};

}  // namespace eddy::ops
