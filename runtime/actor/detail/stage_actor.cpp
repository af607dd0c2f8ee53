#include "runtime/actor/detail/stage_actor.hpp"

#include <exception>

#include "runtime/actor/detail/messages.hpp"

namespace eddy::rt::detail {

void RunControl::fail(Status status) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (first_error_.is_ok()) {
      first_error_ = std::move(status);
    }
  }
  if (failed_.exchange(true, std::memory_order_acq_rel)) {
    return;
  }
  for (const auto& a : actors_) {
    caf::anon_send_exit(a, caf::exit_reason::user_shutdown);
  }
}

Status RunControl::first_error() {
  std::lock_guard<std::mutex> lock(mutex_);
  return first_error_;
}

void ActorWaker::wake_source() {
  caf::anon_send(source, wake_atom::value);
}

void ActorWaker::wake_partition(size_t index) {
  caf::anon_send(partitions[index], wake_atom::value);
}

void ActorWaker::wake_parser(size_t index) {
  caf::anon_send(parsers[index], wake_atom::value);
}

void ActorWaker::wake_sink() {
  caf::anon_send(sink, wake_atom::value);
}

namespace {

Result<StepResult> guarded_step(Stage* stage, bool starting, const std::string& job) {
  // User sources, operators and sinks run here: an exception must become an error, not a crash.
  try {
    if (starting) {
      EDDY_RETURN_NOT_OK(stage->start());
    }
    return stage->step();
  } catch (const std::exception& e) {
    return Status::internal("job '" + job + "': " + stage->name() +
                            " failed with an exception: " + e.what());
  } catch (...) {
    return Status::internal("job '" + job + "': " + stage->name() +
                            " failed with an unknown exception");
  }
}

void run_step(caf::event_based_actor* self, Stage* stage, RunControl* control,
              const std::string& job, bool starting) {
  if (control->failed()) {
    self->quit(caf::exit_reason::user_shutdown);
    return;
  }
  Result<StepResult> result = guarded_step(stage, starting, job);
  if (!result.is_ok()) {
    // Operator errors (an overflowing SUM, a failing cast) would not say which job of a
    // multi-job app failed; source and sink errors already name their file or stream.
    const Status& st = result.status();
    const bool from_operators =
        stage->name().rfind("partition-", 0) == 0 && st.message().rfind("job '", 0) != 0;
    control->fail(from_operators ? Status(st.code(), "job '" + job + "': " + st.message(), st.pos())
                                 : st);
    self->quit(caf::exit_reason::user_shutdown);
    return;
  }
  switch (*result) {
    case StepResult::kYield:
      self->send(self, wake_atom::value);
      break;
    case StepResult::kIdle:
      break;
    case StepResult::kDone:
      self->quit();
      break;
  }
}

}  // namespace

caf::behavior stage_actor(caf::event_based_actor* self, Stage* stage, RunControl* control,
                          std::string job) {
  return {
      [=](start_atom) { run_step(self, stage, control, job, /*starting=*/true); },
      [=](wake_atom) { run_step(self, stage, control, job, /*starting=*/false); },
  };
}

}  // namespace eddy::rt::detail
