#include "operators/stateless/filter.hpp"

namespace eddy::ops {

namespace {

Result<ExprEvaluator> make_predicate_evaluator(const ExprPtr& predicate) {
  if (predicate == nullptr) {
    return Status::internal("Filter needs a predicate");
  }
  if (predicate->type.id != TypeId::kBoolean && predicate->type.id != TypeId::kNull) {
    return Status::bind_error("WHERE condition " + predicate->to_string() +
                                  " must be BOOLEAN, got " + predicate->type.to_string(),
                              predicate->pos);
  }
  return ExprEvaluator::make(predicate);
}

}  // namespace

Result<std::unique_ptr<Filter>> Filter::make(SchemaPtr input_schema, ExprPtr predicate) {
  auto filter = std::make_unique<Filter>(std::move(input_schema), std::move(predicate));
  if (!filter->evaluator_.is_ok()) {
    return filter->evaluator_.status();
  }
  return filter;
}

Filter::Filter(SchemaPtr input_schema, ExprPtr predicate)
    : schema_(std::move(input_schema)),
      predicate_(std::move(predicate)),
      evaluator_(make_predicate_evaluator(predicate_)) {}

Status Filter::push(const BatchPtr& batch, Emitter& out) {
  if (!evaluator_.is_ok()) {
    return evaluator_.status();
  }
  const size_t n = batch->num_rows();
  if (n == 0) {
    return Status::ok();
  }
  EDDY_ASSIGN_OR_RAISE(ColumnPtr mask, evaluator_->evaluate(*batch));
  if (mask->type().id == TypeId::kNull) {
    return Status::ok();  // WHERE NULL keeps nothing
  }
  const uint8_t* values = mask->u8();
  PodVector<uint8_t> keep(n);
  size_t kept = 0;
  if (mask->has_nulls()) {
    for (size_t i = 0; i < n; ++i) {
      keep[i] = static_cast<uint8_t>(values[i] != 0 && mask->is_valid(i));
      kept += keep[i];
    }
  } else {
    for (size_t i = 0; i < n; ++i) {
      keep[i] = static_cast<uint8_t>(values[i] != 0);
      kept += keep[i];
    }
  }
  if (kept == 0) {
    return Status::ok();
  }
  out.emit(batch->filter(batch, keep.data(), kept));
  return Status::ok();
}

std::string Filter::describe() const {
  return "Filter(" + (predicate_ ? predicate_->to_string() : std::string("?")) + ")";
}

}  // namespace eddy::ops
