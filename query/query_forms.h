#pragma once
// Turning solutions into the result of each query form: SELECT rows, the ASK
// boolean, CONSTRUCT templates instantiated per solution, and DESCRIBE's
// concise bounded descriptions.

#include "query/algebra/algebra.h"
#include "query/executor/operator.h"
#include "query/planner/planner.h"
#include "query/results/result_sink.h"

namespace corridor::query {

// `root` must be open.
void runQueryForm(const algebra::Query& query, const planner::SlotMap& slots, executor::ExecContext& ctx,
                  executor::Operator& root, ResultSink& sink);

} // namespace corridor::query
