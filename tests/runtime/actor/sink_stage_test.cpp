// Drives the source, partition and sink stages by hand on one thread (no actors): a
// deterministic check of ordering, backpressure and the wake protocol.
#include "runtime/actor/sink_stage.hpp"

#include <gtest/gtest.h>

#include <deque>
#include <numeric>

#include "runtime/actor/partition_stage.hpp"
#include "runtime/actor/source_stage.hpp"
#include "tests/runtime/actor/test_stages.hpp"

namespace eddy::rt {
namespace {

using testing::CollectingSink;
using testing::CountingSource;
using testing::KeepMultiplesOp;
using testing::SinkLog;

/// Records wakes as a run queue, like an actor mailbox.
class QueueWaker final : public Waker {
 public:
  void wake_source() override { queue.push_back(0); }
  void wake_partition(size_t index) override { queue.push_back(1 + index); }
  void wake_parser(size_t) override { ADD_FAILURE() << "no parser here"; }
  void wake_sink() override { queue.push_back(sink_id); }
  std::deque<size_t> queue;
  size_t sink_id = 0;
};

struct Topology {
  Topology(size_t partitions, size_t capacity, int64_t rows, size_t batch_size, bool filter)
      : source(rows, batch_size), sink(log) {
    waker.sink_id = partitions + 1;
    std::vector<Channel<Envelope>*> ins;
    std::vector<Channel<Envelope>*> outs;
    for (size_t p = 0; p < partitions; ++p) {
      to_partition.push_back(std::make_unique<Channel<Envelope>>(capacity));
      to_sink.push_back(std::make_unique<Channel<Envelope>>(capacity));
      std::vector<std::unique_ptr<ops::Operator>> ops;
      if (filter) {
        ops.push_back(std::make_unique<KeepMultiplesOp>(3));
      }
      chains.push_back(std::make_unique<OperatorChain>(std::move(ops)));
      counters.push_back(std::make_unique<ActorCounters>());
      ins.push_back(to_partition.back().get());
      outs.push_back(to_sink.back().get());
    }
    stages.push_back(std::make_unique<SourceStage>(
        source, ins, Routing::kRoundRobin, std::vector<size_t>{}, source_counters, waker, stop));
    for (size_t p = 0; p < partitions; ++p) {
      stages.push_back(std::make_unique<PartitionStage>(p, *chains[p], *to_partition[p],
                                                        *to_sink[p], *counters[p], waker));
    }
    stages.push_back(std::make_unique<SinkStage>(sink, outs, true, sink_counters, waker));
  }

  /// Runs stages like a one-thread scheduler; returns false if it got stuck (a lost wake).
  bool run() {
    std::vector<bool> done(stages.size(), false);
    for (size_t i = 0; i < stages.size(); ++i) {
      EXPECT_TRUE(stages[i]->start().is_ok());
      waker.queue.push_back(i);
    }
    size_t steps = 0;
    while (!waker.queue.empty() && steps++ < 1000000) {
      size_t id = waker.queue.front();
      waker.queue.pop_front();
      if (done[id]) {
        continue;
      }
      auto r = stages[id]->step();
      EXPECT_TRUE(r.is_ok());
      if (*r == StepResult::kYield) {
        waker.queue.push_back(id);
      } else if (*r == StepResult::kDone) {
        done[id] = true;
      }
    }
    return std::all_of(done.begin(), done.end(), [](bool d) { return d; });
  }

  std::shared_ptr<SinkLog> log = std::make_shared<SinkLog>();
  CountingSource source;
  CollectingSink sink;
  QueueWaker waker;
  std::atomic<bool> stop{false};
  ActorCounters source_counters;
  ActorCounters sink_counters;
  std::vector<std::unique_ptr<ActorCounters>> counters;
  std::vector<std::unique_ptr<Channel<Envelope>>> to_partition;
  std::vector<std::unique_ptr<Channel<Envelope>>> to_sink;
  std::vector<std::unique_ptr<OperatorChain>> chains;
  std::vector<std::unique_ptr<Stage>> stages;
};

TEST(SinkStageTest, RestoresSourceOrderWithTinyQueuesAndNoLostWakes) {
  for (size_t partitions : {1, 2, 4}) {
    for (size_t capacity : {1, 2, 5}) {
      Topology t(partitions, capacity, 1000, 7, /*filter=*/true);
      ASSERT_TRUE(t.run()) << partitions << " partitions, capacity " << capacity;
      std::vector<int64_t> expected;
      for (int64_t v = 0; v < 1000; v += 3) {
        expected.push_back(v);
      }
      EXPECT_EQ(t.log->values, expected);
      EXPECT_TRUE(t.log->closed);
      for (const auto& ch : t.to_partition) {
        EXPECT_LE(ch->max_size_seen(), capacity);
      }
      for (const auto& ch : t.to_sink) {
        EXPECT_LE(ch->max_size_seen(), capacity);
      }
    }
  }
}

TEST(SinkStageTest, StopRequestEndsTheSourceAndDrains) {
  Topology t(2, 2, 1000000, 10, /*filter=*/false);
  t.source.endless = true;
  t.stop = true;
  ASSERT_TRUE(t.run());
  EXPECT_TRUE(t.log->values.empty());
  EXPECT_TRUE(t.log->closed);
}

TEST(SinkStageTest, SinkWithoutInputsClosesAtOnce) {
  auto log = std::make_shared<SinkLog>();
  CollectingSink sink(log);
  ActorCounters counters;
  QueueWaker waker;
  SinkStage stage(sink, {}, true, counters, waker);
  ASSERT_TRUE(stage.start().is_ok());
  auto r = stage.step();
  ASSERT_TRUE(r.is_ok());
  EXPECT_EQ(*r, StepResult::kDone);
  EXPECT_TRUE(log->closed);
}

}  // namespace
}  // namespace eddy::rt
