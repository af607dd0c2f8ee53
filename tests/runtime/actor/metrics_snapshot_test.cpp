#include "runtime/actor/metrics_snapshot.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace eddy::rt {
namespace {

MetricsSnapshot one_job() {
  MetricsSnapshot snap;
  snap.elapsed_s = 2.5;
  JobMetrics job;
  job.name = "orders";
  job.records_in = 1500000;
  job.records_out = 42;
  job.parse_errors = 3;
  job.records_in_per_s = 600000;
  ActorMetrics a;
  a.name = "partition-0";
  a.kind = ActorKind::kPartition;
  a.records_in = 123;
  a.queue_depth = 2;
  job.actors.push_back(a);
  snap.jobs.push_back(job);
  return snap;
}

TEST(MetricsSnapshotTest, RendersPrometheusTextFormat) {
  std::string text = render_prometheus(one_job());
  EXPECT_THAT(text, ::testing::HasSubstr("# TYPE eddy_records_in_total counter\n"));
  EXPECT_THAT(text,
              ::testing::HasSubstr("eddy_records_in_total{job=\"orders\",actor=\"partition-0\","
                                   "kind=\"partition\"} 123\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("# TYPE eddy_queue_depth gauge\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("eddy_job_parse_errors_total{job=\"orders\"} 3\n"));
  EXPECT_THAT(text, ::testing::HasSubstr("eddy_uptime_seconds 2.500\n"));
}

TEST(MetricsSnapshotTest, EscapesLabelValues) {
  MetricsSnapshot snap = one_job();
  snap.jobs[0].name = "a\"b\\c";
  std::string text = render_prometheus(snap);
  EXPECT_THAT(text, ::testing::HasSubstr("{job=\"a\\\"b\\\\c\"}"));
}

TEST(MetricsSnapshotTest, RendersAProgressLine) {
  std::string line = render_progress(one_job());
  EXPECT_EQ(line, "2.5s | orders: 1.5M in (600.0k/s), 42 out, 3 bad");
}

}  // namespace
}  // namespace eddy::rt
