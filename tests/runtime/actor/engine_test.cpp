#include "runtime/actor/engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "tests/runtime/actor/test_stages.hpp"

namespace eddy::rt {
namespace {

using testing::CollectingSink;
using testing::CountingSource;
using testing::DoubleOp;
using testing::EventLogOp;
using testing::FailingOp;
using testing::KeepMultiplesOp;
using testing::SinkLog;

EngineOptions small_options(size_t partitions, size_t capacity = 4) {
  EngineOptions o;
  o.partitions = partitions;
  o.threads = 2;
  o.queue_capacity = capacity;
  return o;
}

JobSpec counting_job(int64_t rows, size_t batch_size, const std::shared_ptr<SinkLog>& log) {
  JobSpec job;
  job.name = "job";
  job.source = std::make_unique<CountingSource>(rows, batch_size);
  job.sink = std::make_unique<CollectingSink>(log);
  return job;
}

CountingSource& source_of(JobSpec& job) {
  return static_cast<CountingSource&>(*job.source);
}
CollectingSink& sink_of(JobSpec& job) {
  return static_cast<CollectingSink&>(*job.sink);
}

RunReport run_one(JobSpec job, const EngineOptions& options) {
  std::vector<JobSpec> jobs;
  jobs.push_back(std::move(job));
  return run_jobs(std::move(jobs), options);
}

TEST(EngineTest, OrderedOutputIsIdenticalForAnyPartitionCountAndBatchSize) {
  constexpr int64_t kRows = 3000;
  std::vector<int64_t> expected;
  for (int64_t v = 0; v < kRows; ++v) {
    if ((v * 2) % 3 == 0) {
      expected.push_back(v * 2);
    }
  }
  for (size_t partitions : {1, 2, 3, 5, 8}) {
    for (size_t batch_size : {1, 7, 100, 1000}) {
      auto log = std::make_shared<SinkLog>();
      JobSpec job = counting_job(kRows, batch_size, log);
      job.make_chain = [](size_t) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
        std::vector<std::unique_ptr<ops::Operator>> ops;
        ops.push_back(std::make_unique<DoubleOp>());
        ops.push_back(std::make_unique<KeepMultiplesOp>(3));
        return ops;
      };
      RunReport report = run_one(std::move(job), small_options(partitions, 2));
      SCOPED_TRACE("partitions=" + std::to_string(partitions) +
                   " batch_size=" + std::to_string(batch_size));
      ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
      EXPECT_EQ(log->values, expected);
      EXPECT_TRUE(log->closed);
      ASSERT_EQ(report.jobs.size(), 1u);
      EXPECT_EQ(report.jobs[0].source.records_in, static_cast<uint64_t>(kRows));
      EXPECT_EQ(report.jobs[0].sink.records_out, expected.size());
      EXPECT_EQ(report.jobs[0].source.bytes_in, static_cast<uint64_t>(kRows) * 8);
    }
  }
}

TEST(EngineTest, EmptyChainPassesEverythingThrough) {
  auto log = std::make_shared<SinkLog>();
  RunReport report = run_one(counting_job(500, 10, log), small_options(3));
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  std::vector<int64_t> expected(500);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(log->values, expected);
}

TEST(EngineTest, EmptySourceOpensAndClosesTheSink) {
  auto log = std::make_shared<SinkLog>();
  RunReport report = run_one(counting_job(0, 10, log), small_options(4));
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  EXPECT_TRUE(log->opened);
  EXPECT_TRUE(log->closed);
  EXPECT_TRUE(log->values.empty());
  EXPECT_EQ(report.jobs[0].source.records_in, 0u);
}

TEST(EngineTest, HashRoutingSendsEqualKeysToOnePartition) {
  auto log = std::make_shared<SinkLog>();
  // Values repeat modulo 17, so each key occurs many times across many batches.
  JobSpec job = counting_job(4000, 33, log);
  job.routing = Routing::kHash;
  job.key_columns = {0};
  auto seen = std::make_shared<std::vector<std::vector<int64_t>>>(4);
  class KeyModOp final : public ops::Operator {
   public:
    KeyModOp(std::vector<int64_t>* seen) : seen_(seen) {}
    const SchemaPtr& output_schema() const override { return schema_; }
    Status push(const BatchPtr& batch, ops::Emitter& out) override {
      for (size_t i = 0; i < batch->num_rows(); ++i) {
        seen_->push_back(batch->column(0)->i64()[i]);
      }
      out.emit(batch);
      return Status::ok();
    }
    std::string describe() const override { return "KeyMod"; }

   private:
    SchemaPtr schema_ = testing::value_schema();
    std::vector<int64_t>* seen_;
  };
  job.make_chain = [seen](size_t p) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
    std::vector<std::unique_ptr<ops::Operator>> ops;
    ops.push_back(std::make_unique<KeyModOp>(&(*seen)[p]));
    return ops;
  };
  RunReport report = run_one(std::move(job), small_options(4));
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  std::vector<int64_t> all = log->values;
  std::sort(all.begin(), all.end());
  std::vector<int64_t> expected(4000);
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(all, expected);
  size_t total = 0;
  size_t non_empty = 0;
  for (size_t p = 0; p < 4; ++p) {
    total += (*seen)[p].size();
    non_empty += (*seen)[p].empty() ? 0 : 1;
    // Within one partition the source order is kept.
    EXPECT_TRUE(std::is_sorted((*seen)[p].begin(), (*seen)[p].end()));
  }
  EXPECT_EQ(total, 4000u);
  EXPECT_EQ(non_empty, 4u);
}

