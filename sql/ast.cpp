#include "sql/ast.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "runtime/core/schema.hpp"

namespace eddy::sql {

Expr::Expr() = default;
Expr::~Expr() = default;
Expr::Expr(Expr&&) noexcept = default;
Expr& Expr::operator=(Expr&&) noexcept = default;

SelectStmt::SelectStmt() = default;
SelectStmt::~SelectStmt() = default;
SelectStmt::SelectStmt(SelectStmt&&) noexcept = default;
SelectStmt& SelectStmt::operator=(SelectStmt&&) noexcept = default;

namespace {

// Precedence levels, lowest first; a child binds at least as tightly as its slot requires, else
// it is parenthesized.
constexpr int kPrecOr = 1;
constexpr int kPrecAnd = 2;
constexpr int kPrecNot = 3;
constexpr int kPrecCompare = 4;
constexpr int kPrecConcat = 5;
constexpr int kPrecAdd = 6;
constexpr int kPrecMul = 7;
constexpr int kPrecUnary = 8;
constexpr int kPrecPrimary = 9;

int binary_prec(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return kPrecOr;
    case BinaryOp::kAnd:
      return kPrecAnd;
    case BinaryOp::kConcat:
      return kPrecConcat;
    case BinaryOp::kAdd:
    case BinaryOp::kSub:
      return kPrecAdd;
    case BinaryOp::kMul:
    case BinaryOp::kDiv:
    case BinaryOp::kMod:
      return kPrecMul;
    default:
      return kPrecCompare;
  }
}

int expr_prec(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kBinary:
      return binary_prec(e.binary_op);
    case ExprKind::kUnary:
      return e.unary_op == UnaryOp::kNot ? kPrecNot : kPrecUnary;
    case ExprKind::kIsNull:
    case ExprKind::kInList:
    case ExprKind::kInSubquery:
    case ExprKind::kBetween:
    case ExprKind::kLike:
    case ExprKind::kQuantified:
      return kPrecCompare;
    case ExprKind::kExists:
      return e.negated ? kPrecNot : kPrecPrimary;
    case ExprKind::kLiteral:
      if (!e.literal.text.empty() && e.literal.text[0] == '-' &&
          e.literal.kind != LiteralKind::kString) {
        return kPrecUnary;
      }
      return kPrecPrimary;
    default:
      return kPrecPrimary;
  }
}

std::string render(const Expr& e, int min_prec) {
  std::string s = to_string(e);
  if (expr_prec(e) < min_prec) {
    return "(" + s + ")";
  }
  return s;
}

std::string join_exprs(const std::vector<ExprPtr>& exprs, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < exprs.size(); ++i) {
    if (i > from) {
      out += ", ";
    }
    out += to_string(*exprs[i]);
  }
  return out;
}

std::string join_order(const std::vector<OrderItem>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += to_string(items[i]);
  }
  return out;
}

std::string render_literal(const Literal& lit) {
  switch (lit.kind) {
    case LiteralKind::kNull:
      return "NULL";
    case LiteralKind::kBoolean:
      return lit.bool_value ? "TRUE" : "FALSE";
    case LiteralKind::kString:
      return quote_string(lit.text);
    case LiteralKind::kInterval:
      return lit.duration.text;
    default:
      return lit.text;
  }
}

std::string render_bound(const FrameBound& b) {
  switch (b.kind) {
    case FrameBound::Kind::kUnboundedPreceding:
      return "UNBOUNDED PRECEDING";
    case FrameBound::Kind::kUnboundedFollowing:
      return "UNBOUNDED FOLLOWING";
    case FrameBound::Kind::kCurrentRow:
      return "CURRENT ROW";
    case FrameBound::Kind::kPreceding:
    case FrameBound::Kind::kFollowing: {
      std::string amount = b.interval ? b.interval->text : std::to_string(b.offset);
      return amount + (b.kind == FrameBound::Kind::kPreceding ? " PRECEDING" : " FOLLOWING");
    }
  }
  return "";
}

std::string render_table(const TableRef& t) {
  std::string out = t.is_uri ? quote_string(t.name) : quote_identifier(t.name);
  if (!t.alias.empty()) {
    out += " AS " + quote_identifier(t.alias);
  }
  if (!t.properties.empty()) {
    out += " WITH " + to_string(t.properties);
  }
  return out;
}

