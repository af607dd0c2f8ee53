#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace eddy::rt {

/// The role of an actor in a job.
enum class ActorKind { kSource, kParser, kPartition, kSink };

/// Names an actor kind ("source", "parser", "partition", "sink").
const char* actor_kind_name(ActorKind kind);

/// One actor's counters at the time of a sample.
struct ActorMetrics {
  std::string name;  ///< "source", "parser-0", ..., "partition-0", ..., "sink".
  ActorKind kind = ActorKind::kPartition;
  uint64_t records_in = 0;
  uint64_t records_out = 0;
  uint64_t batches_in = 0;
  uint64_t batches_out = 0;
  uint64_t queue_depth = 0;       ///< Items now waiting in the actor's input channel(s).
  uint64_t max_queue_depth = 0;   ///< Highest fill of any one input channel so far.
  uint64_t queue_capacity = 0;    ///< Capacity of one input channel (0 for sources).
  int64_t watermark = INT64_MIN;  ///< The actor's event-time watermark (INT64_MIN = none yet).
};

/// One job's totals and actors.
struct JobMetrics {
  std::string name;
  uint64_t records_in = 0;   ///< Rows read by the source.
  uint64_t records_out = 0;  ///< Rows written by the sink.
  uint64_t parse_errors = 0;
  uint64_t late_dropped = 0;  ///< Rows dropped as late by the job's window operators.
  uint64_t bytes_in = 0;
  double records_in_per_s = 0;   ///< Rate since the previous sample (or the start).
  double records_out_per_s = 0;  ///< Rate since the previous sample (or the start).
  std::vector<ActorMetrics> actors;
};

/// Everything the monitor sampled at one moment.
struct MetricsSnapshot {
  double elapsed_s = 0;  ///< Seconds since the run started.
  bool final = false;    ///< True for the last sample, taken after every actor stopped.
  std::vector<JobMetrics> jobs;
};

/// Renders `snapshot` in the Prometheus text exposition format, e.g.
/// `eddy_records_in_total{job="x",actor="partition-0"} 123`.
std::string render_prometheus(const MetricsSnapshot& snapshot);

/// Renders a one-line progress summary for a terminal ("12.3s | orders: 1.2M in 350.0k/s ...").
std::string render_progress(const MetricsSnapshot& snapshot);

}  // namespace eddy::rt
