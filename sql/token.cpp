#include "sql/token.hpp"

#include "runtime/core/schema.hpp"

namespace eddy::sql {

const char* token_kind_name(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kIdentifier:
      return "identifier";
    case TokenKind::kQuotedIdentifier:
      return "quoted identifier";
    case TokenKind::kString:
      return "string";
    case TokenKind::kInteger:
      return "integer";
    case TokenKind::kDecimal:
      return "decimal number";
    case TokenKind::kFloat:
      return "floating-point number";
    case TokenKind::kDuration:
      return "duration";
    case TokenKind::kPlus:
      return "'+'";
    case TokenKind::kMinus:
      return "'-'";
    case TokenKind::kStar:
      return "'*'";
    case TokenKind::kSlash:
      return "'/'";
    case TokenKind::kPercent:
      return "'%'";
    case TokenKind::kConcat:
      return "'||'";
    case TokenKind::kEq:
      return "'='";
    case TokenKind::kNe:
      return "'!='";
    case TokenKind::kLt:
      return "'<'";
    case TokenKind::kGt:
      return "'>'";
    case TokenKind::kLe:
      return "'<='";
    case TokenKind::kGe:
      return "'>='";
    case TokenKind::kLParen:
      return "'('";
    case TokenKind::kRParen:
      return "')'";
    case TokenKind::kComma:
      return "','";
    case TokenKind::kDot:
      return "'.'";
    case TokenKind::kSemicolon:
      return "';'";
  }
  return "token";
}

bool Token::is_word(std::string_view word) const {
  return kind == TokenKind::kIdentifier && iequals(text, word);
}

std::string Token::describe() const {
  switch (kind) {
    case TokenKind::kEnd:
      return "end of input";
    case TokenKind::kString:
      return "string '" + text + "'";
    case TokenKind::kQuotedIdentifier:
      return "`" + text + "`";
    default:
      return "'" + text + "'";
  }
}

}  // namespace eddy::sql
