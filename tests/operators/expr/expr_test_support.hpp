#pragma once

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "operators/expr/expr.hpp"
#include "operators/expr/expr_evaluator.hpp"
#include "operators/expr/function_registry.hpp"
#include "runtime/core/batch.hpp"
#include "runtime/core/column_builder.hpp"
#include "runtime/core/decimal.hpp"
#include "runtime/core/timestamp.hpp"

namespace eddy::ops::testing {

/// A NULL value for building test columns.
inline Value null() {
  return Value::null();
}
inline Value i(int64_t v) {
  return Value::bigint(v);
}
inline Value d(double v) {
  return Value::float64(v);
}
inline Value s(std::string v) {
  return Value::varchar(std::move(v));
}
inline Value b(bool v) {
  return Value::boolean(v);
}
inline Value dec(std::string_view text, uint8_t scale) {
  return Value::decimal(*parse_decimal(text, scale), 18, scale);
}
inline Value ts(std::string_view iso) {
  return Value::timestamp(*parse_timestamp(iso));
}

/// Builds a column of `type` from values (NULLs allowed).
inline ColumnPtr column(DataType type, const std::vector<Value>& values) {
  ColumnBuilder builder(type);
  for (const auto& v : values) {
    builder.append_value(v);
  }
  return builder.finish();
}

/// A batch with named columns, all of the same length, and an optional event-time column.
class TestBatch {
 public:
  TestBatch& add(std::string name, DataType type, const std::vector<Value>& values) {
    fields_.push_back(Field{std::move(name), type});
    columns_.push_back(column(type, values));
    return *this;
  }
  TestBatch& event_time(const std::vector<Value>& values) {
    event_time_ = column(DataType::timestamp(), values);
    return *this;
  }
  [[nodiscard]] BatchPtr batch() const {
    size_t n = columns_.empty() ? 0 : columns_[0]->size();
    return Batch::make(std::make_shared<const Schema>(fields_), columns_, n, event_time_);
  }
  /// A column reference by name.
  [[nodiscard]] ExprPtr col(const std::string& name) const {
    for (size_t k = 0; k < fields_.size(); ++k) {
      if (fields_[k].name == name) {
        return make_column(k, fields_[k].type, name);
      }
    }
    ADD_FAILURE() << "no column " << name;
    return make_literal(Value::null());
  }
  [[nodiscard]] SchemaPtr schema() const { return std::make_shared<const Schema>(fields_); }

 private:
  std::vector<Field> fields_;
  std::vector<ColumnPtr> columns_;
  ColumnPtr event_time_;
};

inline ExprPtr lit(Value v) {
  return make_literal(std::move(v));
}

/// Binds a call through the registry; a bind error fails the test.
inline ExprPtr call(std::string_view name, std::vector<ExprPtr> args) {
  auto r = FunctionRegistry::instance().make_call(name, std::move(args), SourcePos{1, 1});
  if (!r.is_ok()) {
    ADD_FAILURE() << "binding " << name << " failed: " << r.status().to_string();
    return make_literal(Value::null());
  }
  return *r;
}

/// Binds a call and returns the error status (OK when binding succeeded).
inline Status bind_error(std::string_view name, std::vector<ExprPtr> args) {
  auto r = FunctionRegistry::instance().make_call(name, std::move(args), SourcePos{3, 7});
  return r.is_ok() ? Status::ok() : r.status();
}

/// Evaluates `e` over `batch` (NOW = `now_ms`) and renders each row with Value::to_string.
inline std::vector<std::string> eval(const ExprPtr& e, const BatchPtr& batch, int64_t now_ms = 0) {
  auto ev = ExprEvaluator::make(e);
  if (!ev.is_ok()) {
    ADD_FAILURE() << ev.status().to_string();
    return {};
  }
  auto col = ev->evaluate(*batch, now_ms);
  if (!col.is_ok()) {
    ADD_FAILURE() << col.status().to_string();
    return {};
  }
  EXPECT_EQ((*col)->size(), batch->num_rows());
  EXPECT_EQ((*col)->type(), e->type) << e->to_string();
  std::vector<std::string> out;
  for (size_t k = 0; k < (*col)->size(); ++k) {
    out.push_back((*col)->value(k).to_string());
  }
  return out;
}

/// Evaluates a constant expression over a one-row batch.
inline std::string eval1(const ExprPtr& e) {
  TestBatch tb;
  tb.add("x", DataType::bigint(), {i(0)});
  auto rows = eval(e, tb.batch());
  return rows.empty() ? "<error>" : rows[0];
}

}  // namespace eddy::ops::testing
