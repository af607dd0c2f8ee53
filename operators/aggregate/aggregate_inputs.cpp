#include "operators/aggregate/aggregate_inputs.hpp"

#include <algorithm>
#include <string>

#include "operators/aggregate/aggregate_function.hpp"

namespace eddy::ops {

Result<AggregateInputs> AggregateInputs::make(const AggregateOpSpec& spec) {
  AggregateInputs inputs;
  for (const auto& key : spec.keys) {
    if (key == nullptr) {
      return Status::internal("aggregate: null GROUP BY expression");
    }
    EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(key));
    inputs.key_evaluators_.push_back(std::move(ev));
    inputs.key_columns_.push_back(key->column_index);
  }
  const bool plain_columns = std::all_of(spec.keys.begin(), spec.keys.end(), [](const ExprPtr& k) {
    return k->kind == ExprKind::kColumn;
  });
  if (!plain_columns) {
    inputs.key_columns_.clear();
  }
  for (const auto& agg : spec.aggregates) {
    if (agg.arg == nullptr) {
      if (agg.kind != AggregateKind::kCountStar) {
        return Status::internal("aggregate: " + std::string(aggregate_kind_name(agg.kind)) +
                                " without an argument");
      }
      inputs.arg_evaluators_.emplace_back(std::nullopt);
      continue;
    }
    EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(agg.arg));
    inputs.arg_evaluators_.emplace_back(std::move(ev));
  }
  inputs.windowed_ = spec.window.kind != WindowKind::kNone;
  if (spec.window.time != nullptr) {
    const TypeId t = spec.window.time->type.id;
    if (t != TypeId::kTimestamp && t != TypeId::kBigint) {
      return Status::bind_error(
          "a window's time column must be a TIMESTAMP or a BIGINT of epoch "
          "milliseconds, got " +
              spec.window.time->type.to_string(),
          spec.window.time->pos);
    }
    EDDY_ASSIGN_OR_RAISE(auto ev, ExprEvaluator::make(spec.window.time));
    inputs.time_evaluator_.emplace(std::move(ev));
  }
  inputs.keys_.resize(inputs.key_evaluators_.size());
  inputs.args_.resize(inputs.arg_evaluators_.size());
  return inputs;
}

Status AggregateInputs::evaluate(const Batch& batch) {
  for (size_t k = 0; k < key_evaluators_.size(); ++k) {
    EDDY_ASSIGN_OR_RAISE(keys_[k], key_evaluators_[k].evaluate(batch));
  }
  for (size_t a = 0; a < arg_evaluators_.size(); ++a) {
    if (arg_evaluators_[a].has_value()) {
      EDDY_ASSIGN_OR_RAISE(args_[a], arg_evaluators_[a]->evaluate(batch));
    }
  }
  if (time_evaluator_.has_value()) {
    EDDY_ASSIGN_OR_RAISE(time_, time_evaluator_->evaluate(batch));
  } else if (windowed_) {
    time_ = batch.event_time();
    if (time_ == nullptr) {
      return Status::data_error(
          "a windowed aggregation needs event time, but the input has none; set the source's "
          "event.time.field or name the time column in the WINDOW clause");
    }
  }
  return Status::ok();
}

std::vector<DataType> AggregateInputs::key_types() const {
  std::vector<DataType> types;
  for (const auto& ev : key_evaluators_) {
    types.push_back(ev.expr()->type);
  }
  return types;
}

Result<SchemaPtr> aggregate_output_schema(const AggregateOpSpec& spec) {
  if (spec.keys.size() != spec.key_names.size()) {
    return Status::internal("aggregate: " + std::to_string(spec.keys.size()) + " keys but " +
                            std::to_string(spec.key_names.size()) + " key names");
  }
  if (spec.aggregates.size() != spec.aggregate_names.size()) {
    return Status::internal("aggregate: " + std::to_string(spec.aggregates.size()) +
                            " aggregates but " + std::to_string(spec.aggregate_names.size()) +
                            " names");
  }
  std::vector<Field> fields;
  for (size_t k = 0; k < spec.keys.size(); ++k) {
    if (spec.keys[k] == nullptr) {
      return Status::internal("aggregate: null GROUP BY expression");
    }
    fields.push_back(Field{spec.key_names[k], spec.keys[k]->type});
  }
  if (spec.window.kind != WindowKind::kNone) {
    fields.push_back(Field{kWindowStartName, DataType::bigint()});
    fields.push_back(Field{kWindowEndName, DataType::bigint()});
  }
  for (size_t a = 0; a < spec.aggregates.size(); ++a) {
    fields.push_back(Field{spec.aggregate_names[a], spec.aggregates[a].result_type});
  }
  return SchemaPtr(std::make_shared<const Schema>(std::move(fields)));
}

}  // namespace eddy::ops
