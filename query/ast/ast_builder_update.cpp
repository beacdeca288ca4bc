// AST builder: SPARQL 1.1 Update requests, with the static checks of section 19.6
// (no variables in INSERT/DELETE DATA, no blank nodes where deleting).

#include "query/ast/ast_builder.h"

#include <fmt/format.h>

namespace corridor::query::ast {

void AstBuilder::update(P::UpdateContext* ctx, Update& out) {
    for (; ctx; ctx = ctx->update()) {
        prologue(ctx->prologue());
        if (!ctx->update1()) break;
        updateOperation_ = static_cast<int>(out.operations.size());
        out.operations.push_back(update1(ctx->update1()));
    }
}

GraphTarget AstBuilder::graphOrDefault(P::GraphOrDefaultContext* ctx) {
    GraphTarget t;
    if (ctx->DEFAULT()) return t;
    t.kind = GraphTarget::Kind::Graph;
    t.iri = iri(ctx->iri());
    return t;
}

GraphTarget AstBuilder::graphRefAll(P::GraphRefAllContext* ctx) {
    GraphTarget t;
    if (ctx->graphRef()) {
        t.kind = GraphTarget::Kind::Graph;
        t.iri = iri(ctx->graphRef()->iri());
    } else if (ctx->NAMED()) {
        t.kind = GraphTarget::Kind::Named;
    } else if (ctx->ALL()) {
        t.kind = GraphTarget::Kind::All;
    }
    return t;
}

std::vector<QuadPattern> AstBuilder::quads(P::QuadsContext* ctx, bool allowVariables, bool allowBlanks,
                                           const char* what) {
    std::vector<QuadPattern> out;
    auto check = [&](const VarOrTerm& v) {
        if (!v.isVariable) return;
        if (v.isBlankVariable()) {
            if (!allowBlanks) fail(fmt::format("blank nodes are not allowed in {}", what), v.span);
        } else if (!allowVariables) {
            fail(fmt::format("variables are not allowed in {}", what), v.span);
        }
    };
    auto addTriples = [&](P::TriplesTemplateContext* t, const std::optional<VarOrTerm>& graph) {
        std::vector<TriplePattern> triples;
        if (t) triplesTemplate(t, triples);
        for (auto& tp : triples) {
            check(tp.subject);
            check(tp.predicate);
            check(tp.object);
            out.push_back(QuadPattern{graph, std::move(tp)});
        }
    };
    for (auto* child : ctx->children) {
        if (auto* t = dynamic_cast<P::TriplesTemplateContext*>(child)) {
            addTriples(t, std::nullopt);
        } else if (auto* q = dynamic_cast<P::QuadsNotTriplesContext*>(child)) {
            VarOrTerm graph = varOrIri(q->varOrIri());
            check(graph);
            addTriples(q->triplesTemplate(), graph);
        }
    }
    return out;
}

UpdateOperation AstBuilder::update1(P::Update1Context* ctx) {
    UpdateOperation op;
    op.span = span(ctx);
    // Blank node labels are scoped to one operation's data or template.
    inTemplate_ = true;
    if (auto* l = ctx->loadOp()) {
        op.kind = UpdateOperation::Kind::Load;
        op.silent = l->SILENT() != nullptr;
        loadSource_ = true;
        op.source = iri(l->iri());
        loadSource_ = false;
        if (l->graphRef()) op.into = iri(l->graphRef()->iri());
    } else if (auto* c = ctx->clearOp()) {
        op.kind = UpdateOperation::Kind::Clear;
        op.silent = c->SILENT() != nullptr;
        op.target = graphRefAll(c->graphRefAll());
    } else if (auto* d = ctx->dropOp()) {
        op.kind = UpdateOperation::Kind::Drop;
        op.silent = d->SILENT() != nullptr;
        op.target = graphRefAll(d->graphRefAll());
    } else if (auto* c = ctx->createOp()) {
        op.kind = UpdateOperation::Kind::Create;
        op.silent = c->SILENT() != nullptr;
        op.target.kind = GraphTarget::Kind::Graph;
        op.target.iri = iri(c->graphRef()->iri());
    } else if (auto* a = ctx->addOp()) {
        op.kind = UpdateOperation::Kind::Add;
        op.silent = a->SILENT() != nullptr;
        op.from = graphOrDefault(a->graphOrDefault(0));
        op.target = graphOrDefault(a->graphOrDefault(1));
    } else if (auto* m = ctx->moveOp()) {
        op.kind = UpdateOperation::Kind::Move;
        op.silent = m->SILENT() != nullptr;
        op.from = graphOrDefault(m->graphOrDefault(0));
        op.target = graphOrDefault(m->graphOrDefault(1));
    } else if (auto* c = ctx->copyOp()) {
        op.kind = UpdateOperation::Kind::Copy;
        op.silent = c->SILENT() != nullptr;
        op.from = graphOrDefault(c->graphOrDefault(0));
        op.target = graphOrDefault(c->graphOrDefault(1));
    } else if (auto* i = ctx->insertData()) {
        op.kind = UpdateOperation::Kind::InsertData;
        op.insertQuads = quads(i->quadData()->quads(), false, true, "INSERT DATA");
    } else if (auto* d = ctx->deleteData()) {
        op.kind = UpdateOperation::Kind::DeleteData;
        op.deleteQuads = quads(d->quadData()->quads(), false, false, "DELETE DATA");
    } else if (auto* d = ctx->deleteWhere()) {
        op.kind = UpdateOperation::Kind::DeleteWhere;
        op.deleteQuads = quads(d->quadPattern()->quads(), true, false, "DELETE WHERE");
    } else if (auto* m = ctx->modify()) {
        op.kind = UpdateOperation::Kind::Modify;
        if (m->iri()) op.with = iri(m->iri());
        // A template's blank nodes are fresh per solution: its labels may
        // repeat those of other operations (unlike INSERT DATA's).
        templateLabels_ = true;
        if (m->deleteClause()) op.deleteQuads = quads(m->deleteClause()->quadPattern()->quads(), true, false, "DELETE");
        if (m->insertClause()) op.insertQuads = quads(m->insertClause()->quadPattern()->quads(), true, true, "INSERT");
        templateLabels_ = false;
        for (auto* u : m->usingClause()) (u->NAMED() ? op.usingNamed : op.using_).push_back(iri(u->iri()));
        inTemplate_ = false;
        op.where = groupGraphPattern(m->groupGraphPattern());
    }
    inTemplate_ = false;
    return op;
}

} // namespace corridor::query::ast
