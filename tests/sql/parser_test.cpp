#include "sql/parser.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace eddy::sql {
namespace {

using ::testing::HasSubstr;

// Parses `sql` as one statement and renders it; also checks that the rendering parses back to
// the same rendering (the canonical form is a fixed point).
std::string canon(std::string_view sql) {
  auto script = parse_sql(sql);
  EXPECT_TRUE(script.is_ok()) << script.status().to_string() << "\n  in: " << sql;
  if (!script.is_ok()) {
    return "<error>";
  }
  EXPECT_EQ(script->statements.size(), 1u);
  std::string out = to_string(script->statements.at(0));
  auto again = parse_sql(out);
  EXPECT_TRUE(again.is_ok()) << again.status().to_string() << "\n  in: " << out;
  if (again.is_ok()) {
    EXPECT_EQ(to_string(again->statements.at(0)), out);
  }
  return out;
}

std::string expr(std::string_view sql) {
  auto e = parse_expression(sql);
  EXPECT_TRUE(e.is_ok()) << e.status().to_string() << "\n  in: " << sql;
  return e.is_ok() ? to_string(**e) : "<error>";
}

Status error_of(std::string_view sql) {
  auto script = parse_sql(sql);
  EXPECT_FALSE(script.is_ok()) << "expected an error for: " << sql;
  return script.is_ok() ? Status::ok() : script.status();
}

const SelectStmt& select_of(const Script& script, size_t i = 0) {
  return std::get<SelectStmt>(script.statements.at(i).body);
}

// -- expressions ----------------------------------------------------------------------------

TEST(ParserTest, Precedence) {
  EXPECT_EQ(expr("a OR b AND c"), "a OR b AND c");
  EXPECT_EQ(expr("(a OR b) AND c"), "(a OR b) AND c");
  EXPECT_EQ(expr("NOT a = b AND c"), "NOT a = b AND c");
  EXPECT_EQ(expr("NOT (a AND b)"), "NOT (a AND b)");
  EXPECT_EQ(expr("a + b * c - d / e % f"), "a + b * c - d / e % f");
  EXPECT_EQ(expr("(a + b) * c"), "(a + b) * c");
  EXPECT_EQ(expr("a - (b - c)"), "a - (b - c)");
  EXPECT_EQ(expr("a - b - c"), "a - b - c");
  EXPECT_EQ(expr("a || b + 1 = c"), "a || b + 1 = c");
  EXPECT_EQ(expr("(a || b) + 1"), "(a || b) + 1");
  EXPECT_EQ(expr("-a * b"), "-a * b");
  EXPECT_EQ(expr("-(a * b)"), "-(a * b)");
  EXPECT_EQ(expr("- -a"), "- -a");
  EXPECT_EQ(expr("+a"), "+a");
  EXPECT_EQ(expr("a <> b"), "a != b");
}

TEST(ParserTest, TreeShape) {
  auto e = parse_expression("1 + 2 * x");
  ASSERT_TRUE(e.is_ok());
  const Expr& root = **e;
  EXPECT_EQ(root.kind, ExprKind::kBinary);
  EXPECT_EQ(root.binary_op, BinaryOp::kAdd);
  EXPECT_EQ(root.pos, (SourcePos{1, 1}));
  ASSERT_EQ(root.args.size(), 2u);
  EXPECT_EQ(root.args[0]->literal.int_value, 1);
  EXPECT_EQ(root.args[1]->binary_op, BinaryOp::kMul);
  EXPECT_EQ(root.args[1]->pos, (SourcePos{1, 5}));
  EXPECT_EQ(root.args[1]->args[1]->kind, ExprKind::kColumnRef);
  EXPECT_EQ(root.args[1]->args[1]->name, "x");
  EXPECT_EQ(root.args[1]->args[1]->pos, (SourcePos{1, 9}));
}

TEST(ParserTest, Literals) {
  auto check = [](std::string_view sql, LiteralKind kind) {
    auto e = parse_expression(sql);
    ASSERT_TRUE(e.is_ok()) << sql;
    EXPECT_EQ((*e)->kind, ExprKind::kLiteral) << sql;
    EXPECT_EQ((*e)->literal.kind, kind) << sql;
  };
  check("42", LiteralKind::kInteger);
  check("12.50", LiteralKind::kDecimal);
  check("1e3", LiteralKind::kFloat);
  check("'x'", LiteralKind::kString);
  check("\"x\"", LiteralKind::kString);
  check("TRUE", LiteralKind::kBoolean);
  check("false", LiteralKind::kBoolean);
  check("NULL", LiteralKind::kNull);
  check("INTERVAL '5' MINUTE", LiteralKind::kInterval);
  check("5m", LiteralKind::kInterval);
  check("-7", LiteralKind::kInteger);
  EXPECT_EQ((*parse_expression("-9223372036854775808"))->literal.int_value, INT64_MIN);
  EXPECT_EQ((*parse_expression("-12.5"))->literal.text, "-12.5");
  EXPECT_EQ((*parse_expression("1e3"))->literal.float_value, 1000.0);
  EXPECT_EQ((*parse_expression("INTERVAL '5' MINUTES"))->literal.duration.ms, 300000);
  EXPECT_EQ((*parse_expression("INTERVAL 2 HOUR"))->literal.duration.ms, 7200000);
  EXPECT_EQ((*parse_expression("INTERVAL '1' WEEK"))->literal.duration.ms, 604800000);
  EXPECT_EQ((*parse_expression("INTERVAL '250' millisecond"))->literal.duration.ms, 250);
  EXPECT_EQ(expr("'it''s'"), "'it''s'");
  EXPECT_EQ(expr("\"dq\""), "'dq'");
  EXPECT_EQ(expr("interval '1' day"), "INTERVAL '1' DAY");
  EXPECT_EQ(expr("TRUE AND NOT false"), "TRUE AND NOT FALSE");
}

TEST(ParserTest, ColumnRefs) {
  auto e = parse_expression("market_data.trade_time");
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ((*e)->qualifier, "market_data");
  EXPECT_EQ((*e)->name, "trade_time");
  EXPECT_EQ(expr("_window_start"), "_window_start");
  EXPECT_EQ(expr("`weird name`"), "`weird name`");
  EXPECT_EQ(expr("t.`order`"), "t.`order`");
  EXPECT_EQ(expr("key + timestamp"), "key + timestamp");
}

TEST(ParserTest, Predicates) {
  EXPECT_EQ(expr("a IS NULL"), "a IS NULL");
  EXPECT_EQ(expr("a IS NOT NULL"), "a IS NOT NULL");
  EXPECT_EQ(expr("a IN (1, 2, 3)"), "a IN (1, 2, 3)");
  EXPECT_EQ(expr("a NOT IN ('x')"), "a NOT IN ('x')");
  EXPECT_EQ(expr("a IN (SELECT id FROM t)"), "a IN (SELECT id FROM t)");
  EXPECT_EQ(expr("a NOT IN (SELECT id FROM t)"), "a NOT IN (SELECT id FROM t)");
  EXPECT_EQ(expr("a BETWEEN 1 AND 2 + 3"), "a BETWEEN 1 AND 2 + 3");
  EXPECT_EQ(expr("a NOT BETWEEN b AND c AND d"), "a NOT BETWEEN b AND c AND d");
  EXPECT_EQ(expr("name LIKE 'A%'"), "name LIKE 'A%'");
  EXPECT_EQ(expr("name NOT LIKE 'A' || '%'"), "name NOT LIKE 'A' || '%'");
  EXPECT_EQ(expr("x > ANY (SELECT t FROM r)"), "x > ANY (SELECT t FROM r)");
  EXPECT_EQ(expr("x >= ALL (SELECT t FROM r)"), "x >= ALL (SELECT t FROM r)");
  EXPECT_EQ(expr("EXISTS (SELECT 1 FROM r)"), "EXISTS (SELECT 1 FROM r)");
  EXPECT_EQ(expr("NOT EXISTS (SELECT 1 FROM r) AND a"), "NOT EXISTS (SELECT 1 FROM r) AND a");
  EXPECT_EQ(expr("(SELECT MAX(x) FROM r) + 1"), "(SELECT MAX(x) FROM r) + 1");
  auto e = parse_expression("a NOT BETWEEN 1 AND 2");
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ((*e)->kind, ExprKind::kBetween);
  EXPECT_TRUE((*e)->negated);
  EXPECT_EQ((*e)->args.size(), 3u);
  auto q = parse_expression("x <= ALL (SELECT t FROM r)");
  ASSERT_TRUE(q.is_ok());
  EXPECT_EQ((*q)->kind, ExprKind::kQuantified);
  EXPECT_EQ((*q)->quantifier, Quantifier::kAll);
  EXPECT_EQ((*q)->binary_op, BinaryOp::kLe);
  auto ex = parse_expression("NOT EXISTS (SELECT 1)");
  ASSERT_TRUE(ex.is_ok());
  EXPECT_EQ((*ex)->kind, ExprKind::kExists);
  EXPECT_TRUE((*ex)->negated);
}

TEST(ParserTest, Functions) {
  EXPECT_EQ(expr("count(*)"), "COUNT(*)");
  EXPECT_EQ(expr("Count(DISTINCT x)"), "COUNT(DISTINCT x)");
  EXPECT_EQ(expr("now()"), "NOW()");
  EXPECT_EQ(expr("substring(s, 1, 3)"), "SUBSTRING(s, 1, 3)");
  EXPECT_EQ(expr("LEFT(s, 2) || RIGHT(s, 2)"), "LEFT(s, 2) || RIGHT(s, 2)");
  EXPECT_EQ(expr("PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY price)"),
            "PERCENTILE_CONT(0.95) WITHIN GROUP (ORDER BY price)");
  auto e = parse_expression("COUNT(DISTINCT user_id)");
  ASSERT_TRUE(e.is_ok());
  EXPECT_EQ((*e)->kind, ExprKind::kFunction);
  EXPECT_EQ((*e)->name, "COUNT");
  EXPECT_TRUE((*e)->distinct);
  EXPECT_FALSE((*e)->star_arg);
  auto star = parse_expression("COUNT(*)");
  ASSERT_TRUE(star.is_ok());
  EXPECT_TRUE((*star)->star_arg);
  EXPECT_TRUE((*star)->args.empty());
}

TEST(ParserTest, SpecialForms) {
  EXPECT_EQ(expr("CAST(x AS int)"), "CAST(x AS BIGINT)");
  EXPECT_EQ(expr("CAST(x AS DECIMAL(10, 2))"), "CAST(x AS DECIMAL(10,2))");
  EXPECT_EQ(expr("CAST(x AS numeric)"), "CAST(x AS DECIMAL(18,4))");
  EXPECT_EQ(expr("CAST(x AS VARCHAR(20))"), "CAST(x AS VARCHAR)");
  EXPECT_EQ(expr("CAST(x AS string)"), "CAST(x AS VARCHAR)");
  EXPECT_EQ(expr("CAST(x AS double)"), "CAST(x AS DOUBLE)");
  EXPECT_EQ(expr("CAST(x AS bool)"), "CAST(x AS BOOLEAN)");
  EXPECT_EQ(expr("CAST(x AS TIMESTAMP)"), "CAST(x AS TIMESTAMP)");
  auto date = parse_expression("CAST(x AS DATE)");
  ASSERT_TRUE(date.is_ok());
  EXPECT_FALSE((*date)->cast_type.type.has_value()) << "unsupported types reach the binder";
  EXPECT_EQ((*date)->cast_type.text, "DATE");
  EXPECT_EQ(expr("CAST(x AS map(string, int))"), "CAST(x AS MAP(STRING,INT))");
  EXPECT_EQ(expr("EXTRACT(year FROM ts)"), "EXTRACT(YEAR FROM ts)");
  EXPECT_EQ(expr("EXTRACT('hour', ts)"), "EXTRACT(HOUR FROM ts)");
  EXPECT_EQ(expr("CURRENT_TIMESTAMP - ts"), "CURRENT_TIMESTAMP - ts");
  EXPECT_EQ(expr("CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END"),
            "CASE WHEN a > 1 THEN 'big' WHEN a > 0 THEN 'small' ELSE 'none' END");
  EXPECT_EQ(expr("case side when 'B' then 1 else -1 end"), "CASE side WHEN 'B' THEN 1 ELSE -1 END");
  auto simple = parse_expression("CASE x WHEN 1 THEN 2 END");
  ASSERT_TRUE(simple.is_ok());
  EXPECT_TRUE((*simple)->has_operand);
  EXPECT_EQ((*simple)->whens.size(), 1u);
  EXPECT_EQ((*simple)->else_expr, nullptr);
}

TEST(ParserTest, OverRowsWindowBuffer) {
  std::string sql =
      "AVG(price) OVER (ROWS WINDOW BUFFER 100 ROWS PARTITION BY symbol, venue ORDER BY ts DESC "
      "RANGE BETWEEN UNBOUNDED PRECEDING AND 5 FOLLOWING EMIT ON BUFFER FULL EXPIRE AFTER "
      "INTERVAL '5' MINUTE INACTIVITY)";
  EXPECT_EQ(expr(sql), sql);
  auto e = parse_expression(sql);
  ASSERT_TRUE(e.is_ok());
  const OverClause& over = *(*e)->over;
  EXPECT_TRUE(over.has_buffer);
  EXPECT_EQ(over.buffer_rows, 100);
  EXPECT_EQ(over.partition_by.size(), 2u);
  ASSERT_EQ(over.order_by.size(), 1u);
  EXPECT_TRUE(over.order_by[0].descending);
  ASSERT_TRUE(over.frame.has_value());
  EXPECT_TRUE(over.frame->range);
  EXPECT_EQ(over.frame->start.kind, FrameBound::Kind::kUnboundedPreceding);
  EXPECT_EQ(over.frame->end.kind, FrameBound::Kind::kFollowing);
  EXPECT_EQ(over.frame->end.offset, 5);
  EXPECT_EQ(over.emit, OverClause::Emit::kOnBufferFull);
  EXPECT_EQ(over.expire, OverClause::Expire::kAfterInactivity);
  EXPECT_EQ(over.expire_after->ms, 300000);
  EXPECT_EQ(expr("LAG(p, 1) OVER (ROWS WINDOW BUFFER 10 ROWS EMIT EVERY RECORD EXPIRE AFTER "
                 "NEVER)"),
            "LAG(p, 1) OVER (ROWS WINDOW BUFFER 10 ROWS EMIT EVERY RECORD EXPIRE AFTER NEVER)");
  EXPECT_EQ(expr("SUM(q) OVER (ROWS WINDOW BUFFER 10 ROWS ROWS BETWEEN 5 PRECEDING AND CURRENT "
                 "ROW)"),
            "SUM(q) OVER (ROWS WINDOW BUFFER 10 ROWS ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)");
}

TEST(ParserTest, OverStandardForm) {
  auto e = parse_expression(
      "ROW_NUMBER() OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN "
      "UNBOUNDED PRECEDING AND CURRENT ROW)");
  ASSERT_TRUE(e.is_ok()) << e.status().to_string();
  EXPECT_FALSE((*e)->over->has_buffer);
  EXPECT_EQ((*e)->over->partition_by.size(), 1u);
  EXPECT_EQ(expr("RANK() OVER ()"), "RANK() OVER ()");
  EXPECT_EQ(expr("SUM(x) OVER (RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)"),
            "SUM(x) OVER (RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW)");
}

// -- statements -----------------------------------------------------------------------------

TEST(ParserTest, SelectListForms) {
  EXPECT_EQ(canon("select *, t.*, a, b AS bee, c cee, d + 1 AS `from`, 'x' AS \"lit\" from t"),
            "SELECT *, t.*, a, b AS bee, c AS cee, d + 1 AS `from`, 'x' AS lit FROM t");
  EXPECT_EQ(canon("SELECT DISTINCT a FROM t"), "SELECT DISTINCT a FROM t");
  EXPECT_EQ(canon("SELECT 1"), "SELECT 1");
  EXPECT_EQ(canon("SELECT symbol AS k PRIMARY KEY, x FROM t"),
            "SELECT symbol AS k PRIMARY KEY, x FROM t");
  auto script = parse_sql("SELECT t.*, a AS b PRIMARY KEY FROM t");
  ASSERT_TRUE(script.is_ok());
  const SelectStmt& s = select_of(*script);
  ASSERT_EQ(s.items.size(), 2u);
  EXPECT_EQ(s.items[0].kind, SelectItem::Kind::kQualifiedStar);
  EXPECT_EQ(s.items[0].qualifier, "t");
  EXPECT_EQ(s.items[1].alias, "b");
  EXPECT_EQ(s.items[1].alias_pos, (SourcePos{1, 18}));
  EXPECT_TRUE(s.items[1].primary_key);
}

TEST(ParserTest, FromForms) {
  EXPECT_EQ(canon("SELECT a FROM orders o"), "SELECT a FROM orders AS o");
  EXPECT_EQ(canon("SELECT a FROM orders AS o"), "SELECT a FROM orders AS o");
  EXPECT_EQ(canon("SELECT a FROM 'kafka://broker:9092/orders'"),
            "SELECT a FROM 'kafka://broker:9092/orders'");
  EXPECT_EQ(canon("SELECT a FROM orders WITH (format = json, 'batch' = 100, x.y = 'z')"),
            "SELECT a FROM orders WITH ('format' = 'json', 'batch' = '100', 'x.y' = 'z')");
  auto script = parse_sql("SELECT a FROM 'file:///x.json' AS f");
  ASSERT_TRUE(script.is_ok());
  const SelectStmt& s = select_of(*script);
  ASSERT_TRUE(s.from.has_value());
  EXPECT_TRUE(s.from->is_uri);
  EXPECT_EQ(s.from->name, "file:///x.json");
  EXPECT_EQ(s.from->alias, "f");
  EXPECT_EQ(s.from->pos, (SourcePos{1, 15}));
}

TEST(ParserTest, Joins) {
  EXPECT_EQ(canon("SELECT * FROM a JOIN b ON a.k = b.k"), "SELECT * FROM a JOIN b ON a.k = b.k");
  EXPECT_EQ(canon("SELECT * FROM a x INNER JOIN b AS y ON x.k = y.k LEFT OUTER JOIN c ON c.k = "
                  "x.k RIGHT JOIN d ON TRUE FULL OUTER JOIN e ON FALSE WITHIN 5m"),
            "SELECT * FROM a AS x JOIN b AS y ON x.k = y.k LEFT JOIN c ON c.k = x.k RIGHT JOIN d "
            "ON TRUE FULL JOIN e ON FALSE WITHIN 5m");
  auto script = parse_sql("SELECT * FROM a LEFT JOIN b ON a.k = b.k WITHIN INTERVAL '1' HOUR");
  ASSERT_TRUE(script.is_ok());
  const SelectStmt& s = select_of(*script);
  ASSERT_EQ(s.joins.size(), 1u);
  EXPECT_EQ(s.joins[0].type, JoinType::kLeft);
  EXPECT_EQ(s.joins[0].source.name, "b");
  ASSERT_TRUE(s.joins[0].within.has_value());
  EXPECT_EQ(s.joins[0].within->ms, 3600000);
}

TEST(ParserTest, AllClauses) {
  std::string sql =
      "SELECT symbol, COUNT(*) AS n FROM trades WHERE price > 0 GROUP BY symbol, venue WINDOW "
      "TUMBLING(ts, 1m) HAVING COUNT(*) > 1 ORDER BY n DESC, symbol LIMIT 10 EMIT FINAL INTO "
      "out_sink WITH ('out_sink.type' = 'file_sink') WITH ('trades.type' = 'file_source') UNION "
      "ALL SELECT symbol, 0 FROM other UNION SELECT 'x', 1";
  EXPECT_EQ(canon(sql), sql);
  auto script = parse_sql(sql);
  ASSERT_TRUE(script.is_ok());
  const SelectStmt& s = select_of(*script);
  EXPECT_EQ(s.group_by.size(), 2u);
  ASSERT_TRUE(s.window.has_value());
  EXPECT_EQ(s.window->size.ms, 60000);
  EXPECT_EQ(s.order_by.size(), 2u);
  EXPECT_EQ(s.limit, 10);
  EXPECT_EQ(s.emit, EmitMode::kFinal);
  ASSERT_TRUE(s.into.has_value());
  EXPECT_EQ(s.into->name, "out_sink");
  EXPECT_EQ(s.into->properties.size(), 1u);
  ASSERT_EQ(s.properties.size(), 1u);
  EXPECT_EQ(s.properties[0].key, "trades.type");
  EXPECT_EQ(s.properties[0].value, "file_source");
  ASSERT_EQ(s.unions.size(), 2u);
  EXPECT_TRUE(s.unions[0].all);
  EXPECT_FALSE(s.unions[1].all);
}

TEST(ParserTest, ClausesInAnyOrder) {
  EXPECT_EQ(canon("CREATE STREAM s AS SELECT a, COUNT(*) FROM t EMIT CHANGES WITH ('k' = 'v') "
                  "LIMIT 5 HAVING COUNT(*) > 2 WINDOW SESSION(30s) GROUP BY a"),
            "CREATE STREAM s AS SELECT a, COUNT(*) FROM t GROUP BY a WINDOW SESSION(30s) HAVING "
            "COUNT(*) > 2 LIMIT 5 EMIT CHANGES WITH ('k' = 'v')");
  EXPECT_EQ(canon("CREATE TABLE s AS SELECT a FROM t WITH ('k' = 'v') EMIT FINAL"),
            "CREATE TABLE s AS SELECT a FROM t EMIT FINAL WITH ('k' = 'v')");
  EXPECT_EQ(canon("SELECT a FROM t LIMIT 3 ORDER BY a"), "SELECT a FROM t ORDER BY a LIMIT 3");
}

TEST(ParserTest, CreateStreamAsSelect) {
  auto script = parse_sql(
      "CREATE STREAM out (a BIGINT NOT NULL, b VARCHAR) AS SELECT a, b FROM src EMIT CHANGES "
      "WITH ('src.type' = 'file_source', 'out.type' = 'stdout_sink')");
  ASSERT_TRUE(script.is_ok()) << script.status().to_string();
  ASSERT_EQ(script->statements.size(), 1u);
  const auto& create = std::get<CreateStmt>(script->statements[0].body);
  EXPECT_EQ(create.object, ObjectKind::kStream);
  EXPECT_EQ(create.name, "out");
  EXPECT_EQ(create.name_pos, (SourcePos{1, 15}));
  ASSERT_EQ(create.columns.size(), 2u);
  EXPECT_TRUE(create.columns[0].not_null);
  EXPECT_EQ(create.columns[1].type.type, DataType::varchar());
  EXPECT_EQ(create.emit, EmitMode::kChanges);
  EXPECT_EQ(create.query.emit, EmitMode::kDefault) << "EMIT is moved to the CREATE";
  ASSERT_EQ(create.properties.size(), 2u);
  EXPECT_TRUE(create.query.properties.empty());
  EXPECT_EQ(create.properties[1].key, "out.type");
  EXPECT_EQ(create.properties[1].pos, (SourcePos{1, 121}));
  EXPECT_EQ(create.properties[1].value_pos, (SourcePos{1, 134}));
}

TEST(ParserTest, CreateWithRightAfterFromIsTheStatementWith) {
  auto script = parse_sql("CREATE STREAM o AS SELECT * FROM t WITH ('t.type' = 'file_source');");
  ASSERT_TRUE(script.is_ok()) << script.status().to_string();
  const auto& create = std::get<CreateStmt>(script->statements[0].body);
  EXPECT_EQ(create.properties.size(), 1u);
  EXPECT_TRUE(create.query.from->properties.empty());
  // With more clauses after it, the WITH belongs to the source.
  auto script2 = parse_sql("CREATE STREAM o AS SELECT * FROM t WITH (a = 'b') WHERE x > 1");
  ASSERT_TRUE(script2.is_ok()) << script2.status().to_string();
  const auto& create2 = std::get<CreateStmt>(script2->statements[0].body);
  EXPECT_TRUE(create2.properties.empty());
  EXPECT_EQ(create2.query.from->properties.size(), 1u);
}

TEST(ParserTest, CreateStreamAsSelectInto) {
  auto script = parse_sql("CREATE STREAM j AS SELECT * FROM src INTO sink_topic");
  ASSERT_TRUE(script.is_ok()) << script.status().to_string();
  const auto& create = std::get<CreateStmt>(script->statements[0].body);
  ASSERT_TRUE(create.query.into.has_value());
  EXPECT_EQ(create.query.into->name, "sink_topic");
}

TEST(ParserTest, SourceDeclaration) {
  std::string sql =
      "CREATE STREAM trades (symbol VARCHAR, price DECIMAL(18,4), qty BIGINT, ts TIMESTAMP) "
      "WITH ('type' = 'file_source', 'path' = 'data/trades.csv')";
  EXPECT_EQ(canon(sql), sql);
  auto script = parse_sql(sql);
  ASSERT_TRUE(script.is_ok());
  const auto& decl = std::get<SourceDecl>(script->statements[0].body);
  EXPECT_EQ(decl.name, "trades");
  ASSERT_EQ(decl.columns.size(), 4u);
  EXPECT_EQ(decl.columns[1].type.type, DataType::decimal(18, 4));
  EXPECT_EQ(decl.columns[2].pos, (SourcePos{1, 60}));
  EXPECT_EQ(decl.properties.size(), 2u);
  EXPECT_EQ(canon("create table t with ('type' = 'x')"), "CREATE TABLE t WITH ('type' = 'x')");
}

TEST(ParserTest, UnsupportedStatementsAreSkipped) {
  auto script = parse_sql(
      "SHOW STREAMS; start job j AS SELECT 1; DESCRIBE x; DEPLOY JOB j VERSION '2' AS SELECT 1 "
      "STRATEGY CANARY(10); SELECT 1");
  ASSERT_TRUE(script.is_ok()) << script.status().to_string();
  ASSERT_EQ(script->statements.size(), 5u);
  const auto& show = std::get<UnsupportedStmt>(script->statements[0].body);
  EXPECT_EQ(show.keyword, "SHOW STREAMS");
  EXPECT_EQ(script->statements[0].pos, (SourcePos{1, 1}));
  EXPECT_EQ(std::get<UnsupportedStmt>(script->statements[1].body).keyword, "START JOB");
  EXPECT_EQ(script->statements[1].pos, (SourcePos{1, 15}));
  EXPECT_EQ(std::get<UnsupportedStmt>(script->statements[2].body).keyword, "DESCRIBE");
  const auto& deploy = std::get<UnsupportedStmt>(script->statements[3].body);
  EXPECT_EQ(deploy.keyword, "DEPLOY JOB");
  EXPECT_EQ(deploy.text, "DEPLOY JOB j VERSION '2' AS SELECT 1 STRATEGY CANARY ( 10 )");
  EXPECT_TRUE(std::holds_alternative<SelectStmt>(script->statements[4].body));
}

TEST(ParserTest, ScriptWithSeveralStatementsAndAnnotations) {
  std::string text =
      "-- @app: demo\n"
      "-- @num_partitions: 4\n"
      "CREATE STREAM a AS SELECT * FROM x;\n"
      "\n"
      "-- @name: second\n"
      "-- a normal comment\n"
      "SELECT 1;;\n"
      "SELECT 2\n";
  auto script = parse_sql(text);
  ASSERT_TRUE(script.is_ok()) << script.status().to_string();
  ASSERT_EQ(script->statements.size(), 3u);
  const auto& first = script->statements[0].annotations;
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].name, "app");
  EXPECT_EQ(first[1].name, "num_partitions");
  EXPECT_EQ(first[1].value, "4");
  EXPECT_EQ(first[1].pos, (SourcePos{2, 4}));
  ASSERT_EQ(script->statements[1].annotations.size(), 1u);
  EXPECT_EQ(script->statements[1].annotations[0].value, "second");
  EXPECT_EQ(script->statements[1].pos, (SourcePos{7, 1}));
  EXPECT_TRUE(script->statements[2].annotations.empty());
  EXPECT_EQ(to_string(*script),
            "-- @app: demo\n-- @num_partitions: 4\nCREATE STREAM a AS SELECT * FROM x;\n"
            "-- @name: second\nSELECT 1;\nSELECT 2;\n");
  auto empty = parse_sql("  -- nothing here\n ; ;");
  ASSERT_TRUE(empty.is_ok());
  EXPECT_TRUE(empty->statements.empty());
}

