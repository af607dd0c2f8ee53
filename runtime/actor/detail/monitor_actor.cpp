#include "runtime/actor/detail/monitor_actor.hpp"

#include <memory>

#include "runtime/actor/detail/messages.hpp"

namespace eddy::rt::detail {

namespace {

void take_sample(caf::stateful_actor<MonitorState>* self, const MonitorConfig& config, bool final) {
  double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - config.start).count();
  auto& st = self->state;
  MetricsSnapshot snap =
      sample_jobs(config.jobs, elapsed, st.has_previous ? &st.previous : nullptr);
  snap.final = final;
  if (config.on_sample) {
    // A throwing callback must not take the monitor (and the run) down.
    try {
      config.on_sample(snap);
    } catch (...) {
      // nop
    }
  }
  st.previous = std::move(snap);
  st.has_previous = true;
}

}  // namespace

caf::behavior monitor_actor(caf::stateful_actor<MonitorState>* self, std::vector<caf::actor> actors,
                            MonitorConfig config) {
  auto cfg = std::make_shared<const MonitorConfig>(std::move(config));
  self->state.alive = actors.size();
  for (const auto& a : actors) {
    self->monitor(a);
  }
  self->set_down_handler([self, cfg](const caf::down_msg&) {
    if (--self->state.alive == 0) {
      take_sample(self, *cfg, /*final=*/true);
      self->quit();
    }
  });
  if (actors.empty()) {
    self->quit();
    return {};
  }
  self->delayed_send(self, cfg->interval, sample_atom::value);
  return {
      [self, cfg](sample_atom) {
        take_sample(self, *cfg, /*final=*/false);
        self->delayed_send(self, cfg->interval, sample_atom::value);
      },
  };
}

}  // namespace eddy::rt::detail
