#include "operators/stateless/project.hpp"

namespace eddy::ops {

Result<std::unique_ptr<Project>> Project::make(std::vector<ExprPtr> exprs,
                                               std::vector<std::string> names) {
  auto project = std::make_unique<Project>(std::move(exprs), std::move(names));
  if (!project->status_.is_ok()) {
    return project->status_;
  }
  return project;
}

Project::Project(std::vector<ExprPtr> exprs, std::vector<std::string> names)
    : exprs_(std::move(exprs)), names_(std::move(names)) {
  std::vector<Field> fields;
  if (exprs_.size() != names_.size()) {
    status_ = Status::internal("Project: " + std::to_string(exprs_.size()) + " expressions but " +
                               std::to_string(names_.size()) + " names");
  }
  for (size_t i = 0; i < exprs_.size() && status_.is_ok(); ++i) {
    auto ev = ExprEvaluator::make(exprs_[i]);
    if (!ev.is_ok()) {
      status_ = ev.status();
      break;
    }
    fields.push_back(Field{names_[i], exprs_[i]->type});
    evaluators_.push_back(std::move(ev).value());
  }
  schema_ = std::make_shared<const Schema>(std::move(fields));
}

Status Project::push(const BatchPtr& batch, Emitter& out) {
  EDDY_RETURN_NOT_OK(status_);
  if (batch->num_rows() == 0) {
    return Status::ok();
  }
  std::vector<ColumnPtr> columns;
  columns.reserve(evaluators_.size());
  for (const auto& ev : evaluators_) {
    EDDY_ASSIGN_OR_RAISE(ColumnPtr col, ev.evaluate(*batch));
    columns.push_back(std::move(col));
  }
  out.emit(batch->with_columns(schema_, std::move(columns)));
  return Status::ok();
}

std::string Project::describe() const {
  std::string out = "Project(";
  for (size_t i = 0; i < exprs_.size(); ++i) {
    if (i > 0) {
      out += ", ";
    }
    std::string text = exprs_[i] ? exprs_[i]->to_string() : "?";
    out += text;
    if (i < names_.size() && names_[i] != text) {
      out += " AS " + names_[i];
    }
  }
  return out + ")";
}

}  // namespace eddy::ops
