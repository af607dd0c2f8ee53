#include "runtime/actor/job_runtime.hpp"

#include <algorithm>

#include "operators/connectors/file_source.hpp"

namespace eddy::rt {

namespace {

// Channel capacity (in chunks) of a job whose partitions parse the file.
constexpr size_t kChunksPerChannel = 4;

ActorMetrics read_counters(const ActorCounters& c, std::string name, ActorKind kind) {
  ActorMetrics m;
  m.name = std::move(name);
  m.kind = kind;
  m.records_in = c.records_in.load(std::memory_order_relaxed);
  m.records_out = c.records_out.load(std::memory_order_relaxed);
  m.batches_in = c.batches_in.load(std::memory_order_relaxed);
  m.batches_out = c.batches_out.load(std::memory_order_relaxed);
  m.watermark = c.watermark.load(std::memory_order_relaxed);
  return m;
}

void add_channel(ActorMetrics& m, const Channel<Envelope>& ch) {
  m.queue_depth += ch.size();
  m.max_queue_depth = std::max<uint64_t>(m.max_queue_depth, ch.max_size_seen());
  m.queue_capacity = ch.capacity();
}

}  // namespace

JobReport empty_report(const JobSpec& spec) {
  JobReport r;
  r.name = spec.name;
  r.source.name = spec.source ? spec.source->name() : std::string();
  r.sink.name = spec.sink ? spec.sink->name() : std::string();
  return r;
}

Result<std::unique_ptr<JobRuntime>> JobRuntime::make(JobSpec spec, size_t partitions,
                                                     size_t queue_capacity, Waker& waker,
                                                     const std::atomic<bool>& stop) {
  if (spec.source == nullptr || spec.sink == nullptr) {
    return Status::invalid_config("job '" + spec.name +
                                  "' needs both a source and a sink; set JobSpec::source and "
                                  "JobSpec::sink");
  }
  if (spec.routing == Routing::kHash) {
    if (spec.key_columns.empty()) {
      return Status::invalid_config("job '" + spec.name +
                                    "' uses hash routing without key columns; set "
                                    "JobSpec::key_columns or use round-robin routing");
    }
    size_t width = spec.source->schema() ? spec.source->schema()->num_fields() : 0;
    for (size_t c : spec.key_columns) {
      if (c >= width) {
        return Status::invalid_config("job '" + spec.name + "': hash key column " +
                                      std::to_string(c) + " is out of range (the source has " +
                                      std::to_string(width) + " columns)");
      }
    }
  }
  partitions = partitions == 0 ? 1 : partitions;
  // Parsing (and rendering) in the partitions needs the ordered sink to put chunks back in file
  // order and a chain that does not care where batches are cut. With a single partition it
  // would put all the work on one thread, where the batch path overlaps parsing (source actor),
  // the chain and formatting (sink actor) on three.
  auto* file_source = dynamic_cast<ops::FileSource*>(spec.source.get());
  const bool parallel_file = spec.parse_in_parallel && partitions > 1 && file_source != nullptr;
  // Row-local chains have no use for watermarks, and the partitions' parsers would not restore
  // them: event-time sources keep the batch path there.
  const bool chunked = parallel_file && spec.row_local && spec.routing == Routing::kRoundRobin &&
                       !file_source->has_event_time();
  // A keyed job parses its chunks on N parser actors, each partition taking its rows from them
  // in file order (ParserStage).
  const bool exchange = parallel_file && spec.routing == Routing::kHash;
  size_t input_capacity = queue_capacity;
  if (chunked) {
    // A chunk is 256 KiB of raw records by default, and what a partition renders from it more:
    // a few per channel keep every actor busy, more only hold memory.
    queue_capacity = std::min<size_t>(queue_capacity, kChunksPerChannel);
    input_capacity = queue_capacity;
  }
  if (exchange) {
    // The source's channels carry chunks (to the parsers); the rest carry batches.
    input_capacity = std::min<size_t>(queue_capacity, kChunksPerChannel);
  }
  std::unique_ptr<JobRuntime> job(new JobRuntime(std::move(spec)));
  job->parses_in_partitions_ = chunked;
  for (size_t p = 0; p < partitions; ++p) {
    std::vector<std::unique_ptr<ops::Operator>> ops;
    if (job->spec_.make_chain) {
      EDDY_ASSIGN_OR_RAISE(ops, job->spec_.make_chain(p));
    }
    job->chains_.push_back(std::make_unique<OperatorChain>(std::move(ops)));
    job->to_partitions_.push_back(std::make_unique<Channel<Envelope>>(input_capacity));
    job->to_sink_.push_back(std::make_unique<Channel<Envelope>>(queue_capacity));
  }
  for (size_t i = 0; i < partitions + 2; ++i) {
    job->counters_.push_back(std::make_unique<ActorCounters>());
  }
  std::vector<Channel<Envelope>*> partition_inputs;
  std::vector<Channel<Envelope>*> sink_inputs;
  for (size_t p = 0; p < partitions; ++p) {
    partition_inputs.push_back(job->to_partitions_[p].get());
    sink_inputs.push_back(job->to_sink_[p].get());
  }
  const JobSpec& s = job->spec_;
  job->source_stage_ = std::make_unique<SourceStage>(
      *s.source, partition_inputs, s.routing, s.key_columns, *job->counters_[0], waker, stop);
  for (size_t p = 0; p < partitions; ++p) {
    job->partition_stages_.push_back(
        std::make_unique<PartitionStage>(p, *job->chains_[p], *job->to_partitions_[p],
                                         *job->to_sink_[p], *job->counters_[p + 1], waker));
  }
  job->sink_stage_ = std::make_unique<SinkStage>(*s.sink, sink_inputs,
                                                 /*ordered=*/s.routing == Routing::kRoundRobin,
                                                 *job->counters_[partitions + 1], waker);
  if (job->parses_in_partitions_) {
    job->source_stage_->set_chunked(*file_source);
    for (auto& stage : job->partition_stages_) {
      stage->set_chunked(*file_source, s.sink->row_formatter());
    }
    job->sink_stage_->set_source_counters(*job->counters_[0], *file_source);
  }
  if (exchange) {
    // to_partitions_[p] is parser p's input; exchange_[p * N + q] runs from parser p to
    // partition q.
    for (size_t i = 0; i < partitions * partitions; ++i) {
      job->exchange_.push_back(std::make_unique<Channel<Envelope>>(queue_capacity));
    }
    for (size_t p = 0; p < partitions; ++p) {
      std::vector<Channel<Envelope>*> outputs;
      for (size_t q = 0; q < partitions; ++q) {
        outputs.push_back(job->exchange_[p * partitions + q].get());
      }
      job->parser_counters_.push_back(std::make_unique<ActorCounters>());
      job->parser_stages_.push_back(
          std::make_unique<ParserStage>(p, *file_source, s.key_columns, *job->to_partitions_[p],
                                        std::move(outputs), *job->parser_counters_.back(), waker));
    }
    job->source_stage_->set_chunked(*file_source, /*to_parsers=*/true);
    for (size_t q = 0; q < partitions; ++q) {
      std::vector<Channel<Envelope>*> inputs;
      for (size_t p = 0; p < partitions; ++p) {
        inputs.push_back(job->exchange_[p * partitions + q].get());
      }
      // Partition 0 takes every chunk's parse counts, in file order.
      job->partition_stages_[q]->set_exchange(
          std::move(inputs), q == 0 ? job->counters_[0].get() : nullptr,
          q == 0 ? file_source : nullptr, s.sink->row_formatter());
    }
  }
  return job;
}

std::vector<Stage*> JobRuntime::parsers() const {
  std::vector<Stage*> out;
  for (const auto& p : parser_stages_) {
    out.push_back(p.get());
  }
  return out;
}

std::vector<Stage*> JobRuntime::stages() const {
  std::vector<Stage*> out;
  out.push_back(source_stage_.get());
  for (const auto& p : partition_stages_) {
    out.push_back(p.get());
  }
  out.push_back(sink_stage_.get());
  return out;
}

JobMetrics JobRuntime::sample() const {
  JobMetrics job;
  job.name = spec_.name;
  size_t n = chains_.size();
  const ActorCounters& src = *counters_[0];
  job.actors.push_back(read_counters(src, "source", ActorKind::kSource));
  const bool parsers = parses_in_parsers();
  for (size_t p = 0; p < parser_counters_.size(); ++p) {
    auto m = read_counters(*parser_counters_[p], "parser-" + std::to_string(p), ActorKind::kParser);
    add_channel(m, *to_partitions_[p]);
    job.actors.push_back(std::move(m));
  }
  for (size_t p = 0; p < n; ++p) {
    auto m =
        read_counters(*counters_[p + 1], "partition-" + std::to_string(p), ActorKind::kPartition);
    if (parsers) {
      for (size_t from = 0; from < n; ++from) {
        add_channel(m, *exchange_[from * n + p]);
      }
    } else {
      add_channel(m, *to_partitions_[p]);
    }
    job.actors.push_back(std::move(m));
  }
  auto sink = read_counters(*counters_[n + 1], "sink", ActorKind::kSink);
  for (const auto& ch : to_sink_) {
    add_channel(sink, *ch);
  }
  job.actors.push_back(std::move(sink));
  job.records_in = src.records_in.load(std::memory_order_relaxed);
  job.parse_errors = src.parse_errors.load(std::memory_order_relaxed);
  for (size_t p = 0; p < n; ++p) {
    job.late_dropped += counters_[p + 1]->late_dropped.load(std::memory_order_relaxed);
  }
  job.bytes_in = src.bytes_in.load(std::memory_order_relaxed);
  job.records_out = counters_[n + 1]->records_out.load(std::memory_order_relaxed);
  return job;
}

JobReport JobRuntime::report() const {
  JobReport r = empty_report(spec_);
  const auto& stats = spec_.source->stats();
  r.source.records_in = counters_[0]->records_in.load(std::memory_order_relaxed);
  r.source.parse_errors = stats.parse_errors;
  r.source.first_errors = stats.first_errors;
  if (parses_in_partitions_) {
    // The partitions parsed; the sink added up their counts in file order.
    const auto& parsed = sink_stage_->parsed();
    r.source.records_in = parsed.records_in;
    r.source.parse_errors = parsed.parse_errors;
    r.source.first_errors = parsed.first_errors;
  }
  if (parses_in_parsers()) {
    // The parsers parsed; partition 0 added up their counts in file order.
    const auto& parsed = partition_stages_[0]->parsed();
    r.source.records_in = parsed.records_in;
    r.source.parse_errors = parsed.parse_errors;
    r.source.first_errors = parsed.first_errors;
  }
  for (size_t p = 0; p < chains_.size(); ++p) {
    r.source.late_dropped += counters_[p + 1]->late_dropped.load(std::memory_order_relaxed);
  }
  r.source.bytes_in = stats.bytes_in;
  r.sink.records_out = spec_.sink->records_out();
  return r;
}

}  // namespace eddy::rt

namespace eddy::rt {

MetricsSnapshot sample_jobs(const std::vector<const JobRuntime*>& jobs, double elapsed_s,
                            const MetricsSnapshot* previous) {
  MetricsSnapshot snap;
  snap.elapsed_s = elapsed_s;
  for (size_t j = 0; j < jobs.size(); ++j) {
    JobMetrics m = jobs[j]->sample();
    double dt = elapsed_s;
    uint64_t in0 = 0;
    uint64_t out0 = 0;
    if (previous != nullptr && j < previous->jobs.size()) {
      dt = elapsed_s - previous->elapsed_s;
      in0 = previous->jobs[j].records_in;
      out0 = previous->jobs[j].records_out;
    }
    if (dt > 0) {
      m.records_in_per_s = static_cast<double>(m.records_in - in0) / dt;
      m.records_out_per_s = static_cast<double>(m.records_out - out0) / dt;
    }
    snap.jobs.push_back(std::move(m));
  }
  return snap;
}

}  // namespace eddy::rt
