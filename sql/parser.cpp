#include "sql/parser.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <utility>

#include "runtime/core/duration.hpp"
#include "runtime/core/schema.hpp"
#include "sql/lexer.hpp"

namespace eddy::sql {

namespace {

// Parentheses and subqueries cost kNestCost of the depth budget, one link of an operator chain
// or a NOT/unary prefix costs 1: this bounds both the parser's stack and the tree's height.
constexpr int kNestCost = 4;
constexpr int kDepthBudget = Parser::kMaxNesting * kNestCost;

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

std::string pos_text(SourcePos pos) {
  return std::to_string(pos.line) + ":" + std::to_string(pos.col);
}

bool is_name_token(const Token& t) {
  return t.kind == TokenKind::kQuotedIdentifier ||
         (t.kind == TokenKind::kIdentifier && !is_reserved_word(t.text));
}

bool is_number_token(const Token& t) {
  return t.kind == TokenKind::kInteger || t.kind == TokenKind::kDecimal ||
         t.kind == TokenKind::kFloat;
}

ExprPtr make_expr(ExprKind kind, SourcePos pos) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

ExprPtr make_binary(BinaryOp op, ExprPtr left, ExprPtr right) {
  auto e = make_expr(ExprKind::kBinary, left->pos);
  e->binary_op = op;
  e->args.push_back(std::move(left));
  e->args.push_back(std::move(right));
  return e;
}

std::optional<BinaryOp> comparison_op(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq:
      return BinaryOp::kEq;
    case TokenKind::kNe:
      return BinaryOp::kNe;
    case TokenKind::kLt:
      return BinaryOp::kLt;
    case TokenKind::kLe:
      return BinaryOp::kLe;
    case TokenKind::kGt:
      return BinaryOp::kGt;
    case TokenKind::kGe:
      return BinaryOp::kGe;
    default:
      return std::nullopt;
  }
}

// Renders a token back as SQL, for the text of unsupported statements.
std::string token_sql(const Token& t) {
  switch (t.kind) {
    case TokenKind::kString:
      return quote_string(t.text);
    case TokenKind::kQuotedIdentifier:
      return quote_identifier(t.text);
    default:
      return t.text;
  }
}

// Statement keywords of Velostream that Eddy recognizes but does not run.
constexpr std::string_view kUnsupportedKeywords[] = {
    "SHOW",   "LIST",   "START",  "STOP", "PAUSE", "RESUME",  "DEPLOY", "ROLLBACK",  "DESCRIBE",
    "INSERT", "UPDATE", "DELETE", "DROP", "ALTER", "EXPLAIN", "WITH",   "TERMINATE",
};
// Of those, the ones whose second word is part of the statement's name (SHOW STREAMS, START JOB).
constexpr std::string_view kTwoWordKeywords[] = {
    "SHOW", "LIST", "START", "STOP", "PAUSE", "RESUME", "DEPLOY", "ROLLBACK", "DROP", "INSERT",
};

template <size_t N>
bool contains_word(const std::string_view (&words)[N], std::string_view word) {
  return std::any_of(std::begin(words), std::end(words),
                     [&](std::string_view w) { return iequals(w, word); });
}

}  // namespace

// -- tokens -----------------------------------------------------------------------------------

/// Adds to the parser's nesting depth for its lifetime.
class Parser::DepthGuard {
 public:
  explicit DepthGuard(Parser& parser) : parser_(parser) {}
  ~DepthGuard() { parser_.depth_ -= total_; }
  DepthGuard(const DepthGuard&) = delete;
  DepthGuard& operator=(const DepthGuard&) = delete;

  /// Adds `cost`; returns false when the budget is exceeded.
  bool add(int cost) {
    parser_.depth_ += cost;
    total_ += cost;
    return parser_.depth_ <= kDepthBudget;
  }

 private:
  Parser& parser_;
  int total_ = 0;
};

Parser::Parser(std::string_view text) {
  Lexer lexer(text);
  auto lexed = lexer.tokenize();
  if (lexed.is_ok()) {
    tokens_ = std::move(lexed->tokens);
    annotations_ = std::move(lexed->annotations);
  } else {
    lex_status_ = lexed.status();
    tokens_.push_back(Token{TokenKind::kEnd, "", lex_status_.pos()});
  }
}

const Token& Parser::ahead(size_t count) const {
  return tokens_[std::min(pos_ + count, tokens_.size() - 1)];
}

bool Parser::accept(TokenKind kind) {
  if (at(kind)) {
    take();
    return true;
  }
  return false;
}

bool Parser::accept_word(std::string_view word) {
  if (at_word(word)) {
    take();
    return true;
  }
  return false;
}

Token Parser::take() {
  Token t = cur();
  if (pos_ + 1 < tokens_.size()) {
    ++pos_;
  }
  return t;
}

Status Parser::error_here(const std::string& expected) const {
  return Status::syntax_error("expected " + expected + ", found " + cur().describe(), cur().pos);
}

Status Parser::expect(TokenKind kind, const std::string& expected) {
  if (accept(kind)) {
    return Status::ok();
  }
  return error_here(expected);
}

Status Parser::expect_word(std::string_view word, const std::string& expected) {
  if (accept_word(word)) {
    return Status::ok();
  }
  return error_here(expected);
}

Status Parser::expect_close(SourcePos open) {
  return expect(TokenKind::kRParen, "')' to close '(' opened at " + pos_text(open));
}

Status Parser::nesting_error() const {
  return Status::syntax_error("the statement is nested too deeply (more than " +
                                  std::to_string(kMaxNesting) +
                                  " levels of parentheses, subqueries or chained operators): "
                                  "simplify it or split it",
                              cur().pos);
}

bool Parser::starts_expression(const Token& t) const {
  switch (t.kind) {
    case TokenKind::kIdentifier:
      return !is_reserved_word(t.text) || t.is_word("CASE") || t.is_word("CAST") ||
             t.is_word("NOT") || t.is_word("EXISTS") || t.is_word("TRUE") || t.is_word("FALSE") ||
             t.is_word("NULL") || t.is_word("INTERVAL") || t.is_word("EXTRACT");
    case TokenKind::kQuotedIdentifier:
    case TokenKind::kString:
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kFloat:
    case TokenKind::kDuration:
    case TokenKind::kLParen:
      return true;
    default:
      return false;
  }
}

// -- statements -------------------------------------------------------------------------------

Result<Script> Parser::parse_script() {
  if (!lex_status_.is_ok()) {
    return lex_status_;
  }
  Script script;
  size_t next_annotation = 0;
  while (!at(TokenKind::kEnd)) {
    if (accept(TokenKind::kSemicolon)) {
      continue;
    }
    SourcePos start = cur().pos;
    EDDY_ASSIGN_OR_RAISE(Statement statement, parse_statement());
    // Annotation lines written before this statement (and after the previous one) belong to it.
    while (next_annotation < annotations_.size()) {
      const Annotation& a = annotations_[next_annotation];
      bool before = a.pos.line < start.line || (a.pos.line == start.line && a.pos.col < start.col);
      if (!before) {
        break;
      }
      statement.annotations.push_back(a);
      ++next_annotation;
    }
    script.statements.push_back(std::move(statement));
    if (!at(TokenKind::kSemicolon) && !at(TokenKind::kEnd)) {
      std::string hint;
      if (at_word("SELECT") || at_word("CREATE")) {
        hint = ": add a ';' between statements";
      }
      return Status::syntax_error(
          "unexpected " + cur().describe() + " after the end of the statement" + hint, cur().pos);
    }
  }
  return script;
}

