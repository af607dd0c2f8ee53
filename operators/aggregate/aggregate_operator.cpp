#include "operators/aggregate/aggregate_operator.hpp"

#include "operators/aggregate/hash_aggregate.hpp"
#include "operators/aggregate/session_aggregate.hpp"

namespace eddy::ops {

Result<std::unique_ptr<Operator>> make_aggregate_operator(AggregateOpSpec spec,
                                                          LateRowHandler late_rows) {
  switch (spec.window.kind) {
    case WindowKind::kNone: {
      EDDY_ASSIGN_OR_RAISE(auto op, HashAggregate::make(std::move(spec)));
      return std::unique_ptr<Operator>(std::move(op));
    }
    case WindowKind::kTumbling:
    case WindowKind::kSliding: {
      EDDY_ASSIGN_OR_RAISE(auto op, WindowedAggregate::make(std::move(spec)));
      op->set_late_row_handler(std::move(late_rows));
      return std::unique_ptr<Operator>(std::move(op));
    }
    case WindowKind::kSession: {
      EDDY_ASSIGN_OR_RAISE(auto op, SessionAggregate::make(std::move(spec)));
      op->set_late_row_handler(std::move(late_rows));
      return std::unique_ptr<Operator>(std::move(op));
    }
  }
  return Status::internal("make_aggregate_operator: unknown window kind");
}

}  // namespace eddy::ops