TEST(EngineTest, HashRoutingRejectsBadKeyColumns) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(10, 10, log);
  job.routing = Routing::kHash;
  job.key_columns = {3};
  RunReport report = run_one(std::move(job), small_options(2));
  EXPECT_EQ(report.status.code(), StatusCode::kInvalidConfig);
  EXPECT_THAT(report.status.message(), ::testing::HasSubstr("out of range"));
  ASSERT_EQ(report.jobs.size(), 1u);
  EXPECT_EQ(report.jobs[0].name, "job");
  EXPECT_FALSE(log->opened);
}

TEST(EngineTest, MissingSinkIsAnInvalidConfig) {
  JobSpec job;
  job.name = "nosink";
  job.source = std::make_unique<CountingSource>(10, 10);
  RunReport report = run_one(std::move(job), small_options(2));
  EXPECT_EQ(report.status.code(), StatusCode::kInvalidConfig);
}

TEST(EngineTest, BackpressureKeepsEveryQueueWithinItsCapacity) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(20000, 10, log);  // 2000 batches through channels of 2
  job.make_chain = [](size_t) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
    std::vector<std::unique_ptr<ops::Operator>> ops;
    ops.push_back(std::make_unique<DoubleOp>());
    return ops;
  };
  RunReport report = run_one(std::move(job), small_options(3, /*capacity=*/2));
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  EXPECT_EQ(log->values.size(), 20000u);
  ASSERT_EQ(report.metrics.jobs.size(), 1u);
  const auto& actors = report.metrics.jobs[0].actors;
  ASSERT_EQ(actors.size(), 5u);  // source, 3 partitions, sink
  uint64_t highest = 0;
  for (const auto& a : actors) {
    EXPECT_LE(a.max_queue_depth, 2u) << a.name;
    EXPECT_EQ(a.queue_depth, 0u) << a.name;
    highest = std::max(highest, a.max_queue_depth);
  }
  EXPECT_GE(highest, 1u);
  EXPECT_EQ(actors[0].records_out, 20000u);
  EXPECT_EQ(actors[4].records_out, 20000u);
  uint64_t partition_rows = actors[1].records_in + actors[2].records_in + actors[3].records_in;
  EXPECT_EQ(partition_rows, 20000u);
}