Result<ExprPtr> Parser::parse_standalone_expr() {
  if (!lex_status_.is_ok()) {
    return lex_status_;
  }
  EDDY_ASSIGN_OR_RAISE(ExprPtr e, parse_expr());
  if (!at(TokenKind::kEnd)) {
    return Status::syntax_error("unexpected " + cur().describe() + " after the expression",
                                cur().pos);
  }
  return e;
}

Result<Statement> Parser::parse_statement() {
  Statement statement;
  statement.pos = cur().pos;
  if (at_word("SELECT")) {
    EDDY_ASSIGN_OR_RAISE(SelectStmt select, parse_select(/*in_create=*/false,
                                                         /*allow_union=*/true));
    statement.body = std::move(select);
    return statement;
  }
  if (at_word("CREATE")) {
    return parse_create();
  }
  if (at(TokenKind::kIdentifier) && contains_word(kUnsupportedKeywords, cur().text)) {
    EDDY_ASSIGN_OR_RAISE(UnsupportedStmt stmt, parse_unsupported());
    statement.body = std::move(stmt);
    return statement;
  }
  return error_here("a statement (SELECT, CREATE STREAM or CREATE TABLE)");
}

Result<Statement> Parser::parse_create() {
  Statement statement;
  statement.pos = cur().pos;
  take();  // CREATE
  ObjectKind object = ObjectKind::kStream;
  if (accept_word("TABLE")) {
    object = ObjectKind::kTable;
  } else if (!accept_word("STREAM")) {
    return error_here("STREAM or TABLE after CREATE");
  }
  const char* object_word = object == ObjectKind::kStream ? "STREAM" : "TABLE";
  SourcePos name_pos = cur().pos;
  EDDY_ASSIGN_OR_RAISE(std::string name,
                       parse_name(std::string("a name after CREATE ") + object_word));
  std::vector<ColumnDef> columns;
  if (at(TokenKind::kLParen)) {
    EDDY_ASSIGN_OR_RAISE(columns, parse_column_defs());
  }
  if (accept_word("AS")) {
    if (!at_word("SELECT")) {
      return error_here("SELECT after AS");
    }
    CreateStmt create;
    create.object = object;
    create.name = std::move(name);
    create.name_pos = name_pos;
    create.columns = std::move(columns);
    EDDY_ASSIGN_OR_RAISE(create.query, parse_select(/*in_create=*/true, /*allow_union=*/true));
    create.emit = std::exchange(create.query.emit, EmitMode::kDefault);
    create.properties = std::move(create.query.properties);
    create.query.properties.clear();
    statement.body = std::move(create);
    return statement;
  }
  if (accept_word("WITH")) {
    SourceDecl decl;
    decl.object = object;
    decl.name = std::move(name);
    decl.name_pos = name_pos;
    decl.columns = std::move(columns);
    EDDY_ASSIGN_OR_RAISE(decl.properties, parse_properties(/*bare_words=*/false));
    statement.body = std::move(decl);
    return statement;
  }
  return error_here(std::string("AS SELECT ... or WITH (...) after CREATE ") + object_word + " " +
                    quote_identifier(name));
}

Result<UnsupportedStmt> Parser::parse_unsupported() {
  UnsupportedStmt stmt;
  stmt.keyword = upper(cur().text);
  if (contains_word(kTwoWordKeywords, cur().text) && ahead(1).kind == TokenKind::kIdentifier) {
    stmt.keyword += " " + upper(ahead(1).text);
  }
  while (!at(TokenKind::kSemicolon) && !at(TokenKind::kEnd)) {
    if (!stmt.text.empty()) {
      stmt.text += " ";
    }
    stmt.text += token_sql(take());
  }
  return stmt;
}

Result<std::vector<ColumnDef>> Parser::parse_column_defs() {
  SourcePos open = take().pos;
  std::vector<ColumnDef> columns;
  do {
    ColumnDef column;
    column.pos = cur().pos;
    EDDY_ASSIGN_OR_RAISE(column.name, parse_name("a column name"));
    EDDY_ASSIGN_OR_RAISE(column.type, parse_type());
    if (accept_word("NOT")) {
      EDDY_RETURN_NOT_OK(expect_word("NULL", "NULL after NOT"));
      column.not_null = true;
    }
    columns.push_back(std::move(column));
  } while (accept(TokenKind::kComma));
  EDDY_RETURN_NOT_OK(expect_close(open));
  return columns;
}

Result<TypeName> Parser::parse_type() {
  TypeName type;
  type.pos = cur().pos;
  if (!at(TokenKind::kIdentifier)) {
    return error_here("a type name (BIGINT, DOUBLE, DECIMAL(p,s), VARCHAR, BOOLEAN, TIMESTAMP)");
  }
  std::string name = upper(take().text);
  type.text = name;
  bool known = parse_type_name(name).has_value() || name == "DECIMAL" || name == "NUMERIC";
  if (!known) {
    // Unsupported types (DATE, ARRAY(..), MAP(..)) keep their text for the binder to report.
    if (at(TokenKind::kLParen)) {
      SourcePos open = take().pos;
      type.text += "(";
      int open_parens = 1;
      while (open_parens > 0) {
        if (at(TokenKind::kEnd) || at(TokenKind::kSemicolon)) {
          return expect_close(open);
        }
        Token t = take();
        if (t.kind == TokenKind::kLParen) {
          ++open_parens;
        } else if (t.kind == TokenKind::kRParen) {
          --open_parens;
        }
        type.text += t.kind == TokenKind::kComma ? "," : upper(token_sql(t));
      }
    }
    return type;
  }
  std::optional<int> args[2];
  if (at(TokenKind::kLParen)) {
    SourcePos open = take().pos;
    for (int i = 0; i < 2; ++i) {
      if (!at(TokenKind::kInteger)) {
        return error_here(i == 0 ? "a number after '(' in the type" : "a scale after ','");
      }
      int value = 0;
      const std::string& digits = cur().text;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec != std::errc() || ptr != digits.data() + digits.size()) {
        return Status::syntax_error("type argument " + digits + " is too large", cur().pos);
      }
      take();
      args[i] = value;
      if (!accept(TokenKind::kComma)) {
        break;
      }
    }
    EDDY_RETURN_NOT_OK(expect_close(open));
    type.text +=
        "(" + std::to_string(*args[0]) + (args[1] ? "," + std::to_string(*args[1]) : "") + ")";
  }
  type.type = parse_type_name(name, args[0], args[1]);
  if (!type.type) {
    if (name == "DECIMAL" || name == "NUMERIC") {
      return Status::syntax_error("invalid " + type.text + ": precision must be 1.." +
                                      std::to_string(DataType::kMaxDecimalPrecision) +
                                      " and scale 0..precision",
                                  type.pos);
    }
    return Status::syntax_error(
        "invalid " + type.text + ": only DECIMAL(p,s) and VARCHAR(n) take arguments", type.pos);
  }
  return type;
}

