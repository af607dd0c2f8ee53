#include "operators/aggregate/hash_aggregate.hpp"

#include <algorithm>
#include <numeric>

#include "operators/aggregate/aggregate_function.hpp"

namespace eddy::ops {

namespace {

// Rows per output batch when a whole table is flushed.
constexpr size_t kOutputBatchRows = 4096;

}  // namespace

Result<std::unique_ptr<HashAggregate>> HashAggregate::make(AggregateOpSpec spec) {
  if (spec.window.kind != WindowKind::kNone) {
    return Status::internal("HashAggregate: the spec has a window; use WindowedAggregate");
  }
  EDDY_ASSIGN_OR_RAISE(SchemaPtr schema, aggregate_output_schema(spec));
  EDDY_ASSIGN_OR_RAISE(AggregateInputs inputs, AggregateInputs::make(spec));
  EDDY_ASSIGN_OR_RAISE(auto table,
                       GroupedAggregateTable::make(inputs.key_types(), spec.aggregates));
  return std::unique_ptr<HashAggregate>(
      new HashAggregate(std::move(spec), std::move(schema), std::move(inputs), std::move(table)));
}

HashAggregate::HashAggregate(AggregateOpSpec spec, SchemaPtr schema, AggregateInputs inputs,
                             std::unique_ptr<GroupedAggregateTable> table)
    : spec_(std::move(spec)),
      schema_(std::move(schema)),
      inputs_(std::move(inputs)),
      table_(std::move(table)),
      builders_(make_builders(*schema_)) {}

// -- Push
// ------------------------------------------------------------------------------------------

Status HashAggregate::push(const BatchPtr& batch, Emitter& out) {
  return fold(*batch, /*rows=*/nullptr, batch->num_rows(), out);
}

Status HashAggregate::push_rows(const BatchPtr& batch, const uint32_t* rows, size_t n,
                                Emitter& out) {
  return fold(*batch, rows, n, out);
}

Status HashAggregate::fold(const Batch& batch, const uint32_t* rows, size_t n, Emitter& out) {
  if (finished_) {
    return Status::internal("HashAggregate: push after finish");
  }
  if (n == 0) {
    return Status::ok();
  }
  // Keys and arguments are evaluated over the whole batch; the table reads only the selection.
  EDDY_RETURN_NOT_OK(inputs_.evaluate(batch));
  EDDY_ASSIGN_OR_RAISE(const uint32_t* ids, table_->update(inputs_.keys(), inputs_.args(), rows, n,
                                                           inputs_.key_hashes(batch)));
  if (spec_.emit != EmitMode::kChanges) {
    return Status::ok();
  }
  // Stamping each group with the batch number finds the changed groups in one pass, without
  // clearing a per-group flag array after every batch.
  ++batch_number_;
  last_batch_.resize(table_->num_groups(), 0);
  changed_.clear();
  for (size_t i = 0; i < n; ++i) {
    uint32_t g = ids[i];
    if (last_batch_[g] != batch_number_) {
      last_batch_[g] = batch_number_;
      changed_.push_back(g);
    }
  }
  EDDY_RETURN_NOT_OK(
      table_->append_rows(changed_.data(), changed_.size(), builders_, spec_.keys.size()));
  out.emit(finish_batch(schema_, builders_));
  return Status::ok();
}

// -- Finish
// ----------------------------------------------------------------------------------------

Status HashAggregate::finish(Emitter& out) {
  if (finished_) {
    return Status::ok();
  }
  finished_ = true;
  if (spec_.emit != EmitMode::kFinal) {
    return Status::ok();
  }
  table_->ensure_global_group();
  const size_t num_groups = table_->num_groups();
  std::vector<uint32_t> ids(std::min(num_groups, kOutputBatchRows));
  for (size_t start = 0; start < num_groups; start += kOutputBatchRows) {
    size_t count = std::min(kOutputBatchRows, num_groups - start);
    std::iota(ids.begin(), ids.begin() + static_cast<ptrdiff_t>(count),
              static_cast<uint32_t>(start));
    EDDY_RETURN_NOT_OK(table_->append_rows(ids.data(), count, builders_, spec_.keys.size()));
    out.emit(finish_batch(schema_, builders_));
  }
  return Status::ok();
}

std::string HashAggregate::describe() const {
  return "HashAggregate(" + describe_aggregate_spec(spec_) +
         ", emit=" + (spec_.emit == EmitMode::kChanges ? "CHANGES" : "FINAL") + ")";
}

std::string describe_aggregate_spec(const AggregateOpSpec& spec) {
  std::string out = "keys=[";
  for (size_t k = 0; k < spec.keys.size(); ++k) {
    out += (k > 0 ? ", " : "") + spec.keys[k]->to_string();
  }
  out += "], aggs=[";
  for (size_t a = 0; a < spec.aggregates.size(); ++a) {
    out += (a > 0 ? ", " : "") + aggregate_to_string(spec.aggregates[a]) + " AS " +
           spec.aggregate_names[a];
  }
  return out + "]";
}

}  // namespace eddy::ops
