#pragma once

#include <cstddef>
#include <string>

#include "runtime/core/status.hpp"

namespace eddy::rt {

/// What an actor must do after one `Stage::step()`.
enum class StepResult {
  kYield,  ///< More work is ready: re-schedule yourself (a message to self) and step again.
  kIdle,   ///< Waiting for input or for room downstream: do nothing until a wake message.
  kDone,   ///< Finished: quit.
};

/// Lets a stage wake its peers. Implemented by the actor layer with one message per call.
class Waker {
 public:
  virtual ~Waker() = default;
  /// Wakes the job's source actor (room freed in a partition's input channel).
  virtual void wake_source() = 0;
  /// Wakes partition actor `index` (input arrived, or room freed in its output channel).
  virtual void wake_partition(size_t index) = 0;
  /// Wakes parser actor `index` of a job whose keyed file input is parsed in parallel (input
  /// arrived, or room freed in one of its output channels).
  virtual void wake_parser(size_t index) = 0;
  /// Wakes the job's sink actor (input arrived).
  virtual void wake_sink() = 0;
};

/// The actor-free logic of one actor of a job (source, parser, partition or sink). The actor shell
/// calls `start()` once, then `step()` on every wake until it returns kDone or an error; a stage
/// does a bounded amount of work per step so its actor stays responsive. Never called concurrently.
class Stage {
 public:
  virtual ~Stage() = default;
  /// Opens what the stage owns (source, sink); an error stops the run.
  [[nodiscard]] virtual Status start() { return Status::ok(); }
  /// Does a bounded amount of work; an error stops the run.
  [[nodiscard]] virtual Result<StepResult> step() = 0;
  /// The actor's name in metrics ("source", "parser-1", "partition-3", "sink").
  [[nodiscard]] virtual const std::string& name() const = 0;
};

}  // namespace eddy::rt
