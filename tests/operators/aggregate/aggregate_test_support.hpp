#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "operators/aggregate/aggregate_function.hpp"
#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/operator.hpp"
#include "tests/operators/expr/expr_test_support.hpp"

namespace eddy::ops::testing {

/// Resolves an aggregate call; a bind error fails the test.
inline AggregateSpec agg(std::string_view name, std::vector<ExprPtr> args, bool distinct = false) {
  auto r = make_aggregate(name, std::move(args), distinct, SourcePos{1, 1});
  if (!r.is_ok()) {
    ADD_FAILURE() << "make_aggregate " << name << ": " << r.status().to_string();
    return AggregateSpec{};
  }
  return *r;
}

/// Renders every row of every collected batch ("k=a, n=2"), in order.
inline std::vector<std::string> rows(const CollectingEmitter& out) {
  std::vector<std::string> result;
  for (const auto& b : out.batches) {
    std::string text = b->to_string();
    size_t start = 0;
    while (start < text.size()) {
      size_t end = text.find('\n', start);
      result.push_back(text.substr(start, end - start));
      start = end + 1;
    }
  }
  return result;
}

}  // namespace eddy::ops::testing