TEST(ParserTest, WindowSpecs) {
  auto window_of = [](std::string_view clause) -> std::string {
    std::string sql = "SELECT COUNT(*) FROM t GROUP BY k " + std::string(clause);
    return canon(sql).substr(std::string("SELECT COUNT(*) FROM t GROUP BY k ").size());
  };
  EXPECT_EQ(window_of("WINDOW TUMBLING(INTERVAL '1' MINUTE)"),
            "WINDOW TUMBLING(INTERVAL '1' MINUTE)");
  EXPECT_EQ(window_of("WINDOW TUMBLING (1m)"), "WINDOW TUMBLING(1m)");
  EXPECT_EQ(window_of("WINDOW TUMBLING(60)"), "WINDOW TUMBLING(60)");
  EXPECT_EQ(window_of("WINDOW TUMBLING(ts, INTERVAL 5 MINUTES)"),
            "WINDOW TUMBLING(ts, INTERVAL '5' MINUTES)");
  EXPECT_EQ(window_of("WINDOW SLIDING(event_time, 5m, 1m)"), "WINDOW SLIDING(event_time, 5m, 1m)");
  EXPECT_EQ(window_of("WINDOW SESSION(ts, 30s, user_id)"), "WINDOW SESSION(ts, 30s, user_id)");
  EXPECT_EQ(window_of("WINDOW SESSION(30s, user_id)"), "WINDOW SESSION(30s, user_id)");

  auto script = parse_sql("SELECT 1 FROM t WINDOW SLIDING(m.ts, INTERVAL '10' MINUTE, 2m)");
  ASSERT_TRUE(script.is_ok());
  const WindowSpec& w = *select_of(*script).window;
  EXPECT_EQ(w.kind, WindowKind::kSliding);
  ASSERT_NE(w.time_column, nullptr);
  EXPECT_EQ(w.time_column->qualifier, "m");
  EXPECT_EQ(w.time_column->name, "ts");
  EXPECT_EQ(w.size.ms, 600000);
  EXPECT_EQ(w.size.pos, (SourcePos{1, 38}));
  EXPECT_EQ(w.advance->ms, 120000);
  EXPECT_EQ(w.pos, (SourcePos{1, 17}));

  auto session = parse_sql("SELECT 1 FROM t WINDOW SESSION(30s, user_id)");
  ASSERT_TRUE(session.is_ok());
  const WindowSpec& s = *select_of(*session).window;
  EXPECT_EQ(s.time_column, nullptr);
  EXPECT_EQ(s.size.ms, 30000);
  ASSERT_NE(s.session_key, nullptr);
  EXPECT_EQ(s.session_key->name, "user_id");
}

