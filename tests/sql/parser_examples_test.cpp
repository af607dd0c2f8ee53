// The fifteen examples of Velostream's COPY_PASTE_EXAMPLES (velostream.md §2.2) and the examples
// of Eddy's SQL contract, parsed as written.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "sql/parser.hpp"

namespace eddy::sql {
namespace {

Script parse_ok(std::string_view sql) {
  auto script = parse_sql(sql);
  EXPECT_TRUE(script.is_ok()) << script.status().to_string() << "\n  in: " << sql;
  if (!script.is_ok()) {
    return {};
  }
  // The canonical rendering parses back to itself.
  std::string text = to_string(*script);
  auto again = parse_sql(text);
  EXPECT_TRUE(again.is_ok()) << again.status().to_string() << "\n  in: " << text;
  if (again.is_ok()) {
    EXPECT_EQ(to_string(*again), text);
  }
  return std::move(script).value();
}

const CreateStmt& create_of(const Script& script) {
  static const CreateStmt kEmpty;
  if (script.statements.size() != 1 ||
      !std::holds_alternative<CreateStmt>(script.statements[0].body)) {
    ADD_FAILURE() << "expected one CREATE ... AS statement";
    return kEmpty;
  }
  return std::get<CreateStmt>(script.statements[0].body);
}

TEST(ParserExamplesTest, Example01BasicFilter) {
  Script s = parse_ok(R"(-- (1) Basic filter (CSAS)
CREATE STREAM filtered_orders AS
SELECT order_id, customer_id, amount
FROM orders
WHERE amount > 100
WITH (
    'orders.type' = 'kafka_source',
    'orders.topic' = 'orders_input',
    'orders.format' = 'json',
    'filtered_orders.type' = 'kafka_sink',
    'filtered_orders.topic' = 'filtered_orders_output',
    'filtered_orders.format' = 'json'
);)");
  const CreateStmt& c = create_of(s);
  EXPECT_EQ(c.name, "filtered_orders");
  EXPECT_EQ(c.properties.size(), 6u);
  EXPECT_EQ(c.properties[0].pos, (SourcePos{7, 5}));
  EXPECT_EQ(to_string(*c.query.where), "amount > 100");
}

TEST(ParserExamplesTest, Example02TumblingOneMinute) {
  Script s = parse_ok(R"(CREATE TABLE trade_stats AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as avg_price
FROM market_data
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT CHANGES
WITH (
    'market_data.type' = 'kafka_source',
    'market_data.topic' = 'market_data_input',
    'market_data.format' = 'json',
    'trade_stats.type' = 'kafka_sink',
    'trade_stats.topic' = 'trade_stats_output',
    'trade_stats.format' = 'json'
);)");
  const CreateStmt& c = create_of(s);
  EXPECT_EQ(c.object, ObjectKind::kTable);
  ASSERT_TRUE(c.query.window.has_value());
  EXPECT_EQ(c.query.window->kind, WindowKind::kTumbling);
  EXPECT_EQ(c.query.window->size.ms, 60000);
  EXPECT_EQ(c.query.window->size.pos, (SourcePos{7, 17}));
  EXPECT_EQ(c.emit, EmitMode::kChanges);
  EXPECT_EQ(c.properties.size(), 6u);
}

TEST(ParserExamplesTest, Example03Sliding) {
  Script s = parse_ok(R"(CREATE TABLE moving_averages AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as moving_avg
FROM market_data
GROUP BY symbol
WINDOW SLIDING(INTERVAL '10' MINUTE, INTERVAL '2' MINUTE)
EMIT CHANGES)");
  const CreateStmt& c = create_of(s);
  EXPECT_EQ(c.query.window->kind, WindowKind::kSliding);
  EXPECT_EQ(c.query.window->size.ms, 600000);
  EXPECT_EQ(c.query.window->advance->ms, 120000);
}

TEST(ParserExamplesTest, Example04ExplicitTimeColumn) {
  Script s = parse_ok(R"(CREATE TABLE trade_time_aggs AS
SELECT symbol,
       COUNT(*) as cnt,
       AVG(price) as avg_price
FROM market_data
GROUP BY symbol
WINDOW TUMBLING(market_data.trade_time, INTERVAL '5' MINUTE)
EMIT CHANGES)");
  const WindowSpec& w = *create_of(s).query.window;
  ASSERT_NE(w.time_column, nullptr);
  EXPECT_EQ(w.time_column->qualifier, "market_data");
  EXPECT_EQ(w.time_column->name, "trade_time");
  EXPECT_EQ(w.size.ms, 300000);
}

TEST(ParserExamplesTest, Example05LagOverRowsWindow) {
  Script s = parse_ok(R"(CREATE STREAM price_changes AS
SELECT symbol,
       price,
       event_time,
       LAG(price, 1) OVER (
           ROWS WINDOW BUFFER 100 ROWS
           PARTITION BY symbol
           ORDER BY event_time
       ) as prev_price
FROM trades
WITH (
    'trades.type' = 'kafka_source',
    'trades.topic' = 'trades_input',
    'trades.format' = 'json',
    'price_changes.type' = 'kafka_sink',
    'price_changes.topic' = 'price_changes_output',
    'price_changes.format' = 'json'
);)");
  const CreateStmt& c = create_of(s);
  ASSERT_EQ(c.query.items.size(), 4u);
  const Expr& lag = *c.query.items[3].expr;
  EXPECT_EQ(lag.name, "LAG");
  ASSERT_NE(lag.over, nullptr);
  EXPECT_EQ(lag.over->buffer_rows, 100);
  EXPECT_EQ(c.query.items[3].alias, "prev_price");
  EXPECT_EQ(c.properties.size(), 6u) << "the WITH ending the statement is the job's";
  EXPECT_TRUE(c.query.from->properties.empty());
}

TEST(ParserExamplesTest, Example06RowsWindowWithFrame) {
  Script s = parse_ok(R"(CREATE STREAM qty_last_50 AS
SELECT symbol,
       price,
       SUM(quantity) OVER (
           ROWS WINDOW BUFFER 100 ROWS
           PARTITION BY symbol
           ORDER BY event_time
           ROWS BETWEEN 50 PRECEDING AND CURRENT ROW
       ) as qty_last_50
FROM trades)");
  const OverClause& over = *create_of(s).query.items[2].expr->over;
  ASSERT_TRUE(over.frame.has_value());
  EXPECT_EQ(over.frame->start.kind, FrameBound::Kind::kPreceding);
  EXPECT_EQ(over.frame->start.offset, 50);
  EXPECT_EQ(over.frame->end.kind, FrameBound::Kind::kCurrentRow);
}

TEST(ParserExamplesTest, Example07MmapFileSource) {
  Script s = parse_ok(R"(CREATE STREAM results AS
SELECT
    station,
    MIN(temperature) AS min_temp,
    AVG(temperature) AS avg_temp,
    MAX(temperature) AS max_temp
FROM measurements
GROUP BY station
EMIT CHANGES
WITH (
    'measurements.type' = 'file_source_mmap',
    'measurements.path' = './measurements.txt',
    'measurements.format' = 'csv_no_header',
    'measurements.delimiter' = ';',
    'results.type' = 'file_sink',
    'results.path' = './results.csv',
    'results.format' = 'csv'
);)");
  const CreateStmt& c = create_of(s);
  EXPECT_EQ(c.properties.size(), 7u);
  EXPECT_EQ(c.properties[3].value, ";");
}

TEST(ParserExamplesTest, Example08IntervalJoin) {
  Script s = parse_ok(R"(CREATE STREAM order_shipments AS
SELECT o.order_id,
       o.customer_id,
       o.total_amount,
       s.shipment_id,
       s.carrier,
       s.tracking_number
FROM orders o
JOIN shipments s ON o.order_id = s.order_id
  AND s.event_time BETWEEN o.event_time AND o.event_time + INTERVAL '24' HOUR
EMIT CHANGES)");
  const CreateStmt& c = create_of(s);
  EXPECT_EQ(c.query.from->alias, "o");
  ASSERT_EQ(c.query.joins.size(), 1u);
  EXPECT_EQ(c.query.joins[0].source.alias, "s");
  EXPECT_EQ(to_string(*c.query.joins[0].on),
            "o.order_id = s.order_id AND s.event_time BETWEEN o.event_time AND o.event_time + "
            "INTERVAL '24' HOUR");
}

TEST(ParserExamplesTest, Example09EmitFinal) {
  Script s = parse_ok(R"(CREATE TABLE hourly_stats AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as avg_price
FROM trades
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '5' MINUTE)
EMIT FINAL)");
  EXPECT_EQ(create_of(s).emit, EmitMode::kFinal);
}

TEST(ParserExamplesTest, Example10OrderByLimit) {
  Script s = parse_ok(R"(SELECT trader_id,
       SUM(quantity) as total_volume
FROM trades
GROUP BY trader_id
WINDOW TUMBLING(INTERVAL '1' HOUR)
ORDER BY total_volume DESC
LIMIT 10
EMIT CHANGES;)");
  const SelectStmt& q = std::get<SelectStmt>(s.statements.at(0).body);
  EXPECT_EQ(q.limit, 10);
  EXPECT_TRUE(q.order_by.at(0).descending);
  EXPECT_EQ(q.emit, EmitMode::kChanges);
}

TEST(ParserExamplesTest, Example11EventTimeFromJson) {
  Script s =
      parse_ok(R"(SELECT CAST(JSON_EXTRACT(payload, '$.event_ts') AS BIGINT) AS _EVENT_TIME, *
FROM raw_events;)");
  EXPECT_EQ(to_string(s),
            "SELECT CAST(JSON_EXTRACT(payload, '$.event_ts') AS BIGINT) AS _EVENT_TIME, * FROM "
            "raw_events;\n");
}

TEST(ParserExamplesTest, Example12MaxAsEventTime) {
  Script s = parse_ok(R"(SELECT symbol, SUM(volume), MAX(trade_timestamp) AS _EVENT_TIME
FROM trades GROUP BY symbol;)");
  EXPECT_EQ(std::get<SelectStmt>(s.statements.at(0).body).items.size(), 3u);
}

TEST(ParserExamplesTest, Example13AnyAll) {
  Script s =
      parse_ok(R"(SELECT * FROM orders WHERE amount > ANY (SELECT threshold FROM alert_rules);
SELECT * FROM orders WHERE credit_score >= ALL (SELECT min_score FROM loan_requirements);)");
  ASSERT_EQ(s.statements.size(), 2u);
  const Expr& any = *std::get<SelectStmt>(s.statements[0].body).where;
  EXPECT_EQ(any.kind, ExprKind::kQuantified);
  EXPECT_EQ(any.quantifier, Quantifier::kAny);
  const Expr& all = *std::get<SelectStmt>(s.statements[1].body).where;
  EXPECT_EQ(all.quantifier, Quantifier::kAll);
  EXPECT_EQ(all.binary_op, BinaryOp::kGe);
}

TEST(ParserExamplesTest, Example14ShorthandDurations) {
  struct Case {
    const char* clause;
    WindowKind kind;
    int64_t size_ms;
    int64_t advance_ms;
  };
  const Case cases[] = {
      {"WINDOW TUMBLING(5m)", WindowKind::kTumbling, 300000, 0},
      {"WINDOW SLIDING(10m, 2m)", WindowKind::kSliding, 600000, 120000},
      {"WINDOW SESSION(30s)", WindowKind::kSession, 30000, 0},
      {"WINDOW TUMBLING(500ms)", WindowKind::kTumbling, 500, 0},
      {"WINDOW TUMBLING (trade_time, INTERVAL '1' MINUTE)", WindowKind::kTumbling, 60000, 0},
      {"WINDOW TUMBLING(5s)", WindowKind::kTumbling, 5000, 0},
      {"WINDOW SLIDING(event_time, 5m, 1m)", WindowKind::kSliding, 300000, 60000},
  };
  for (const Case& c : cases) {
    Script s = parse_ok(std::string("CREATE STREAM w AS SELECT k, COUNT(*) FROM t GROUP BY k ") +
                        c.clause);
    const WindowSpec& w = *create_of(s).query.window;
    EXPECT_EQ(w.kind, c.kind) << c.clause;
    EXPECT_EQ(w.size.ms, c.size_ms) << c.clause;
    EXPECT_EQ(w.advance ? w.advance->ms : 0, c.advance_ms) << c.clause;
  }
}

TEST(ParserExamplesTest, Example15WindowBounds) {
  Script s = parse_ok(R"(CREATE TABLE windowed_trades AS
SELECT symbol,
       COUNT(*) as trade_count,
       AVG(price) as avg_price,
       _window_start as window_start,
       _window_end as window_end
FROM trades
GROUP BY symbol
WINDOW TUMBLING(INTERVAL '1' MINUTE)
EMIT CHANGES)");
  const SelectStmt& q = create_of(s).query;
  EXPECT_EQ(q.items[3].expr->name, "_window_start");
  EXPECT_EQ(q.items[3].alias, "window_start");
}

TEST(ParserExamplesTest, ContractJobExample) {
  Script s = parse_ok(R"(CREATE STREAM trade_stats AS
SELECT symbol, COUNT(*) AS trades, SUM(qty) AS volume, AVG(price) AS avg_price,
       _window_start AS window_start, _window_end AS window_end
FROM trades
GROUP BY symbol
WINDOW TUMBLING(ts, INTERVAL '1' MINUTE)
EMIT FINAL
WITH (
  'trades.type' = 'file_source',
  'trades.path' = 'data/trades.csv',
  'trades.format' = 'csv',
  'trades.event.time.field' = 'ts',
  'trades.watermark.max_out_of_orderness' = '5s',
  'trade_stats.type' = 'file_sink',
  'trade_stats.path' = 'out/trade_stats.jsonl',
  'trade_stats.format' = 'jsonl'
);)");
  const CreateStmt& c = create_of(s);
  EXPECT_EQ(c.emit, EmitMode::kFinal);
  EXPECT_EQ(c.properties.size(), 8u);
  EXPECT_EQ(c.properties[4].key, "trades.watermark.max_out_of_orderness");
  EXPECT_EQ(c.properties[4].value, "5s");
  EXPECT_EQ(c.query.window->time_column->name, "ts");
  EXPECT_EQ(to_string(s),
            "CREATE STREAM trade_stats AS SELECT symbol, COUNT(*) AS trades, SUM(qty) AS volume, "
            "AVG(price) AS avg_price, _window_start AS window_start, _window_end AS window_end "
            "FROM trades GROUP BY symbol WINDOW TUMBLING(ts, INTERVAL '1' MINUTE) EMIT FINAL WITH "
            "('trades.type' = 'file_source', 'trades.path' = 'data/trades.csv', 'trades.format' = "
            "'csv', 'trades.event.time.field' = 'ts', 'trades.watermark.max_out_of_orderness' = "
            "'5s', 'trade_stats.type' = 'file_sink', 'trade_stats.path' = "
            "'out/trade_stats.jsonl', 'trade_stats.format' = 'jsonl');\n");
}

TEST(ParserExamplesTest, ContractSourceDeclarationThenJob) {
  Script s = parse_ok(
      R"(CREATE STREAM trades (symbol VARCHAR, price DECIMAL(18,4), qty BIGINT, ts TIMESTAMP)
WITH ('type' = 'file_source', 'path' = 'data/trades.csv', 'format' = 'csv', 'event.time.field' = 'ts');

-- @num_partitions: 2
CREATE STREAM big AS SELECT * FROM trades WHERE qty > 100
WITH ('big.type' = 'file_sink', 'big.path' = '${OUT:out}/big.jsonl', 'big.format' = 'jsonl');
)");
  ASSERT_EQ(s.statements.size(), 2u);
  const auto& decl = std::get<SourceDecl>(s.statements[0].body);
  EXPECT_EQ(decl.columns.size(), 4u);
  EXPECT_EQ(decl.properties.size(), 4u);
  EXPECT_EQ(decl.properties[3].pos, (SourcePos{2, 77}));
  const auto& job = std::get<CreateStmt>(s.statements[1].body);
  EXPECT_EQ(job.properties[1].value, "${OUT:out}/big.jsonl");
  ASSERT_EQ(s.statements[1].annotations.size(), 1u);
  EXPECT_EQ(s.statements[1].annotations[0].name, "num_partitions");
  EXPECT_EQ(s.statements[1].pos, (SourcePos{5, 1}));
}

TEST(ParserExamplesTest, OneBillionRowsChallengeApp) {
  Script s = parse_ok(R"(-- @job_mode: adaptive
-- @batch_size: 10000
-- @num_partitions: 6
-- @partitioning_strategy: hash
CREATE STREAM results AS
SELECT station, MIN(temperature) AS min_temp, AVG(temperature) AS avg_temp,
       MAX(temperature) AS max_temp
FROM measurements
GROUP BY station
EMIT FINAL
WITH ('measurements.type' = 'file_source_mmap', 'measurements.format' = 'csv',
      'measurements.delimiter' = ';', 'results.type' = 'file_sink', 'results.format' = 'csv');
)");
  EXPECT_EQ(s.statements.at(0).annotations.size(), 4u);
}

}  // namespace
}  // namespace eddy::sql
