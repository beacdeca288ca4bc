// AST builder: group graph patterns, triple patterns, collections, templates.

#include "query/ast/ast_builder.h"

#include <fmt/format.h>

namespace corridor::query::ast {

namespace {
constexpr const char* kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
Term rdfTerm(const char* local) {
    return Term::iri(std::string(kRdf) + local);
}
} // namespace

std::shared_ptr<const GroupPattern> AstBuilder::groupGraphPattern(P::GroupGraphPatternContext* ctx) {
    auto group = std::make_shared<GroupPattern>();
    group->span = span(ctx);
    ++bgpCounter_;
    if (auto* sub = ctx->subSelect()) {
        PatternElement e;
        e.kind = PatternElement::Kind::SubSelect;
        e.subquery = subSelect(sub);
        e.span = span(sub);
        group->elements.push_back(std::move(e));
        ++bgpCounter_;
        return group;
    }
    bool lastWasTriples = false;
    for (auto* child : ctx->groupGraphPatternSub()->children) {
        if (auto* tb = dynamic_cast<P::TriplesBlockContext*>(child)) {
            // Triples blocks separated only by FILTERs form one basic graph pattern.
            if (!lastWasTriples) ++bgpCounter_;
            PatternElement e;
            e.kind = PatternElement::Kind::Triples;
            e.span = span(tb);
            triplesBlock(tb, e.triples);
            group->elements.push_back(std::move(e));
            lastWasTriples = true;
        } else if (auto* other = dynamic_cast<P::GraphPatternNotTriplesContext*>(child)) {
            bool isFilter = other->filter() != nullptr;
            graphPatternNotTriples(other, *group);
            if (!isFilter) lastWasTriples = false;
        }
    }
    ++bgpCounter_;
    return group;
}

void AstBuilder::graphPatternNotTriples(P::GraphPatternNotTriplesContext* ctx, GroupPattern& group) {
    PatternElement e;
    e.span = span(ctx);
    if (auto* u = ctx->groupOrUnionGraphPattern()) {
        auto groups = u->groupGraphPattern();
        for (auto* g : groups) e.groups.push_back(groupGraphPattern(g));
        e.kind = groups.size() == 1 ? PatternElement::Kind::Group : PatternElement::Kind::Union;
    } else if (auto* o = ctx->optionalGraphPattern()) {
        e.kind = PatternElement::Kind::Optional;
        e.groups.push_back(groupGraphPattern(o->groupGraphPattern()));
    } else if (auto* m = ctx->minusGraphPattern()) {
        e.kind = PatternElement::Kind::Minus;
        e.groups.push_back(groupGraphPattern(m->groupGraphPattern()));
    } else if (auto* g = ctx->graphGraphPattern()) {
        e.kind = PatternElement::Kind::Graph;
        e.graph = varOrIri(g->varOrIri());
        e.groups.push_back(groupGraphPattern(g->groupGraphPattern()));
    } else if (auto* s = ctx->serviceGraphPattern()) {
        e.kind = PatternElement::Kind::Service;
        e.silent = s->SILENT() != nullptr;
        e.graph = varOrIri(s->varOrIri());
        e.groups.push_back(groupGraphPattern(s->groupGraphPattern()));
        e.serviceQuery = serviceQuery(s->groupGraphPattern());
    } else if (auto* f = ctx->filter()) {
        e.kind = PatternElement::Kind::Filter;
        e.expr = constraint(f->constraint());
    } else if (auto* b = ctx->bind()) {
        e.kind = PatternElement::Kind::Bind;
        e.expr = expression(b->expression());
        e.var = varName(b->var());
    } else if (auto* v = ctx->inlineData()) {
        e.kind = PatternElement::Kind::Values;
        e.values = dataBlock(v->dataBlock());
    } else if (auto* t = ctx->trace()) {
        e.kind = PatternElement::Kind::Trace;
        e.trace = trace(t);
    }
    group.elements.push_back(std::move(e));
}

void AstBuilder::triplesBlock(P::TriplesBlockContext* ctx, std::vector<TriplePattern>& out) {
    for (auto* t : ctx->triplesSameSubjectPath()) triplesSameSubjectPath(t, out);
}

void AstBuilder::triplesSameSubjectPath(P::TriplesSameSubjectPathContext* ctx, std::vector<TriplePattern>& out) {
    if (ctx->varOrTerm()) {
        VarOrTerm subject = varOrTerm(ctx->varOrTerm());
        propertyListPathNotEmpty(ctx->propertyListPathNotEmpty(), subject, out);
    } else {
        VarOrTerm subject = triplesNodePath(ctx->triplesNodePath(), out);
        if (auto* pl = ctx->propertyListPath()->propertyListPathNotEmpty()) propertyListPathNotEmpty(pl, subject, out);
    }
}

void AstBuilder::propertyListPathNotEmpty(P::PropertyListPathNotEmptyContext* ctx, const VarOrTerm& subject,
                                          std::vector<TriplePattern>& out) {
    VarOrTerm predicate;
    PathPtr predicatePath;
    auto add = [&](const VarOrTerm& object, antlr4::ParserRuleContext* where) {
        TriplePattern t;
        t.subject = subject;
        t.predicate = predicate;
        t.path = predicatePath;
        t.object = object;
        t.span = span(where);
        out.push_back(std::move(t));
    };
    for (auto* child : ctx->children) {
        if (auto* vp = dynamic_cast<P::VerbPathContext*>(child)) {
            PathPtr p = path(vp->path());
            if (p->kind == Path::Kind::Iri) {
                predicate = VarOrTerm::constant(p->iri, p->span);
                predicatePath = nullptr;
            } else {
                predicatePath = p;
            }
        } else if (auto* vs = dynamic_cast<P::VerbSimpleContext*>(child)) {
            predicate = var(vs->var());
            predicatePath = nullptr;
        } else if (auto* olp = dynamic_cast<P::ObjectListPathContext*>(child)) {
            for (auto* o : olp->objectPath()) add(graphNodePath(o->graphNodePath(), out), o);
        } else if (auto* ol = dynamic_cast<P::ObjectListContext*>(child)) {
            for (auto* o : ol->objectNode()) add(graphNode(o->graphNode(), out), o);
        }
    }
}

VarOrTerm AstBuilder::graphNodePath(P::GraphNodePathContext* ctx, std::vector<TriplePattern>& out) {
    if (ctx->varOrTerm()) return varOrTerm(ctx->varOrTerm());
    return triplesNodePath(ctx->triplesNodePath(), out);
}

template <typename Node, typename BuildNode>
VarOrTerm AstBuilder::collectionOf(const std::vector<Node*>& nodes, antlr4::ParserRuleContext* ctx,
                                   std::vector<TriplePattern>& out, BuildNode build) {
    VarOrTerm head = freshBlank(ctx);
    VarOrTerm current = head;
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        VarOrTerm item = build(nodes[i]);
        TriplePattern first;
        first.subject = current;
        first.predicate = VarOrTerm::constant(rdfTerm("first"));
        first.object = item;
        first.span = span(ctx);
        out.push_back(first);
        VarOrTerm next = i + 1 < nodes.size() ? freshBlank(ctx) : VarOrTerm::constant(rdfTerm("nil"));
        TriplePattern rest;
        rest.subject = current;
        rest.predicate = VarOrTerm::constant(rdfTerm("rest"));
        rest.object = next;
        rest.span = span(ctx);
        out.push_back(rest);
        current = next;
    }
    return head;
}