// -- errors ---------------------------------------------------------------------------------

TEST(ParserTest, ErrorMissingComma) {
  Status s = error_of("SELECT a, b c d FROM t");
  EXPECT_EQ(s.code(), StatusCode::kSyntaxError);
  EXPECT_EQ(s.pos(), (SourcePos{1, 15}));
  EXPECT_THAT(s.message(), HasSubstr("did you forget a comma?"));
  EXPECT_THAT(s.message(), HasSubstr("'d'"));
  Status t = error_of("SELECT a, FROM t");
  EXPECT_THAT(t.message(), HasSubstr("trailing comma"));
  EXPECT_EQ(t.pos(), (SourcePos{1, 11}));
}

TEST(ParserTest, ErrorMissingFromSource) {
  Status s = error_of("SELECT a FROM WHERE x > 1");
  EXPECT_EQ(s.pos(), (SourcePos{1, 15}));
  EXPECT_THAT(s.message(), HasSubstr("source name after FROM"));
  EXPECT_THAT(s.message(), HasSubstr("'WHERE'"));
  Status end = error_of("SELECT a FROM");
  EXPECT_THAT(end.message(), HasSubstr("found end of input"));
  EXPECT_EQ(end.pos(), (SourcePos{1, 14}));
}

TEST(ParserTest, ErrorUnclosedParen) {
  Status s = error_of("SELECT (a + b\nFROM t");
  EXPECT_EQ(s.pos(), (SourcePos{2, 1}));
  EXPECT_EQ(s.message(), "expected ')' to close '(' opened at 1:8, found 'FROM'");
  Status f = error_of("SELECT COUNT(x FROM t");
  EXPECT_THAT(f.message(), HasSubstr("opened at 1:13"));
}

