#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "runtime/core/data_type.hpp"
#include "runtime/core/status.hpp"
#include "sql/token.hpp"

namespace eddy::sql {

// The syntax tree of a SQL script, as written (no name or type resolution). Plain structs that
// own their children through std::unique_ptr; every node carries the SourcePos of its first
// token. `to_string` renders any node back as canonical SQL: keywords and function names in
// upper case, identifiers as written, minimal parentheses, one line per statement.

struct Expr;
struct SelectStmt;
using ExprPtr = std::unique_ptr<Expr>;

// -- small pieces ---------------------------------------------------------------------------

/// A length of time, written `INTERVAL '1' MINUTE`, `1m`, `500ms` or a bare number of seconds.
struct Duration {
  int64_t ms = 0;
  std::string text;  ///< Canonical spelling as written: `INTERVAL '1' MINUTE`, `1m`, `30`.
  SourcePos pos;
};

/// A type name in DDL or CAST. `type` is unset for names Eddy does not support (DATE, ARRAY(..),
/// MAP(..), ...), so the binder can report them as not supported.
struct TypeName {
  std::string text;  ///< As written, upper-cased: `DECIMAL(10,2)`, `ARRAY(STRING)`.
  std::optional<DataType> type;
  SourcePos pos;
};

/// One `'key' = 'value'` entry of a WITH clause.
struct Property {
  std::string key;
  std::string value;
  SourcePos pos;  ///< Of the key.
  SourcePos value_pos;
};

/// `name [ASC|DESC]` in ORDER BY (also inside OVER and WITHIN GROUP).
struct OrderItem {
  ExprPtr expr;
  bool descending = false;
};

// -- expressions ----------------------------------------------------------------------------

/// What an Expr node is; the comment says which Expr fields it uses.
enum class ExprKind : uint8_t {
  kLiteral,           ///< `literal`.
  kColumnRef,         ///< `qualifier` (may be empty) and `name`: `t.col`, `_window_start`.
  kUnary,             ///< `unary_op` applied to args[0].
  kBinary,            ///< args[0] `binary_op` args[1].
  kIsNull,            ///< args[0] IS [NOT] NULL; `negated` for IS NOT NULL.
  kInList,            ///< args[0] [NOT] IN (args[1..]).
  kInSubquery,        ///< args[0] [NOT] IN (`subquery`).
  kBetween,           ///< args[0] [NOT] BETWEEN args[1] AND args[2].
  kLike,              ///< args[0] [NOT] LIKE args[1].
  kFunction,          ///< `name`(args), `star_arg`, `distinct`, `within_group`, `over`.
  kCast,              ///< CAST(args[0] AS `cast_type`).
  kExtract,           ///< EXTRACT(`name` FROM args[0]); `name` is the upper-cased part.
  kCase,              ///< CASE [args[0]] `whens` [ELSE `else_expr`] END; `has_operand`.
  kSubquery,          ///< (`subquery`), a scalar subquery.
  kExists,            ///< [NOT] EXISTS (`subquery`).
  kQuantified,        ///< args[0] `binary_op` ANY|ALL (`subquery`); `quantifier`.
  kCurrentTimestamp,  ///< CURRENT_TIMESTAMP.
};

/// The kind of a literal.
enum class LiteralKind : uint8_t {
  kNull,
  kBoolean,
  kInteger,   ///< `int_value`.
  kDecimal,   ///< `text` holds the digits, e.g. `-12.50` (exact; the binder picks the scale).
  kFloat,     ///< `float_value`.
  kString,    ///< `text`.
  kInterval,  ///< `duration` (INTERVAL '5' MINUTE, or a shorthand like 5m in an expression).
};

/// A constant.
struct Literal {
  LiteralKind kind = LiteralKind::kNull;
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;  ///< Number as written (with a folded '-'), or the string's characters.
  Duration duration;
};

/// Unary operators.
enum class UnaryOp : uint8_t { kNot, kNegate, kPlus };

/// Binary operators (also the comparison of a kQuantified node).
enum class BinaryOp : uint8_t {
  kOr,
  kAnd,
  kEq,
  kNe,
  kLt,
  kLe,
  kGt,
  kGe,
  kConcat,
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
};

/// ANY or ALL in `x > ANY (SELECT ..)`.
enum class Quantifier : uint8_t { kAny, kAll };

/// `WHEN condition THEN result` of a CASE.
struct WhenClause {
  ExprPtr when;
  ExprPtr then;
};

/// One bound of a `ROWS|RANGE BETWEEN .. AND ..` frame.
struct FrameBound {
  enum class Kind : uint8_t {
    kUnboundedPreceding,
    kUnboundedFollowing,
    kCurrentRow,
    kPreceding,  ///< `offset` rows (or `interval` for RANGE) before.
    kFollowing,  ///< `offset` rows (or `interval`) after.
  };
  Kind kind = Kind::kCurrentRow;
  int64_t offset = 0;
  std::optional<Duration> interval;  ///< Set for `INTERVAL '5' MINUTE PRECEDING`.
  SourcePos pos;
};

/// `ROWS|RANGE BETWEEN start AND end` inside OVER.
struct WindowFrame {
  bool range = false;  ///< RANGE rather than ROWS.
  FrameBound start;
  FrameBound end;
  SourcePos pos;
};

/// The `OVER (...)` of an analytic function call.
struct OverClause {
  /// True for Velostream's `ROWS WINDOW BUFFER n ROWS`; false for a standard OVER without it.
  bool has_buffer = false;
  int64_t buffer_rows = 0;
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::optional<WindowFrame> frame;
  /// EMIT inside OVER: not written, EVERY RECORD, or ON BUFFER FULL.
  enum class Emit : uint8_t { kDefault, kEveryRecord, kOnBufferFull } emit = Emit::kDefault;
  /// EXPIRE AFTER: not written, NEVER, or `INTERVAL .. INACTIVITY` (then `expire_after` is set).
  enum class Expire : uint8_t { kDefault, kNever, kAfterInactivity } expire = Expire::kDefault;
  std::optional<Duration> expire_after;
  SourcePos pos;  ///< Of OVER.
};

/// One expression node. A fat node: `kind` says which fields are used (see ExprKind).
struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  SourcePos pos;
  Literal literal;
  std::string qualifier;  ///< kColumnRef: the table or alias before the dot, or empty.
  std::string name;       ///< kColumnRef: the column; kFunction: upper-cased name; kExtract: part.
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kEq;
  Quantifier quantifier = Quantifier::kAny;
  bool negated = false;      ///< NOT IN, NOT BETWEEN, NOT LIKE, IS NOT NULL, NOT EXISTS.
  bool distinct = false;     ///< kFunction: `COUNT(DISTINCT x)`.
  bool star_arg = false;     ///< kFunction: `COUNT(*)` (then `args` is empty).
  bool has_operand = false;  ///< kCase: simple CASE (args[0] is the operand).
  std::vector<ExprPtr> args;
  std::unique_ptr<SelectStmt> subquery;
  TypeName cast_type;
  std::vector<WhenClause> whens;
  ExprPtr else_expr;
  std::vector<OrderItem> within_group;  ///< kFunction: `WITHIN GROUP (ORDER BY ..)`.
  std::unique_ptr<OverClause> over;     ///< kFunction: `OVER (..)`, or null.

