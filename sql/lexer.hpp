#pragma once

#include <string_view>
#include <vector>

#include "runtime/core/status.hpp"
#include "sql/token.hpp"

namespace eddy::sql {

/// The tokens of a SQL text (ending with one kEnd token) and its annotation comments.
struct LexedText {
  std::vector<Token> tokens;
  std::vector<Annotation> annotations;  ///< In text order.
};

/// Splits SQL text into tokens. Skips whitespace, `--` line comments and `/* */` block comments,
/// but keeps `-- @name: value` lines as annotations. Positions are 1-based line and byte column.
class Lexer {
 public:
  /// Lexes `text` (which must outlive the call only).
  explicit Lexer(std::string_view text) : text_(text) {}

  /// Returns every token, or a syntax error at an unterminated string or comment, a malformed
  /// number or duration, or a character that starts no token.
  [[nodiscard]] Result<LexedText> tokenize();

 private:
  [[nodiscard]] char peek(size_t ahead = 0) const;
  void advance(size_t count = 1);
  [[nodiscard]] SourcePos pos() const { return {line_, col_}; }

  void skip_line_comment(LexedText& out);
  [[nodiscard]] Status skip_block_comment();
  [[nodiscard]] Result<Token> lex_quoted(char quote, TokenKind kind);
  [[nodiscard]] Result<Token> lex_number();
  [[nodiscard]] Token lex_word();
  [[nodiscard]] Result<Token> lex_operator();

  std::string_view text_;
  size_t offset_ = 0;
  int line_ = 1;
  int col_ = 1;
};

}  // namespace eddy::sql
