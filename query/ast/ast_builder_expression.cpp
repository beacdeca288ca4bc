// AST builder: expressions, built-in calls, aggregates.

#include "query/ast/ast_builder.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::query::ast {

namespace {
using Kind = Expression::Kind;

std::string upper(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
    return s;
}
} // namespace

ExprPtr AstBuilder::constant(Term term, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_shared<Expression>();
    e->kind = Kind::Constant;
    e->constant = std::move(term);
    e->span = span(ctx);
    return e;
}

ExprPtr AstBuilder::variable(P::VarContext* ctx) {
    auto e = std::make_shared<Expression>();
    e->kind = Kind::Variable;
    e->var = varName(ctx);
    e->span = span(ctx);
    return e;
}

// Every later stage walks expressions recursively: their depth is bounded here
// (a chain of 7,000 "+ 1" exhausted the stack).
ExprPtr AstBuilder::make(Expression::Kind kind, std::vector<ExprPtr> args, SourceSpan span) const {
    auto e = std::make_shared<Expression>();
    e->kind = kind;
    e->args = std::move(args);
    e->span = span;
    return withDepth(e);
}

std::shared_ptr<Expression> AstBuilder::withDepth(std::shared_ptr<Expression> e) const {
    for (const auto& a : e->args) e->depth = std::max(e->depth, a->depth + 1);
    if (e->depth > kMaxExpressionDepth)
        fail(fmt::format("an expression more than {} operations deep (each operator of a chain such as a + b + c "
                         "counts); split it with BIND",
                         kMaxExpressionDepth),
             e->span);
    return e;
}

ExprPtr AstBuilder::expression(P::ExpressionContext* ctx) {
    return conditionalOr(ctx->conditionalOrExpression());
}

ExprPtr AstBuilder::conditionalOr(P::ConditionalOrExpressionContext* ctx) {
    auto parts = ctx->conditionalAndExpression();
    ExprPtr result = conditionalAnd(parts[0]);
    for (std::size_t i = 1; i < parts.size(); ++i)
        result = make(Kind::Or, {result, conditionalAnd(parts[i])}, span(ctx));
    return result;
}

ExprPtr AstBuilder::conditionalAnd(P::ConditionalAndExpressionContext* ctx) {
    auto parts = ctx->valueLogical();
    ExprPtr result = relational(parts[0]->relationalExpression());
    for (std::size_t i = 1; i < parts.size(); ++i)
        result = make(Kind::And, {result, relational(parts[i]->relationalExpression())}, span(ctx));
    return result;
}

ExprPtr AstBuilder::relational(P::RelationalExpressionContext* ctx) {
    auto nums = ctx->numericExpression();
    ExprPtr left = additive(nums[0]->additiveExpression());
    if (ctx->IN()) {
        std::vector<ExprPtr> args = {left};
        for (auto& e : expressionList(ctx->expressionList())) args.push_back(e);
        return make(ctx->NOT() ? Kind::NotIn : Kind::In, std::move(args), span(ctx));
    }
    if (nums.size() == 1) return left;
    ExprPtr right = additive(nums[1]->additiveExpression());
    Kind kind = Kind::Equal;
    switch (ctx->op->getType()) {
    case P::EQ: kind = Kind::Equal; break;
    case P::NEQ: kind = Kind::NotEqual; break;
    case P::LT: kind = Kind::Less; break;
    case P::GT: kind = Kind::Greater; break;
    case P::LE: kind = Kind::LessEqual; break;
    default: kind = Kind::GreaterEqual; break;
    }
    return make(kind, {left, right}, span(ctx));
}

ExprPtr AstBuilder::additive(P::AdditiveExpressionContext* ctx) {
    ExprPtr result = multiplicative(ctx->multiplicativeExpression());
    for (auto* tail : ctx->additiveTail()) {
        if (tail->op) {
            Kind kind = tail->op->getType() == P::PLUS ? Kind::Add : Kind::Subtract;
            result = make(kind, {result, multiplicative(tail->multiplicativeExpression())}, span(ctx));
            continue;
        }
        // "?x +1" or "?x -1 * 2": the sign belongs to the operator (section 19.8, rule 116).
        antlr4::ParserRuleContext* lit = tail->numericLiteralPositive();
        if (!lit) lit = tail->numericLiteralNegative();
        Term number = numericToken(lit->getStart());
        bool negative = number.value.front() == '-';
        number.value = number.value.substr(1);
        ExprPtr operand = constant(number, lit);
        for (auto* mt : tail->multiplicativeTail()) {
            Kind kind = mt->op->getType() == P::STAR ? Kind::Multiply : Kind::Divide;
            operand = make(kind, {operand, unary(mt->unaryExpression())}, span(tail));
        }
        result = make(negative ? Kind::Subtract : Kind::Add, {result, operand}, span(ctx));
    }
    return result;
}

