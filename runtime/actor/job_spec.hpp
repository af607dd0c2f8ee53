#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "operators/operator.hpp"
#include "operators/source.hpp"
#include "runtime/core/status.hpp"

namespace eddy::rt {

/// Makes the operator chain of one partition; called once per partition, on the thread that runs
/// the topology set-up (never concurrently). May return an empty chain (pass-through).
using ChainFactory =
    std::function<Result<std::vector<std::unique_ptr<ops::Operator>>>(size_t partition)>;

/// How the source actor spreads batches over the partitions.
enum class Routing {
  kRoundRobin,  ///< Whole batches in turn; the sink restores the source order (stateless jobs).
  kHash,        ///< Rows by the hash of `key_columns`; output order across partitions undefined.
};

/// One job: a source, N partitions each running a chain of operators, and a sink.
struct JobSpec {
  std::string name;                        ///< Shown in metrics and reports (the stream name).
  std::unique_ptr<ops::Source> source;     ///< Required; opened by the source actor.
  Routing routing = Routing::kRoundRobin;  ///< How rows reach the partitions.
  std::vector<size_t> key_columns;         ///< kHash only: source schema columns of the key.
  ChainFactory make_chain;                 ///< Empty function = pass-through partitions.
  std::unique_ptr<ops::Sink> sink;         ///< Required; opened, written and closed by the sink.
  size_t partitions = 0;                   ///< Partition actors; 0 = EngineOptions::partitions.
  /// The chain's output for a row depends on that row alone (filters and projections), so how
  /// rows are cut into batches changes nothing. With round-robin routing, two or more
  /// partitions and a file source without event time (FileSource::has_event_time), the
  /// partitions then parse the file's chunks and render the sink's text themselves instead of
  /// the single source and sink actors.
  bool row_local = false;
  /// Lets the runtime parse a file source's chunks on several actors where the result cannot
  /// change: row-local round-robin jobs (above) without event time, and hash-routed jobs over
  /// two or more partitions reading a file source (N parser actors; each partition takes its
  /// rows in file order, see ParserStage). False keeps the file parsed by the source actor (for
  /// comparisons).
  bool parse_in_parallel = true;
};

}  // namespace eddy::rt