  Expr();
  ~Expr();
  Expr(Expr&&) noexcept;
  Expr& operator=(Expr&&) noexcept;
};

// -- SELECT ---------------------------------------------------------------------------------

/// One entry of the select list.
struct SelectItem {
  enum class Kind : uint8_t {
    kExpr,           ///< `expr [AS alias] [PRIMARY KEY]`.
    kStar,           ///< `*`.
    kQualifiedStar,  ///< `qualifier.*`.
  };
  Kind kind = Kind::kExpr;
  ExprPtr expr;
  std::string qualifier;
  std::string alias;  ///< Empty when none was written.
  SourcePos alias_pos;
  bool primary_key = false;
  SourcePos pos;
};

/// A FROM or JOIN source: a stream or table name, or a quoted URI such as 'kafka://b/t'.
struct TableRef {
  std::string name;
  bool is_uri = false;
  std::string alias;                 ///< Empty when none was written.
  std::vector<Property> properties;  ///< `FROM src WITH (..)`.
  SourcePos pos;
};

/// The kinds of JOIN.
enum class JoinType : uint8_t { kInner, kLeft, kRight, kFull };

/// `[INNER|LEFT|RIGHT|FULL [OUTER]] JOIN source ON condition [WITHIN duration]`.
struct Join {
  JoinType type = JoinType::kInner;
  TableRef source;
  ExprPtr on;
  std::optional<Duration> within;
  SourcePos pos;
};

/// The kinds of WINDOW clause.
enum class WindowKind : uint8_t { kTumbling, kSliding, kSession };

/// `WINDOW TUMBLING([time_col,] size)`, `SLIDING([time_col,] size, advance)` or
/// `SESSION([time_col,] gap [, key])`.
struct WindowSpec {
  WindowKind kind = WindowKind::kTumbling;
  ExprPtr time_column;  ///< A kColumnRef, or null (then the source's event time is used).
  Duration size;        ///< TUMBLING and SLIDING size; SESSION gap.
  std::optional<Duration> advance;  ///< SLIDING only.
  ExprPtr session_key;              ///< SESSION's optional key column (a kColumnRef), or null.
  SourcePos pos;                    ///< Of WINDOW.
};