Result<std::vector<Property>> Parser::parse_properties(bool bare_words) {
  SourcePos open = cur().pos;
  EDDY_RETURN_NOT_OK(expect(TokenKind::kLParen, "'(' after WITH"));
  std::vector<Property> properties;
  do {
    Property p;
    p.pos = cur().pos;
    if (at(TokenKind::kString)) {
      p.key = take().text;
    } else if (bare_words && (at(TokenKind::kIdentifier) || at(TokenKind::kQuotedIdentifier))) {
      p.key = take().text;
      while (at(TokenKind::kDot) && (ahead(1).kind == TokenKind::kIdentifier ||
                                     ahead(1).kind == TokenKind::kQuotedIdentifier)) {
        take();
        p.key += "." + take().text;
      }
    } else {
      return error_here("a quoted property key such as 'orders.type'");
    }
    EDDY_RETURN_NOT_OK(expect(TokenKind::kEq, "'=' after the property key '" + p.key + "'"));
    p.value_pos = cur().pos;
    const Token& v = cur();
    bool number = is_number_token(v) || v.kind == TokenKind::kDuration;
    bool word = v.kind == TokenKind::kIdentifier || v.kind == TokenKind::kQuotedIdentifier;
    if (v.kind == TokenKind::kString || number || v.is_word("TRUE") || v.is_word("FALSE") ||
        (bare_words && word)) {
      p.value = take().text;
    } else if (at(TokenKind::kMinus) && is_number_token(ahead(1))) {
      take();
      p.value = "-" + take().text;
    } else {
      return error_here("a quoted value for property '" + p.key + "'");
    }
    properties.push_back(std::move(p));
  } while (accept(TokenKind::kComma));
  EDDY_RETURN_NOT_OK(expect_close(open));
  return properties;
}

Result<std::string> Parser::parse_name(const std::string& what) {
  if (is_name_token(cur())) {
    return take().text;
  }
  if (at(TokenKind::kIdentifier)) {
    return Status::syntax_error("expected " + what + ", found the keyword " + cur().describe() +
                                    " (write `" + cur().text + "` to use it as a name)",
                                cur().pos);
  }
  return error_here(what);
}

// -- SELECT -----------------------------------------------------------------------------------

Result<SelectStmt> Parser::parse_select(bool in_create, bool allow_union) {
  SelectStmt select;
  select.pos = cur().pos;
  EDDY_RETURN_NOT_OK(expect_word("SELECT", "SELECT"));
  if (accept_word("DISTINCT")) {
    select.distinct = true;
  } else {
    accept_word("ALL");
  }
  if (at_word("FROM") || at(TokenKind::kEnd) || at(TokenKind::kSemicolon)) {
    return error_here("a select list after SELECT (a column, an expression or *)");
  }
  while (true) {
    EDDY_ASSIGN_OR_RAISE(SelectItem item, parse_select_item());
    select.items.push_back(std::move(item));
    if (accept(TokenKind::kComma)) {
      if (at_word("FROM")) {
        return Status::syntax_error(
            "unexpected 'FROM' after ',': remove the trailing comma of the select list", cur().pos);
      }
      continue;
    }
    if (starts_expression(cur())) {
      return Status::syntax_error(
          "unexpected " + cur().describe() + " after the select item: did you forget a comma?",
          cur().pos);
    }
    break;
  }
  if (accept_word("FROM")) {
    EDDY_ASSIGN_OR_RAISE(select.from, parse_table_ref("a source name after FROM"));
    // Inside CREATE, a WITH that ends the statement configures the job, not this source.
    if (at_word("WITH") && !(in_create && with_ends_statement())) {
      take();
      EDDY_ASSIGN_OR_RAISE(select.from->properties, parse_properties(/*bare_words=*/true));
    }
    while (at_word("JOIN") || at_word("INNER") || at_word("LEFT") || at_word("RIGHT") ||
           at_word("FULL") || at_word("CROSS")) {
      EDDY_ASSIGN_OR_RAISE(Join join, parse_join());
      select.joins.push_back(std::move(join));
    }
  }
  if (accept_word("WHERE")) {
    EDDY_ASSIGN_OR_RAISE(select.where, parse_expr());
  }
  EDDY_RETURN_NOT_OK(parse_clauses(select));
  while (allow_union && at_word("UNION")) {
    UnionArm arm;
    arm.pos = take().pos;
    arm.all = accept_word("ALL");
    if (!at_word("SELECT")) {
      return error_here("SELECT after UNION");
    }
    EDDY_ASSIGN_OR_RAISE(SelectStmt next, parse_select(/*in_create=*/false,
                                                       /*allow_union=*/false));
    arm.select = std::make_unique<SelectStmt>(std::move(next));
    select.unions.push_back(std::move(arm));
  }
  return select;
}

Result<SelectItem> Parser::parse_select_item() {
  SelectItem item;
  item.pos = cur().pos;
  if (accept(TokenKind::kStar)) {
    item.kind = SelectItem::Kind::kStar;
    return item;
  }
  if (is_name_token(cur()) && ahead(1).kind == TokenKind::kDot &&
      ahead(2).kind == TokenKind::kStar) {
    item.kind = SelectItem::Kind::kQualifiedStar;
    item.qualifier = take().text;
    take();
    take();
    return item;
  }
  EDDY_ASSIGN_OR_RAISE(item.expr, parse_expr());
  if (accept_word("AS")) {
    item.alias_pos = cur().pos;
    if (at(TokenKind::kString)) {
      item.alias = take().text;
    } else {
      EDDY_ASSIGN_OR_RAISE(item.alias, parse_name("an alias after AS"));
    }
  } else if (is_name_token(cur())) {
    item.alias_pos = cur().pos;
    item.alias = take().text;
  }
  if (accept_word("PRIMARY")) {
    EDDY_RETURN_NOT_OK(expect_word("KEY", "KEY after PRIMARY"));
    item.primary_key = true;
  }
  return item;
}

Result<TableRef> Parser::parse_table_ref(const std::string& what) {
  TableRef table;
  table.pos = cur().pos;
  if (at(TokenKind::kString)) {
    table.name = take().text;
    table.is_uri = true;
  } else if (at(TokenKind::kLParen)) {
    return Status::not_supported(
        "subqueries in FROM are not supported yet: declare the inner "
        "query as its own CREATE STREAM and read from it",
        cur().pos);
  } else {
    EDDY_ASSIGN_OR_RAISE(table.name, parse_name(what));
  }
  if (accept_word("AS")) {
    EDDY_ASSIGN_OR_RAISE(table.alias, parse_name("an alias after AS"));
  } else if (is_name_token(cur())) {
    table.alias = take().text;
  }
  return table;
}

