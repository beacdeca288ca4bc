// ORDER BY under a LIMIT (directly, or through the projection) needs only its first
// offset + limit rows in order: the OrderBy node is given that number (its `limit`), and the sort
// keeps only the best rows as it goes (query/executor/order_op.cpp). The Slice stays: it drops
// the offset's rows.

#include "query/planner/rewrites.h"

namespace corridor::query::planner {

using algebra::Node;
using algebra::NodePtr;
using algebra::Op;

namespace {

NodePtr withChildren(const NodePtr& node, std::vector<NodePtr> children) {
    auto copy = std::make_shared<Node>(*node);
    copy->children = std::move(children);
    return copy;
}

NodePtr limitedSort(const NodePtr& sort, std::uint64_t rows) {
    auto copy = std::make_shared<Node>(*sort);
    copy->limit = rows;
    return copy;
}

} // namespace

NodePtr limitSorts(NodePtr root) {
    std::vector<NodePtr> children;
    bool changed = false;
    for (const auto& c : root->children) {
        children.push_back(limitSorts(c));
        changed = changed || children.back() != c;
    }
    if (changed) root = withChildren(root, std::move(children));
    if (root->op != Op::Slice || !root->limit) return root;
    const NodePtr& below = root->children[0];
    const std::uint64_t rows = root->offset + *root->limit;
    if (below->op == Op::OrderBy) return withChildren(root, {limitedSort(below, rows)});
    if (below->op == Op::Project && below->children[0]->op == Op::OrderBy)
        return withChildren(root, {withChildren(below, {limitedSort(below->children[0], rows)})});
    return root;
}

} // namespace corridor::query::planner
