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

NodePtr limitedSort(const NodePtr& sort, std::uint64_t rows) {
    auto copy = std::make_shared<Node>(*sort);
    copy->limit = rows;
    return copy;
}

// The patterns of EXISTS / NOT EXISTS inside an expression, rewritten; the same pointer when
// nothing in it changed.
algebra::ExprPtr limitSortsIn(const algebra::ExprPtr& expr) {
    if (!expr) return expr;
    NodePtr pattern = expr->pattern ? limitSorts(expr->pattern) : nullptr;
    std::vector<algebra::ExprPtr> args;
    bool changed = pattern != expr->pattern;
    for (const auto& a : expr->args) {
        args.push_back(limitSortsIn(a));
        changed = changed || args.back() != a;
    }
    if (!changed) return expr;
    auto copy = std::make_shared<algebra::Expr>(*expr);
    copy->pattern = std::move(pattern);
    copy->args = std::move(args);
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
    // Filters and conditions (Filter, LeftJoin) and BIND expressions may hold EXISTS patterns.
    std::vector<algebra::ExprPtr> exprs;
    for (const auto& e : root->exprs) {
        exprs.push_back(limitSortsIn(e));
        changed = changed || exprs.back() != e;
    }
    algebra::ExprPtr expr = limitSortsIn(root->expr);
    changed = changed || expr != root->expr;
    if (changed) {
        auto copy = std::make_shared<Node>(*root);
        copy->children = std::move(children);
        copy->exprs = std::move(exprs);
        copy->expr = std::move(expr);
        root = std::move(copy);
    }
    if (root->op != Op::Slice || !root->limit) return root;
    const NodePtr& below = root->children[0];
    const std::uint64_t rows = root->offset + *root->limit;
    if (below->op == Op::OrderBy) return algebra::withChildren(*root, {limitedSort(below, rows)});
    if (below->op == Op::Project && below->children[0]->op == Op::OrderBy)
        return algebra::withChildren(*root, {algebra::withChildren(*below, {limitedSort(below->children[0], rows)})});
    return root;
}

} // namespace corridor::query::planner
