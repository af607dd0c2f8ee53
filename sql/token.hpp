#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runtime/core/status.hpp"

namespace eddy::sql {

/// The lexical category of a token. Keywords are not a separate kind: they are identifiers that
/// the parser matches case-insensitively where the grammar expects them.
enum class TokenKind : uint8_t {
  kEnd,               ///< End of input; always the last token.
  kIdentifier,        ///< A bare word: `orders`, `SELECT`, `_window_start`.
  kQuotedIdentifier,  ///< A backtick identifier `x`; never a keyword. Text is unquoted.
  kString,            ///< '..' or ".." (Velostream treats both as strings). Text is unescaped.
  kInteger,           ///< `42`.
  kDecimal,           ///< `12.5` (a number with a point and no exponent).
  kFloat,             ///< `1e3`, `2.5E-2` (a number with an exponent).
  kDuration,          ///< `5m`, `500ms`, `1.5s`: a number glued to a duration unit.
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,  ///< `||`
  kEq,      ///< `=`
  kNe,      ///< `!=` or `<>`
  kLt,
  kGt,
  kLe,
  kGe,
  kLParen,
  kRParen,
  kComma,
  kDot,
  kSemicolon,
};

/// Names a token kind for messages ("identifier", "string", "')'", ...).
const char* token_kind_name(TokenKind kind);

/// One token with its text and the position of its first character.
struct Token {
  TokenKind kind = TokenKind::kEnd;
  /// Identifiers as written; strings and quoted identifiers without quotes and with escapes
  /// resolved; numbers and durations as written; operators as written.
  std::string text;
  SourcePos pos;

  /// True for a bare identifier equal to `word` ignoring ASCII case (a keyword match).
  [[nodiscard]] bool is_word(std::string_view word) const;
  /// Renders the token for error messages: `'FROM'`, `string 'abc'`, `end of input`.
  [[nodiscard]] std::string describe() const;
};

/// A `-- @name: value` comment line, kept for the statement that follows it.
struct Annotation {
  std::string name;   ///< Without the '@', e.g. `num_partitions`.
  std::string value;  ///< Trimmed; empty when the line has no ':'.
  SourcePos pos;      ///< Of the '@'.
};

}  // namespace eddy::sql
