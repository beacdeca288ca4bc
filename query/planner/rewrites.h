#pragma once
// The rewrite stage: algebra -> equivalent algebra, before planning. Each
// rewrite is one file (rewrite_*.cpp); rewriteQuery() runs them in order.

#include "query/algebra/algebra.h"

namespace corridor::query::planner {

algebra::NodePtr pushDownFilters(algebra::NodePtr root);      // rewrite_filter_pushdown.cpp
algebra::NodePtr limitSorts(algebra::NodePtr root);           // rewrite_top_n.cpp
algebra::NodePtr pinFilteredVariables(algebra::NodePtr root); // rewrite_filter_equality.cpp

// Runs every rewrite, in the order listed in rewrites.cpp.
algebra::Query rewriteQuery(algebra::Query query);

} // namespace corridor::query::planner
