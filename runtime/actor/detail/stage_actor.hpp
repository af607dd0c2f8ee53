#pragma once

// Internal: includes CAF; include only from .cpp files of runtime/actor.
#include <caf/all.hpp>

#include <atomic>
#include <mutex>
#include <vector>

#include "runtime/actor/stage.hpp"

namespace eddy::rt::detail {

/// What all actors of one run share: the first error and the handles to stop everyone.
class RunControl {
 public:
  /// Records `status` if it is the first error, then asks every stage actor to exit.
  void fail(Status status);
  /// True once any stage failed.
  [[nodiscard]] bool failed() const { return failed_.load(std::memory_order_acquire); }
  /// The first error, or OK; read it only after every actor stopped.
  [[nodiscard]] Status first_error();
  /// Registers the stage actors; call before any of them is started.
  void set_actors(std::vector<caf::actor> actors) { actors_ = std::move(actors); }

 private:
  std::atomic<bool> failed_{false};
  std::mutex mutex_;
  Status first_error_;
  std::vector<caf::actor> actors_;
};

/// Wakes a job's actors with one `wake_atom` message each.
class ActorWaker final : public Waker {
 public:
  void wake_source() override;
  void wake_partition(size_t index) override;
  void wake_parser(size_t index) override;
  void wake_sink() override;

  caf::actor source;
  std::vector<caf::actor> parsers;
  std::vector<caf::actor> partitions;
  caf::actor sink;
};

/// The generic actor shell around one Stage: `start_atom` opens it and steps, `wake_atom` steps;
/// it re-schedules itself while the stage yields, idles when it waits, quits when done. Errors
/// and exceptions stop the whole run through `control`. `job` names the job in error messages.
caf::behavior stage_actor(caf::event_based_actor* self, Stage* stage, RunControl* control,
                          std::string job);

}  // namespace eddy::rt::detail
