#pragma once

#include <string>
#include <vector>

#include "operators/expr/expr.hpp"
#include "operators/expr/function_registry.hpp"

namespace eddy::ops::detail {

// -- registration of the built-in function families ---------------------------------------------

void register_arithmetic(FunctionRegistry& r);  // + - * / % NEGATE
void register_predicates(
    FunctionRegistry& r);  // comparisons, AND/OR/NOT, IS NULL, IN, BETWEEN, LIKE
void register_conditional(FunctionRegistry& r);  // COALESCE, NULLIF, LEAST, GREATEST
void register_math(FunctionRegistry& r);
void register_string(FunctionRegistry& r);
void register_datetime(FunctionRegistry& r);
void register_json(FunctionRegistry& r);

/// Compiles a kCase node (args already cast to the result type / BOOLEAN).
Kernel make_case_kernel(const Expr& e);

/// Compares two datums for equality (types as bound for "="): a BOOLEAN column, NULL where
/// either side is NULL.
ColumnPtr equal_datums(const Datum& a, const DataType& ta, const Datum& b, const DataType& tb,
                       size_t num_rows);

/// Builds a column of type `t` whose row i is row i of `branches[choice[i]]`, or NULL when
/// choice[i] < 0.
ColumnPtr gather_choice(const DataType& t, std::span<const Datum> branches, const int32_t* choice,
                        size_t num_rows);

// -- binding support ----------------------------------------------------------------------------

/// Fails unless min <= args.size() <= max, with a message naming `fn`.
Status check_arity(const std::string& fn, const std::vector<ExprPtr>& args, size_t min, size_t max,
                   SourcePos pos);

/// Builds "function FN expects <expected>, got <TYPE>" at the argument's position (or `pos`).
Status type_error(const std::string& fn, const std::string& expected, const Expr& arg,
                  SourcePos pos);

/// True when an argument of type `from` may be passed where `to` is expected, with an implicit
/// cast: NULL to anything, BIGINT/DECIMAL to DOUBLE, BIGINT to DECIMAL, and VARCHAR literals to
/// TIMESTAMP.
bool implicitly_castable(const Expr& arg, const DataType& to);

/// "a VARCHAR", "a BIGINT", "a numeric" ... for error messages.
std::string describe_type(const DataType& t);

/// A binder for a fixed signature: `params` with the last `params.size() - min_args` optional.
/// A DECIMAL param accepts any DECIMAL/BIGINT unchanged; a DOUBLE param accepts any numeric.
ScalarFunction::Binder fixed_signature(std::string fn, std::vector<DataType> params,
                                       DataType result, size_t min_args);

/// The first argument's literal VARCHAR value (upper-cased), or a bind error saying it must be
/// a constant string such as one of `examples`.
Result<std::string> literal_keyword(const std::string& fn, const Expr& arg,
                                    const std::string& examples, SourcePos pos);

/// Upper-cases ASCII.
std::string to_upper(std::string_view s);

/// The kind of a numeric type for kernels: 0 int64 exact (BIGINT/DECIMAL), 1 DOUBLE.
inline bool is_exact(const DataType& t) {
  return t.id == TypeId::kBigint || t.id == TypeId::kDecimal;
}

}  // namespace eddy::ops::detail