/// EMIT CHANGES / EMIT FINAL, or not written.
enum class EmitMode : uint8_t { kDefault, kChanges, kFinal };

/// `INTO sink [WITH (..)]`.
struct IntoClause {
  std::string name;
  bool is_uri = false;
  std::vector<Property> properties;
  SourcePos pos;
};

/// `UNION [ALL] SELECT ..` following a SELECT.
struct UnionArm {
  bool all = false;
  std::unique_ptr<SelectStmt> select;
  SourcePos pos;  ///< Of UNION.
};

/// A SELECT with all its clauses. Inside CREATE .. AS, the EMIT and WITH clauses are moved to
/// the CreateStmt, so `emit` and `properties` here stay empty.
struct SelectStmt {
  SourcePos pos;
  bool distinct = false;
  std::vector<SelectItem> items;
  std::optional<TableRef> from;
  std::vector<Join> joins;
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  std::optional<WindowSpec> window;
  ExprPtr having;
  std::vector<OrderItem> order_by;
  std::optional<int64_t> limit;
  SourcePos limit_pos;  ///< Where the LIMIT keyword is.
  EmitMode emit = EmitMode::kDefault;
  std::optional<IntoClause> into;
  std::vector<Property> properties;  ///< The statement-level `WITH (..)`.
  std::vector<UnionArm> unions;

  SelectStmt();
  ~SelectStmt();
  SelectStmt(SelectStmt&&) noexcept;
  SelectStmt& operator=(SelectStmt&&) noexcept;
};

// -- statements -----------------------------------------------------------------------------

/// `name TYPE [NOT NULL]` in a column list.
struct ColumnDef {
  std::string name;
  TypeName type;
  bool not_null = false;
  SourcePos pos;
};

/// STREAM or TABLE.
enum class ObjectKind : uint8_t { kStream, kTable };

/// `CREATE STREAM|TABLE name [(cols)] AS select [EMIT ..] [WITH (..)]`: a continuous job.
struct CreateStmt {
  ObjectKind object = ObjectKind::kStream;
  std::string name;
  SourcePos name_pos;
  std::vector<ColumnDef> columns;
  SelectStmt query;
  EmitMode emit = EmitMode::kDefault;
  std::vector<Property> properties;
};

/// `CREATE STREAM|TABLE name [(cols)] WITH (..)` with no AS: declares a source.
struct SourceDecl {
  ObjectKind object = ObjectKind::kStream;
  std::string name;
  SourcePos name_pos;
  std::vector<ColumnDef> columns;
  std::vector<Property> properties;
};

/// A Velostream statement Eddy parses but does not run (SHOW, START JOB, DEPLOY, DESCRIBE, ...).
/// The parser skips its tokens up to the next ';'.
struct UnsupportedStmt {
  std::string keyword;  ///< Upper-cased, e.g. `SHOW STREAMS`, `START JOB`, `DESCRIBE`.
  std::string text;     ///< The statement's tokens joined by spaces (strings re-quoted).
};

/// One statement of a script with the annotations written directly before it.
struct Statement {
  std::variant<SelectStmt, CreateStmt, SourceDecl, UnsupportedStmt> body;
  std::vector<Annotation> annotations;
  SourcePos pos;  ///< Of the first token.
};

/// A parsed SQL file: its statements in order.
struct Script {
  std::vector<Statement> statements;
};

// -- rendering ------------------------------------------------------------------------------

/// Renders an identifier, in backticks when it is a reserved word or not a plain word.
std::string quote_identifier(const std::string& name);
/// Renders a string literal in single quotes, doubling embedded quotes.
std::string quote_string(const std::string& text);

/// Names an operator as written in SQL (`=`, `AND`, `||`, ...).
const char* binary_op_name(BinaryOp op);

std::string to_string(const Expr& expr);
std::string to_string(const TypeName& type);
std::string to_string(const OrderItem& item);
std::string to_string(const OverClause& over);
std::string to_string(const WindowSpec& window);
std::string to_string(const std::vector<Property>& properties);
std::string to_string(const SelectStmt& select);
std::string to_string(const CreateStmt& create);
std::string to_string(const SourceDecl& decl);
std::string to_string(const UnsupportedStmt& stmt);
/// Renders the statement, preceded by one `-- @name: value` line per annotation.
std::string to_string(const Statement& statement);
/// Renders every statement followed by ";\n".
std::string to_string(const Script& script);

/// True for the words the parser never reads as a name where one is optional (an alias after an
/// expression or source): SELECT, FROM, WHERE, JOIN, AND, ... Quote them with backticks.
bool is_reserved_word(std::string_view word);

}  // namespace eddy::sql
