// AST builder: the unit, the prologue, the four query forms, solution modifiers, VALUES.

#include "query/ast/ast_builder.h"

#include <charconv>
#include <fmt/format.h>

namespace corridor::query::ast {

AstBuilder::AstBuilder(std::string_view text, std::string baseIri,
                       const std::vector<std::pair<std::string, std::string>>& prefixes)
    : text_(text), base_(std::move(baseIri)) {
    for (const auto& [name, iri] : prefixes) prefixes_[name] = iri;
}

SourceSpan AstBuilder::span(antlr4::Token* token) const {
    SourceSpan s;
    if (!token) return s;
    s.line = token->getLine();
    s.column = token->getCharPositionInLine() + 1;
    s.offset = token->getStartIndex();
    s.length = token->getStopIndex() >= token->getStartIndex() ? token->getStopIndex() - token->getStartIndex() + 1 : 1;
    return s;
}

SourceSpan AstBuilder::span(antlr4::ParserRuleContext* ctx) const {
    SourceSpan s = span(ctx->getStart());
    if (ctx->getStop() && ctx->getStop()->getStopIndex() >= s.offset && ctx->getStop()->getLine() == s.line)
        s.length = ctx->getStop()->getStopIndex() - s.offset + 1;
    return s;
}

void AstBuilder::fail(const std::string& message, const SourceSpan& where) const {
    throw SemanticError(message, where, text_);
}

void AstBuilder::unsupported(const std::string& message, const SourceSpan& where) const {
    throw UnsupportedError(message, where, text_);
}

Unit AstBuilder::build(P::UnitContext* unit) {
    Unit out;
    out.text = std::string(text_);
    if (auto* q = unit->queryUnit()) {
        prologue(q->prologue());
        std::shared_ptr<Query> query;
        if (q->selectQuery())
            query = selectQuery(q->selectQuery());
        else if (q->constructQuery())
            query = constructQuery(q->constructQuery());
        else if (q->describeQuery())
            query = describeQuery(q->describeQuery());
        else if (q->askQuery())
            query = askQuery(q->askQuery());
        else
            query = traceQuery(q->traceQuery());
        if (q->valuesClause()->dataBlock()) query->values = dataBlock(q->valuesClause()->dataBlock());
        query->baseIri = base_;
        out.query = std::move(query);
    } else {
        auto update = std::make_shared<Update>();
        this->update(unit->updateUnit()->update(), *update);
        out.update = std::move(update);
    }
    out.declaredPrefixes = declared_;
    return out;
}

void AstBuilder::prologue(P::PrologueContext* ctx) {
    for (auto* child : ctx->children) {
        if (auto* b = dynamic_cast<P::BaseDeclContext*>(child)) {
            base_ = iriFromToken(b->IRIREF()).value;
        } else if (auto* p = dynamic_cast<P::PrefixDeclContext*>(child)) {
            std::string name = p->PNAME_NS()->getText();
            name.pop_back(); // the ':'
            prefixes_[name] = iriFromToken(p->IRIREF()).value;
            declared_.emplace_back(name, prefixes_[name]);
        }
    }
}

void AstBuilder::selectClause(P::SelectClauseContext* ctx, Query& q) {
    q.distinct = ctx->DISTINCT() != nullptr;
    q.reduced = ctx->REDUCED() != nullptr;
    q.selectAll = ctx->STAR() != nullptr;
    for (auto* item : ctx->selectItem()) {
        SelectItem s;
        s.var = varName(item->var());
        s.span = span(item);
        if (item->expression()) s.expr = expression(item->expression());
        q.select.push_back(std::move(s));
    }
}

std::shared_ptr<Query> AstBuilder::selectQuery(P::SelectQueryContext* ctx) {
    auto q = std::make_shared<Query>();
    q->form = QueryForm::Select;
    q->span = span(ctx);
    selectClause(ctx->selectClause(), *q);
    for (auto* d : ctx->datasetClause()) datasetClause(d, *q);
    q->where = groupGraphPattern(ctx->whereClause()->groupGraphPattern());
    solutionModifier(ctx->solutionModifier(), *q);
    return q;
}

std::shared_ptr<Query> AstBuilder::subSelect(P::SubSelectContext* ctx) {
    auto q = std::make_shared<Query>();
    q->form = QueryForm::Select;
    q->span = span(ctx);
    selectClause(ctx->selectClause(), *q);
    q->where = groupGraphPattern(ctx->whereClause()->groupGraphPattern());
    solutionModifier(ctx->solutionModifier(), *q);
    if (ctx->valuesClause()->dataBlock()) q->values = dataBlock(ctx->valuesClause()->dataBlock());
    return q;
}

std::shared_ptr<Query> AstBuilder::constructQuery(P::ConstructQueryContext* ctx) {
    auto q = std::make_shared<Query>();
    q->form = QueryForm::Construct;
    q->span = span(ctx);
    for (auto* d : ctx->datasetClause()) datasetClause(d, *q);
    if (ctx->constructTemplate()) {
        inTemplate_ = true;
        if (auto* t = ctx->constructTemplate()->constructTriples()) constructTriples(t, q->constructTemplate);
        inTemplate_ = false;
        q->where = groupGraphPattern(ctx->whereClause()->groupGraphPattern());
    } else {
        // CONSTRUCT WHERE { triples }: the template is the pattern (no FILTER, no GRAPH).
        std::vector<TriplePattern> triples;
        ++bgpCounter_;
        if (ctx->triplesTemplate()) triplesTemplate(ctx->triplesTemplate(), triples);
        for (const auto& t : triples) {
            if (t.subject.isBlankVariable() || t.object.isBlankVariable())
                fail("CONSTRUCT WHERE cannot use blank nodes; use variables", t.span);
        }
        q->constructTemplate = triples;
        auto group = std::make_shared<GroupPattern>();
        PatternElement element;
        element.kind = PatternElement::Kind::Triples;
        element.triples = std::move(triples);
        group->elements.push_back(std::move(element));
        q->where = group;
    }
    solutionModifier(ctx->solutionModifier(), *q);
    return q;
}

std::shared_ptr<Query> AstBuilder::describeQuery(P::DescribeQueryContext* ctx) {
    auto q = std::make_shared<Query>();
    q->form = QueryForm::Describe;
    q->span = span(ctx);
    q->selectAll = ctx->STAR() != nullptr;
    for (auto* v : ctx->varOrIri()) q->describe.push_back(varOrIri(v));
    for (auto* d : ctx->datasetClause()) datasetClause(d, *q);
    if (ctx->whereClause()) q->where = groupGraphPattern(ctx->whereClause()->groupGraphPattern());
    solutionModifier(ctx->solutionModifier(), *q);
    return q;
}

std::shared_ptr<Query> AstBuilder::askQuery(P::AskQueryContext* ctx) {
    auto q = std::make_shared<Query>();
    q->form = QueryForm::Ask;
    q->span = span(ctx);
    for (auto* d : ctx->datasetClause()) datasetClause(d, *q);
    q->where = groupGraphPattern(ctx->whereClause()->groupGraphPattern());
    solutionModifier(ctx->solutionModifier(), *q);
    return q;
}

void AstBuilder::datasetClause(P::DatasetClauseContext* ctx, Query& q) {
    (ctx->NAMED() ? q.fromNamed : q.from).push_back(iri(ctx->iri()));
}

namespace {
std::uint64_t parseCount(antlr4::tree::TerminalNode* node) {
    std::string text = node->getText();
    std::uint64_t v = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc()) return UINT64_MAX;
    return v;
}
} // namespace