TEST(ParserTest, ErrorTrailingTokens) {
  Status s = error_of("SELECT a FROM t u v");
  EXPECT_EQ(s.pos(), (SourcePos{1, 19}));
  EXPECT_EQ(s.message(), "unexpected 'v' after the end of the statement");
  Status two = error_of("SELECT 1\nSELECT 2");
  EXPECT_THAT(two.message(), HasSubstr("add a ';' between statements"));
  EXPECT_EQ(two.pos(), (SourcePos{2, 1}));
}

TEST(ParserTest, ErrorBadIntervalUnit) {
  Status s = error_of("SELECT 1 FROM t WINDOW TUMBLING(INTERVAL '1' FORTNIGHT)");
  EXPECT_EQ(s.pos(), (SourcePos{1, 46}));
  EXPECT_THAT(s.message(), HasSubstr("unknown interval unit 'FORTNIGHT'"));
  EXPECT_THAT(s.message(), HasSubstr("MINUTE"));
  Status amount = error_of("SELECT INTERVAL 'abc' SECOND");
  EXPECT_THAT(amount.message(), HasSubstr("invalid interval amount 'abc'"));
  EXPECT_EQ(amount.pos(), (SourcePos{1, 17}));
  Status missing = error_of("SELECT INTERVAL '5'");
  EXPECT_THAT(missing.message(), HasSubstr("a unit"));
  EXPECT_EQ(error_of("SELECT INTERVAL '-5' SECOND").pos(), (SourcePos{1, 17}));
}

