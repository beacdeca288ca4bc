#include "query/query_forms.h"

#include "storage/quad_scan.h"

#include <fmt/format.h>
#include <set>

namespace corridor::query {

using executor::Batch;
using executor::ExecContext;
using executor::kUnbound;
using executor::TermId;

namespace {

void select(const algebra::Query& q, const planner::SlotMap& slots, ExecContext& ctx, executor::Operator& root,
            ResultSink& sink) {
    std::vector<int> cols;
    for (const auto& v : q.projection) cols.push_back(slots.slot(v));
    sink.beginSolutions(q.projection);
    Batch batch(ctx.width());
    std::vector<std::optional<Term>> values(cols.size());
    std::vector<TermId> ids;
    std::vector<Term> terms;
    while (root.next(batch)) {
        // The batch's terms are read from the dictionary together, in id order.
        ids.clear();
        for (std::size_t i = 0; i < batch.size(); ++i)
            for (int c : cols)
                if (TermId id = batch.row(i)[c]; id != kUnbound) ids.push_back(id);
        ctx.resolveMany(ids, terms);
        std::size_t next = 0;
        for (std::size_t i = 0; i < batch.size(); ++i) {
            const TermId* row = batch.row(i);
            for (std::size_t c = 0; c < cols.size(); ++c) {
                if (row[cols[c]] == kUnbound)
                    values[c].reset();
                else
                    values[c] = std::move(terms[next++]);
            }
            sink.solution(values);
        }
        batch.clear();
        ctx.checkCancelled();
    }
    sink.end();
}

void construct(const algebra::Query& q, const planner::SlotMap& slots, ExecContext& ctx, executor::Operator& root,
               ResultSink& sink) {
    sink.beginGraph();
    std::set<std::array<Term, 3>> seen;
    Batch batch(ctx.width());
    std::uint64_t solution = 0;
    std::string prefix = fmt::format("c{:x}_", ctx.functions().rng() & 0xffffff);
    while (root.next(batch)) {
        for (std::size_t i = 0; i < batch.size(); ++i, ++solution) {
            const TermId* row = batch.row(i);
            auto instantiate = [&](const algebra::VarOrTerm& t) -> std::optional<Term> {
                if (!t.isVariable) return t.term;
                if (t.isBlankVariable()) // a fresh blank node per solution
                    return Term::blank(fmt::format("{}{}_{}", prefix, solution, t.var.substr(2)));
                TermId id = row[slots.slot(t.var)];
                if (id == kUnbound) return std::nullopt;
                return ctx.resolve(id);
            };
            for (const auto& t : q.constructTemplate) {
                auto s = instantiate(t.subject), p = instantiate(t.predicate), o = instantiate(t.object);
                if (!s || !p || !o || s->isLiteral() || !p->isIri()) continue;
                std::array<Term, 3> triple{*s, *p, *o};
                if (seen.insert(triple).second) sink.triple(triple[0], triple[1], triple[2]);
            }
        }
        batch.clear();
        ctx.checkCancelled();
    }
    sink.end();
}

// All triples with `resource` as subject in the default graph, following blank
// node objects (the concise bounded description).
void describeResource(TermId resource, ExecContext& ctx, std::set<TermId>& done, std::set<std::array<TermId, 3>>& out) {
    if (!done.insert(resource).second || ExecContext::isLocal(resource)) return;
    storage::QuadPattern pattern{};
    pattern[storage::kSubject] = resource;
    const auto& ds = ctx.dataset;
    if (ds.defaultMode == executor::DatasetIds::DefaultMode::StoreDefault)
        pattern[storage::kGraph] = storage::kDefaultGraph;
    storage::QuadScan scan = ctx.view().scan(pattern);
    storage::QuadIds q;
    std::vector<TermId> blanks;
    while (scan.next(q)) {
        if (ds.defaultMode == executor::DatasetIds::DefaultMode::Graphs &&
            std::find(ds.defaultGraphs.begin(), ds.defaultGraphs.end(), q.g()) == ds.defaultGraphs.end())
            continue;
        if (out.insert({q.s(), q.p(), q.o()}).second && storage::tagOf(q.o()) == storage::IdTag::BlankNode)
            blanks.push_back(q.o());
    }
    for (TermId b : blanks) describeResource(b, ctx, done, out);
}

void describe(const algebra::Query& q, const planner::SlotMap& slots, ExecContext& ctx, executor::Operator& root,
              ResultSink& sink) {
    std::set<TermId> resources;
    std::vector<int> varSlots;
    for (const auto& d : q.describe) {
        if (d.isVariable) {
            varSlots.push_back(slots.slot(d.var));
        } else if (auto id = ctx.storeId(d.term)) {
            resources.insert(*id);
        }
    }
    if (q.describe.empty()) // DESCRIBE *
        for (const auto& v : q.projection) varSlots.push_back(slots.slot(v));
    Batch batch(ctx.width());
    while (root.next(batch)) {
        for (std::size_t i = 0; i < batch.size(); ++i)
            for (int s : varSlots)
                if (batch.row(i)[s] != kUnbound) resources.insert(batch.row(i)[s]);
        batch.clear();
    }
    std::set<TermId> done;
    std::set<std::array<TermId, 3>> triples;
    for (TermId r : resources) describeResource(r, ctx, done, triples);
    sink.beginGraph();
    for (const auto& t : triples) sink.triple(ctx.resolve(t[0]), ctx.resolve(t[1]), ctx.resolve(t[2]));
    sink.end();
}

} // namespace

void runQueryForm(const algebra::Query& query, const planner::SlotMap& slots, ExecContext& ctx,
                  executor::Operator& root, ResultSink& sink) {
    switch (query.form) {
    case QueryForm::Select: select(query, slots, ctx, root, sink); return;
    case QueryForm::Ask: {
        Batch batch(ctx.width());
        sink.boolean(root.next(batch));
        sink.end();
        return;
    }
    case QueryForm::Construct: construct(query, slots, ctx, root, sink); return;
    case QueryForm::Describe: describe(query, slots, ctx, root, sink); return;
    }
}

} // namespace corridor::query