const char* join_keyword(JoinType type) {
  switch (type) {
    case JoinType::kInner:
      return "JOIN";
    case JoinType::kLeft:
      return "LEFT JOIN";
    case JoinType::kRight:
      return "RIGHT JOIN";
    case JoinType::kFull:
      return "FULL JOIN";
  }
  return "JOIN";
}

const char* emit_keyword(EmitMode mode) {
  return mode == EmitMode::kChanges ? "EMIT CHANGES" : "EMIT FINAL";
}

std::string render_columns(const std::vector<ColumnDef>& columns) {
  std::string out = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += quote_identifier(columns[i].name) + " " + to_string(columns[i].type);
    if (columns[i].not_null) {
      out += " NOT NULL";
    }
  }
  return out + ")";
}

std::string render_column_ref(const std::string& qualifier, const std::string& name) {
  if (qualifier.empty()) {
    return quote_identifier(name);
  }
  return quote_identifier(qualifier) + "." + quote_identifier(name);
}

constexpr std::array<std::string_view, 49> kReservedWords = {
    "ALL",    "AND",   "ANY",    "AS",       "ASC",    "BETWEEN", "BY",    "CASE",     "CAST",
    "CREATE", "CROSS", "DESC",   "DISTINCT", "ELSE",   "EMIT",    "END",   "EXISTS",   "EXTRACT",
    "FALSE",  "FROM",  "FULL",   "GROUP",    "HAVING", "IN",      "INNER", "INTERVAL", "INTO",
    "IS",     "JOIN",  "LEFT",   "LIKE",     "LIMIT",  "NOT",     "NULL",  "ON",       "OR",
    "ORDER",  "OUTER", "OVER",   "PRIMARY",  "RIGHT",  "SELECT",  "THEN",  "TRUE",     "UNION",
    "WHEN",   "WHERE", "WINDOW", "WITH",
};

}  // namespace

bool is_reserved_word(std::string_view word) {
  return std::any_of(kReservedWords.begin(), kReservedWords.end(),
                     [&](std::string_view r) { return iequals(r, word); });
}

std::string quote_identifier(const std::string& name) {
  bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
               std::all_of(name.begin(), name.end(), [](char c) {
                 return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
               });
  if (plain && !is_reserved_word(name)) {
    return name;
  }
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') {
      out += '`';
    }
  }
  return out + "`";
}

std::string quote_string(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') {
      out += '\'';
    }
  }
  return out + "'";
}

const char* binary_op_name(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr:
      return "OR";
    case BinaryOp::kAnd:
      return "AND";
    case BinaryOp::kEq:
      return "=";
    case BinaryOp::kNe:
      return "!=";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kConcat:
      return "||";
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kMod:
      return "%";
  }
  return "?";
}