VarOrTerm AstBuilder::triplesNodePath(P::TriplesNodePathContext* ctx, std::vector<TriplePattern>& out) {
    if (auto* c = ctx->collectionPath())
        return collectionOf(c->graphNodePath(), c, out,
                            [&](P::GraphNodePathContext* n) { return graphNodePath(n, out); });
    auto* b = ctx->blankNodePropertyListPath();
    VarOrTerm node = freshBlank(b);
    propertyListPathNotEmpty(b->propertyListPathNotEmpty(), node, out);
    return node;
}

// ---- templates (no paths) -------------------------------------------------------------

VarOrTerm AstBuilder::verb(P::VerbContext* ctx) {
    if (ctx->A()) return VarOrTerm::constant(rdfTerm("type"), span(ctx));
    return varOrIri(ctx->varOrIri());
}

void AstBuilder::triplesSameSubject(P::TriplesSameSubjectContext* ctx, std::vector<TriplePattern>& out) {
    if (ctx->varOrTerm()) {
        propertyListNotEmpty(ctx->propertyListNotEmpty(), varOrTerm(ctx->varOrTerm()), out);
    } else {
        VarOrTerm subject = triplesNode(ctx->triplesNode(), out);
        if (auto* pl = ctx->propertyList()->propertyListNotEmpty()) propertyListNotEmpty(pl, subject, out);
    }
}