ExprPtr AstBuilder::multiplicative(P::MultiplicativeExpressionContext* ctx) {
    ExprPtr result = unary(ctx->unaryExpression());
    for (auto* tail : ctx->multiplicativeTail()) {
        Kind kind = tail->op->getType() == P::STAR ? Kind::Multiply : Kind::Divide;
        result = make(kind, {result, unary(tail->unaryExpression())}, span(ctx));
    }
    return result;
}

ExprPtr AstBuilder::unary(P::UnaryExpressionContext* ctx) {
    ExprPtr operand = primary(ctx->primaryExpression());
    if (!ctx->op) return operand;
    switch (ctx->op->getType()) {
    case P::BANG: return make(Kind::Not, {operand}, span(ctx));
    case P::PLUS: return make(Kind::UnaryPlus, {operand}, span(ctx));
    default: return make(Kind::UnaryMinus, {operand}, span(ctx));
    }
}

ExprPtr AstBuilder::primary(P::PrimaryExpressionContext* ctx) {
    if (auto* b = ctx->brackettedExpression()) return expression(b->expression());
    if (auto* b = ctx->builtInCall()) return builtInCall(b);
    if (auto* f = ctx->iriOrFunction()) {
        if (f->argList()) return functionCall(f->iri(), f->argList(), f);
        return constant(iri(f->iri()), f);
    }
    if (auto* l = ctx->rdfLiteral()) return constant(rdfLiteral(l), l);
    if (auto* n = ctx->numericLiteral()) return constant(numericLiteral(n), n);
    if (auto* b = ctx->booleanLiteral()) return constant(booleanLiteral(b), b);
    return variable(ctx->var());
}

ExprPtr AstBuilder::functionCall(P::IriContext* iriCtx, P::ArgListContext* args, antlr4::ParserRuleContext* ctx) {
    auto e = std::make_shared<Expression>();
    e->kind = Kind::Function;
    e->name = iri(iriCtx).value;
    e->span = span(ctx);
    e->distinct = args->DISTINCT() != nullptr;
    for (auto* a : args->expression()) e->args.push_back(expression(a));
    return withDepth(e);
}

ExprPtr AstBuilder::constraint(P::ConstraintContext* ctx) {
    if (auto* b = ctx->brackettedExpression()) return expression(b->expression());
    if (auto* b = ctx->builtInCall()) return builtInCall(b);
    auto* f = ctx->functionCall();
    return functionCall(f->iri(), f->argList(), f);
}

std::vector<ExprPtr> AstBuilder::expressionList(P::ExpressionListContext* ctx) {
    std::vector<ExprPtr> out;
    for (auto* e : ctx->expression()) out.push_back(expression(e));
    return out;
}

ExprPtr AstBuilder::builtInCall(P::BuiltInCallContext* ctx) {
    if (auto* a = ctx->aggregate()) return aggregate(a);
    auto e = std::make_shared<Expression>();
    e->span = span(ctx);
    std::size_t type = ctx->name->getType();
    if (type == P::EXISTS || type == P::NOT) {
        e->kind = type == P::EXISTS ? Kind::Exists : Kind::NotExists;
        e->pattern = groupGraphPattern(ctx->groupGraphPattern());
        return e;
    }
    e->kind = Kind::BuiltIn;
    e->name = upper(ctx->name->getText());
    if (e->name == "URI") e->name = "IRI";
    if (e->name == "ISURI") e->name = "ISIRI";
    if (type == P::BOUND) {
        e->args.push_back(variable(ctx->var()));
        return e;
    }
    if (ctx->expressionList()) {
        e->args = expressionList(ctx->expressionList());
        return withDepth(e);
    }
    for (auto* a : ctx->expression()) e->args.push_back(expression(a));
    return withDepth(e);
}

ExprPtr AstBuilder::aggregate(P::AggregateContext* ctx) {
    auto e = std::make_shared<Expression>();
    e->kind = Kind::Aggregate;
    e->span = span(ctx);
    e->name = upper(ctx->name->getText());
    e->distinct = ctx->DISTINCT() != nullptr;
    e->star = ctx->STAR() != nullptr;
    if (ctx->expression()) e->args.push_back(expression(ctx->expression()));
    if (ctx->SEPARATOR()) e->separator = stringValue(ctx->stringLiteral());
    return withDepth(e);
}

} // namespace corridor::query::ast
