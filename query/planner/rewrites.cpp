#include "query/planner/rewrites.h"

#include <utility>
#include <vector>

namespace corridor::query::planner {

namespace {
struct Rewrite {
    const char* name;
    algebra::NodePtr (*apply)(algebra::NodePtr);
};
// In order; add new rewrites here.
const std::vector<Rewrite>& rewrites() {
    static const std::vector<Rewrite> list = {
        {"filter pushdown", pushDownFilters},
        {"filter equality", pinFilteredVariables}, // after pushdown: the filter sits on its patterns
        {"top n", limitSorts},
    };
    return list;
}
} // namespace

algebra::Query rewriteQuery(algebra::Query query) {
    for (const auto& r : rewrites()) query.root = r.apply(query.root);
    return query;
}

} // namespace corridor::query::planner
