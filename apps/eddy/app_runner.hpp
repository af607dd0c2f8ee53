#pragma once

#include <cstddef>
#include <string>

#include "runtime/actor/engine.hpp"
#include "sql/app_plan.hpp"

namespace eddy::app {

/// What `eddy run` was asked to do besides running the plan.
struct RunOptions {
  size_t partitions = 0;        ///< Partition actors per job; 0 = number of cores.
  size_t threads = 0;           ///< Scheduler threads; 0 = number of cores.
  std::string stats_json_path;  ///< Where to write the JSON summary; empty = nowhere.
  bool progress = false;        ///< Print a live progress line on stderr.
  int metrics_port = -1;        ///< Serve Prometheus metrics on this port; -1 = off, 0 = any.
};

/// Makes the runtime job for one planned job: its source and sink (not opened yet), routing,
/// partition count, and a factory for the partitions' operator chains. `job` must outlive the
/// returned spec's run.
Result<rt::JobSpec> make_job_spec(const sql::JobPlan& job);

/// Instantiates every job of `plan` (sources, operator chains, sinks) on the actor runtime, runs
/// them to completion, reports bad records and a summary on stderr, and writes the stats file.
/// Returns the process exit code: 0 success, 1 runtime failure, 2 invalid app.
int run_app(const sql::AppPlan& plan, const RunOptions& options);

/// Renders the topology `eddy run` would start, one job after the other.
std::string explain_app(const sql::AppPlan& plan, size_t partitions);

}  // namespace eddy::app
