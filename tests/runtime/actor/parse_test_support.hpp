#pragma once

// Helpers shared by the runtime tests of jobs that parse a source file in parallel
// (parallel_parse_test.cpp, keyed_parse_test.cpp).
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "operators/connectors/connector_factory.hpp"
#include "operators/operator.hpp"
#include "runtime/actor/engine.hpp"
#include "runtime/actor/stage.hpp"

namespace eddy::rt::testing {

/// A Waker that does nothing, for building a JobRuntime without running it.
class NoWaker final : public Waker {
 public:
  void wake_source() override {}
  void wake_partition(size_t) override {}
  void wake_parser(size_t) override {}
  void wake_sink() override {}
};

/// An operator that reads every batch through a selection: `push` hands all of a batch's rows to
/// `push_rows`, which the subclass implements.
class SelectionOperator : public ops::Operator {
 public:
  Status push(const BatchPtr& batch, ops::Emitter& out) final {
    std::vector<uint32_t> all(batch->num_rows());
    for (size_t i = 0; i < all.size(); ++i) {
      all[i] = static_cast<uint32_t>(i);
    }
    return push_rows(batch, all.data(), all.size(), out);
  }
};

/// A chain factory that gives every partition one new `Op`.
template <typename Op>
ChainFactory single_operator_chain() {
  return [](size_t) -> Result<std::vector<std::unique_ptr<ops::Operator>>> {
    std::vector<std::unique_ptr<ops::Operator>> ops;
    ops.push_back(std::make_unique<Op>());
    return ops;
  };
}

/// The config of a source "src" of type file_source reading `path`, then `props` set in order
/// (a later one overrides an earlier one of the same name).
inline ops::ConnectorConfig file_source_config(
    const std::string& path, const std::vector<std::pair<std::string, std::string>>& props = {}) {
  ops::ConnectorConfig src{"src", {}};
  src.props.set("type", "file_source");
  src.props.set("path", path);
  for (const auto& [k, v] : props) {
    src.props.set(k, v);
  }
  return src;
}

/// The source `config` describes, with rows of `schema`; a test failure when it cannot be made.
inline std::unique_ptr<ops::Source> make_test_source(const ops::ConnectorConfig& config,
                                                     SchemaPtr schema) {
  auto source = ops::make_source(config, std::move(schema));
  EXPECT_TRUE(source.is_ok()) << source.status().to_string();
  return std::move(source).value();
}

/// Runs `job` alone on `partitions` partitions and 2 threads, with channels of
/// `queue_capacity` batches (the engine's default when 0).
inline RunReport run_single_job(JobSpec job, size_t partitions, size_t queue_capacity = 0) {
  EngineOptions options;
  options.partitions = partitions;
  options.threads = 2;
  if (queue_capacity != 0) {
    options.queue_capacity = queue_capacity;
  }
  std::vector<JobSpec> jobs;
  jobs.push_back(std::move(job));
  return run_jobs(std::move(jobs), options);
}

}  // namespace eddy::rt::testing
