#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "runtime/core/status.hpp"

namespace httplib {
class Server;
}

namespace eddy::app {

/// Serves the latest metrics sample in the Prometheus text format at
/// `http://127.0.0.1:PORT/metrics` (and a liveness probe at `/health`) while an app runs.
class MetricsServer {
 public:
  MetricsServer();
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  /// Starts listening on `host:port` (port 0 picks a free port); fails with an I/O error when the
  /// port cannot be bound.
  [[nodiscard]] Status start(const std::string& host, int port);
  /// The port actually bound (useful with port 0).
  [[nodiscard]] int port() const { return port_; }
  /// Replaces the text served at /metrics (called by the monitor actor on every sample).
  void publish(std::string text);
  /// Stops serving; idempotent.
  void stop();

 private:
  std::unique_ptr<httplib::Server> server_;
  std::thread thread_;
  std::mutex mutex_;
  std::string text_;
  int port_ = 0;
};

}  // namespace eddy::app
