#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/status.hpp"
#include "sql/ast.hpp"
#include "sql/token.hpp"

namespace eddy::sql {

/// Parses a SQL script (statements separated by ';') into an AST, or returns the first syntax
/// error with its position. Recursive descent over the Lexer's tokens, one token of lookahead
/// (a few more in places); nesting is bounded, so no input can exhaust the stack or hang it.
///
/// Grammar notes:
/// - Statements: SELECT .., CREATE STREAM|TABLE name [(cols)] AS SELECT .., CREATE STREAM|TABLE
///   name [(cols)] WITH (..) (a source declaration), and Velostream's SHOW/START/DEPLOY/... which
///   become UnsupportedStmt nodes.
/// - After FROM/JOIN/WHERE, the clauses GROUP BY, WINDOW, HAVING, ORDER BY, LIMIT, EMIT, INTO and
///   WITH may come in any order, each at most once.
/// - In CREATE .. AS, a WITH right after the FROM source that ends the statement is the
///   statement's WITH, not the source's.
class Parser {
 public:
  /// Nesting limit for parentheses, subqueries and NOT/unary chains.
  static constexpr int kMaxNesting = 256;

  /// Parses `text`, which must outlive the call only.
  explicit Parser(std::string_view text);

  /// Parses the whole text as a script.
  [[nodiscard]] Result<Script> parse_script();
  /// Parses the whole text as one expression (for tests and tools).
  [[nodiscard]] Result<ExprPtr> parse_standalone_expr();

 private:
  class DepthGuard;

  // -- tokens --
  [[nodiscard]] const Token& cur() const { return tokens_[pos_]; }
  [[nodiscard]] const Token& ahead(size_t count) const;
  [[nodiscard]] bool at(TokenKind kind) const { return cur().kind == kind; }
  [[nodiscard]] bool at_word(std::string_view word) const { return cur().is_word(word); }
  bool accept(TokenKind kind);
  bool accept_word(std::string_view word);
  Token take();
  [[nodiscard]] Status error_here(const std::string& expected) const;
  [[nodiscard]] Status expect(TokenKind kind, const std::string& expected);
  [[nodiscard]] Status expect_word(std::string_view word, const std::string& expected);
  [[nodiscard]] Status expect_close(SourcePos open);
  [[nodiscard]] Status nesting_error() const;
  [[nodiscard]] bool starts_expression(const Token& token) const;

  // -- statements --
  [[nodiscard]] Result<Statement> parse_statement();
  [[nodiscard]] Result<Statement> parse_create();
  [[nodiscard]] Result<UnsupportedStmt> parse_unsupported();
  [[nodiscard]] Result<std::vector<ColumnDef>> parse_column_defs();
  [[nodiscard]] Result<TypeName> parse_type();
  [[nodiscard]] Result<std::vector<Property>> parse_properties(bool bare_words);
  [[nodiscard]] Result<std::string> parse_name(const std::string& what);

  // -- SELECT --
  [[nodiscard]] Result<SelectStmt> parse_select(bool in_create, bool allow_union);
  [[nodiscard]] Result<SelectItem> parse_select_item();
  [[nodiscard]] Result<TableRef> parse_table_ref(const std::string& what);
  [[nodiscard]] bool with_ends_statement() const;
  [[nodiscard]] Result<Join> parse_join();
  [[nodiscard]] Status parse_clauses(SelectStmt& select);
  [[nodiscard]] Result<WindowSpec> parse_window();
  [[nodiscard]] Result<std::vector<OrderItem>> parse_order_list();
  [[nodiscard]] Result<std::vector<ExprPtr>> parse_expr_list();
  [[nodiscard]] Result<Duration> parse_duration(const std::string& what);
  [[nodiscard]] Result<Duration> parse_interval();

  // -- expressions --
  [[nodiscard]] Result<ExprPtr> parse_expr();
  [[nodiscard]] Result<ExprPtr> parse_or();
  [[nodiscard]] Result<ExprPtr> parse_and();
  [[nodiscard]] Result<ExprPtr> parse_not();
  [[nodiscard]] Result<ExprPtr> parse_comparison();
  [[nodiscard]] Result<ExprPtr> parse_concat();
  [[nodiscard]] Result<ExprPtr> parse_additive();
  [[nodiscard]] Result<ExprPtr> parse_multiplicative();
  [[nodiscard]] Result<ExprPtr> parse_unary();
  [[nodiscard]] Result<ExprPtr> parse_primary();
  [[nodiscard]] Result<ExprPtr> parse_number(const Token& token, bool negate);
  [[nodiscard]] Result<ExprPtr> parse_function();
  [[nodiscard]] Result<ExprPtr> parse_case();
  [[nodiscard]] Result<ExprPtr> parse_cast();
  [[nodiscard]] Result<ExprPtr> parse_extract();
  [[nodiscard]] Result<ExprPtr> parse_column_ref();
  [[nodiscard]] Result<std::unique_ptr<OverClause>> parse_over();
  [[nodiscard]] Result<FrameBound> parse_frame_bound();
  [[nodiscard]] Result<std::unique_ptr<SelectStmt>> parse_subquery_body(SourcePos open);

  std::vector<Token> tokens_;
  std::vector<Annotation> annotations_;
  Status lex_status_;
  size_t pos_ = 0;
  int depth_ = 0;
};

/// Parses a SQL script; a shorthand for Parser(text).parse_script().
[[nodiscard]] Result<Script> parse_sql(std::string_view text);

/// Parses one expression; a shorthand for Parser(text).parse_standalone_expr().
[[nodiscard]] Result<ExprPtr> parse_expression(std::string_view text);

}  // namespace eddy::sql