TEST(ParserTest, ErrorDuplicateClause) {
  Status s = error_of("CREATE STREAM s AS SELECT a FROM t GROUP BY a EMIT FINAL GROUP BY b");
  EXPECT_EQ(s.pos(), (SourcePos{1, 58}));
  EXPECT_THAT(s.message(), HasSubstr("duplicate GROUP BY clause"));
  EXPECT_THAT(s.message(), HasSubstr("1:36"));
  EXPECT_THAT(error_of("SELECT a FROM t EMIT FINAL EMIT CHANGES").message(),
              HasSubstr("duplicate EMIT"));
  EXPECT_THAT(error_of("SELECT a FROM t WITH ('a'='b') WITH ('c'='d') WITH ('e'='f')").message(),
              HasSubstr("duplicate WITH"));
  EXPECT_THAT(error_of("SELECT a FROM t WINDOW TUMBLING(1m) WINDOW TUMBLING(2m)").message(),
              HasSubstr("duplicate WINDOW"));
  EXPECT_THAT(error_of("SELECT a FROM t GROUP BY a WHERE b").message(),
              HasSubstr("WHERE must come right after FROM"));
}

TEST(ParserTest, ErrorWindowShapes) {
  EXPECT_THAT(error_of("SELECT 1 FROM t WINDOW TUMBLING(ts)").message(),
              HasSubstr("TUMBLING([time_column,] size)"));
  EXPECT_THAT(error_of("SELECT 1 FROM t WINDOW SLIDING(5m)").message(),
              HasSubstr("SLIDING([time_column,] size, advance)"));
  EXPECT_THAT(error_of("SELECT 1 FROM t WINDOW TUMBLING(0s)").message(),
              HasSubstr("must be positive"));
  Status gap = error_of("SELECT 1 FROM t WINDOW SLIDING(ts, 10s, 20s)");
  EXPECT_EQ(gap.message(),
            "the SLIDING window's advance 20s is larger than its size 10s; use an advance of at "
            "most the size (or a TUMBLING window)");
  EXPECT_EQ(gap.pos().col, 41);
  EXPECT_THAT(error_of("SELECT 1 FROM t WINDOW HOPPING(1m, 1s)").message(),
              HasSubstr("SLIDING(size, advance)"));
  EXPECT_THAT(error_of("SELECT 1 FROM t WINDOW GLOBAL").message(),
              HasSubstr("TUMBLING, SLIDING or SESSION"));
  EXPECT_THAT(error_of("SELECT 1 FROM t WINDOW TUMBLING(a, b, c, d, e, f)").message(),
              HasSubstr("')'"));
}