std::string to_string(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return render_literal(e.literal);
    case ExprKind::kColumnRef:
      return render_column_ref(e.qualifier, e.name);
    case ExprKind::kUnary: {
      if (e.unary_op == UnaryOp::kNot) {
        return "NOT " + render(*e.args[0], kPrecNot);
      }
      std::string operand = render(*e.args[0], kPrecUnary);
      const char* sign = e.unary_op == UnaryOp::kNegate ? "-" : "+";
      // A space keeps "- -x" from turning into a "--" comment.
      bool spaced = !operand.empty() && (operand[0] == '-' || operand[0] == '+');
      return sign + std::string(spaced ? " " : "") + operand;
    }
    case ExprKind::kBinary: {
      int prec = binary_prec(e.binary_op);
      int right_prec = prec == kPrecCompare ? kPrecConcat : prec + 1;
      return render(*e.args[0], prec) + " " + binary_op_name(e.binary_op) + " " +
             render(*e.args[1], right_prec);
    }
    case ExprKind::kIsNull:
      return render(*e.args[0], kPrecCompare) + (e.negated ? " IS NOT NULL" : " IS NULL");
    case ExprKind::kInList:
      return render(*e.args[0], kPrecCompare) + (e.negated ? " NOT IN (" : " IN (") +
             join_exprs(e.args, 1) + ")";
    case ExprKind::kInSubquery:
      return render(*e.args[0], kPrecCompare) + (e.negated ? " NOT IN (" : " IN (") +
             to_string(*e.subquery) + ")";
    case ExprKind::kBetween:
      return render(*e.args[0], kPrecCompare) + (e.negated ? " NOT BETWEEN " : " BETWEEN ") +
             render(*e.args[1], kPrecConcat) + " AND " + render(*e.args[2], kPrecConcat);
    case ExprKind::kLike:
      return render(*e.args[0], kPrecCompare) + (e.negated ? " NOT LIKE " : " LIKE ") +
             render(*e.args[1], kPrecConcat);
    case ExprKind::kFunction: {
      std::string out = e.name + "(";
      if (e.star_arg) {
        out += "*";
      } else {
        if (e.distinct) {
          out += "DISTINCT ";
        }
        out += join_exprs(e.args);
      }
      out += ")";
      if (!e.within_group.empty()) {
        out += " WITHIN GROUP (ORDER BY " + join_order(e.within_group) + ")";
      }
      if (e.over) {
        out += " " + to_string(*e.over);
      }
      return out;
    }
    case ExprKind::kCast:
      return "CAST(" + to_string(*e.args[0]) + " AS " + to_string(e.cast_type) + ")";
    case ExprKind::kExtract:
      return "EXTRACT(" + e.name + " FROM " + to_string(*e.args[0]) + ")";
    case ExprKind::kCase: {
      std::string out = "CASE";
      if (e.has_operand) {
        out += " " + to_string(*e.args[0]);
      }
      for (const auto& w : e.whens) {
        out += " WHEN " + to_string(*w.when) + " THEN " + to_string(*w.then);
      }
      if (e.else_expr) {
        out += " ELSE " + to_string(*e.else_expr);
      }
      return out + " END";
    }
    case ExprKind::kSubquery:
      return "(" + to_string(*e.subquery) + ")";
    case ExprKind::kExists:
      return std::string(e.negated ? "NOT EXISTS (" : "EXISTS (") + to_string(*e.subquery) + ")";
    case ExprKind::kQuantified:
      return render(*e.args[0], kPrecCompare) + " " + binary_op_name(e.binary_op) +
             (e.quantifier == Quantifier::kAny ? " ANY (" : " ALL (") + to_string(*e.subquery) +
             ")";
    case ExprKind::kCurrentTimestamp:
      return "CURRENT_TIMESTAMP";
  }
  return "";
}

std::string to_string(const TypeName& type) {
  return type.type ? type.type->to_string() : type.text;
}

std::string to_string(const OrderItem& item) {
  return to_string(*item.expr) + (item.descending ? " DESC" : "");
}

std::string to_string(const OverClause& over) {
  std::vector<std::string> parts;
  if (over.has_buffer) {
    parts.push_back("ROWS WINDOW BUFFER " + std::to_string(over.buffer_rows) + " ROWS");
  }
  if (!over.partition_by.empty()) {
    parts.push_back("PARTITION BY " + join_exprs(over.partition_by));
  }
  if (!over.order_by.empty()) {
    parts.push_back("ORDER BY " + join_order(over.order_by));
  }
  if (over.frame) {
    parts.push_back(std::string(over.frame->range ? "RANGE" : "ROWS") + " BETWEEN " +
                    render_bound(over.frame->start) + " AND " + render_bound(over.frame->end));
  }
  if (over.emit == OverClause::Emit::kEveryRecord) {
    parts.push_back("EMIT EVERY RECORD");
  } else if (over.emit == OverClause::Emit::kOnBufferFull) {
    parts.push_back("EMIT ON BUFFER FULL");
  }
  if (over.expire == OverClause::Expire::kNever) {
    parts.push_back("EXPIRE AFTER NEVER");
  } else if (over.expire == OverClause::Expire::kAfterInactivity) {
    parts.push_back("EXPIRE AFTER " + over.expire_after->text + " INACTIVITY");
  }
  std::string out = "OVER (";
  for (size_t i = 0; i < parts.size(); ++i) {
    out += (i > 0 ? " " : "") + parts[i];
  }
  return out + ")";
}

std::string to_string(const WindowSpec& window) {
  static constexpr const char* kNames[] = {"TUMBLING", "SLIDING", "SESSION"};
  std::string out = std::string(kNames[static_cast<int>(window.kind)]) + "(";
  if (window.time_column) {
    out += to_string(*window.time_column) + ", ";
  }
  out += window.size.text;
  if (window.advance) {
    out += ", " + window.advance->text;
  }
  if (window.session_key) {
    out += ", " + to_string(*window.session_key);
  }
  return out + ")";
}