TEST(EngineTest, WatermarksReachOperatorsInOrderAndInfinityBeforeFinish) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(100, 10, log);
  auto events = std::make_shared<std::vector<std::shared_ptr<std::vector<std::string>>>>();
  for (int p = 0; p < 2; ++p) {
    events->push_back(std::make_shared<std::vector<std::string>>());
  }
  job.make_chain = [events](size_t p) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
    std::vector<std::unique_ptr<ops::Operator>> ops;
    ops.push_back(std::make_unique<EventLogOp>((*events)[p]));
    return ops;
  };
  RunReport report = run_one(std::move(job), small_options(2));
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  // Round-robin: partition 0 gets batches 0,2,4,..., and every partition gets every watermark.
  std::vector<std::string> expected;
  for (int b = 0; b < 10; ++b) {
    if (b % 2 == 0) {
      expected.push_back("b");
    }
    expected.push_back("w" + std::to_string(b * 10 + 9));
  }
  expected.push_back("w+inf");
  expected.push_back("f");
  EXPECT_EQ(*(*events)[0], expected);
  EXPECT_EQ((*events)[1]->back(), "f");
  EXPECT_EQ((*events)[1]->at((*events)[1]->size() - 2), "w+inf");
  // Finish output of both partitions reaches the sink: 50 rows each.
  EXPECT_THAT(log->values, ::testing::UnorderedElementsAre(50, 50));
}

TEST(EngineTest, SourceOpenFailureStopsTheRun) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(100, 10, log);
  source_of(job).fail_open = true;
  RunReport report = run_one(std::move(job), small_options(2));
  EXPECT_EQ(report.status.code(), StatusCode::kIoError);
  // An opened sink is closed after a failure, so the rows it received are flushed.
  EXPECT_EQ(log->closed, log->opened);
}

TEST(EngineTest, SourceFailingMidStreamStopsTheRun) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(100000, 10, log);
  source_of(job).fail_at_batch = 50;
  RunReport report = run_one(std::move(job), small_options(3, 2));
  EXPECT_EQ(report.status.code(), StatusCode::kDataError);
  EXPECT_THAT(report.status.message(), ::testing::HasSubstr("batch 50"));
  // An opened sink is closed after a failure, so the rows it received are flushed.
  EXPECT_EQ(log->closed, log->opened);
  EXPECT_LE(log->values.size(), 500u);
  EXPECT_TRUE(log->values.empty() || log->closed) << "a sink that got rows was open";
  EXPECT_EQ(report.jobs[0].source.records_in, 500u);
}

TEST(EngineTest, SourceExceptionBecomesAnInternalError) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(100000, 10, log);
  source_of(job).throw_at_batch = 5;
  RunReport report = run_one(std::move(job), small_options(2));
  EXPECT_EQ(report.status.code(), StatusCode::kInternal);
  EXPECT_THAT(report.status.message(), ::testing::HasSubstr("source exploded"));
}

TEST(EngineTest, OperatorFailureStopsTheRun) {
  for (bool throws : {false, true}) {
    auto log = std::make_shared<SinkLog>();
    JobSpec job = counting_job(100000, 10, log);
    job.make_chain = [throws](size_t p) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
      std::vector<std::unique_ptr<ops::Operator>> ops;
      ops.push_back(std::make_unique<DoubleOp>());
      ops.push_back(std::make_unique<FailingOp>(p == 1 ? 20 : -1, throws));
      return ops;
    };
    RunReport report = run_one(std::move(job), small_options(2, 2));
    EXPECT_EQ(report.status.code(), throws ? StatusCode::kInternal : StatusCode::kDataError);
    EXPECT_THAT(report.status.message(),
                ::testing::HasSubstr(throws ? "operator exploded" : "division by zero"));
    // An opened sink is closed after a failure, so the rows it received are flushed.
    EXPECT_EQ(log->closed, log->opened);
  }
}

