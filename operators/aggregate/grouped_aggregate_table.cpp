#include "operators/aggregate/grouped_aggregate_table.hpp"

namespace eddy::ops {

Result<std::unique_ptr<GroupedAggregateTable>> GroupedAggregateTable::make(
    std::vector<DataType> key_types, const std::vector<AggregateSpec>& aggregates) {
  std::vector<std::unique_ptr<Accumulator>> accumulators;
  accumulators.reserve(aggregates.size());
  for (const auto& spec : aggregates) {
    EDDY_ASSIGN_OR_RAISE(auto acc, make_accumulator(spec));
    accumulators.push_back(std::move(acc));
  }
  return std::unique_ptr<GroupedAggregateTable>(
      new GroupedAggregateTable(GroupTable(std::move(key_types)), std::move(accumulators)));
}

Result<const uint32_t*> GroupedAggregateTable::update(const std::vector<ColumnPtr>& keys,
                                                      const std::vector<ColumnPtr>& args,
                                                      const uint32_t* rows, size_t n,
                                                      const uint64_t* row_hashes) {
  const uint32_t* ids = groups_.map(keys, rows, n, row_hashes);
  const size_t num_groups = groups_.num_groups();
  for (size_t a = 0; a < accumulators_.size(); ++a) {
    accumulators_[a]->resize(num_groups);
    EDDY_RETURN_NOT_OK(accumulators_[a]->update(ids, rows, n, args[a].get()));
  }
  return ids;
}

void GroupedAggregateTable::recycle() {
  groups_.recycle();
  for (auto& acc : accumulators_) {
    acc->clear();
  }
}

void GroupedAggregateTable::ensure_global_group() {
  if (groups_.key_types().empty() && groups_.num_groups() == 0) {
    uint32_t row = 0;
    (void)groups_.map({}, &row, 1);
    for (auto& acc : accumulators_) {
      acc->resize(1);
    }
  }
}

Status GroupedAggregateTable::append_rows(const uint32_t* ids, size_t n,
                                          std::vector<ColumnBuilder>& out,
                                          size_t aggregate_offset) {
  groups_.append_keys(ids, n, out);
  for (size_t a = 0; a < accumulators_.size(); ++a) {
    EDDY_RETURN_NOT_OK(accumulators_[a]->finalize(ids, n, out[aggregate_offset + a]));
  }
  return Status::ok();
}

std::vector<ColumnBuilder> make_builders(const Schema& schema, size_t reserve) {
  std::vector<ColumnBuilder> builders;
  builders.reserve(schema.num_fields());
  for (const Field& f : schema.fields()) {
    builders.emplace_back(f.type, reserve);
  }
  return builders;
}

BatchPtr finish_batch(const SchemaPtr& schema, std::vector<ColumnBuilder>& builders) {
  const size_t rows = builders.empty() ? 0 : builders[0].size();
  if (rows == 0) {
    return nullptr;
  }
  std::vector<ColumnPtr> columns;
  columns.reserve(builders.size());
  for (auto& b : builders) {
    columns.push_back(b.finish());
  }
  return Batch::make(schema, std::move(columns), rows);
}

}  // namespace eddy::ops
