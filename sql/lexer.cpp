#include "sql/lexer.hpp"

#include <cctype>
#include <string>

#include "runtime/core/duration.hpp"

namespace eddy::sql {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool is_word_char(char c) {
  return is_word_start(c) || is_digit(c);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
    s.remove_prefix(1);
  }
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
    s.remove_suffix(1);
  }
  return s;
}

std::string printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) {
    return std::string(1, c);
  }
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("\\x") + kHex[u >> 4] + kHex[u & 0xf];
}

}  // namespace

char Lexer::peek(size_t ahead) const {
  return offset_ + ahead < text_.size() ? text_[offset_ + ahead] : '\0';
}

void Lexer::advance(size_t count) {
  for (size_t i = 0; i < count && offset_ < text_.size(); ++i) {
    if (text_[offset_] == '\n') {
      ++line_;
      col_ = 1;
    } else {
      ++col_;
    }
    ++offset_;
  }
}

Result<LexedText> Lexer::tokenize() {
  LexedText out;
  while (true) {
    char c = peek();
    if (offset_ >= text_.size()) {
      out.tokens.push_back(Token{TokenKind::kEnd, "", pos()});
      return out;
    }
    if (std::isspace(static_cast<unsigned char>(c))) {
      advance();
      continue;
    }
    if (c == '-' && peek(1) == '-') {
      skip_line_comment(out);
      continue;
    }
    if (c == '/' && peek(1) == '*') {
      EDDY_RETURN_NOT_OK(skip_block_comment());
      continue;
    }
    Result<Token> token = Status::internal("unreachable");
    if (c == '\'' || c == '"') {
      token = lex_quoted(c, TokenKind::kString);
    } else if (c == '`') {
      token = lex_quoted(c, TokenKind::kQuotedIdentifier);
    } else if (is_digit(c)) {
      token = lex_number();
    } else if (is_word_start(c)) {
      token = lex_word();
    } else {
      token = lex_operator();
    }
    if (!token.is_ok()) {
      return token.status();
    }
    out.tokens.push_back(std::move(token).value());
  }
}

void Lexer::skip_line_comment(LexedText& out) {
  size_t end = text_.find('\n', offset_);
  if (end == std::string_view::npos) {
    end = text_.size();
  }
  std::string_view body = text_.substr(offset_ + 2, end - offset_ - 2);
  size_t at = body.find_first_not_of(" \t");
  if (at != std::string_view::npos && body[at] == '@') {
    SourcePos at_pos{line_, col_ + 2 + static_cast<int>(at)};
    std::string_view rest = body.substr(at + 1);
    size_t colon = rest.find(':');
    Annotation note;
    note.pos = at_pos;
    note.name = std::string(trim(rest.substr(0, colon)));
    if (colon != std::string_view::npos) {
      note.value = std::string(trim(rest.substr(colon + 1)));
    }
    if (!note.name.empty()) {
      out.annotations.push_back(std::move(note));
    }
  }
  advance(end - offset_);
}

Status Lexer::skip_block_comment() {
  SourcePos start = pos();
  size_t end = text_.find("*/", offset_ + 2);
  if (end == std::string_view::npos) {
    return Status::syntax_error("unterminated comment: add '*/' to close the '/*' here", start);
  }
  advance(end + 2 - offset_);
  return Status::ok();
}

Result<Token> Lexer::lex_quoted(char quote, TokenKind kind) {
  Token token{kind, "", pos()};
  advance();
  while (true) {
    if (offset_ >= text_.size()) {
      const char* what = kind == TokenKind::kString ? "string" : "quoted identifier";
      return Status::syntax_error(std::string("unterminated ") + what + ": add the closing " +
                                      quote + " (write " + quote + quote +
                                      " for a quote inside it)",
                                  token.pos);
    }
    char c = peek();
    if (c == quote) {
      // A doubled quote stands for one quote character.
      if (peek(1) == quote) {
        token.text += quote;
        advance(2);
        continue;
      }
      advance();
      break;
    }
    token.text += c;
    advance();
  }
  if (kind == TokenKind::kQuotedIdentifier && token.text.empty()) {
    return Status::syntax_error("empty quoted identifier ``: write a name between the backticks",
                                token.pos);
  }
  return token;
}

Result<Token> Lexer::lex_number() {
  Token token{TokenKind::kInteger, "", pos()};
  size_t start = offset_;
  while (is_digit(peek())) {
    advance();
  }
  if (peek() == '.' && is_digit(peek(1))) {
    token.kind = TokenKind::kDecimal;
    advance();
    while (is_digit(peek())) {
      advance();
    }
  }
  bool exponent = (peek() == 'e' || peek() == 'E') &&
                  (is_digit(peek(1)) || ((peek(1) == '+' || peek(1) == '-') && is_digit(peek(2))));
  if (exponent) {
    token.kind = TokenKind::kFloat;
    advance(2);
    while (is_digit(peek())) {
      advance();
    }
  }
  if (is_word_start(peek())) {
    size_t unit_start = offset_;
    while (is_word_char(peek())) {
      advance();
    }
    std::string_view unit = text_.substr(unit_start, offset_ - unit_start);
    token.text = std::string(text_.substr(start, offset_ - start));
    bool known_unit = token.kind != TokenKind::kFloat &&
                      (duration_unit_ms(unit).has_value() || unit == "us" || unit == "ns");
    if (!known_unit) {
      return Status::syntax_error(
          "malformed number '" + token.text + "': a duration unit must be one of ms, s, m, h, d, w",
          token.pos);
    }
    if (!parse_duration_ms(token.text).has_value()) {
      return Status::syntax_error(
          "invalid duration '" + token.text + "': it must be a whole number of milliseconds",
          token.pos);
    }
    token.kind = TokenKind::kDuration;
    return token;
  }
  token.text = std::string(text_.substr(start, offset_ - start));
  return token;
}

Token Lexer::lex_word() {
  Token token{TokenKind::kIdentifier, "", pos()};
  size_t start = offset_;
  while (is_word_char(peek())) {
    advance();
  }
  token.text = std::string(text_.substr(start, offset_ - start));
  return token;
}

Result<Token> Lexer::lex_operator() {
  struct Op {
    const char* text;
    TokenKind kind;
  };
  // Two-character operators first so that '<=' is not read as '<' '='.
  static constexpr Op kOps[] = {
      {"||", TokenKind::kConcat}, {"!=", TokenKind::kNe},    {"<>", TokenKind::kNe},
      {"<=", TokenKind::kLe},     {">=", TokenKind::kGe},    {"+", TokenKind::kPlus},
      {"-", TokenKind::kMinus},   {"*", TokenKind::kStar},   {"/", TokenKind::kSlash},
      {"%", TokenKind::kPercent}, {"=", TokenKind::kEq},     {"<", TokenKind::kLt},
      {">", TokenKind::kGt},      {"(", TokenKind::kLParen}, {")", TokenKind::kRParen},
      {",", TokenKind::kComma},   {".", TokenKind::kDot},    {";", TokenKind::kSemicolon},
  };
  std::string_view rest = text_.substr(offset_);
  for (const auto& op : kOps) {
    std::string_view op_text(op.text);
    if (rest.substr(0, op_text.size()) == op_text) {
      Token token{op.kind, std::string(op_text), pos()};
      advance(op_text.size());
      return token;
    }
  }
  return Status::syntax_error("unexpected character '" + printable(peek()) +
                                  "': it starts no SQL token (quote names with backticks)",
                              pos());
}

}  // namespace eddy::sql
