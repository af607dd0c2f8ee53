#pragma once

// Internal: includes CAF; include only from .cpp files of runtime/actor.
#include <caf/all.hpp>

#include <chrono>
#include <functional>
#include <vector>

#include "runtime/actor/job_runtime.hpp"

namespace eddy::rt::detail {

/// What the monitor samples and whom it tells.
struct MonitorConfig {
  std::vector<const JobRuntime*> jobs;
  std::chrono::steady_clock::time_point start;
  std::chrono::milliseconds interval{1000};
  std::function<void(const MetricsSnapshot&)> on_sample;  ///< May be empty.
};

/// The monitor actor's state: how many watched actors still run, and the previous sample.
struct MonitorState {
  size_t alive = 0;
  MetricsSnapshot previous;
  bool has_previous = false;
  static inline const char* name = "eddy-monitor";
};

/// Samples the jobs' counters every `config.interval` and hands each snapshot to
/// `config.on_sample`; watches `actors` and, once all are down, takes a final sample and quits
/// (so its timer never keeps the actor system alive).
caf::behavior monitor_actor(caf::stateful_actor<MonitorState>* self, std::vector<caf::actor> actors,
                            MonitorConfig config);

}  // namespace eddy::rt::detail
