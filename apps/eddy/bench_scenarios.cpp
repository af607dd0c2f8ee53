#include "apps/eddy/bench_scenarios.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <optional>
#include <thread>
#include <unordered_set>

#include "apps/eddy/counting_sink.hpp"
#include "apps/eddy/replay_source.hpp"
#include "runtime/actor/engine.hpp"
#include "sql/planner.hpp"

namespace eddy::app {

namespace {

// CPU time of every thread of the process, so a run's busy cores can be told from its wall time.
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// ---------------------------------------------------------------------------------------------
// Input generation: column at a time, from the row number i.

std::vector<std::string> make_labels(const std::string& prefix, uint64_t count) {
  std::vector<std::string> labels;
  labels.reserve(count);
  for (uint64_t k = 0; k < count; ++k) {
    labels.push_back(prefix + std::to_string(k));
  }
  return labels;
}

template <typename F>
ColumnPtr bigint_column(uint64_t first, size_t rows, F value_of) {
  auto column = Column::make(DataType::bigint(), rows);
  int64_t* out = column->mutable_i64();
  for (size_t r = 0; r < rows; ++r) {
    out[r] = value_of(first + r);
  }
  return column;
}

template <typename F>
ColumnPtr double_column(uint64_t first, size_t rows, F value_of) {
  auto column = Column::make(DataType::float64(), rows);
  double* out = column->mutable_f64();
  for (size_t r = 0; r < rows; ++r) {
    out[r] = value_of(first + r);
  }
  return column;
}

// 'PREFIX' || (i % labels.size()), from labels made once per scenario.
ColumnPtr label_column(const std::vector<std::string>& labels, uint64_t first, size_t rows) {
  auto column = std::make_shared<Column>(DataType::varchar());
  column->reserve_str(rows, rows * (labels.back().size() + 1));
  const uint64_t n = labels.size();
  for (size_t r = 0; r < rows; ++r) {
    column->append_str(labels[(first + r) % n]);
  }
  return column;
}

ColumnPtr constant_string_column(std::string_view text, size_t rows) {
  auto column = std::make_shared<Column>(DataType::varchar());
  column->reserve_str(rows, rows * text.size());
  for (size_t r = 0; r < rows; ++r) {
    column->append_str(text);
  }
  return column;
}

// ---------------------------------------------------------------------------------------------
// Expected output counts: plain loops over the rows, sharing nothing with the engine.

constexpr int64_t kMinuteMs = 60'000;

int64_t s3_trade_time(uint64_t i) {
  return 1'000'000 + static_cast<int64_t>(i) * 1000;
}

// A (window, trader, symbol) group of scenario 3 as one number.
uint64_t s3_group(uint64_t i) {
  auto window = static_cast<uint64_t>(s3_trade_time(i) / kMinuteMs);
  return window * 10'000 + (i % 50) * 100 + (i % 100);
}

// Sums, over the batches, the number of distinct groups each batch touches.
template <typename F>
uint64_t distinct_per_batch(uint64_t records, size_t batch_rows, F group_of) {
  uint64_t total = 0;
  std::unordered_set<uint64_t> seen;
  for (uint64_t first = 0; first < records; first += batch_rows) {
    seen.clear();
    uint64_t end = std::min<uint64_t>(records, first + batch_rows);
    for (uint64_t i = first; i < end; ++i) {
      seen.insert(group_of(i));
    }
    total += seen.size();
  }
  return total;
}

constexpr const char* kMissingCsv = "/nonexistent/eddy-bench/input.csv";

std::string source_ddl(const std::string& stream, const std::string& columns,
                       const std::string& extra_props = "") {
  return "CREATE STREAM " + stream + " (" + columns +
         ")\nWITH ('type' = 'file_source', 'path' = '" + kMissingCsv + "', 'format' = 'csv'" +
         extra_props + ");\n";
}

std::vector<Scenario> make_scenarios() {
  std::vector<Scenario> list;

  list.push_back(Scenario{
      "s0", "pure SELECT + WHERE",
      source_ddl("orders",
                 "order_id BIGINT, customer_id BIGINT, order_date VARCHAR, total_amount DOUBLE") +
          "CREATE STREAM s0_out AS\nSELECT order_id, customer_id, order_date, total_amount "
          "FROM orders WHERE total_amount > 100;\n",
      [](uint64_t first, size_t rows) {
        return std::vector<ColumnPtr>{
            bigint_column(first, rows, [](uint64_t i) { return static_cast<int64_t>(i); }),
            bigint_column(first, rows, [](uint64_t i) { return static_cast<int64_t>(i % 1000); }),
            constant_string_column("2024-01-15", rows),
            double_column(first, rows, [](uint64_t i) { return 150.0 + (i % 100); })};
      },
      [](uint64_t records, size_t /*batch_rows*/) {
        uint64_t n = 0;
        for (uint64_t i = 0; i < records; ++i) {
          n += (150.0 + (i % 100)) > 100 ? 1 : 0;
        }
        return n;
      }});

  static const std::vector<std::string> kSym10 = make_labels("SYM", 10);
  list.push_back(Scenario{
      "s1", "ROWS WINDOW moving average",
      source_ddl("market_data", "symbol VARCHAR, price DOUBLE, timestamp BIGINT",
                 ", 'event.time.field' = 'timestamp'") +
          "CREATE STREAM s1_out AS\nSELECT symbol, price, AVG(price) OVER (ROWS WINDOW BUFFER 100 "
          "ROWS PARTITION BY symbol ORDER BY timestamp) AS moving_avg FROM market_data;\n",
      [](uint64_t first, size_t rows) {
        return std::vector<ColumnPtr>{
            label_column(kSym10, first, rows),
            double_column(first, rows, [](uint64_t i) { return 100.0 + (i % 50); }),
            bigint_column(first, rows, [](uint64_t i) { return static_cast<int64_t>(i) * 1000; })};
      },
      [](uint64_t records, size_t /*batch_rows*/) { return records; }});

  static const std::vector<std::string> kSym200 = make_labels("SYM", 200);
  list.push_back(Scenario{
      "s2", "GROUP BY, EMIT CHANGES",
      source_ddl("market_data", "symbol VARCHAR, price DOUBLE, quantity BIGINT") +
          "CREATE STREAM s2_out AS\nSELECT symbol, COUNT(*) AS trade_count, AVG(price) AS "
          "avg_price, MIN(price) AS min_price, MAX(price) AS max_price, SUM(quantity) AS "
          "total_quantity FROM market_data GROUP BY symbol;\n",
      [](uint64_t first, size_t rows) {
        return std::vector<ColumnPtr>{
            label_column(kSym200, first, rows),
            double_column(first, rows, [](uint64_t i) { return 100.0 + (i % 100); }),
            bigint_column(first, rows, [](uint64_t i) { return static_cast<int64_t>(i % 1000); })};
      },
      [](uint64_t records, size_t batch_rows) {
        return distinct_per_batch(records, batch_rows, [](uint64_t i) { return i % 200; });
      }});

  static const std::vector<std::string> kTrader50 = make_labels("T", 50);
  static const std::vector<std::string> kSym100 = make_labels("SYM", 100);
  auto s3_columns = [](uint64_t first, size_t rows) {
    return std::vector<ColumnPtr>{
        label_column(kTrader50, first, rows), label_column(kSym100, first, rows),
        double_column(first, rows, [](uint64_t i) { return 100.0 + (i % 50); }),
        bigint_column(first, rows, [](uint64_t i) { return static_cast<int64_t>(i % 1000); }),
        bigint_column(first, rows, s3_trade_time)};
  };
  const std::string s3_source = source_ddl(
      "market_data",
      "trader_id VARCHAR, symbol VARCHAR, price DOUBLE, quantity BIGINT, trade_time BIGINT");
  const std::string s3_select =
      "SELECT trader_id, symbol, COUNT(*) AS trade_count, AVG(price) AS avg_price, "
      "SUM(quantity) AS total_quantity, SUM(price * quantity) AS total_value FROM market_data "
      "GROUP BY trader_id, symbol WINDOW TUMBLING(trade_time, INTERVAL '1' MINUTE)";
  list.push_back(Scenario{"s3a", "TUMBLING 1 min, EMIT FINAL",
                          s3_source + "CREATE STREAM s3a_out AS\n" + s3_select + ";\n", s3_columns,
                          [](uint64_t records, size_t /*batch_rows*/) {
                            std::unordered_set<uint64_t> groups;
                            for (uint64_t i = 0; i < records; ++i) {
                              groups.insert(s3_group(i));
                            }
                            return static_cast<uint64_t>(groups.size());
                          }});
  list.push_back(Scenario{"s3b", "TUMBLING 1 min, EMIT CHANGES",
                          s3_source + "CREATE STREAM s3b_out AS\n" + s3_select + " EMIT CHANGES;\n",
                          s3_columns, [](uint64_t records, size_t batch_rows) {
                            return distinct_per_batch(records, batch_rows, s3_group);
                          }});
  return list;
}

// Copies an epoch-ms column into the batch's event-time column and derives the watermark in force
// before each row (the running maximum of the earlier rows, across batches), as a file source
// with 'watermark.max_out_of_orderness' = 0 does.
void attach_event_time(const Column& times, int64_t& max_seen, ColumnPtr& event_time,
                       ColumnPtr& row_watermark) {
  const size_t n = times.size();
  auto et = Column::make(DataType::timestamp(), n);
  auto wm = Column::make(DataType::timestamp(), n);
  int64_t* et_out = et->mutable_i64();
  int64_t* wm_out = wm->mutable_i64();
  const int64_t* in = times.i64();
  for (size_t r = 0; r < n; ++r) {
    wm_out[r] = max_seen;
    et_out[r] = in[r];
    max_seen = std::max(max_seen, in[r]);
  }
  event_time = std::move(et);
  row_watermark = std::move(wm);
}

size_t cores_for(size_t partitions) {
  size_t nproc = std::max<size_t>(std::thread::hardware_concurrency(), 1);
  return std::min(nproc, partitions + 1);
}

std::string with_commas(uint64_t v) {
  std::string digits = std::to_string(v);
  std::string out;
  for (size_t k = 0; k < digits.size(); ++k) {
    if (k > 0 && (digits.size() - k) % 3 == 0) {
      out += ',';
    }
    out += digits[k];
  }
  return out;
}

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

}  // namespace

const std::vector<Scenario>& all_scenarios() {
  static const std::vector<Scenario> kScenarios = make_scenarios();
  return kScenarios;
}

Result<PreparedScenario> prepare_scenario(const Scenario& scenario, uint64_t records,
                                          size_t batch_rows) {
  if (batch_rows == 0) {
    return Status::invalid_config("batch_rows must be at least 1");
  }
  PreparedScenario prepared;
  prepared.scenario = &scenario;
  prepared.records = records;
  EDDY_ASSIGN_OR_RAISE(prepared.plan, sql::plan_app(scenario.sql, {}));
  if (prepared.plan.jobs.size() != 1) {
    return Status::internal("scenario " + scenario.name + " must plan to exactly one job");
  }
  const sql::JobPlan& job = prepared.plan.jobs.front();
  const SchemaPtr& schema = job.source.schema;
  std::optional<size_t> time_column;
  if (auto field = job.source.config.props.get("event.time.field")) {
    time_column = schema->find(*field);
    if (!time_column || !schema->field(*time_column).type.is_int64_backed()) {
      return Status::internal("scenario " + scenario.name +
                              ": the event-time field must be a BIGINT or TIMESTAMP column");
    }
  }

  auto batches = std::make_shared<std::vector<BatchPtr>>();
  batches->reserve(records / batch_rows + 1);
  int64_t max_seen = INT64_MIN;
  for (uint64_t first = 0; first < records; first += batch_rows) {
    size_t rows = static_cast<size_t>(std::min<uint64_t>(batch_rows, records - first));
    std::vector<ColumnPtr> columns = scenario.columns(first, rows);
    if (columns.size() != schema->num_fields()) {
      return Status::internal("scenario " + scenario.name + " generates " +
                              std::to_string(columns.size()) + " columns for the schema " +
                              schema->to_string());
    }
    for (size_t c = 0; c < columns.size(); ++c) {
      if (columns[c]->type() != schema->field(c).type || columns[c]->size() != rows) {
        return Status::internal("scenario " + scenario.name + ": generated column " +
                                std::to_string(c) + " does not match " + schema->to_string());
      }
    }
    ColumnPtr event_time;
    ColumnPtr row_watermark;
    if (time_column) {
      attach_event_time(*columns[*time_column], max_seen, event_time, row_watermark);
    }
    batches->push_back(Batch::make(schema, std::move(columns), rows, std::move(event_time),
                                   std::move(row_watermark)));
  }
  prepared.input = std::move(batches);
  prepared.expected_out = scenario.expected_out(records, batch_rows);
  return prepared;
}

Result<RunOutcome> run_prepared(const PreparedScenario& prepared, size_t partitions,
                                std::vector<BatchPtr>* kept) {
  if (prepared.plan.jobs.size() != 1 || prepared.input == nullptr) {
    return Status::internal("run_prepared needs a prepared scenario");
  }
  const sql::JobPlan& job = prepared.plan.jobs.front();
  rt::JobSpec spec;
  spec.name = job.name;
  spec.source =
      std::make_unique<ReplaySource>(job.source.config.name, job.source.schema, prepared.input);
  spec.sink = std::make_unique<CountingSink>(job.sink.config.name, kept);
  spec.routing =
      job.routing == sql::PlanRouting::kHash ? rt::Routing::kHash : rt::Routing::kRoundRobin;
  spec.key_columns = job.key_columns;
  spec.partitions = job.partitions;
  // `prepared` outlives run_jobs, so the factory may refer to its plan.
  spec.make_chain = [&job](size_t /*partition*/) { return job.make_chain(); };
  std::vector<rt::JobSpec> specs;
  specs.push_back(std::move(spec));

  rt::EngineOptions engine;
  engine.partitions = partitions;
  const double cpu_start = process_cpu_seconds();
  const auto start = std::chrono::steady_clock::now();
  rt::RunReport report = rt::run_jobs(std::move(specs), engine);
  const auto stop = std::chrono::steady_clock::now();
  const double cpu_stop = process_cpu_seconds();
  if (!report.status.is_ok()) {
    return report.status;
  }
  if (report.jobs.size() != 1) {
    return Status::internal("run_jobs reported " + std::to_string(report.jobs.size()) + " jobs");
  }
  RunOutcome outcome;
  outcome.records_in = report.jobs.front().source.records_in;
  outcome.records_out = report.jobs.front().sink.records_out;
  outcome.seconds = std::chrono::duration<double>(stop - start).count();
  outcome.cpu_seconds = cpu_stop - cpu_start;
  return outcome;
}

Result<std::vector<ScenarioResult>> run_scenarios(const BenchOptions& options) {
  if (options.records == 0) {
    return Status::invalid_config("--records must be at least 1");
  }
  if (options.runs == 0) {
    return Status::invalid_config("--runs must be at least 1");
  }
  if (options.partitions.empty()) {
    return Status::invalid_config("--partitions needs at least one count, e.g. --partitions 1,2");
  }
  for (size_t p : options.partitions) {
    if (p == 0 || p > 1024) {
      return Status::invalid_config("--partitions counts must be from 1 to 1024, got " +
                                    std::to_string(p));
    }
  }
  std::vector<const Scenario*> selected;
  std::string known;
  for (const auto& s : all_scenarios()) {
    known += (known.empty() ? "" : ", ") + s.name;
  }
  if (options.scenarios.empty()) {
    for (const auto& s : all_scenarios()) {
      selected.push_back(&s);
    }
  }
  for (const auto& name : options.scenarios) {
    auto it = std::find_if(all_scenarios().begin(), all_scenarios().end(),
                           [&](const Scenario& s) { return iequals(s.name, name); });
    if (it == all_scenarios().end()) {
      return Status::invalid_config("unknown scenario '" + name + "': choose from " + known);
    }
    selected.push_back(&*it);
  }

  std::vector<ScenarioResult> results;
  for (const Scenario* scenario : selected) {
    // The input is built before any clock starts and freed before the next scenario.
    EDDY_ASSIGN_OR_RAISE(auto prepared,
                         prepare_scenario(*scenario, options.records, options.batch_rows));
    for (size_t partitions : options.partitions) {
      std::vector<RunOutcome> runs;
      bool correct = true;
      for (size_t r = 0; r < options.runs; ++r) {
        EDDY_ASSIGN_OR_RAISE(auto outcome, run_prepared(prepared, partitions));
        correct = correct && outcome.records_out == prepared.expected_out &&
                  outcome.records_in == prepared.records;
        runs.push_back(outcome);
      }
      std::sort(runs.begin(), runs.end(),
                [](const RunOutcome& a, const RunOutcome& b) { return a.seconds < b.seconds; });
      const RunOutcome& median = runs[runs.size() / 2];
      ScenarioResult result;
      result.scenario = scenario->name;
      result.partitions = partitions;
      result.records_in = median.records_in;
      result.records_out = median.records_out;
      result.expected_out = prepared.expected_out;
      result.correct = correct;
      result.seconds = median.seconds;
      result.rps = median.seconds > 0 ? static_cast<double>(median.records_in) / median.seconds : 0;
      // A job the planner pins to fewer partitions cannot use more cores than it has actors.
      size_t actual = prepared.plan.jobs.front().partitions > 0
                          ? prepared.plan.jobs.front().partitions
                          : partitions;
      result.cores = cores_for(actual);
      result.rps_per_core = result.rps / static_cast<double>(result.cores);
      result.busy_cores = median.seconds > 0 ? median.cpu_seconds / median.seconds : 0;
      result.runs = options.runs;
      if (options.on_result) {
        options.on_result(result);
      }
      results.push_back(std::move(result));
    }
  }
  return results;
}

std::string format_table(const std::vector<ScenarioResult>& results) {
  const std::vector<std::string> header = {"scenario",    "partitions",     "records in",
                                           "records out", "expected",       "seconds",
                                           "records/s",   "records/s/core", "busy cores"};
  std::vector<std::vector<std::string>> rows;
  for (const auto& r : results) {
    rows.push_back({r.scenario, std::to_string(r.partitions), with_commas(r.records_in),
                    with_commas(r.records_out), with_commas(r.expected_out), fixed(r.seconds, 3),
                    with_commas(static_cast<uint64_t>(r.rps)),
                    with_commas(static_cast<uint64_t>(r.rps_per_core)), fixed(r.busy_cores, 2)});
  }
  std::vector<size_t> width(header.size());
  for (size_t c = 0; c < header.size(); ++c) {
    width[c] = header[c].size();
    for (const auto& row : rows) {
      width[c] = std::max(width[c], row[c].size());
    }
  }
  auto render = [&](const std::vector<std::string>& cells, const std::string& mark) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      std::string pad(width[c] - cells[c].size(), ' ');
      // Names read left-aligned, numbers right-aligned.
      line += c == 0 ? cells[c] + pad : pad + cells[c];
      line += "  ";
    }
    return line + mark + "\n";
  };
  std::string out = render(header, "ok");
  for (size_t k = 0; k < rows.size(); ++k) {
    out += render(rows[k], results[k].correct ? "\u2713" : "\u2717");
  }
  out += "seconds: median wall time of rt::run_jobs over " +
         std::to_string(results.empty() ? 0 : results.front().runs) +
         " runs (input generated beforehand); records/s = records in / seconds;\n"
         "records/s/core = records/s / min(cores, partitions + 1): the partition actors plus the "
         "source actor\n(the counting sink is nearly idle), capped by the machine's cores; busy "
         "cores = "
         "process CPU time / wall time.\n";
  return out;
}

std::string format_json_line(const ScenarioResult& r) {
  nlohmann::ordered_json j;
  j["scenario"] = r.scenario;
  j["partitions"] = r.partitions;
  j["records_in"] = r.records_in;
  j["records_out"] = r.records_out;
  j["expected_out"] = r.expected_out;
  j["correct"] = r.correct;
  j["seconds"] = r.seconds;
  j["rps"] = r.rps;
  j["rps_per_core"] = r.rps_per_core;
  j["cores"] = r.cores;
  j["busy_cores"] = r.busy_cores;
  j["runs"] = r.runs;
  return j.dump();
}

}  // namespace eddy::app
