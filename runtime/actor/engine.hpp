#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "runtime/actor/job_spec.hpp"
#include "runtime/actor/metrics_snapshot.hpp"
#include "runtime/core/status.hpp"

namespace eddy::rt {

/// How `run_jobs` sizes and observes the runtime.
struct EngineOptions {
  size_t partitions = 0;  ///< Partition actors per job; 0 = std::thread::hardware_concurrency().
  size_t threads = 0;     ///< CAF scheduler threads (scheduler.max-threads); 0 = cores.
  size_t queue_capacity = 16;  ///< Batches per channel; a full channel stops its producer.
  std::chrono::milliseconds sample_interval{1000};  ///< How often the monitor samples.
  /// Called by the monitor actor after each sample (not concurrently); may be empty.
  std::function<void(const MetricsSnapshot&)> on_sample;
};

/// What a job's source did.
struct SourceReport {
  std::string name;
  uint64_t records_in = 0;
  uint64_t parse_errors = 0;
  uint64_t late_dropped = 0;  ///< Rows of this source dropped as late by the job's windows.
  uint64_t bytes_in = 0;
  std::vector<std::string> first_errors;
};

/// What a job's sink did.
struct SinkReport {
  std::string name;
  uint64_t records_out = 0;
};

/// One job's outcome.
struct JobReport {
  std::string name;
  SourceReport source;
  SinkReport sink;
};

/// The outcome of `run_jobs`.
struct RunReport {
  Status status;                ///< OK, or the first error that stopped the run.
  double elapsed_s = 0;         ///< Wall time of the run.
  std::vector<JobReport> jobs;  ///< One per job, in input order (also after an error).
  MetricsSnapshot metrics;      ///< The final sample of every actor's counters.
};

/// Runs all jobs concurrently in one actor system until every bounded source is exhausted and
/// every sink closed (or until `request_stop()`: then sources stop reading, everything drains
/// and finishes), or until the first error, which stops everything and is returned in
/// RunReport::status together with the reports so far. Never throws; exceptions escaping user
/// operators, sources or sinks become Status::internal errors.
RunReport run_jobs(std::vector<JobSpec> jobs, const EngineOptions& options);

/// Asks the running engine to stop reading its sources, drain and finish. Async-signal-safe (for
/// SIGINT/SIGTERM handlers). `run_jobs` clears the request when it starts.
void request_stop();

}  // namespace eddy::rt
