// The WHERE part of each update operation as a query (SELECT * over it), so it
// is checked, rewritten and planned like any query. DELETE WHERE's quads are
// its pattern as well as its template.

#include "query/algebra/translate.h"
#include "query/planner/rewrites.h"
#include "query/update/update.h"

namespace corridor::query {

namespace {

using ast::UpdateOperation;

// DELETE WHERE { quads }: triples outside GRAPH form one group, each GRAPH block its own.
std::shared_ptr<const ast::GroupPattern> patternOfQuads(const std::vector<ast::QuadPattern>& quads,
                                                        const SourceSpan& span) {
    auto group = std::make_shared<ast::GroupPattern>();
    group->span = span;
    ast::PatternElement plain;
    plain.kind = ast::PatternElement::Kind::Triples;
    plain.span = span;
    for (const auto& q : quads) {
        if (!q.graph) {
            plain.triples.push_back(q.triple);
            continue;
        }
        auto inner = std::make_shared<ast::GroupPattern>();
        ast::PatternElement triples;
        triples.kind = ast::PatternElement::Kind::Triples;
        triples.triples.push_back(q.triple);
        triples.span = q.triple.span;
        inner->elements.push_back(std::move(triples));
        inner->span = q.triple.span;
        ast::PatternElement graph;
        graph.kind = ast::PatternElement::Kind::Graph;
        graph.graph = *q.graph;
        graph.groups.push_back(inner);
        graph.span = q.triple.span;
        group->elements.push_back(std::move(graph));
    }
    if (!plain.triples.empty()) group->elements.insert(group->elements.begin(), std::move(plain));
    return group;
}

} // namespace

std::vector<std::optional<algebra::Query>> translateUpdate(const ast::Update& update, const std::string& text,
                                                           const std::string& baseIri) {
    std::vector<std::optional<algebra::Query>> out;
    for (const auto& op : update.operations) {
        std::shared_ptr<const ast::GroupPattern> where;
        if (op.kind == UpdateOperation::Kind::Modify) where = op.where;
        if (op.kind == UpdateOperation::Kind::DeleteWhere) where = patternOfQuads(op.deleteQuads, op.span);
        if (!where) {
            out.emplace_back();
            continue;
        }
        ast::Query q;
        q.form = ast::QueryForm::Select;
        q.selectAll = true;
        q.where = where;
        q.from = op.using_;
        q.fromNamed = op.usingNamed;
        q.baseIri = baseIri;
        q.span = op.span;
        out.emplace_back(planner::rewriteQuery(algebra::translate(q, text)));
    }
    return out;
}

} // namespace corridor::query
