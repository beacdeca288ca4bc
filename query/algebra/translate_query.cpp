// translate: the query level (section 18.2.4): grouping and aggregates, HAVING,
// SELECT expressions, ORDER BY, projection, DISTINCT/REDUCED, OFFSET/LIMIT.

#include "query/algebra/scope.h"
#include "query/algebra/translate.h"
#include "query/algebra/translator.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace corridor::query::algebra {

namespace {

bool isBlankVar(const std::string& v) {
    return v.rfind("_:", 0) == 0;
}

NodePtr wrap(Op op, NodePtr child) {
    auto n = std::make_shared<Node>();
    n->op = op;
    n->children = {std::move(child)};
    return n;
}

} // namespace

Query translate(const ast::Query& query, const std::string& text) {
    Translator t(text);
    return t.query(query);
}

NodePtr Translator::subquery(const ast::Query& q) {
    NodePtr pattern = group(*q.where);
    if (q.values) {
        auto vn = std::make_shared<Node>();
        vn->op = Op::Values;
        vn->values = toAlgebra(q.values);
        pattern = makeJoin(pattern, vn);
    }
    return selectLike(q, pattern, Query{}).root;
}

Query Translator::query(const ast::Query& q) {
    Query out;
    out.form = q.form;
    out.text = text_;
    out.dataset.from = q.from;
    out.dataset.fromNamed = q.fromNamed;
    out.dataset.specified = !q.from.empty() || !q.fromNamed.empty();
    for (const auto& t : q.constructTemplate) out.constructTemplate.push_back(toAlgebra(t));
    for (const auto& v : q.describe) out.describe.push_back(toAlgebra(v));
    out.baseIri = q.baseIri;
    NodePtr pattern = q.where ? group(*q.where) : emptyBgp();
    if (q.values) {
        auto vn = std::make_shared<Node>();
        vn->op = Op::Values;
        vn->values = toAlgebra(q.values);
        pattern = makeJoin(pattern, vn);
    }
    return selectLike(q, pattern, std::move(out));
}

Query Translator::selectLike(const ast::Query& q, NodePtr pattern, Query out) {
    auto savedAggregates = std::move(aggregates_);
    aggregates_.clear();

    std::vector<std::pair<const ast::SelectItem*, ExprPtr>> selectExprs;
    for (const auto& item : q.select)
        if (item.expr) selectExprs.emplace_back(&item, expression(*item.expr, true));
    std::vector<ExprPtr> having;
    for (const auto& h : q.having) having.push_back(expression(*h, true));
    std::vector<OrderKey> order;
    for (const auto& o : q.orderBy) order.push_back({expression(*o.expr, true), o.descending});

    bool grouped = !q.groupBy.empty() || !aggregates_.empty();
    NodePtr current = pattern;
    std::set<std::string> groupVars;
    if (grouped) {
        if (q.selectAll && q.form == ast::QueryForm::Select)
            fail("SELECT * cannot be used with GROUP BY or aggregates; list the variables", q.span);
        auto g = std::make_shared<Node>();
        g->op = Op::Group;
        for (const auto& key : q.groupBy) {
            g->groupKeys.push_back(expression(*key.expr, false));
            std::string var = key.var.empty() ? freshVar("group") : key.var;
            g->groupVars.push_back(var);
            if (!key.var.empty()) groupVars.insert(key.var);
        }
        g->aggregates = aggregates_;
        for (const auto& a : aggregates_) groupVars.insert(a.outVar);
        g->children = {current};
        current = g;
        if (!having.empty()) current = makeFilter(having, current);
    }

    // SELECT expressions, in order; each may use the ones before it.
    std::set<std::string> bound;
    {
        auto scope = inScopeVariables(*current);
        bound.insert(scope.begin(), scope.end());
    }
    std::set<std::string> selectedSoFar;
    for (const auto& item : q.select) {
        if (grouped) {
            std::set<std::string> used;
            if (item.expr) {
                for (const auto& [it, e] : selectExprs)
                    if (it == &item) expressionVariables(*e, used);
            } else {
                used.insert(item.var);
            }
            for (const auto& v : used)
                if (!groupVars.count(v) && !selectedSoFar.count(v))
                    fail(fmt::format("?{} is neither grouped nor aggregated; add it to GROUP BY or "
                                     "use an aggregate such as SAMPLE(?{})",
                                     v, v),
                         item.span);
        }
        if (item.expr) {
            if (bound.count(item.var) || selectedSoFar.count(item.var))
                fail(fmt::format("?{} is already bound; SELECT (... AS ?{}) needs a new variable", item.var, item.var),
                     item.span);
            ExprPtr e;
            for (const auto& [it, ex] : selectExprs)
                if (it == &item) e = ex;
            auto ext = std::make_shared<Node>();
            ext->op = Op::Extend;
            ext->var = item.var;
            ext->expr = e;
            ext->children = {current};
            ext->span = item.span;
            current = ext;
        }
        selectedSoFar.insert(item.var);
    }

    if (!order.empty()) {
        auto o = std::make_shared<Node>();
        o->op = Op::OrderBy;
        o->order = order;
        o->children = {current};
        current = o;
    }

    std::vector<std::string> projection;
    if (q.selectAll || q.form != ast::QueryForm::Select) {
        for (const auto& v : inScopeVariables(*current))
            if (!isBlankVar(v)) projection.push_back(v);
        // CONSTRUCT and DESCRIBE need blank-node variables too (templates, DESCRIBE ?x).
        if (q.form != ast::QueryForm::Select)
            for (const auto& v : inScopeVariables(*current))
                if (isBlankVar(v)) projection.push_back(v);
    } else {
        for (const auto& item : q.select) {
            if (std::find(projection.begin(), projection.end(), item.var) != projection.end())
                fail(fmt::format("?{} is selected twice", item.var), item.span);
            projection.push_back(item.var);
        }
    }
    auto p = std::make_shared<Node>();
    p->op = Op::Project;
    p->projection = projection;
    p->children = {current};
    current = p;
    if (q.distinct) current = wrap(Op::Distinct, current);
    if (q.reduced) current = wrap(Op::Reduced, current);
    if (q.limit || q.offset) {
        auto s = std::make_shared<Node>();
        s->op = Op::Slice;
        s->limit = q.limit;
        s->offset = q.offset;
        s->children = {current};
        current = s;
    }
    aggregates_ = std::move(savedAggregates);
    out.root = current;
    out.projection = projection;
    return out;
}

} // namespace corridor::query::algebra
