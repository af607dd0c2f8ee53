#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include "runtime/actor/actor_counters.hpp"
#include "runtime/actor/engine.hpp"
#include "runtime/actor/operator_chain.hpp"
#include "runtime/actor/parser_stage.hpp"
#include "runtime/actor/partition_stage.hpp"
#include "runtime/actor/sink_stage.hpp"
#include "runtime/actor/source_stage.hpp"

namespace eddy::rt {

/// Everything one job needs at run time, without any actor: the spec's source, chains and sink,
/// the channels between them, the counters, and the stages the actors drive. Stage 0 is the
/// source, stages 1..N the partitions, stage N+1 the sink; a keyed job whose file is parsed in
/// parallel also has N parser stages (parsers()). Must outlive the actors.
class JobRuntime {
 public:
  /// Validates `spec` (source and sink present, hash keys in range), builds one chain per
  /// partition with `make_chain` and wires the stages. `waker` and `stop` must outlive it.
  static Result<std::unique_ptr<JobRuntime>> make(JobSpec spec, size_t partitions,
                                                  size_t queue_capacity, Waker& waker,
                                                  const std::atomic<bool>& stop);

  [[nodiscard]] const std::string& name() const { return spec_.name; }
  [[nodiscard]] size_t num_partitions() const { return chains_.size(); }
  /// True when the partitions parse the source file (see JobSpec::row_local).
  [[nodiscard]] bool parses_in_partitions() const { return parses_in_partitions_; }
  /// True when N parser actors parse the source file of this keyed job and the partitions
  /// take their rows in file order (see ParserStage).
  [[nodiscard]] bool parses_in_parsers() const { return !parser_stages_.empty(); }
  /// The stages in actor order: source, partitions, sink.
  [[nodiscard]] std::vector<Stage*> stages() const;
  /// The parser stages (empty unless parses_in_parsers()).
  [[nodiscard]] std::vector<Stage*> parsers() const;
  /// Reads the live counters (any thread). Rates are left at 0.
  [[nodiscard]] JobMetrics sample() const;
  /// The final report; call only once no stage runs any more.
  [[nodiscard]] JobReport report() const;
  /// After a failed run (no stage runs any more): closes the sink if it is still open, so what
  /// it received is written out.
  [[nodiscard]] Status close_sink_after_failure() { return sink_stage_->close_after_failure(); }

 private:
  explicit JobRuntime(JobSpec spec) : spec_(std::move(spec)) {}

  JobSpec spec_;
  bool parses_in_partitions_ = false;
  std::vector<std::unique_ptr<OperatorChain>> chains_;
  std::vector<std::unique_ptr<Channel<Envelope>>> to_partitions_;
  std::vector<std::unique_ptr<Channel<Envelope>>> to_sink_;
  // Parsers only: exchange_[p * N + q] carries parser p's output for partition q.
  std::vector<std::unique_ptr<Channel<Envelope>>> exchange_;
  std::vector<std::unique_ptr<ActorCounters>> parser_counters_;
  std::vector<std::unique_ptr<ParserStage>> parser_stages_;
  std::vector<std::unique_ptr<ActorCounters>> counters_;  // source, partitions..., sink
  std::unique_ptr<SourceStage> source_stage_;
  std::vector<std::unique_ptr<PartitionStage>> partition_stages_;
  std::unique_ptr<SinkStage> sink_stage_;
};

/// Reports a job that never ran (its set-up failed): names only, zero counts.
JobReport empty_report(const JobSpec& spec);

}  // namespace eddy::rt

namespace eddy::rt {

/// Samples every job's counters; rates are computed against `previous` (when given) or against
/// the start of the run.
MetricsSnapshot sample_jobs(const std::vector<const JobRuntime*>& jobs, double elapsed_s,
                            const MetricsSnapshot* previous);

}  // namespace eddy::rt
