#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "operators/expr/scalar_function.hpp"
#include "runtime/core/data_type.hpp"
#include "runtime/core/status.hpp"
#include "runtime/core/value.hpp"

namespace eddy::ops {

/// The kinds of bound expression nodes.
enum class ExprKind : uint8_t { kColumn, kEventTime, kLiteral, kCall, kCast, kCase };

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

/// A bound, typed expression tree node. Built by the binder through the make_* functions below
/// and FunctionRegistry::make_call; immutable once built and shared between evaluators.
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  DataType type;  ///< The result type.
  SourcePos pos;  ///< Where the expression starts in the SQL text.

  size_t column_index = 0;  ///< kColumn: the input column index.
  std::string name;         ///< kColumn: the display name.

  Value literal;  ///< kLiteral: the value.

  const ScalarFunction* function = nullptr;  ///< kCall: the resolved function.
  /// kCall: the arguments; kCast: {input}; kCase: [when1, then1, when2, then2, ..., else?].
  std::vector<ExprPtr> args;
  bool case_has_else = false;  ///< kCase: whether the last arg is the ELSE branch.
  bool implicit_cast = false;  ///< kCast: inserted by the binder, so not rendered.

  /// Renders SQL-ish text for `eddy explain`: "(amount > 100)", "UPPER(name)".
  [[nodiscard]] std::string to_string() const;
};

/// Makes a reference to input column `index` of type `type`.
ExprPtr make_column(size_t index, DataType type, std::string name, SourcePos pos = {});
/// Makes a reference to the batch's event-time column (TIMESTAMP), `_event_time` in SQL.
ExprPtr make_event_time(SourcePos pos = {});
/// Makes a constant; its type is the value's type (NULL literals have type NULL).
ExprPtr make_literal(Value v, SourcePos pos = {});
/// Makes CAST(input AS to); returns `input` itself when it already has type `to`, and a bind
/// error at `pos` when no such cast exists (e.g. BOOLEAN to TIMESTAMP).
Result<ExprPtr> make_cast(ExprPtr input, DataType to, SourcePos pos);
/// Makes an implicit cast (not rendered by to_string); same rules as make_cast.
Result<ExprPtr> make_implicit_cast(ExprPtr input, DataType to, SourcePos pos);
/// Makes a searched CASE. `whens` must be BOOLEAN (or NULL); THENs and ELSE are cast to their
/// common type, which is the result type. `else_or_null` may be nullptr (no ELSE: NULL).
Result<ExprPtr> make_case(std::vector<ExprPtr> whens, std::vector<ExprPtr> thens,
                          ExprPtr else_or_null, SourcePos pos);

/// Renders a value as a SQL literal: 'text', 12.50, TIMESTAMP '2024-01-01T00:00:00.000Z', NULL.
std::string literal_to_sql(const Value& v);

}  // namespace eddy::ops
