#include "query/algebra/algebra.h"

namespace corridor::query::algebra {

NodePtr emptyBgp() {
    static const NodePtr empty = std::make_shared<Node>();
    return empty;
}

bool isEmptyBgp(const NodePtr& node) {
    return node->op == Op::Bgp && node->triples.empty();
}

NodePtr withChildren(const Node& node, std::vector<NodePtr> children) {
    auto copy = std::make_shared<Node>(node);
    copy->children = std::move(children);
    return copy;
}

NodePtr makeJoin(NodePtr left, NodePtr right) {
    if (isEmptyBgp(left)) return right;
    if (isEmptyBgp(right)) return left;
    // Adjacent basic graph patterns merge into one (the planner orders their triples).
    if (left->op == Op::Bgp && right->op == Op::Bgp) {
        auto merged = std::make_shared<Node>(*left);
        merged->triples.insert(merged->triples.end(), right->triples.begin(), right->triples.end());
        return merged;
    }
    auto n = std::make_shared<Node>();
    n->op = Op::Join;
    n->children = {std::move(left), std::move(right)};
    return n;
}

NodePtr makeFilter(std::vector<ExprPtr> conjuncts, NodePtr child) {
    if (conjuncts.empty()) return child;
    auto n = std::make_shared<Node>();
    n->op = Op::Filter;
    n->exprs = std::move(conjuncts);
    n->children = {std::move(child)};
    return n;
}

} // namespace corridor::query::algebra
