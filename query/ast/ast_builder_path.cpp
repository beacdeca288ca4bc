// AST builder: property paths.

#include "query/ast/ast_builder.h"

namespace corridor::query::ast {

namespace {
PathPtr makePath(Path::Kind kind, std::vector<PathPtr> items, SourceSpan span) {
    auto p = std::make_shared<Path>();
    p->kind = kind;
    p->items = std::move(items);
    p->span = span;
    return p;
}
PathPtr makeIri(Term iri, SourceSpan span) {
    auto p = std::make_shared<Path>();
    p->kind = Path::Kind::Iri;
    p->iri = std::move(iri);
    p->span = span;
    return p;
}
const Term kRdfType = Term::iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#type");
} // namespace

PathPtr AstBuilder::path(P::PathContext* ctx) {
    return pathAlternative(ctx->pathAlternative());
}

PathPtr AstBuilder::pathAlternative(P::PathAlternativeContext* ctx) {
    auto seqs = ctx->pathSequence();
    if (seqs.size() == 1) return pathSequence(seqs[0]);
    std::vector<PathPtr> items;
    for (auto* s : seqs) items.push_back(pathSequence(s));
    return makePath(Path::Kind::Alternative, std::move(items), span(ctx));
}

PathPtr AstBuilder::pathSequence(P::PathSequenceContext* ctx) {
    auto elts = ctx->pathEltOrInverse();
    if (elts.size() == 1) return pathEltOrInverse(elts[0]);
    std::vector<PathPtr> items;
    for (auto* e : elts) items.push_back(pathEltOrInverse(e));
    return makePath(Path::Kind::Sequence, std::move(items), span(ctx));
}

PathPtr AstBuilder::pathEltOrInverse(P::PathEltOrInverseContext* ctx) {
    PathPtr elt = pathElt(ctx->pathElt());
    if (!ctx->CARET()) return elt;
    return makePath(Path::Kind::Inverse, {elt}, span(ctx));
}

PathPtr AstBuilder::pathElt(P::PathEltContext* ctx) {
    PathPtr primary = pathPrimary(ctx->pathPrimary());
    auto* mod = ctx->pathMod();
    if (!mod) return primary;
    Path::Kind kind = mod->QUESTION() ? Path::Kind::ZeroOrOne
                      : mod->STAR()   ? Path::Kind::ZeroOrMore
                                      : Path::Kind::OneOrMore;
    return makePath(kind, {primary}, span(ctx));
}

PathPtr AstBuilder::pathPrimary(P::PathPrimaryContext* ctx) {
    if (ctx->iri()) return makeIri(iri(ctx->iri()), span(ctx));
    if (ctx->A()) return makeIri(kRdfType, span(ctx));
    if (ctx->path()) return path(ctx->path());
    auto* set = ctx->pathNegatedPropertySet();
    std::vector<PathPtr> items;
    if (set->pathOneInPropertySet().empty()) {
        // "!()" negates nothing: any predicate.
    }
    for (auto* one : set->pathOneInPropertySet()) items.push_back(pathOneInPropertySet(one));
    return makePath(Path::Kind::NegatedSet, std::move(items), span(ctx));
}

PathPtr AstBuilder::pathOneInPropertySet(P::PathOneInPropertySetContext* ctx) {
    PathPtr p = ctx->iri() ? makeIri(iri(ctx->iri()), span(ctx)) : makeIri(kRdfType, span(ctx));
    if (ctx->CARET()) return makePath(Path::Kind::Inverse, {p}, span(ctx));
    return p;
}

} // namespace corridor::query::ast
