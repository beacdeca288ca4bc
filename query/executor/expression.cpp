#include "query/executor/expression.h"

#include "query/functions/compare.h"
#include "query/functions/numeric.h"

namespace corridor::query::executor {

namespace {

using Kind = algebra::Expr::Kind;
using functions::booleanTerm;

std::optional<bool> compareTruth(Kind kind, const CompiledExpr& e, const TermId* row, ExecContext& ctx);

// The effective boolean value of `e`. Comparisons and the logical operators give theirs
// without making a boolean term to read it back from (a FILTER's usual shape).
std::optional<bool> ebv(const CompiledExpr& e, const TermId* row, ExecContext& ctx) {
    switch (e.kind) {
    case Kind::Equal:
    case Kind::NotEqual:
    case Kind::Less:
    case Kind::Greater:
    case Kind::LessEqual:
    case Kind::GreaterEqual: return compareTruth(e.kind, e, row, ctx);
    case Kind::Or: {
        auto a = ebv(e.args[0], row, ctx);
        if (a && *a) return true;
        auto b = ebv(e.args[1], row, ctx);
        if (b && *b) return true;
        if (a && b) return false;
        return std::nullopt;
    }
    case Kind::And: {
        auto a = ebv(e.args[0], row, ctx);
        if (a && !*a) return false;
        auto b = ebv(e.args[1], row, ctx);
        if (b && !*b) return false;
        if (a && b) return true;
        return std::nullopt;
    }
    case Kind::Not: {
        auto a = ebv(e.args[0], row, ctx);
        if (!a) return std::nullopt;
        return !*a;
    }
    default: {
        auto v = evaluate(e, row, ctx);
        if (!v) return std::nullopt;
        return functions::effectiveBooleanValue(*v);
    }
    }
}

std::optional<Term> truthTerm(std::optional<bool> truth) {
    if (!truth) return std::nullopt;
    return booleanTerm(*truth);
}

std::optional<Term> arithmetic(functions::ArithOp op, const CompiledExpr& e, const TermId* row, ExecContext& ctx) {
    auto a = evaluate(e.args[0], row, ctx);
    if (!a) return std::nullopt;
    auto b = evaluate(e.args[1], row, ctx);
    if (!b) return std::nullopt;
    auto x = functions::numericValue(*a), y = functions::numericValue(*b);
    if (!x || !y) return std::nullopt;
    auto r = functions::arithmetic(op, *x, *y);
    if (!r) return std::nullopt;
    return functions::numericTerm(*r);
}

// A variable bound to an inline xsd:integer, or such a constant: its value, read from the id
// without making the term.
std::optional<std::int64_t> inlineIntegerIn(const CompiledExpr& e, const TermId* row) {
    if (e.kind == Kind::Constant) return e.inlineInteger;
    if (e.kind != Kind::Variable) return std::nullopt;
    const TermId id = row[e.slot];
    if (id == kUnbound || storage::tagOf(id) != storage::IdTag::InlineInteger) return std::nullopt;
    return storage::inlineIntegerValue(id);
}

template <typename T>
bool compareAs(Kind kind, const T& a, const T& b) {
    switch (kind) {
    case Kind::Equal: return a == b;
    case Kind::NotEqual: return a != b;
    case Kind::Less: return a < b;
    case Kind::Greater: return a > b;
    case Kind::LessEqual: return a <= b;
    default: return a >= b;
    }
}

std::optional<bool> compareTruth(Kind kind, const CompiledExpr& e, const TermId* row, ExecContext& ctx) {
    // Two inline integers (years, counts, a constant like 100) compare as the numbers they hold.
    if (auto x = inlineIntegerIn(e.args[0], row))
        if (auto y = inlineIntegerIn(e.args[1], row)) return compareAs(kind, *x, *y);
    auto a = evaluate(e.args[0], row, ctx);
    if (!a) return std::nullopt;
    auto b = evaluate(e.args[1], row, ctx);
    if (!b) return std::nullopt;
    if (kind == Kind::Equal || kind == Kind::NotEqual) {
        auto eq = functions::valueEquals(*a, *b);
        if (!eq) return std::nullopt;
        return kind == Kind::Equal ? *eq : !*eq;
    }
    auto c = functions::valueCompare(*a, *b);
    if (!c) return std::nullopt;
    return compareAs(kind, *c, 0);
}

std::optional<Term> in(const CompiledExpr& e, const TermId* row, ExecContext& ctx, bool negated) {
    auto a = evaluate(e.args[0], row, ctx);
    if (!a) return std::nullopt;
    bool error = false;
    for (std::size_t i = 1; i < e.args.size(); ++i) {
        auto b = evaluate(e.args[i], row, ctx);
        if (!b) {
            error = true;
            continue;
        }
        auto eq = functions::valueEquals(*a, *b);
        if (!eq) {
            error = true;
        } else if (*eq) {
            return booleanTerm(!negated);
        }
    }
    if (error) return std::nullopt;
    return booleanTerm(negated);
}

std::optional<Term> builtIn(const CompiledExpr& e, const TermId* row, ExecContext& ctx) {
    if (e.name == "BOUND") return booleanTerm(row[e.args[0].slot] != kUnbound);
    if (e.name == "IF") {
        auto c = ebv(e.args[0], row, ctx);
        if (!c) return std::nullopt;
        return evaluate(e.args[*c ? 1 : 2], row, ctx);
    }
    if (e.name == "COALESCE") {
        for (const auto& a : e.args)
            if (auto v = evaluate(a, row, ctx)) return v;
        return std::nullopt;
    }
    if (!e.fn) return std::nullopt; // an unknown extension function: an evaluation error
    std::vector<Term> args;
    args.reserve(e.args.size());
    for (const auto& a : e.args) {
        auto v = evaluate(a, row, ctx);
        if (!v) return std::nullopt;
        args.push_back(std::move(*v));
    }
    return e.fn(args, ctx.functions());
}

} // namespace

std::optional<Term> evaluate(const CompiledExpr& e, const TermId* row, ExecContext& ctx) {
    switch (e.kind) {
    case Kind::Variable: {
        TermId id = row[e.slot];
        if (id == kUnbound) return std::nullopt;
        return ctx.resolve(id);
    }
    case Kind::Constant: return e.constant;
    case Kind::Or:
    case Kind::And:
    case Kind::Not:
    case Kind::Equal:
    case Kind::NotEqual:
    case Kind::Less:
    case Kind::Greater:
    case Kind::LessEqual:
    case Kind::GreaterEqual: return truthTerm(ebv(e, row, ctx));
    case Kind::In: return in(e, row, ctx, false);
    case Kind::NotIn: return in(e, row, ctx, true);
    case Kind::Add: return arithmetic(functions::ArithOp::Add, e, row, ctx);
    case Kind::Subtract: return arithmetic(functions::ArithOp::Subtract, e, row, ctx);
    case Kind::Multiply: return arithmetic(functions::ArithOp::Multiply, e, row, ctx);
    case Kind::Divide: return arithmetic(functions::ArithOp::Divide, e, row, ctx);
    case Kind::UnaryPlus:
    case Kind::UnaryMinus: {
        auto a = evaluate(e.args[0], row, ctx);
        if (!a) return std::nullopt;
        auto n = functions::numericValue(*a);
        if (!n) return std::nullopt;
        return functions::numericTerm(e.kind == Kind::UnaryMinus ? functions::negate(*n) : *n);
    }
    case Kind::BuiltIn:
    case Kind::Function: return builtIn(e, row, ctx);
    case Kind::Exists:
    case Kind::NotExists: {
        e.exists->open(row);
        Batch probe(ctx.width());
        bool found = e.exists->next(probe);
        return booleanTerm(e.kind == Kind::Exists ? found : !found);
    }
    case Kind::Aggregate: return std::nullopt; // replaced by variables in translation
    }
    return std::nullopt;
}

bool holds(const CompiledExpr& e, const TermId* row, ExecContext& ctx) {
    auto v = ebv(e, row, ctx);
    return v && *v;
}

} // namespace corridor::query::executor
