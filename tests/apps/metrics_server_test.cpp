#include "apps/eddy/metrics_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>

namespace eddy::app {
namespace {

TEST(MetricsServerTest, ServesTheLatestSample) {
  MetricsServer server;
  ASSERT_TRUE(server.start("127.0.0.1", 0).is_ok());
  ASSERT_GT(server.port(), 0);
  server.publish("eddy_records_in_total{job=\"j\"} 42\n");

  httplib::Client client("127.0.0.1", server.port());
  auto res = client.Get("/metrics");
  ASSERT_TRUE(res) << "no response";
  EXPECT_EQ(res->status, 200);
  EXPECT_EQ(res->body, "eddy_records_in_total{job=\"j\"} 42\n");

  server.publish("eddy_records_in_total{job=\"j\"} 43\n");
  res = client.Get("/metrics");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->body, "eddy_records_in_total{job=\"j\"} 43\n");
  EXPECT_EQ(client.Get("/health")->status, 200);
  EXPECT_EQ(client.Get("/nope")->status, 404);
  server.stop();
  server.stop();  // idempotent
}

TEST(MetricsServerTest, ReportsAPortInUse) {
  MetricsServer first;
  ASSERT_TRUE(first.start("127.0.0.1", 0).is_ok());
  MetricsServer second;
  Status st = second.start("127.0.0.1", first.port());
  ASSERT_FALSE(st.is_ok());
  EXPECT_EQ(st.code(), StatusCode::kIoError);
  EXPECT_NE(st.message().find("--metrics-port"), std::string::npos);
}

}  // namespace
}  // namespace eddy::app