void AstBuilder::propertyListNotEmpty(P::PropertyListNotEmptyContext* ctx, const VarOrTerm& subject,
                                      std::vector<TriplePattern>& out) {
    VarOrTerm predicate;
    for (auto* child : ctx->children) {
        if (auto* v = dynamic_cast<P::VerbContext*>(child)) {
            predicate = verb(v);
        } else if (auto* ol = dynamic_cast<P::ObjectListContext*>(child)) {
            for (auto* o : ol->objectNode()) {
                TriplePattern t;
                t.subject = subject;
                t.predicate = predicate;
                t.object = graphNode(o->graphNode(), out);
                t.span = span(o);
                out.push_back(std::move(t));
            }
        }
    }
}

VarOrTerm AstBuilder::graphNode(P::GraphNodeContext* ctx, std::vector<TriplePattern>& out) {
    if (ctx->varOrTerm()) return varOrTerm(ctx->varOrTerm());
    return triplesNode(ctx->triplesNode(), out);
}

VarOrTerm AstBuilder::triplesNode(P::TriplesNodeContext* ctx, std::vector<TriplePattern>& out) {
    if (auto* c = ctx->collection())
        return collectionOf(c->graphNode(), c, out, [&](P::GraphNodeContext* n) { return graphNode(n, out); });
    auto* b = ctx->blankNodePropertyList();
    VarOrTerm node = freshBlank(b);
    propertyListNotEmpty(b->propertyListNotEmpty(), node, out);
    return node;
}

void AstBuilder::triplesTemplate(P::TriplesTemplateContext* ctx, std::vector<TriplePattern>& out) {
    for (auto* t : ctx->triplesSameSubject()) triplesSameSubject(t, out);
}

void AstBuilder::constructTriples(P::ConstructTriplesContext* ctx, std::vector<TriplePattern>& out) {
    for (auto* t : ctx->triplesSameSubject()) triplesSameSubject(t, out);
}

// What SERVICE sends: every prefix known at this point (the built-in ones and the query's
// own, which the endpoint does not know), the base, and the group's own text, so that the
// endpoint reads the pattern exactly as it was written.
std::string AstBuilder::serviceQuery(P::GroupGraphPatternContext* ctx) const {
    std::string out;
    for (const auto& [name, iri] : prefixes_) out += "PREFIX " + name + ": <" + iri + ">\n";
    if (!base_.empty()) out += "BASE <" + base_ + ">\n";
    auto* stream = ctx->getStart()->getInputStream();
    out += "SELECT * WHERE " +
           stream->getText(antlr4::misc::Interval(ctx->getStart()->getStartIndex(), ctx->getStop()->getStopIndex()));
    return out;
}

} // namespace corridor::query::ast
