#include "apps/eddy/metrics_server.hpp"

#include <httplib.h>
#include <sys/socket.h>

namespace eddy::app {

MetricsServer::MetricsServer() : server_(std::make_unique<httplib::Server>()) {}

MetricsServer::~MetricsServer() {
  stop();
}

Status MetricsServer::start(const std::string& host, int port) {
  server_->Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(mutex_);
    res.set_content(text_, "text/plain; version=0.0.4");
  });
  server_->Get("/health", [](const httplib::Request&, httplib::Response& res) {
    res.set_content("ok\n", "text/plain");
  });
  // Without SO_REUSEPORT (httplib's default sets it) a port already in use is an error, not a
  // second server silently sharing it.
  server_->set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  if (port == 0) {
    port_ = server_->bind_to_any_port(host);
  } else {
    port_ = server_->bind_to_port(host, port) ? port : -1;
  }
  if (port_ <= 0) {
    return Status::io_error("cannot serve metrics on " + host + ":" + std::to_string(port) +
                            ": the port is in use or not allowed; choose another --metrics-port");
  }
  thread_ = std::thread([this] { server_->listen_after_bind(); });
  // stop() before the accept loop runs would leave that loop running forever.
  while (!server_->is_running()) {
    std::this_thread::yield();
  }
  return Status::ok();
}

void MetricsServer::publish(std::string text) {
  std::lock_guard<std::mutex> lock(mutex_);
  text_ = std::move(text);
}

void MetricsServer::stop() {
  if (thread_.joinable()) {
    server_->stop();
    thread_.join();
  }
}

}  // namespace eddy::app