TEST(EngineTest, ChainFactoryErrorIsReturned) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(10, 10, log);
  job.make_chain = [](size_t) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
    return Status::bind_error("unknown column 'x'");
  };
  RunReport report = run_one(std::move(job), small_options(2));
  EXPECT_EQ(report.status.code(), StatusCode::kBindError);
  EXPECT_FALSE(log->opened);
}

TEST(EngineTest, SinkFailureStopsTheRun) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(100000, 10, log);
  sink_of(job).fail_at_write = 30;
  RunReport report = run_one(std::move(job), small_options(2, 2));
  EXPECT_EQ(report.status.code(), StatusCode::kIoError);
  EXPECT_EQ(report.status.message(), "disk full");
  EXPECT_EQ(log->values.size(), 300u);
  EXPECT_TRUE(log->closed) << "the sink got rows, so it was open and must be closed";
}

TEST(EngineTest, OneFailingJobStopsTheOthers) {
  auto good_log = std::make_shared<SinkLog>();
  auto bad_log = std::make_shared<SinkLog>();
  std::vector<JobSpec> jobs;
  jobs.push_back(counting_job(1000, 10, good_log));
  jobs.back().source = std::make_unique<CountingSource>(0, 10);
  static_cast<CountingSource&>(*jobs.back().source).endless = true;
  jobs.push_back(counting_job(1000, 10, bad_log));
  jobs.back().name = "bad";
  static_cast<CollectingSink&>(*jobs.back().sink).fail_at_write = 3;
  RunReport report = run_jobs(std::move(jobs), small_options(2, 2));
  EXPECT_EQ(report.status.code(), StatusCode::kIoError);
  ASSERT_EQ(report.jobs.size(), 2u);
  EXPECT_EQ(report.jobs[1].name, "bad");
}

TEST(EngineTest, RequestStopEndsAnEndlessSourceAndDrains) {
  auto log = std::make_shared<SinkLog>();
  JobSpec job = counting_job(0, 10, log);
  source_of(job).endless = true;
  source_of(job).stop_at_batch = 200;
  RunReport report = run_one(std::move(job), small_options(3, 2));
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  EXPECT_TRUE(log->closed);
  // Everything read before the stop was drained through, in order.
  std::vector<int64_t> expected(log->values.size());
  std::iota(expected.begin(), expected.end(), 0);
  EXPECT_EQ(log->values, expected);
  EXPECT_GE(log->values.size(), 2000u);
  EXPECT_EQ(report.jobs[0].source.records_in, log->values.size());
}

TEST(EngineTest, MonitorReportsAFinalSample) {
  auto log = std::make_shared<SinkLog>();
  auto samples = std::make_shared<std::vector<MetricsSnapshot>>();
  EngineOptions options = small_options(2);
  options.sample_interval = std::chrono::milliseconds(1);
  options.on_sample = [samples](const MetricsSnapshot& s) { samples->push_back(s); };
  RunReport report = run_one(counting_job(2000, 10, log), options);
  ASSERT_TRUE(report.status.is_ok()) << report.status.to_string();
  ASSERT_FALSE(samples->empty());
  EXPECT_TRUE(samples->back().final);
  ASSERT_EQ(samples->back().jobs.size(), 1u);
  EXPECT_EQ(samples->back().jobs[0].records_in, 2000u);
  EXPECT_EQ(samples->back().jobs[0].records_out, 2000u);
  for (size_t i = 0; i + 1 < samples->size(); ++i) {
    EXPECT_FALSE((*samples)[i].final);
  }
}

TEST(EngineTest, NoJobsReturnsAtOnce) {
  RunReport report = run_jobs({}, small_options(2));
  EXPECT_TRUE(report.status.is_ok());
  EXPECT_TRUE(report.jobs.empty());
}

}  // namespace
}  // namespace eddy::rt
