#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "operators/expr/expr.hpp"
#include "operators/expr/scalar_function.hpp"

namespace eddy::ops {

/// The scalar functions and operators the binder can call, by upper-case name and alias.
///
/// Operators are functions with these internal names (what the binder passes to make_call):
/// - arithmetic: "+", "-", "*", "/", "%" (2 args), "NEGATE" (unary minus, 1 arg)
/// - comparison: "=", "!=" (alias "<>"), "<", "<=", ">", ">="
/// - logic: "AND", "OR", "NOT"
/// - strings: "||", "LIKE", "NOT_LIKE"
/// - predicates: "IS_NULL", "IS_NOT_NULL", "BETWEEN" (x, low, high; inclusive),
///   "IN" (x, item1, item2, ...); NOT BETWEEN / NOT IN are NOT(...) around these.
/// Names are matched case-insensitively ("and" finds "AND").
///
/// Typing rules (documented choices):
/// - BIGINT op BIGINT is BIGINT; "/" on BIGINTs is integer division truncating toward zero.
///   Overflow gives NULL (not wrap-around). Division and modulo by zero give NULL (also DOUBLE).
/// - Any DOUBLE operand makes DOUBLE. DECIMAL with BIGINT/DECIMAL stays exact, as DECIMAL(18,s):
///   "+" "-" "%": s = max(s1, s2); "*": s = min(s1 + s2, 18); "/": s = max(s1, s2, 4), rounded
///   half away from zero. A result beyond 18 digits is NULL.
/// - TIMESTAMP ± BIGINT (milliseconds; INTERVAL literals bind as BIGINT ms) is TIMESTAMP;
///   TIMESTAMP - TIMESTAMP is BIGINT milliseconds.
/// - Comparisons promote numerics; a TIMESTAMP compares with a TIMESTAMP, a BIGINT (epoch ms) or
///   a VARCHAR (cast to TIMESTAMP); VARCHARs compare by bytes.
///
/// Built once (thread-safe static initialisation) and read-only afterwards.
class FunctionRegistry {
 public:
  /// The process-wide registry with every built-in function.
  static const FunctionRegistry& instance();

  /// Resolves `name(args)`: checks arity and argument types, inserts implicit casts (e.g.
  /// BIGINT→DOUBLE, numeric promotion, NULL literals to the expected type), computes the result
  /// type, and returns the call node. Errors are bind errors at `pos` that name the function and
  /// say what is expected, e.g. "function UPPER expects a VARCHAR argument, got BIGINT" or
  /// "unknown function 'FOO'; did you mean 'FLOOR'?".
  Result<ExprPtr> make_call(std::string_view name, std::vector<ExprPtr> args, SourcePos pos) const;

  /// The function registered as `name` (or an alias), or nullptr.
  [[nodiscard]] const ScalarFunction* find(std::string_view name) const;
  /// True when `name` is a registered scalar function or operator.
  [[nodiscard]] bool is_scalar(std::string_view name) const;
  /// True for aggregate function names (COUNT, SUM, AVG, ...; velostream §1.5). Only the names:
  /// aggregation is not implemented here.
  [[nodiscard]] bool is_aggregate(std::string_view name) const;
  /// True for window (analytic) function names (LAG, LEAD, ROW_NUMBER, RANK, ...; §1.7).
  [[nodiscard]] bool is_window_function(std::string_view name) const;

  // -- registration (used while building the instance) ---------------------------------------

  /// Adds a function under its name and `aliases`. Only called during construction.
  void add(ScalarFunction fn, std::vector<std::string> aliases = {});

 private:
  FunctionRegistry();
  std::string suggest(const std::string& upper) const;

  std::vector<std::unique_ptr<ScalarFunction>> functions_;
  std::unordered_map<std::string, const ScalarFunction*> by_name_;
  std::unordered_set<std::string> aggregates_;
  std::unordered_set<std::string> window_functions_;
};

}  // namespace eddy::ops
