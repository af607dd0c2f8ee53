#include "sql/app_plan.hpp"

#include "operators/aggregate/aggregate_operator.hpp"
#include "operators/stateless/filter.hpp"
#include "operators/stateless/project.hpp"

namespace eddy::sql {

namespace {

// Overload set for std::visit over PlanStep.
template <class... Ts>
struct Overloaded : Ts... {
  using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

}  // namespace

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
                         return ops::make_aggregate_operator(a.spec);
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
  out += "  route   " +
         std::string(routing == PlanRouting::kHash ? "hash of the key" : "round-robin batches") +
         " to " + std::to_string(num_partitions) + " partition actor" +
         (num_partitions == 1 ? "" : "s") + "\n";
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