bool Parser::with_ends_statement() const {
  // Skips `WITH ( ... )` with balanced parentheses and looks at the token after it.
  size_t i = pos_ + 1;
  if (tokens_[i].kind != TokenKind::kLParen) {
    return false;
  }
  int open = 0;
  for (; i < tokens_.size(); ++i) {
    TokenKind k = tokens_[i].kind;
    if (k == TokenKind::kLParen) {
      ++open;
    } else if (k == TokenKind::kRParen && --open == 0) {
      break;
    } else if (k == TokenKind::kEnd || k == TokenKind::kSemicolon) {
      return false;
    }
  }
  if (i + 1 >= tokens_.size()) {
    return false;
  }
  const Token& next = tokens_[i + 1];
  return next.kind == TokenKind::kEnd || next.kind == TokenKind::kSemicolon || next.is_word("EMIT");
}

Result<Join> Parser::parse_join() {
  Join join;
  join.pos = cur().pos;
  if (at_word("CROSS")) {
    return Status::not_supported("CROSS JOIN is not supported yet: use JOIN .. ON", cur().pos);
  }
  if (accept_word("LEFT")) {
    join.type = JoinType::kLeft;
    accept_word("OUTER");
  } else if (accept_word("RIGHT")) {
    join.type = JoinType::kRight;
    accept_word("OUTER");
  } else if (accept_word("FULL")) {
    join.type = JoinType::kFull;
    accept_word("OUTER");
  } else {
    accept_word("INNER");
  }
  EDDY_RETURN_NOT_OK(expect_word("JOIN", "JOIN"));
  EDDY_ASSIGN_OR_RAISE(join.source, parse_table_ref("a source name after JOIN"));
  EDDY_RETURN_NOT_OK(expect_word("ON", "ON <condition> after the joined source"));
  EDDY_ASSIGN_OR_RAISE(join.on, parse_expr());
  if (accept_word("WITHIN")) {
    EDDY_ASSIGN_OR_RAISE(join.within, parse_duration("a duration after WITHIN"));
  }
  return join;
}

Status Parser::parse_clauses(SelectStmt& select) {
  // Where each clause was first seen, to report duplicates.
  std::vector<std::pair<std::string, SourcePos>> seen;
  auto check_once = [&](const std::string& clause) -> Status {
    for (const auto& [name, pos] : seen) {
      if (name == clause) {
        return Status::syntax_error("duplicate " + clause + " clause (the first one is at " +
                                        pos_text(pos) + "): each clause may appear only once",
                                    cur().pos);
      }
    }
    seen.emplace_back(clause, cur().pos);
    return Status::ok();
  };
  while (true) {
    if (at_word("GROUP")) {
      EDDY_RETURN_NOT_OK(check_once("GROUP BY"));
      take();
      EDDY_RETURN_NOT_OK(expect_word("BY", "BY after GROUP"));
      EDDY_ASSIGN_OR_RAISE(select.group_by, parse_expr_list());
    } else if (at_word("WINDOW")) {
      EDDY_RETURN_NOT_OK(check_once("WINDOW"));
      EDDY_ASSIGN_OR_RAISE(select.window, parse_window());
    } else if (at_word("HAVING")) {
      EDDY_RETURN_NOT_OK(check_once("HAVING"));
      take();
      EDDY_ASSIGN_OR_RAISE(select.having, parse_expr());
    } else if (at_word("ORDER")) {
      EDDY_RETURN_NOT_OK(check_once("ORDER BY"));
      take();
      EDDY_RETURN_NOT_OK(expect_word("BY", "BY after ORDER"));
      EDDY_ASSIGN_OR_RAISE(select.order_by, parse_order_list());
    } else if (at_word("LIMIT")) {
      EDDY_RETURN_NOT_OK(check_once("LIMIT"));
      select.limit_pos = cur().pos;
      take();
      int64_t limit = 0;
      const std::string& digits = cur().text;
      auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), limit);
      if (!at(TokenKind::kInteger) || ec != std::errc() || ptr != digits.data() + digits.size()) {
        return error_here("a row count (a whole number) after LIMIT");
      }
      take();
      select.limit = limit;
    } else if (at_word("EMIT")) {
      EDDY_RETURN_NOT_OK(check_once("EMIT"));
      take();
      if (accept_word("CHANGES")) {
        select.emit = EmitMode::kChanges;
      } else if (accept_word("FINAL")) {
        select.emit = EmitMode::kFinal;
      } else {
        return error_here("CHANGES or FINAL after EMIT");
      }
    } else if (at_word("INTO")) {
      EDDY_RETURN_NOT_OK(check_once("INTO"));
      IntoClause into;
      take();
      into.pos = cur().pos;
      if (at(TokenKind::kString)) {
        into.name = take().text;
        into.is_uri = true;
      } else {
        EDDY_ASSIGN_OR_RAISE(into.name, parse_name("a sink name after INTO"));
      }
      if (accept_word("WITH")) {
        EDDY_ASSIGN_OR_RAISE(into.properties, parse_properties(/*bare_words=*/false));
      }
      select.into = std::move(into);
    } else if (at_word("WITH")) {
      EDDY_RETURN_NOT_OK(check_once("WITH"));
      take();
      EDDY_ASSIGN_OR_RAISE(select.properties, parse_properties(/*bare_words=*/false));
    } else if (at_word("WHERE")) {
      return Status::syntax_error(
          select.where ? "duplicate WHERE clause: combine the conditions with AND"
                       : "WHERE must come right after FROM and JOIN, before GROUP BY, WINDOW, "
                         "HAVING, ORDER BY, LIMIT and EMIT",
          cur().pos);
    } else if (at_word("FROM") && !select.from) {
      return Status::syntax_error("FROM must come right after the select list", cur().pos);
    } else {
      return Status::ok();
    }
  }
}

