#pragma once

#include <memory>

#include "operators/aggregate/aggregate_spec.hpp"
#include "operators/aggregate/windowed_aggregate.hpp"
#include "operators/operator.hpp"

namespace eddy::ops {

/// Makes the aggregate operator a spec calls for: HashAggregate without a window,
/// WindowedAggregate for TUMBLING and SLIDING, SessionAggregate for SESSION. Windowed operators
/// hand their late rows to `late_rows` when it is set.
Result<std::unique_ptr<Operator>> make_aggregate_operator(AggregateOpSpec spec,
                                                          LateRowHandler late_rows = {});

}  // namespace eddy::ops