void AstBuilder::solutionModifier(P::SolutionModifierContext* ctx, Query& q) {
    if (auto* g = ctx->groupClause()) {
        for (auto* c : g->groupCondition()) {
            GroupCondition gc;
            gc.span = span(c);
            if (c->expression()) {
                gc.expr = expression(c->expression());
                if (c->var()) gc.var = varName(c->var());
            } else if (c->var()) {
                gc.var = varName(c->var());
                gc.expr = variable(c->var());
            } else if (c->builtInCall()) {
                gc.expr = builtInCall(c->builtInCall());
            } else if (c->functionCall()) {
                gc.expr = functionCall(c->functionCall()->iri(), c->functionCall()->argList(), c->functionCall());
            }
            q.groupBy.push_back(std::move(gc));
        }
    }
    if (auto* h = ctx->havingClause())
        for (auto* c : h->constraint()) q.having.push_back(constraint(c));
    if (auto* o = ctx->orderClause()) {
        for (auto* c : o->orderCondition()) {
            OrderCondition oc;
            if (c->brackettedExpression()) {
                oc.descending = c->DESC() != nullptr;
                oc.expr = expression(c->brackettedExpression()->expression());
            } else if (c->constraint()) {
                oc.expr = constraint(c->constraint());
            } else {
                oc.expr = variable(c->var());
            }
            q.orderBy.push_back(std::move(oc));
        }
    }
    if (auto* lo = ctx->limitOffsetClauses()) {
        if (lo->limitClause()) q.limit = parseCount(lo->limitClause()->INTEGER());
        if (lo->offsetClause()) q.offset = parseCount(lo->offsetClause()->INTEGER());
    }
}

std::optional<Term> AstBuilder::dataBlockValue(P::DataBlockValueContext* ctx) {
    if (ctx->UNDEF()) return std::nullopt;
    if (ctx->iri()) return iri(ctx->iri());
    if (ctx->rdfLiteral()) return rdfLiteral(ctx->rdfLiteral());
    if (ctx->numericLiteral()) return numericLiteral(ctx->numericLiteral());
    return booleanLiteral(ctx->booleanLiteral());
}

std::shared_ptr<const InlineData> AstBuilder::dataBlock(P::DataBlockContext* ctx) {
    auto data = std::make_shared<InlineData>();
    data->span = span(ctx);
    if (auto* one = ctx->inlineDataOneVar()) {
        data->vars.push_back(varName(one->var()));
        for (auto* v : one->dataBlockValue()) data->rows.push_back({dataBlockValue(v)});
        return data;
    }
    auto* full = ctx->inlineDataFull();
    for (auto* v : full->var()) data->vars.push_back(varName(v));
    // Rows: walk the children after '{' in order: '(' values ')' or NIL.
    bool inBody = false;
    std::vector<std::optional<Term>> row;
    bool inRow = false;
    for (auto* child : full->children) {
        auto* terminal = dynamic_cast<antlr4::tree::TerminalNode*>(child);
        if (terminal) {
            std::size_t type = terminal->getSymbol()->getType();
            if (type == P::LBRACE) {
                inBody = true;
            } else if (!inBody) {
                continue;
            } else if (type == P::NIL) {
                data->rows.emplace_back();
            } else if (type == P::LPAREN) {
                inRow = true;
                row.clear();
            } else if (type == P::RPAREN && inRow) {
                inRow = false;
                data->rows.push_back(row);
            }
        } else if (auto* value = dynamic_cast<P::DataBlockValueContext*>(child); value && inBody) {
            row.push_back(dataBlockValue(value));
        }
    }
    for (const auto& r : data->rows) {
        if (r.size() != data->vars.size())
            fail(fmt::format("VALUES row has {} value(s) for {} variable(s)", r.size(), data->vars.size()), data->span);
    }
    return data;
}

} // namespace corridor::query::ast