std::string to_string(const std::vector<Property>& properties) {
  std::string out = "(";
  for (size_t i = 0; i < properties.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    out += quote_string(properties[i].key) + " = " + quote_string(properties[i].value);
  }
  return out + ")";
}

std::string to_string(const SelectStmt& s) {
  std::string out = s.distinct ? "SELECT DISTINCT " : "SELECT ";
  for (size_t i = 0; i < s.items.size(); ++i) {
    const SelectItem& item = s.items[i];
    if (i > 0) {
      out += ", ";
    }
    switch (item.kind) {
      case SelectItem::Kind::kStar:
        out += "*";
        break;
      case SelectItem::Kind::kQualifiedStar:
        out += quote_identifier(item.qualifier) + ".*";
        break;
      case SelectItem::Kind::kExpr:
        out += to_string(*item.expr);
        if (!item.alias.empty()) {
          out += " AS " + quote_identifier(item.alias);
        }
        if (item.primary_key) {
          out += " PRIMARY KEY";
        }
        break;
    }
  }
  if (s.from) {
    out += " FROM " + render_table(*s.from);
  }
  for (const Join& j : s.joins) {
    out += std::string(" ") + join_keyword(j.type) + " " + render_table(j.source) + " ON " +
           to_string(*j.on);
    if (j.within) {
      out += " WITHIN " + j.within->text;
    }
  }
  if (s.where) {
    out += " WHERE " + to_string(*s.where);
  }
  if (!s.group_by.empty()) {
    out += " GROUP BY " + join_exprs(s.group_by);
  }
  if (s.window) {
    out += " WINDOW " + to_string(*s.window);
  }
  if (s.having) {
    out += " HAVING " + to_string(*s.having);
  }
  if (!s.order_by.empty()) {
    out += " ORDER BY " + join_order(s.order_by);
  }
  if (s.limit) {
    out += " LIMIT " + std::to_string(*s.limit);
  }
  if (s.emit != EmitMode::kDefault) {
    out += std::string(" ") + emit_keyword(s.emit);
  }
  if (s.into) {
    out +=
        " INTO " + (s.into->is_uri ? quote_string(s.into->name) : quote_identifier(s.into->name));
    if (!s.into->properties.empty()) {
      out += " WITH " + to_string(s.into->properties);
    }
  }
  if (!s.properties.empty()) {
    out += " WITH " + to_string(s.properties);
  }
  for (const UnionArm& arm : s.unions) {
    out += arm.all ? " UNION ALL " : " UNION ";
    out += to_string(*arm.select);
  }
  return out;
}

std::string to_string(const CreateStmt& c) {
  std::string out = c.object == ObjectKind::kStream ? "CREATE STREAM " : "CREATE TABLE ";
  out += quote_identifier(c.name);
  if (!c.columns.empty()) {
    out += " " + render_columns(c.columns);
  }
  out += " AS " + to_string(c.query);
  if (c.emit != EmitMode::kDefault) {
    out += std::string(" ") + emit_keyword(c.emit);
  }
  if (!c.properties.empty()) {
    out += " WITH " + to_string(c.properties);
  }
  return out;
}

std::string to_string(const SourceDecl& d) {
  std::string out = d.object == ObjectKind::kStream ? "CREATE STREAM " : "CREATE TABLE ";
  out += quote_identifier(d.name);
  if (!d.columns.empty()) {
    out += " " + render_columns(d.columns);
  }
  return out + " WITH " + to_string(d.properties);
}

std::string to_string(const UnsupportedStmt& stmt) {
  return stmt.text;
}

std::string to_string(const Statement& statement) {
  std::string out;
  for (const Annotation& a : statement.annotations) {
    out += "-- @" + a.name + ": " + a.value + "\n";
  }
  out += std::visit([](const auto& body) { return to_string(body); }, statement.body);
  return out;
}

std::string to_string(const Script& script) {
  std::string out;
  for (const Statement& s : script.statements) {
    out += to_string(s) + ";\n";
  }
  return out;
}

}  // namespace eddy::sql
