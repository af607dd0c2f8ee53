#include "sql/app_plan.hpp"

#include "operators/aggregate/aggregate_operator.hpp"
#include "operators/connectors/connector_factory.hpp"
#include "operators/connectors/dead_letter_file.hpp"
#include "operators/connectors/file_source.hpp"
#include "operators/connectors/row_formatter.hpp"
#include "operators/stateless/filter.hpp"
#include "operators/stateless/project.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy::sql {

namespace {

// Overload set for std::visit over PlanStep.
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// Writes each late row to the dead-letter file as a JSON line with the reason.
ops::LateRowHandler late_row_writer(const std::string& path, const std::string& source) {
  auto file = std::make_shared<ops::DeadLetterFile>(path);
  return [file, source](const Batch& batch, size_t row) -> Status {
    const auto index = static_cast<uint32_t>(row);
    BatchPtr one = batch.take(&index, 1);
    std::string record;
    ops::RowFormatter(one->schema(), ops::OutputFormat::kJsonl).append_rows(*one, record);
    while (!record.empty() && record.back() == '\n') {
      record.pop_back();
    }
    std::string reason = "late record: its window had already closed";
    if (batch.event_time() && batch.row_watermark()) {
      reason += " (event time " + format_timestamp(batch.event_time()->i64()[row]) +
                ", watermark " + format_timestamp(batch.row_watermark()->i64()[row]) + ")";
    }
    std::string line = "{\"source\":";
    ops::append_json_string(line, source);
    line += ",\"error\":";
    ops::append_json_string(line, reason);
    line += ",\"record\":" + record + "}\n";
    return file->append(line);
  };
}

}  // namespace

bool JobPlan::row_local() const {
  for (const auto& step : steps) {
    if (!std::holds_alternative<FilterStep>(step) && !std::holds_alternative<ProjectStep>(step)) {
      return false;
    }
  }
  return true;
}

Result<std::vector<std::unique_ptr<ops::Operator>>> JobPlan::make_chain() const {
  std::vector<std::unique_ptr<ops::Operator>> chain;
  SchemaPtr schema = source.schema;
  for (const auto& step : steps) {
    Result<std::unique_ptr<ops::Operator>> op =
        std::visit(Overloaded{
                       [&](const FilterStep& f) -> Result<std::unique_ptr<ops::Operator>> {
                         return std::unique_ptr<ops::Operator>(
                             std::make_unique<ops::Filter>(schema, f.predicate));
                       },
                       [&](const ProjectStep& p) -> Result<std::unique_ptr<ops::Operator>> {
                         return std::unique_ptr<ops::Operator>(
                             std::make_unique<ops::Project>(p.exprs, p.names));
                       },
                       [&](const AggregateStep& a) -> Result<std::unique_ptr<ops::Operator>> {
                         ops::LateRowHandler late;
                         if (!dead_letter_path.empty()) {
                           late = late_row_writer(dead_letter_path, source.config.name);
                         }
                         return ops::make_aggregate_operator(a.spec, std::move(late));
                       },
                       [&](const RowsWindowStep& r) -> Result<std::unique_ptr<ops::Operator>> {
                         EDDY_ASSIGN_OR_RAISE(auto w, ops::RowsWindow::make(r.spec));
                         return std::unique_ptr<ops::Operator>(std::move(w));
                       },
                   },
                   step);
    if (!op.is_ok()) {
      return op.status();
    }
    schema = (*op)->output_schema();
    chain.push_back(std::move(op).value());
  }
  return chain;
}

std::string JobPlan::explain(size_t num_partitions) const {
  std::string out = "job " + name + "\n";
  out += "  source  " + source.config.name + " " + source.config.props.get_or("type", "?");
  if (auto path = source.config.props.get("path")) {
    out += " '" + *path + "'";
  }
  if (auto format = source.config.props.get("format")) {
    out += " format=" + *format;
  }
  out += "\n          schema " + source.schema->to_string() + "\n";
  // The same conditions as rt::JobRuntime::make's choice of the parse-in-partitions path (row
  // local, round-robin, no event time) and of the parser actors (keyed).
  bool chunks = false;
  bool parsers = false;
  if (num_partitions > 1 && (routing == PlanRouting::kHash || row_local())) {
    auto probe = ops::make_source(source.config, source.schema);
    const auto* file = probe.is_ok() ? dynamic_cast<const ops::FileSource*>(probe->get()) : nullptr;
    const bool parallel = file != nullptr;
    chunks = parallel && routing == PlanRouting::kRoundRobin && !file->has_event_time();
    parsers = parallel && routing == PlanRouting::kHash;
  }
  const std::string n = std::to_string(num_partitions);
  const std::string actors = n + " partition actor" + (num_partitions == 1 ? "" : "s");
  if (parsers) {
    out += "  parse   chunks of the file round-robin to " + n +
           " parser actors, which parse them in parallel\n";
    out += "  route   rows by the hash of the key to " + actors +
           ", each taking its rows in file order\n";
  } else {
    const char* what = routing == PlanRouting::kHash ? "rows by the hash of the key"
                       : chunks                      ? "chunks of the file round-robin"
                                                     : "batches round-robin";
    out += "  route   " + std::string(what) + " to " + actors +
           (chunks ? ", which parse the chunks and render the output\n" : "\n");
  }
  auto chain = make_chain();
  if (chain.is_ok()) {
    for (const auto& op : *chain) {
      out += "  op      " + op->describe() + "\n";
    }
  }
  out += "  sink    " + sink.config.name + " " + sink.config.props.get_or("type", "?");
  if (auto path = sink.config.props.get("path")) {
    out += " '" + *path + "'";
  }
  out += " format=" + sink.config.props.get_or("format", "jsonl") + "\n";
  out += "          schema " + sink.schema->to_string() + "\n";
  return out;
}

}  // namespace eddy::sql