TEST(ParserTest, ErrorOtherMistakes) {
  EXPECT_THAT(error_of("SELECT FROM t").message(), HasSubstr("a select list after SELECT"));
  EXPECT_THAT(error_of("CREATE STREAM AS SELECT 1").message(), HasSubstr("found the keyword 'AS'"));
  EXPECT_THAT(error_of("CREATE STREAM s SELECT 1").message(),
              HasSubstr("AS SELECT ... or WITH (...)"));
  EXPECT_THAT(error_of("CREATE VIEW v AS SELECT 1").message(), HasSubstr("STREAM or TABLE"));
  EXPECT_THAT(error_of("FOO BAR").message(), HasSubstr("a statement"));
  EXPECT_THAT(error_of("SELECT a FROM t EMIT SOMETIMES").message(), HasSubstr("CHANGES or FINAL"));
  EXPECT_THAT(error_of("SELECT a FROM t LIMIT x").message(), HasSubstr("row count"));
  EXPECT_THAT(error_of("SELECT a FROM t LIMIT 99999999999999999999").message(),
              HasSubstr("row count"));
  EXPECT_THAT(error_of("SELECT CASE END").message(), HasSubstr("WHEN"));
  EXPECT_THAT(error_of("SELECT CASE WHEN a THEN b").message(), HasSubstr("END to close the CASE"));
  EXPECT_THAT(error_of("SELECT CAST(a AS DECIMAL(40,2))").message(), HasSubstr("precision"));
  EXPECT_THAT(error_of("SELECT CAST(a AS BIGINT(3))").message(), HasSubstr("only DECIMAL"));
  EXPECT_THAT(error_of("SELECT 99999999999999999999").message(), HasSubstr("BIGINT range"));
  EXPECT_TRUE(parse_sql("SELECT a FROM t WITH (k = v)").is_ok()) << "FROM-level: bare words";
  EXPECT_THAT(error_of("SELECT a FROM t WHERE x WITH (k = 'v')").message(),
              HasSubstr("quoted property key"))
      << "a statement-level WITH takes quoted keys only";
  EXPECT_THAT(error_of("CREATE STREAM s (a INT) WITH (type = 'x')").message(),
              HasSubstr("quoted property key"));
  EXPECT_THAT(error_of("SELECT 1 + t.* FROM t").message(), HasSubstr("only allowed"));
  EXPECT_THAT(error_of("SELECT a AS FROM t").message(), HasSubstr("an alias after AS"));
  EXPECT_THAT(error_of("SELECT a FROM t JOIN u").message(), HasSubstr("ON <condition>"));
  EXPECT_THAT(error_of("SELECT 1 FROM t WHERE a NOT 5").message(), HasSubstr("after the end"));
  EXPECT_THAT(error_of("SELECT f(x) OVER (ROWS WINDOW BUFFER 0 ROWS)").message(),
              HasSubstr("positive row count"));
  EXPECT_THAT(error_of("SELECT f(x) OVER (EMIT CHANGES)").message(),
              HasSubstr("EVERY RECORD or ON BUFFER FULL"));
  EXPECT_EQ(error_of("SELECT 'abc").code(), StatusCode::kSyntaxError) << "lexer errors surface";
  EXPECT_EQ(error_of("SELECT * FROM (SELECT 1)").code(), StatusCode::kNotSupported);
}