Result<WindowSpec> Parser::parse_window() {
  WindowSpec window;
  window.pos = take().pos;
  if (accept_word("TUMBLING")) {
    window.kind = WindowKind::kTumbling;
  } else if (accept_word("SLIDING")) {
    window.kind = WindowKind::kSliding;
  } else if (accept_word("SESSION")) {
    window.kind = WindowKind::kSession;
  } else if (at_word("HOPPING")) {
    return Status::syntax_error(
        "HOPPING windows are written SLIDING(size, advance) in this dialect", cur().pos);
  } else {
    return error_here("TUMBLING, SLIDING or SESSION after WINDOW");
  }
  static constexpr const char* kUsage[] = {
      "TUMBLING([time_column,] size), e.g. TUMBLING(ts, INTERVAL '1' MINUTE) or TUMBLING(1m)",
      "SLIDING([time_column,] size, advance), e.g. SLIDING(INTERVAL '10' MINUTE, 2m)",
      "SESSION([time_column,] gap [, key_column]), e.g. SESSION(ts, 30s)",
  };
  const char* usage = kUsage[static_cast<int>(window.kind)];
  SourcePos open = cur().pos;
  EDDY_RETURN_NOT_OK(expect(TokenKind::kLParen, std::string("'(': write ") + usage));
  // Each argument is a duration or a column; the kind's shape decides which is which.
  struct Arg {
    std::optional<Duration> duration;
    ExprPtr column;
    SourcePos pos;
  };
  std::vector<Arg> args;
  do {
    Arg arg;
    arg.pos = cur().pos;
    if (at_word("INTERVAL") || at(TokenKind::kDuration) || at(TokenKind::kInteger) ||
        at(TokenKind::kDecimal)) {
      EDDY_ASSIGN_OR_RAISE(arg.duration, parse_duration("a duration"));
    } else if (is_name_token(cur())) {
      EDDY_ASSIGN_OR_RAISE(arg.column, parse_column_ref());
    } else {
      return error_here("a duration (INTERVAL '1' MINUTE, 1m) or a time column in " +
                        std::string(usage));
    }
    args.push_back(std::move(arg));
  } while (accept(TokenKind::kComma) && args.size() < 4);
  EDDY_RETURN_NOT_OK(expect_close(open));

  // The argument shape, one letter per argument: c for a column, d for a duration.
  std::string shape;
  for (const Arg& a : args) {
    shape += a.duration ? 'd' : 'c';
  }
  size_t next = 0;
  bool ok = false;
  switch (window.kind) {
    case WindowKind::kTumbling:
      ok = shape == "d" || shape == "cd";
      break;
    case WindowKind::kSliding:
      ok = shape == "dd" || shape == "cdd";
      break;
    case WindowKind::kSession:
      ok = shape == "d" || shape == "cd" || shape == "dc" || shape == "cdc";
      break;
  }
  if (!ok) {
    return Status::syntax_error(std::string("wrong arguments for the window: write ") + usage,
                                args.empty() ? open : args[0].pos);
  }
  if (shape[0] == 'c') {
    window.time_column = std::move(args[next++].column);
  }
  window.size = *args[next++].duration;
  if (window.kind == WindowKind::kSliding) {
    window.advance = *args[next++].duration;
  }
  if (next < args.size()) {
    window.session_key = std::move(args[next].column);
  }
  if (window.size.ms <= 0) {
    return Status::syntax_error("the window size must be positive", window.size.pos);
  }
  if (window.advance && window.advance->ms <= 0) {
    return Status::syntax_error("the window advance must be positive", window.advance->pos);
  }
  if (window.advance && window.advance->ms > window.size.ms) {
    // Records between two windows would belong to none and vanish without a trace.
    return Status::syntax_error("the SLIDING window's advance " + window.advance->text +
                                    " is larger than its size " + window.size.text +
                                    "; use an advance of at most the size (or a TUMBLING window)",
                                window.advance->pos);
  }
  return window;
}

Result<std::vector<OrderItem>> Parser::parse_order_list() {
  std::vector<OrderItem> items;
  do {
    OrderItem item;
    EDDY_ASSIGN_OR_RAISE(item.expr, parse_expr());
    if (accept_word("DESC")) {
      item.descending = true;
    } else {
      accept_word("ASC");
    }
    items.push_back(std::move(item));
  } while (accept(TokenKind::kComma));
  return items;
}

Result<std::vector<ExprPtr>> Parser::parse_expr_list() {
  std::vector<ExprPtr> exprs;
  do {
    EDDY_ASSIGN_OR_RAISE(ExprPtr e, parse_expr());
    exprs.push_back(std::move(e));
  } while (accept(TokenKind::kComma));
  return exprs;
}

Result<Duration> Parser::parse_duration(const std::string& what) {
  if (at_word("INTERVAL")) {
    return parse_interval();
  }
  Duration d;
  d.pos = cur().pos;
  if (at(TokenKind::kDuration) || at(TokenKind::kInteger) || at(TokenKind::kDecimal)) {
    d.text = cur().text;
    auto ms = parse_duration_ms(d.text);
    if (!ms) {
      return Status::syntax_error(
          "invalid duration '" + d.text + "': it must be a whole number of milliseconds", d.pos);
    }
    take();
    d.ms = *ms;
    return d;
  }
  return error_here(what + " such as INTERVAL '1' MINUTE or 1m");
}

Result<Duration> Parser::parse_interval() {
  Duration d;
  d.pos = take().pos;  // INTERVAL
  std::string amount;
  if (at(TokenKind::kString) || at(TokenKind::kInteger) || at(TokenKind::kDecimal)) {
    amount = cur().text;
  } else {
    return error_here("an amount after INTERVAL, as in INTERVAL '5' MINUTE");
  }
  SourcePos amount_pos = take().pos;
  if (!at(TokenKind::kIdentifier)) {
    return error_here("a unit (MILLISECOND, SECOND, MINUTE, HOUR, DAY or WEEK) after INTERVAL '" +
                      amount + "'");
  }
  const Token& unit = cur();
  if (!duration_unit_ms(unit.text)) {
    return Status::syntax_error("unknown interval unit " + unit.describe() +
                                    ": use MILLISECOND, SECOND, MINUTE, HOUR, DAY or WEEK "
                                    "(singular or plural)",
                                unit.pos);
  }
  auto ms = parse_duration_ms(amount + " " + unit.text);
  if (!ms) {
    return Status::syntax_error("invalid interval amount '" + amount +
                                    "': it must be a non-negative number that gives whole "
                                    "milliseconds",
                                amount_pos);
  }
  d.ms = *ms;
  d.text = "INTERVAL " + quote_string(amount) + " " + upper(take().text);
  return d;
}

// -- expressions ------------------------------------------------------------------------------

Result<ExprPtr> Parser::parse_expr() {
  DepthGuard guard(*this);
  if (!guard.add(kNestCost)) {
    return nesting_error();
  }
  return parse_or();
}

