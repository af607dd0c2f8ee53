#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/core/batch.hpp"
#include "runtime/core/status.hpp"
#include "sql/app_plan.hpp"

namespace eddy::app {

/// One of Velostream's benchmark scenarios (reference/velostream.md §4.1): the SQL app, how to
/// generate row i of its input, and how many rows it must output.
struct Scenario {
  std::string name;   ///< "s0", "s1", "s2", "s3a", "s3b".
  std::string title;  ///< A few words: "pure SELECT + WHERE".
  std::string sql;    ///< The whole app: the declared source stream, then the job.
  /// Appends the columns of rows [first, first + rows) in the source schema's order.
  std::function<std::vector<ColumnPtr>(uint64_t first, size_t rows)> columns;
  /// The expected number of output rows for `records` input rows cut into batches of
  /// `batch_rows`, computed by a plain loop over the rows (independently of the engine).
  std::function<uint64_t(uint64_t records, size_t batch_rows)> expected_out;
};

/// Every scenario, in report order: s0, s1, s2, s3a, s3b.
const std::vector<Scenario>& all_scenarios();

/// A scenario ready to run: its plan and its whole input, built before any clock starts.
struct PreparedScenario {
  const Scenario* scenario = nullptr;
  sql::AppPlan plan;                                   ///< Exactly one job.
  std::shared_ptr<const std::vector<BatchPtr>> input;  ///< In the plan's source schema.
  uint64_t records = 0;
  uint64_t expected_out = 0;
};

/// Plans `scenario.sql` and generates `records` input rows in batches of `batch_rows` (with event
/// times and per-row watermarks when the source has an event-time field, as a file source does).
Result<PreparedScenario> prepare_scenario(const Scenario& scenario, uint64_t records,
                                          size_t batch_rows = 4096);

/// What one run through the runtime did.
struct RunOutcome {
  uint64_t records_in = 0;
  uint64_t records_out = 0;
  double seconds = 0;      ///< Wall time of `rt::run_jobs` only.
  double cpu_seconds = 0;  ///< CPU time of the whole process over the same interval.
};

/// Runs the prepared job once on the actor runtime (replay source → `partitions` partition
/// actors → counting sink). When `kept` is not null it receives every output batch.
Result<RunOutcome> run_prepared(const PreparedScenario& prepared, size_t partitions,
                                std::vector<BatchPtr>* kept = nullptr);

/// One row of the report: a scenario at one partition count, medians over the runs.
struct ScenarioResult {
  std::string scenario;
  size_t partitions = 0;
  uint64_t records_in = 0;
  uint64_t records_out = 0;  ///< Of the median run (every run is checked).
  uint64_t expected_out = 0;
  bool correct = false;     ///< Every run's records_out == expected_out.
  double seconds = 0;       ///< Median wall time.
  double rps = 0;           ///< records_in / seconds.
  size_t cores = 0;         ///< Cores the run can use: min(nproc, partitions + 1).
  double rps_per_core = 0;  ///< rps / cores.
  double busy_cores = 0;    ///< CPU seconds / wall seconds of the median run: cores kept busy.
  size_t runs = 0;
};

/// What `eddy bench scenarios` was asked to do.
struct BenchOptions {
  uint64_t records = 1'000'000;
  std::vector<size_t> partitions{1, 2};
  size_t runs = 3;
  std::vector<std::string> scenarios;  ///< Names to run; empty = all.
  size_t batch_rows = 4096;
  /// Called after each (scenario, partitions) result, e.g. to print progress; may be empty.
  std::function<void(const ScenarioResult&)> on_result;
};

/// Runs every selected scenario at every partition count `runs` times and reports medians.
/// Fails (invalid config) on an unknown scenario name or an out-of-range option, or with the
/// runtime's error if a run fails; a wrong output count is not an error but `correct = false`.
Result<std::vector<ScenarioResult>> run_scenarios(const BenchOptions& options);

/// Renders the results as an aligned text table with a ✓/✗ column and a footnote on "per core".
std::string format_table(const std::vector<ScenarioResult>& results);

/// Renders one result as one line of JSON (keys scenario, partitions, records_in, records_out,
/// expected_out, correct, seconds, rps, rps_per_core, cores, runs), without a newline.
std::string format_json_line(const ScenarioResult& result);

}  // namespace eddy::app
