#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "operators/rows_window/rows_window.hpp"
#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops::testing {

/// Binds an analytic call; a bind error fails the test.
inline AnalyticCall analytic(std::string_view name, std::vector<ExprPtr> args,
                             int64_t preceding = -1) {
  auto r = make_analytic(name, std::move(args), FrameSpec{preceding, 0}, SourcePos{1, 1});
  if (!r.is_ok()) {
    ADD_FAILURE() << "binding " << name << " failed: " << r.status().to_string();
    return AnalyticCall{};
  }
  return *r;
}

/// Builds a column like testing::column, but with the builder reserved for every row: a
/// ColumnBuilder without reservation leaves the validity words after its last NULL uninitialised
/// (runtime/core bug, reported), which random inputs with long NULL-free tails would hit.
inline ColumnPtr reserved_column(DataType type, const std::vector<Value>& values) {
  ColumnBuilder builder(type, values.size());
  for (const auto& v : values) {
    builder.append_value(v);
  }
  return builder.finish();
}

/// Returns rows [offset, offset + length) of `batch` as a new batch.
inline BatchPtr slice(const BatchPtr& batch, size_t offset, size_t length) {
  std::vector<ColumnPtr> columns;
  for (const auto& c : batch->columns()) {
    columns.push_back(c->slice(offset, length));
  }
  ColumnPtr et = batch->event_time() ? batch->event_time()->slice(offset, length) : nullptr;
  return Batch::make(batch->schema(), std::move(columns), length, std::move(et));
}

/// Pushes `input` in batches of `batch_size` rows, then calls finish().
inline CollectingEmitter run(Operator& op, const BatchPtr& input, size_t batch_size) {
  CollectingEmitter out;
  for (size_t offset = 0; offset < input->num_rows(); offset += batch_size) {
    size_t n = std::min(batch_size, input->num_rows() - offset);
    Status st = op.push(slice(input, offset, n), out);
    EXPECT_TRUE(st.is_ok()) << st.to_string();
  }
  Status st = op.finish(out);
  EXPECT_TRUE(st.is_ok()) << st.to_string();
  return out;
}

/// Renders column `col` of every collected row, in emission order.
inline std::vector<std::string> column_strings(const CollectingEmitter& out, size_t col) {
  std::vector<std::string> values;
  for (const auto& b : out.batches) {
    for (size_t r = 0; r < b->num_rows(); ++r) {
      values.push_back(b->column(col)->value(r).to_string());
    }
  }
  return values;
}

/// Reads column `col` of every collected row as Values, in emission order.
inline std::vector<Value> column_values(const CollectingEmitter& out, size_t col) {
  std::vector<Value> values;
  for (const auto& b : out.batches) {
    for (size_t r = 0; r < b->num_rows(); ++r) {
      values.push_back(b->column(col)->value(r));
    }
  }
  return values;
}

}  // namespace eddy::ops::testing