Result<ExprPtr> Parser::parse_or() {
  EDDY_ASSIGN_OR_RAISE(ExprPtr left, parse_and());
  DepthGuard guard(*this);
  while (accept_word("OR")) {
    if (!guard.add(1)) {
      return nesting_error();
    }
    EDDY_ASSIGN_OR_RAISE(ExprPtr right, parse_and());
    left = make_binary(BinaryOp::kOr, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_and() {
  EDDY_ASSIGN_OR_RAISE(ExprPtr left, parse_not());
  DepthGuard guard(*this);
  while (accept_word("AND")) {
    if (!guard.add(1)) {
      return nesting_error();
    }
    EDDY_ASSIGN_OR_RAISE(ExprPtr right, parse_not());
    left = make_binary(BinaryOp::kAnd, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_not() {
  // NOT EXISTS is one primary, so that the subquery test can be negated in place.
  if (at_word("NOT") && !ahead(1).is_word("EXISTS")) {
    DepthGuard guard(*this);
    if (!guard.add(1)) {
      return nesting_error();
    }
    auto e = make_expr(ExprKind::kUnary, take().pos);
    e->unary_op = UnaryOp::kNot;
    EDDY_ASSIGN_OR_RAISE(ExprPtr operand, parse_not());
    e->args.push_back(std::move(operand));
    return e;
  }
  return parse_comparison();
}

Result<ExprPtr> Parser::parse_comparison() {
  EDDY_ASSIGN_OR_RAISE(ExprPtr left, parse_concat());
  DepthGuard guard(*this);
  while (true) {
    if (!guard.add(1)) {
      return nesting_error();
    }
    if (auto op = comparison_op(cur().kind)) {
      take();
      if ((at_word("ANY") || at_word("ALL") || at_word("SOME")) &&
          ahead(1).kind == TokenKind::kLParen) {
        auto e = make_expr(ExprKind::kQuantified, left->pos);
        e->binary_op = *op;
        e->quantifier = at_word("ALL") ? Quantifier::kAll : Quantifier::kAny;
        take();
        SourcePos open = take().pos;
        if (!at_word("SELECT")) {
          return error_here("a subquery (SELECT ...) after " + std::string(binary_op_name(*op)) +
                            (e->quantifier == Quantifier::kAll ? " ALL" : " ANY"));
        }
        EDDY_ASSIGN_OR_RAISE(e->subquery, parse_subquery_body(open));
        e->args.push_back(std::move(left));
        left = std::move(e);
        continue;
      }
      EDDY_ASSIGN_OR_RAISE(ExprPtr right, parse_concat());
      left = make_binary(*op, std::move(left), std::move(right));
      continue;
    }
    if (at_word("IS")) {
      take();
      auto e = make_expr(ExprKind::kIsNull, left->pos);
      e->negated = accept_word("NOT");
      EDDY_RETURN_NOT_OK(expect_word("NULL", e->negated ? "NULL after IS NOT" : "NULL after IS"));
      e->args.push_back(std::move(left));
      left = std::move(e);
      continue;
    }
    bool negated = false;
    if (at_word("NOT") &&
        (ahead(1).is_word("IN") || ahead(1).is_word("BETWEEN") || ahead(1).is_word("LIKE"))) {
      take();
      negated = true;
    }
    if (accept_word("IN")) {
      SourcePos open = cur().pos;
      EDDY_RETURN_NOT_OK(expect(TokenKind::kLParen, "'(' after IN"));
      if (at_word("SELECT")) {
        auto e = make_expr(ExprKind::kInSubquery, left->pos);
        e->negated = negated;
        EDDY_ASSIGN_OR_RAISE(e->subquery, parse_subquery_body(open));
        e->args.push_back(std::move(left));
        left = std::move(e);
        continue;
      }
      auto e = make_expr(ExprKind::kInList, left->pos);
      e->negated = negated;
      e->args.push_back(std::move(left));
      EDDY_ASSIGN_OR_RAISE(std::vector<ExprPtr> list, parse_expr_list());
      for (auto& item : list) {
        e->args.push_back(std::move(item));
      }
      EDDY_RETURN_NOT_OK(expect_close(open));
      left = std::move(e);
      continue;
    }
    if (accept_word("BETWEEN")) {
      auto e = make_expr(ExprKind::kBetween, left->pos);
      e->negated = negated;
      e->args.push_back(std::move(left));
      EDDY_ASSIGN_OR_RAISE(ExprPtr low, parse_concat());
      EDDY_RETURN_NOT_OK(expect_word("AND", "AND in BETWEEN .. AND .."));
      EDDY_ASSIGN_OR_RAISE(ExprPtr high, parse_concat());
      e->args.push_back(std::move(low));
      e->args.push_back(std::move(high));
      left = std::move(e);
      continue;
    }
    if (accept_word("LIKE")) {
      auto e = make_expr(ExprKind::kLike, left->pos);
      e->negated = negated;
      e->args.push_back(std::move(left));
      EDDY_ASSIGN_OR_RAISE(ExprPtr pattern, parse_concat());
      e->args.push_back(std::move(pattern));
      left = std::move(e);
      continue;
    }
    return left;
  }
}

Result<ExprPtr> Parser::parse_concat() {
  EDDY_ASSIGN_OR_RAISE(ExprPtr left, parse_additive());
  DepthGuard guard(*this);
  while (accept(TokenKind::kConcat)) {
    if (!guard.add(1)) {
      return nesting_error();
    }
    EDDY_ASSIGN_OR_RAISE(ExprPtr right, parse_additive());
    left = make_binary(BinaryOp::kConcat, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_additive() {
  EDDY_ASSIGN_OR_RAISE(ExprPtr left, parse_multiplicative());
  DepthGuard guard(*this);
  while (at(TokenKind::kPlus) || at(TokenKind::kMinus)) {
    if (!guard.add(1)) {
      return nesting_error();
    }
    BinaryOp op = take().kind == TokenKind::kPlus ? BinaryOp::kAdd : BinaryOp::kSub;
    EDDY_ASSIGN_OR_RAISE(ExprPtr right, parse_multiplicative());
    left = make_binary(op, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_multiplicative() {
  EDDY_ASSIGN_OR_RAISE(ExprPtr left, parse_unary());
  DepthGuard guard(*this);
  while (at(TokenKind::kStar) || at(TokenKind::kSlash) || at(TokenKind::kPercent)) {
    if (!guard.add(1)) {
      return nesting_error();
    }
    TokenKind kind = take().kind;
    BinaryOp op = kind == TokenKind::kStar    ? BinaryOp::kMul
                  : kind == TokenKind::kSlash ? BinaryOp::kDiv
                                              : BinaryOp::kMod;
    EDDY_ASSIGN_OR_RAISE(ExprPtr right, parse_unary());
    left = make_binary(op, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> Parser::parse_unary() {
  if (!at(TokenKind::kMinus) && !at(TokenKind::kPlus)) {
    return parse_primary();
  }
  DepthGuard guard(*this);
  if (!guard.add(1)) {
    return nesting_error();
  }
  Token sign = take();
  if (sign.kind == TokenKind::kMinus && is_number_token(cur())) {
    // Fold '-' into a numeric literal so that the smallest BIGINT is expressible.
    Token number = take();
    number.pos = sign.pos;
    return parse_number(number, /*negate=*/true);
  }
  auto e = make_expr(ExprKind::kUnary, sign.pos);
  e->unary_op = sign.kind == TokenKind::kMinus ? UnaryOp::kNegate : UnaryOp::kPlus;
  EDDY_ASSIGN_OR_RAISE(ExprPtr operand, parse_unary());
  e->args.push_back(std::move(operand));
  return e;
}

Result<ExprPtr> Parser::parse_number(const Token& token, bool negate) {
  auto e = make_expr(ExprKind::kLiteral, token.pos);
  e->literal.text = (negate ? "-" : "") + token.text;
  const std::string& text = e->literal.text;
  if (token.kind == TokenKind::kInteger) {
    e->literal.kind = LiteralKind::kInteger;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), e->literal.int_value);
    if (ec != std::errc() || ptr != text.data() + text.size()) {
      return Status::syntax_error("integer " + text +
                                      " is out of the BIGINT range: write it as a decimal "
                                      "(with a '.') or use a smaller value",
                                  token.pos);
    }
  } else if (token.kind == TokenKind::kDecimal) {
    e->literal.kind = LiteralKind::kDecimal;
  } else {
    e->literal.kind = LiteralKind::kFloat;
    e->literal.float_value = std::strtod(text.c_str(), nullptr);
    if (!std::isfinite(e->literal.float_value)) {
      return Status::syntax_error("number " + text + " is out of the DOUBLE range", token.pos);
    }
  }
  return e;
}

Result<ExprPtr> Parser::parse_primary() {
  const Token& t = cur();
  switch (t.kind) {
    case TokenKind::kInteger:
    case TokenKind::kDecimal:
    case TokenKind::kFloat:
      return parse_number(take(), /*negate=*/false);
    case TokenKind::kString: {
      auto e = make_expr(ExprKind::kLiteral, t.pos);
      e->literal.kind = LiteralKind::kString;
      e->literal.text = take().text;
      return e;
    }
    case TokenKind::kDuration: {
      auto e = make_expr(ExprKind::kLiteral, t.pos);
      e->literal.kind = LiteralKind::kInterval;
      EDDY_ASSIGN_OR_RAISE(e->literal.duration, parse_duration("a duration"));
      return e;
    }
    case TokenKind::kLParen: {
      SourcePos open = take().pos;
      if (at_word("SELECT")) {
        auto e = make_expr(ExprKind::kSubquery, open);
        EDDY_ASSIGN_OR_RAISE(e->subquery, parse_subquery_body(open));
        return e;
      }
      EDDY_ASSIGN_OR_RAISE(ExprPtr inner, parse_expr());
      EDDY_RETURN_NOT_OK(expect_close(open));
      return inner;
    }
    case TokenKind::kQuotedIdentifier:
      return parse_column_ref();
    case TokenKind::kIdentifier:
      break;
    default:
      return error_here("an expression");
  }
  if (t.is_word("NULL") || t.is_word("TRUE") || t.is_word("FALSE")) {
    auto e = make_expr(ExprKind::kLiteral, t.pos);
    e->literal.kind = t.is_word("NULL") ? LiteralKind::kNull : LiteralKind::kBoolean;
    e->literal.bool_value = t.is_word("TRUE");
    take();
    return e;
  }
  if (t.is_word("INTERVAL")) {
    auto e = make_expr(ExprKind::kLiteral, t.pos);
    e->literal.kind = LiteralKind::kInterval;
    EDDY_ASSIGN_OR_RAISE(e->literal.duration, parse_interval());
    return e;
  }
  if (t.is_word("CASE")) {
    return parse_case();
  }
  if (t.is_word("CAST") && ahead(1).kind == TokenKind::kLParen) {
    return parse_cast();
  }
  if (t.is_word("EXTRACT") && ahead(1).kind == TokenKind::kLParen) {
    return parse_extract();
  }
  if (t.is_word("EXISTS") || (t.is_word("NOT") && ahead(1).is_word("EXISTS"))) {
    auto e = make_expr(ExprKind::kExists, t.pos);
    e->negated = t.is_word("NOT");
    if (e->negated) {
      take();
    }
    take();
    SourcePos open = cur().pos;
    EDDY_RETURN_NOT_OK(expect(TokenKind::kLParen, "'(' after EXISTS"));
    if (!at_word("SELECT")) {
      return error_here("a subquery (SELECT ...) after EXISTS (");
    }
    EDDY_ASSIGN_OR_RAISE(e->subquery, parse_subquery_body(open));
    return e;
  }
  if (t.is_word("CURRENT_TIMESTAMP")) {
    auto e = make_expr(ExprKind::kCurrentTimestamp, take().pos);
    if (at(TokenKind::kLParen) && ahead(1).kind == TokenKind::kRParen) {
      take();
      take();
    }
    return e;
  }
  if (ahead(1).kind == TokenKind::kLParen &&
      (!is_reserved_word(t.text) || t.is_word("LEFT") || t.is_word("RIGHT"))) {
    return parse_function();
  }
  if (is_reserved_word(t.text)) {
    return error_here("an expression");
  }
  return parse_column_ref();
}

Result<ExprPtr> Parser::parse_column_ref() {
  auto e = make_expr(ExprKind::kColumnRef, cur().pos);
  e->name = take().text;
  if (at(TokenKind::kDot)) {
    take();
    if (at(TokenKind::kIdentifier) || at(TokenKind::kQuotedIdentifier)) {
      e->qualifier = std::move(e->name);
      e->name = take().text;
    } else if (at(TokenKind::kStar)) {
      return Status::syntax_error(
          "'" + e->name + ".*' is only allowed as an item of the select list", e->pos);
    } else {
      return error_here("a column name after '" + e->name + ".'");
    }
  }
  return e;
}

Result<ExprPtr> Parser::parse_function() {
  auto e = make_expr(ExprKind::kFunction, cur().pos);
  e->name = upper(take().text);
  SourcePos open = take().pos;
  if (accept(TokenKind::kStar)) {
    e->star_arg = true;
  } else if (!at(TokenKind::kRParen)) {
    if (accept_word("DISTINCT")) {
      e->distinct = true;
    } else {
      accept_word("ALL");
    }
    EDDY_ASSIGN_OR_RAISE(e->args, parse_expr_list());
  }
  EDDY_RETURN_NOT_OK(expect_close(open));
  if (at_word("WITHIN") && ahead(1).is_word("GROUP")) {
    take();
    take();
    SourcePos group_open = cur().pos;
    EDDY_RETURN_NOT_OK(expect(TokenKind::kLParen, "'(' after WITHIN GROUP"));
    EDDY_RETURN_NOT_OK(expect_word("ORDER", "ORDER BY in WITHIN GROUP (ORDER BY ..)"));
    EDDY_RETURN_NOT_OK(expect_word("BY", "BY after ORDER"));
    EDDY_ASSIGN_OR_RAISE(e->within_group, parse_order_list());
    EDDY_RETURN_NOT_OK(expect_close(group_open));
  }
  if (at_word("OVER")) {
    EDDY_ASSIGN_OR_RAISE(e->over, parse_over());
  }
  return e;
}

Result<ExprPtr> Parser::parse_case() {
  SourcePos case_pos = cur().pos;
  auto e = make_expr(ExprKind::kCase, take().pos);
  if (at_word("END") || at_word("ELSE")) {
    return error_here("WHEN in the CASE opened at " + pos_text(case_pos));
  }
  if (!at_word("WHEN")) {
    EDDY_ASSIGN_OR_RAISE(ExprPtr operand, parse_expr());
    e->has_operand = true;
    e->args.push_back(std::move(operand));
  }
  while (accept_word("WHEN")) {
    WhenClause w;
    EDDY_ASSIGN_OR_RAISE(w.when, parse_expr());
    EDDY_RETURN_NOT_OK(expect_word("THEN", "THEN after the WHEN condition"));
    EDDY_ASSIGN_OR_RAISE(w.then, parse_expr());
    e->whens.push_back(std::move(w));
  }
  if (e->whens.empty()) {
    return error_here("WHEN in the CASE opened at " + pos_text(case_pos));
  }
  if (accept_word("ELSE")) {
    EDDY_ASSIGN_OR_RAISE(e->else_expr, parse_expr());
  }
  EDDY_RETURN_NOT_OK(expect_word("END", "END to close the CASE opened at " + pos_text(case_pos)));
  return e;
}

Result<ExprPtr> Parser::parse_cast() {
  auto e = make_expr(ExprKind::kCast, take().pos);
  SourcePos open = take().pos;
  EDDY_ASSIGN_OR_RAISE(ExprPtr operand, parse_expr());
  e->args.push_back(std::move(operand));
  EDDY_RETURN_NOT_OK(expect_word("AS", "AS <type> in CAST(expr AS type)"));
  EDDY_ASSIGN_OR_RAISE(e->cast_type, parse_type());
  EDDY_RETURN_NOT_OK(expect_close(open));
  return e;
}

Result<ExprPtr> Parser::parse_extract() {
  auto e = make_expr(ExprKind::kExtract, take().pos);
  SourcePos open = take().pos;
  if (!at(TokenKind::kIdentifier) && !at(TokenKind::kString)) {
    return error_here("a date part (YEAR, MONTH, DAY, HOUR, ...) in EXTRACT");
  }
  e->name = upper(take().text);
  if (!accept_word("FROM") && !accept(TokenKind::kComma)) {
    return error_here("FROM in EXTRACT(part FROM expr)");
  }
  EDDY_ASSIGN_OR_RAISE(ExprPtr operand, parse_expr());
  e->args.push_back(std::move(operand));
  EDDY_RETURN_NOT_OK(expect_close(open));
  return e;
}

Result<std::unique_ptr<OverClause>> Parser::parse_over() {
  auto over = std::make_unique<OverClause>();
  over->pos = take().pos;  // OVER
  SourcePos open = cur().pos;
  EDDY_RETURN_NOT_OK(expect(TokenKind::kLParen, "'(' after OVER"));
  if (at_word("ROWS") && ahead(1).is_word("WINDOW")) {
    take();
    take();
    EDDY_RETURN_NOT_OK(expect_word("BUFFER", "BUFFER in ROWS WINDOW BUFFER n ROWS"));
    int64_t rows = 0;
    const std::string& digits = cur().text;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), rows);
    if (!at(TokenKind::kInteger) || ec != std::errc() || rows <= 0) {
      return error_here("a positive row count after ROWS WINDOW BUFFER");
    }
    take();
    over->has_buffer = true;
    over->buffer_rows = rows;
    EDDY_RETURN_NOT_OK(
        expect_word("ROWS", "ROWS after ROWS WINDOW BUFFER " + std::to_string(rows)));
  }
  if (accept_word("PARTITION")) {
    EDDY_RETURN_NOT_OK(expect_word("BY", "BY after PARTITION"));
    EDDY_ASSIGN_OR_RAISE(over->partition_by, parse_expr_list());
  }
  if (accept_word("ORDER")) {
    EDDY_RETURN_NOT_OK(expect_word("BY", "BY after ORDER"));
    EDDY_ASSIGN_OR_RAISE(over->order_by, parse_order_list());
  }
  if (at_word("ROWS") || at_word("RANGE")) {
    WindowFrame frame;
    frame.pos = cur().pos;
    frame.range = take().is_word("RANGE");
    EDDY_RETURN_NOT_OK(expect_word("BETWEEN", "BETWEEN in ROWS BETWEEN .. AND .."));
    EDDY_ASSIGN_OR_RAISE(frame.start, parse_frame_bound());
    EDDY_RETURN_NOT_OK(expect_word("AND", "AND in ROWS BETWEEN .. AND .."));
    EDDY_ASSIGN_OR_RAISE(frame.end, parse_frame_bound());
    over->frame = std::move(frame);
  }
  if (accept_word("EMIT")) {
    if (accept_word("EVERY")) {
      EDDY_RETURN_NOT_OK(expect_word("RECORD", "RECORD after EMIT EVERY"));
      over->emit = OverClause::Emit::kEveryRecord;
    } else if (accept_word("ON")) {
      EDDY_RETURN_NOT_OK(expect_word("BUFFER", "BUFFER after EMIT ON"));
      EDDY_RETURN_NOT_OK(expect_word("FULL", "FULL after EMIT ON BUFFER"));
      over->emit = OverClause::Emit::kOnBufferFull;
    } else {
      return error_here("EVERY RECORD or ON BUFFER FULL after EMIT inside OVER");
    }
  }
  if (accept_word("EXPIRE")) {
    EDDY_RETURN_NOT_OK(expect_word("AFTER", "AFTER after EXPIRE"));
    if (accept_word("NEVER")) {
      over->expire = OverClause::Expire::kNever;
    } else if (at_word("INTERVAL")) {
      EDDY_ASSIGN_OR_RAISE(over->expire_after, parse_interval());
      EDDY_RETURN_NOT_OK(expect_word("INACTIVITY", "INACTIVITY after EXPIRE AFTER INTERVAL .."));
      over->expire = OverClause::Expire::kAfterInactivity;
    } else {
      return error_here("NEVER or INTERVAL '..' unit INACTIVITY after EXPIRE AFTER");
    }
  }
  EDDY_RETURN_NOT_OK(expect_close(open));
  return over;
}

Result<FrameBound> Parser::parse_frame_bound() {
  FrameBound bound;
  bound.pos = cur().pos;
  auto direction = [&](FrameBound::Kind preceding, FrameBound::Kind following) -> Status {
    if (accept_word("PRECEDING")) {
      bound.kind = preceding;
    } else if (accept_word("FOLLOWING")) {
      bound.kind = following;
    } else {
      return error_here("PRECEDING or FOLLOWING");
    }
    return Status::ok();
  };
  if (accept_word("UNBOUNDED")) {
    EDDY_RETURN_NOT_OK(
        direction(FrameBound::Kind::kUnboundedPreceding, FrameBound::Kind::kUnboundedFollowing));
  } else if (accept_word("CURRENT")) {
    EDDY_RETURN_NOT_OK(expect_word("ROW", "ROW after CURRENT"));
    bound.kind = FrameBound::Kind::kCurrentRow;
  } else if (at(TokenKind::kInteger)) {
    const std::string& digits = cur().text;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bound.offset);
    if (ec != std::errc()) {
      return error_here("a smaller row offset");
    }
    take();
    EDDY_RETURN_NOT_OK(direction(FrameBound::Kind::kPreceding, FrameBound::Kind::kFollowing));
  } else if (at_word("INTERVAL")) {
    EDDY_ASSIGN_OR_RAISE(bound.interval, parse_interval());
    EDDY_RETURN_NOT_OK(direction(FrameBound::Kind::kPreceding, FrameBound::Kind::kFollowing));
  } else {
    return error_here("a frame bound (UNBOUNDED PRECEDING, n PRECEDING, CURRENT ROW, ...)");
  }
  return bound;
}

Result<std::unique_ptr<SelectStmt>> Parser::parse_subquery_body(SourcePos open) {
  DepthGuard guard(*this);
  if (!guard.add(kNestCost)) {
    return nesting_error();
  }
  EDDY_ASSIGN_OR_RAISE(SelectStmt select, parse_select(/*in_create=*/false,
                                                       /*allow_union=*/true));
  EDDY_RETURN_NOT_OK(expect_close(open));
  return std::make_unique<SelectStmt>(std::move(select));
}

Result<Script> parse_sql(std::string_view text) {
  return Parser(text).parse_script();
}

Result<ExprPtr> parse_expression(std::string_view text) {
  return Parser(text).parse_standalone_expr();
}

}  // namespace eddy::sql
