#include "sql/planner.hpp"

#include <gtest/gtest.h>

#include <map>

namespace eddy::sql {
namespace {

// A declared source whose file need not exist: planning never reads it.
constexpr const char* kSource =
    "CREATE STREAM orders (id BIGINT, customer VARCHAR, amount DECIMAL(10,2), qty BIGINT,"
    " ts TIMESTAMP)\n"
    "WITH ('type' = 'file_source', 'path' = '${DATA_DIR:data}/orders.csv', 'format' = 'csv',\n"
    "      'event.time.field' = 'ts');\n";

PlanOptions options(std::map<std::string, std::string> env = {},
                    std::vector<std::pair<std::string, std::string>> overrides = {}) {
  PlanOptions o;
  o.overrides = std::move(overrides);
  o.env = [env](const std::string& name) -> std::optional<std::string> {
    auto it = env.find(name);
    if (it == env.end()) {
      return std::nullopt;
    }
    return it->second;
  };
  return o;
}

Result<AppPlan> plan(const std::string& job, PlanOptions o = options()) {
  return plan_app(std::string(kSource) + job, o);
}

TEST(PlannerTest, PlansFilterAndProjectWithTypes) {
  auto app = plan(
      "CREATE STREAM big AS SELECT id, amount * qty AS gross, UPPER(customer) AS who\n"
      "FROM orders WHERE amount > 10\n"
      "WITH ('big.type' = 'file_sink', 'big.path' = 'out/big.jsonl');");
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  ASSERT_EQ(app->jobs.size(), 1u);
  const JobPlan& job = app->jobs[0];
  EXPECT_EQ(job.name, "big");
  EXPECT_EQ(job.source.config.props.get("path"), "data/orders.csv");
  EXPECT_EQ(job.sink.schema->to_string(), "(id BIGINT, gross DECIMAL(18,2), who VARCHAR)");
  ASSERT_EQ(job.steps.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<FilterStep>(job.steps[0]));
  auto chain = job.make_chain();
  ASSERT_TRUE(chain.is_ok());
  EXPECT_EQ((*chain)[0]->describe(), "Filter((amount > 10))");
}

TEST(PlannerTest, EnvironmentAndOverrides) {
  auto app = plan("CREATE STREAM j AS SELECT id FROM orders;",
                  options({{"DATA_DIR", "/mnt"}}, {{"j.format", "csv"}, {"orders.quote", "'"}}));
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  EXPECT_EQ(app->jobs[0].source.config.props.get("path"), "/mnt/orders.csv");
  EXPECT_EQ(app->jobs[0].source.config.props.get("quote"), "'");
  EXPECT_EQ(app->jobs[0].sink.config.props.get("type"), "stdout_sink") << "the default sink";
  EXPECT_EQ(app->jobs[0].sink.config.props.get("format"), "csv");
}

TEST(PlannerTest, UnusedOverrideIsAnError) {
  auto app = plan("CREATE STREAM j AS SELECT id FROM orders;", options({}, {{"ordrs.path", "x"}}));
  ASSERT_FALSE(app.is_ok());
  EXPECT_EQ(app.status().code(), StatusCode::kInvalidConfig);
  EXPECT_NE(app.status().message().find("ordrs.path"), std::string::npos);
}

TEST(PlannerTest, UnsetVariableWithoutDefault) {
  auto app = plan_app(
      "CREATE STREAM j AS SELECT a FROM s WITH ('s.type' = 'file_source', 's.path' = '${NOPE}');",
      options());
  ASSERT_FALSE(app.is_ok());
  EXPECT_EQ(app.status().code(), StatusCode::kInvalidConfig);
  EXPECT_EQ(app.status().pos(), (SourcePos{1, 79})) << "points at the value";
  EXPECT_NE(app.status().message().find("'NOPE' is not set"), std::string::npos);
}

TEST(PlannerTest, AliasReuseAndSystemColumns) {
  auto app = plan(
      "CREATE STREAM j AS SELECT amount * 2 AS twice, twice + 1 AS more, _event_time AS t"
      " FROM orders o WHERE o.qty > 0;");
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  EXPECT_EQ(app->jobs[0].sink.schema->to_string(),
            "(twice DECIMAL(18,2), more DECIMAL(18,2), t TIMESTAMP)");
}

struct ErrorCase {
  std::string job;
  StatusCode code;
  SourcePos pos;
  std::string message_part;
};

TEST(PlannerTest, ReportsErrorsWithPositions) {
  // Line 4 is the job's first line (the declaration takes three).
  const std::vector<ErrorCase> cases = {
      {"CREATE STREAM j AS SELECT nope FROM orders;",
       StatusCode::kBindError,
       {4, 27},
       "unknown column 'nope'"},
      {"CREATE STREAM j AS SELECT amont FROM orders;",
       StatusCode::kBindError,
       {4, 27},
       "did you mean 'amount'?"},
      {"CREATE STREAM j AS SELECT x.id FROM orders;",
       StatusCode::kBindError,
       {4, 27},
       "unknown stream or alias 'x'"},
      {"CREATE STREAM j AS SELECT id FROM orders WHERE qty;",
       StatusCode::kBindError,
       {4, 48},
       "WHERE needs a BOOLEAN condition, got BIGINT"},
      {"CREATE STREAM j AS SELECT id, id FROM orders;",
       StatusCode::kBindError,
       {4, 31},
       "appears twice"},
      {"CREATE STREAM j AS SELECT UPPER(qty) AS u FROM orders;",
       StatusCode::kBindError,
       {4, 33},
       "UPPER"},
      {"CREATE STREAM j AS SELECT id FROM orders WHERE COUNT(*) > 1;",
       StatusCode::kBindError,
       {4, 48},
       "not allowed in WHERE"},
      {"CREATE STREAM j AS SELECT SUM(COUNT(*)) AS n FROM orders;",
       StatusCode::kBindError,
       {4, 31},
       "cannot be nested"},
      {"CREATE STREAM j AS SELECT id, COUNT(*) AS n FROM orders GROUP BY customer;",
       StatusCode::kBindError,
       {4, 27},
       "must appear in GROUP BY"},
      {"CREATE STREAM j AS SELECT * FROM orders GROUP BY id;",
       StatusCode::kBindError,
       {4, 27},
       "'*' cannot be used with GROUP BY"},
      {"CREATE STREAM j AS SELECT id FROM orders HAVING id > 1;",
       StatusCode::kBindError,
       {4, 49},
       "HAVING needs a GROUP BY"},
      {"CREATE STREAM j AS SELECT SUM(customer) AS s FROM orders;",
       StatusCode::kBindError,
       {4, 31},
       "SUM expects a number"},
      {"CREATE STREAM j AS SELECT o.id FROM orders o JOIN orders p ON o.id = p.id;",
       StatusCode::kNotSupported,
       {4, 46},
       "JOIN is not supported yet"},
      {"CREATE STREAM j AS SELECT id FROM orders EMIT FINAL;",
       StatusCode::kBindError,
       {4, 20},
       "EMIT FINAL needs a GROUP BY or a WINDOW"},
      {"CREATE STREAM j AS SELECT id FROM nowhere;",
       StatusCode::kBindError,
       {4, 35},
       "source 'nowhere' has no connector"},
      {"CREATE STREAM j AS SELECT id FROM orders WITH ('x.path' = 'a');",
       StatusCode::kInvalidConfig,
       {4, 48},
       "names no stream of this statement"},
      {"CREATE STREAM orders AS SELECT id FROM orders;",
       StatusCode::kBindError,
       {4, 15},
       "already defined"},
      {"CREATE STREAM j AS SELECT id FROM orders LIMIT 10;",
       StatusCode::kNotSupported,
       {4, 42},
       "LIMIT is not supported yet"},
      {"SHOW STREAMS;", StatusCode::kNotSupported, {4, 1}, "SHOW STREAMS"},
  };

  for (const auto& c : cases) {
    auto app = plan(c.job);
    ASSERT_FALSE(app.is_ok()) << c.job;
    EXPECT_EQ(app.status().code(), c.code) << c.job << ": " << app.status().to_string();
    EXPECT_EQ(app.status().pos(), c.pos) << c.job << ": " << app.status().to_string();
    EXPECT_NE(app.status().message().find(c.message_part), std::string::npos)
        << c.job << ": " << app.status().message();
  }
}

TEST(PlannerTest, PlansAggregationsAndWindows) {
  auto app = plan(
      "CREATE STREAM j AS SELECT customer, COUNT(*) AS n, SUM(amount) AS total,\n"
      "  _window_start AS ws FROM orders GROUP BY customer\n"
      "WINDOW TUMBLING(INTERVAL '1' MINUTE) HAVING COUNT(*) > 1;");
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  const JobPlan& job = app->jobs[0];
  EXPECT_EQ(job.sink.schema->to_string(),
            "(customer VARCHAR, n BIGINT, total DECIMAL(18,2), ws BIGINT)");
  EXPECT_EQ(job.routing, PlanRouting::kHash);
  EXPECT_EQ(job.key_columns, std::vector<size_t>{1}) << "routed by the customer column";
  ASSERT_EQ(job.steps.size(), 3u);
  const auto& agg = std::get<AggregateStep>(job.steps[0]).spec;
  EXPECT_EQ(agg.window.kind, ops::WindowKind::kTumbling);
  EXPECT_EQ(agg.window.size_ms, 60000);
  EXPECT_EQ(agg.emit, ops::EmitMode::kFinal) << "FINAL is the default with a window";
  EXPECT_EQ(agg.aggregates.size(), 2u) << "COUNT(*) in HAVING reuses the select list's";
  EXPECT_TRUE(job.make_chain().is_ok());
}

TEST(PlannerTest, GlobalAggregateRunsInOnePartition) {
  auto app = plan("CREATE STREAM j AS SELECT COUNT(*) AS n FROM orders;");
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  EXPECT_EQ(app->jobs[0].partitions, 1u);
}

TEST(PlannerTest, WindowWithoutEventTimeSaysHowToFixIt) {
  auto app = plan_app(
      "CREATE STREAM s (a BIGINT) WITH ('type' = 'file_source', 'path' = 'x.csv', 'format' = "
      "'csv');\nCREATE STREAM j AS SELECT COUNT(*) AS n FROM s WINDOW TUMBLING(1m);",
      options());
  ASSERT_FALSE(app.is_ok());
  EXPECT_NE(app.status().message().find("event.time.field"), std::string::npos)
      << app.status().message();
}

TEST(PlannerTest, PlansRowsWindows) {
  auto app = plan(
      "CREATE STREAM j AS SELECT id, LAG(amount) OVER (ROWS WINDOW BUFFER 5 ROWS PARTITION BY "
      "customer) AS prev, AVG(amount) OVER (ROWS WINDOW BUFFER 10 ROWS PARTITION BY customer "
      "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) AS ma FROM orders;");
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  const auto& spec = std::get<RowsWindowStep>(app->jobs[0].steps[0]).spec;
  EXPECT_EQ(spec.buffer_rows, 10);
  EXPECT_EQ(spec.calls[1].frame.preceding, 2);
  EXPECT_EQ(app->jobs[0].sink.schema->to_string(), "(id BIGINT, prev DECIMAL(10,2), ma DOUBLE)");
}

TEST(PlannerTest, EachRowsWindowCallKeepsItsOwnBuffer) {
  // The operator keeps the largest buffer, but SUM over BUFFER 3 ROWS still sums 3 rows.
  auto app = plan(
      "CREATE STREAM j AS SELECT SUM(qty) OVER (ROWS WINDOW BUFFER 3 ROWS) AS s3,\n"
      "SUM(qty) OVER (ROWS WINDOW BUFFER 100 ROWS) AS s100,\n"
      "SUM(qty) OVER (ROWS WINDOW BUFFER 100 ROWS ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT "
      "ROW) AS all_rows FROM orders;");
  ASSERT_TRUE(app.is_ok()) << app.status().to_string();
  const auto& spec = std::get<RowsWindowStep>(app->jobs[0].steps[0]).spec;
  EXPECT_EQ(spec.buffer_rows, 100);
  EXPECT_EQ(spec.calls[0].frame.preceding, 2);
  EXPECT_EQ(spec.calls[1].frame.preceding, 99);
  EXPECT_EQ(spec.calls[2].frame.preceding, 99);
}

TEST(PlannerTest, RowsWindowReachBeyondTheBufferIsAnError) {
  auto lag = plan(
      "CREATE STREAM j AS SELECT LAG(qty, 3) OVER (ROWS WINDOW BUFFER 3 ROWS) AS p\n"
      "FROM orders;");
  ASSERT_FALSE(lag.is_ok());
  EXPECT_EQ(lag.status().message(),
            "LAG by 3 rows needs 4 rows of the partition, but BUFFER 3 ROWS keeps 3; use BUFFER 4 "
            "ROWS or more");
  EXPECT_EQ(lag.status().pos().line, 4);
  EXPECT_EQ(lag.status().pos().col, 36);

  auto lead = plan(
      "CREATE STREAM j AS SELECT LEAD(qty, 5) OVER (ROWS WINDOW BUFFER 5 ROWS) AS p\n"
      "FROM orders;");
  ASSERT_FALSE(lead.is_ok());
  EXPECT_NE(lead.status().message().find("use BUFFER 6 ROWS"), std::string::npos);

  auto frame = plan(
      "CREATE STREAM j AS SELECT SUM(qty) OVER (ROWS WINDOW BUFFER 10 ROWS\n"
      "ROWS BETWEEN 10 PRECEDING AND CURRENT ROW) AS s FROM orders;");
  ASSERT_FALSE(frame.is_ok());
  EXPECT_EQ(frame.status().message(),
            "the frame reaches 10 rows back, but BUFFER 10 ROWS keeps only the current row and 9 "
            "before it; use BUFFER 11 ROWS or more");
  EXPECT_EQ(frame.status().pos().line, 5);

  auto nth = plan(
      "CREATE STREAM j AS SELECT NTH_VALUE(qty, 3) OVER (ROWS WINDOW BUFFER 10 ROWS\n"
      "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) AS s FROM orders;");
  ASSERT_FALSE(nth.is_ok());
  EXPECT_NE(nth.status().message().find("the frame holds 2"), std::string::npos);

  EXPECT_TRUE(plan("CREATE STREAM j AS SELECT LAG(qty, 2) OVER (ROWS WINDOW BUFFER 3 ROWS) AS p,\n"
                   "LEAD(qty, 2) OVER (ROWS WINDOW BUFFER 3 ROWS) AS n FROM orders;")
                  .is_ok());
}

TEST(PlannerTest, SinkOverwritingAnInputOrAnotherSinkIsAnError) {
  // Writing the source's file would empty it before it is read: the input would be lost.
  auto same = plan(
      "CREATE STREAM j AS SELECT id FROM orders\n"
      "WITH ('j.type' = 'file_sink', 'j.path' = './data/../data/orders.csv');");
  ASSERT_FALSE(same.is_ok());
  EXPECT_EQ(same.status().message(),
            "sink 'j' would write './data/../data/orders.csv', which source 'orders' reads; give "
            "it a path of its own");
  EXPECT_EQ(same.status().pos().line, 5);
  EXPECT_EQ(same.status().pos().col, 31);

  // A later job's input is the earlier job's sink: still the same file.
  auto later = plan(
      "CREATE STREAM j AS SELECT id FROM orders WITH ('j.type' = 'file_sink', 'j.path' = "
      "'out/a.jsonl');\n"
      "CREATE STREAM k AS SELECT id FROM orders WITH ('k.type' = 'file_sink', 'k.path' = "
      "'out/a.jsonl');");
  ASSERT_FALSE(later.is_ok());
  EXPECT_EQ(later.status().message(),
            "sink 'k' would write 'out/a.jsonl', which sink 'j' writes too; give it a path of its "
            "own");

  auto dlq = plan(
      "CREATE STREAM j AS SELECT id FROM orders WITH ('orders.on.error' = 'dead_letter', "
      "'orders.dlq.path' = 'out/bad.jsonl', 'j.type' = 'file_sink', 'j.path' = "
      "'out/bad.jsonl');");
  ASSERT_FALSE(dlq.is_ok());
  EXPECT_NE(dlq.status().message().find("which source 'orders' uses as its dead-letter file"),
            std::string::npos)
      << dlq.status().message();

  // Jobs reading one source share its dead-letter file; that is fine.
  EXPECT_TRUE(plan("CREATE STREAM j AS SELECT id FROM orders WITH ('orders.on.error' = "
                   "'dead_letter', 'orders.dlq.path' = 'out/bad.jsonl');\n"
                   "CREATE STREAM k AS SELECT id FROM orders WITH ('orders.on.error' = "
                   "'dead_letter', 'orders.dlq.path' = 'out/bad.jsonl');")
                  .is_ok());
}

TEST(PlannerTest, AppWithoutJobsIsAnError) {
  auto app = plan_app(kSource, options());
  ASSERT_FALSE(app.is_ok());
  EXPECT_NE(app.status().message().find("no job"), std::string::npos);
}

}  // namespace
}  // namespace eddy::sql