TEST(ParserTest, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "SELECT " + std::string(5000, '(') + "1" + std::string(5000, ')');
  Status s = error_of(deep);
  EXPECT_THAT(s.message(), HasSubstr("nested too deeply"));
  std::string nots = "SELECT ";
  for (int i = 0; i < 5000; ++i) {
    nots += "NOT ";
  }
  EXPECT_THAT(error_of(nots + "TRUE").message(), HasSubstr("nested too deeply"));
  std::string chain = "SELECT 1";
  for (int i = 0; i < 5000; ++i) {
    chain += " + 1";
  }
  EXPECT_THAT(error_of(chain).message(), HasSubstr("nested too deeply"));
  std::string subqueries = "SELECT ";
  for (int i = 0; i < 1000; ++i) {
    subqueries += "(SELECT ";
  }
  EXPECT_THAT(error_of(subqueries + "1").message(), HasSubstr("nested too deeply"));
  // Moderate nesting is fine.
  std::string ok = "SELECT " + std::string(100, '(') + "1" + std::string(100, ')');
  EXPECT_TRUE(parse_sql(ok).is_ok());
  std::string long_chain = "SELECT 1";
  for (int i = 0; i < 500; ++i) {
    long_chain += " OR a";
  }
  EXPECT_TRUE(parse_sql(long_chain).is_ok());
}

}  // namespace
}  // namespace eddy::sql
