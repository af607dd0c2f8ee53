#include "runtime/actor/engine.hpp"

#include <caf/all.hpp>

#include <atomic>
#include <exception>
#include <memory>
#include <thread>

#include "runtime/actor/detail/messages.hpp"
#include "runtime/actor/detail/monitor_actor.hpp"
#include "runtime/actor/detail/stage_actor.hpp"
#include "runtime/actor/job_runtime.hpp"

namespace eddy::rt {

namespace {

// A lock-free atomic flag: setting it is async-signal-safe.
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free);

size_t or_cores(size_t n) {
  if (n > 0) {
    return n;
  }
  size_t cores = std::thread::hardware_concurrency();
  return cores > 0 ? cores : 1;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

Result<std::unique_ptr<JobRuntime>> make_job_runtime(JobSpec spec, size_t partitions,
                                                     size_t capacity, Waker& waker) {
  // make_chain is user code: it must not throw through run_jobs.
  try {
    return JobRuntime::make(std::move(spec), partitions, capacity, waker, g_stop_requested);
  } catch (const std::exception& e) {
    return Status::internal(std::string("building an operator chain failed: ") + e.what());
  } catch (...) {
    return Status::internal("building an operator chain failed with an unknown exception");
  }
}

}  // namespace

void request_stop() {
  g_stop_requested.store(true, std::memory_order_relaxed);
}

RunReport run_jobs(std::vector<JobSpec> jobs, const EngineOptions& options) {
  auto start = std::chrono::steady_clock::now();
  g_stop_requested.store(false, std::memory_order_relaxed);
  RunReport report;
  size_t partitions = or_cores(options.partitions);

  std::vector<std::unique_ptr<detail::ActorWaker>> wakers;
  std::vector<std::unique_ptr<JobRuntime>> runtimes;
  for (size_t j = 0; j < jobs.size(); ++j) {
    wakers.push_back(std::make_unique<detail::ActorWaker>());
    JobReport fallback = empty_report(jobs[j]);
    const size_t job_partitions = jobs[j].partitions > 0 ? jobs[j].partitions : partitions;
    auto rt = make_job_runtime(std::move(jobs[j]), job_partitions, options.queue_capacity,
                               *wakers.back());
    if (!rt.is_ok()) {
      report.status = rt.status();
      for (const auto& built : runtimes) {
        report.jobs.push_back(built->report());
      }
      report.jobs.push_back(std::move(fallback));
      for (size_t k = j + 1; k < jobs.size(); ++k) {
        report.jobs.push_back(empty_report(jobs[k]));
      }
      report.elapsed_s = seconds_since(start);
      return report;
    }
    runtimes.push_back(std::move(rt).value());
  }

  detail::RunControl control;
  {
    caf::actor_system_config cfg;
    cfg.set("scheduler.max-threads", or_cores(options.threads));
    // Work stealing keeps an actor that re-schedules itself on its own worker; the shared
    // queue wakes an idle worker for every re-scheduling, and on few cores the resulting
    // context switches cost up to a fifth of the time (docs/performance.md).
    cfg.set("scheduler.policy", caf::atom("stealing"));
    caf::actor_system system{cfg};
    std::vector<caf::actor> all;
    std::vector<caf::actor> start_order;
    for (size_t j = 0; j < runtimes.size(); ++j) {
      const auto& rt = runtimes[j];
      auto stages = rt->stages();
      auto& waker = *wakers[j];
      // The source may block in Source::next() (files, Kafka), so it gets its own thread.
      waker.source =
          system.spawn<caf::detached>(detail::stage_actor, stages.front(), &control, rt->name());
      for (size_t p = 1; p + 1 < stages.size(); ++p) {
        waker.partitions.push_back(
            system.spawn(detail::stage_actor, stages[p], &control, rt->name()));
      }
      for (Stage* parser : rt->parsers()) {
        waker.parsers.push_back(system.spawn(detail::stage_actor, parser, &control, rt->name()));
      }
      waker.sink = system.spawn(detail::stage_actor, stages.back(), &control, rt->name());
      // Downstream first, so a sink is open before anything reaches it.
      start_order.push_back(waker.sink);
      start_order.insert(start_order.end(), waker.partitions.begin(), waker.partitions.end());
      start_order.insert(start_order.end(), waker.parsers.begin(), waker.parsers.end());
      start_order.push_back(waker.source);
    }
    all = start_order;
    control.set_actors(all);
    detail::MonitorConfig monitor;
    for (const auto& rt : runtimes) {
      monitor.jobs.push_back(rt.get());
    }
    monitor.start = start;
    monitor.interval = options.sample_interval.count() > 0 ? options.sample_interval
                                                           : std::chrono::milliseconds(1000);
    monitor.on_sample = options.on_sample;
    system.spawn(detail::monitor_actor, all, std::move(monitor));
    for (const auto& a : start_order) {
      caf::anon_send(a, detail::start_atom::value);
    }
    system.await_all_actors_done();
    // A detached actor's thread ends only once its last handle is gone, and ~actor_system waits
    // for that thread: drop every handle we keep before the system goes away.
    control.set_actors({});
    for (auto& waker : wakers) {
      waker->source = nullptr;
      waker->parsers.clear();
      waker->partitions.clear();
      waker->sink = nullptr;
    }
  }

  report.status = control.first_error();
  if (!report.status.is_ok()) {
    // Every actor has stopped; flush what the sinks already received instead of losing it.
    for (const auto& rt : runtimes) {
      (void)rt->close_sink_after_failure();
    }
  }
  std::vector<const JobRuntime*> views;
  for (const auto& rt : runtimes) {
    report.jobs.push_back(rt->report());
    views.push_back(rt.get());
  }
  report.elapsed_s = seconds_since(start);
  report.metrics = sample_jobs(views, report.elapsed_s, nullptr);
  report.metrics.final = true;
  return report;
}

}  // namespace eddy::rt
