// translate: expressions. Aggregates become variables bound by the Group node.

#include "query/algebra/translator.h"

namespace corridor::query::algebra {

ExprPtr Translator::expression(const ast::Expression& e, bool allowAggregates) {
    using Kind = ast::Expression::Kind;
    auto out = std::make_shared<Expr>();
    out->kind = e.kind;
    out->var = e.var;
    out->constant = e.constant;
    out->name = e.name;
    out->span = e.span;
    if (e.kind == Kind::Aggregate) {
        if (!allowAggregates) fail("aggregates are only allowed in SELECT, HAVING and ORDER BY", e.span);
        Aggregate a;
        a.function = e.name;
        a.distinct = e.distinct;
        a.star = e.star;
        if (e.separator) a.separator = *e.separator;
        if (!e.args.empty()) a.arg = expression(*e.args[0], false);
        a.outVar = freshVar("agg");
        aggregates_.push_back(a);
        out->kind = Kind::Variable;
        out->var = a.outVar;
        return out;
    }
    if (e.kind == Kind::Exists || e.kind == Kind::NotExists) {
        out->pattern = group(*e.pattern);
        return out;
    }
    for (const auto& a : e.args) out->args.push_back(expression(*a, allowAggregates));
    return out;
}

} // namespace corridor::query::algebra
