// Update operations that change quads: INSERT DATA, DELETE DATA, DELETE WHERE
// and DELETE/INSERT ... WHERE (with WITH and USING), and the request as a whole.

#include "query/execution.h"
#include "query/update/update_run.h"

#include <fmt/format.h>
#include <random>

namespace corridor::query::update {

using executor::Batch;
using executor::ExecContext;
using executor::kUnbound;
using storage::IdTag;
using storage::QuadIds;

namespace {

bool isIriId(TermId id) {
    return storage::tagOf(id) == IdTag::Iri;
}
bool isResourceId(TermId id) {
    return isIriId(id) || storage::tagOf(id) == IdTag::BlankNode;
}

// One position of a template quad, resolved once per operation.
struct Position {
    enum class Kind { Constant, Variable, Blank, Never } kind = Kind::Constant;
    TermId id = 0;     // Constant
    int slot = -1;     // Variable
    std::string label; // Blank
};

struct TemplateQuad {
    std::array<Position, 4> at; // s, p, o, g
    bool everyGraph = false;    // a deletion from the union default graph: from every graph
};

} // namespace

UpdateRun::UpdateRun(storage::WriteTxn& txn, const PreparedQuery& prepared, const QueryOptions& options,
                     UpdateSummary& summary)
    : txn_(txn), prepared_(prepared), options_(options), summary_(summary) {
    std::random_device rd;
    blankPrefix_ = fmt::format("u{:012x}_", (static_cast<std::uint64_t>(rd()) << 32 | rd()) & 0xffffffffffffULL);
}

void UpdateRun::fail(const std::string& message, const ast::UpdateOperation& op) const {
    throw SemanticError(message, op.span, prepared_.unit.text);
}

void UpdateRun::operation(std::size_t index) {
    const ast::UpdateOperation& op = prepared_.unit.update->operations[index];
    using Kind = ast::UpdateOperation::Kind;
    switch (op.kind) {
    case Kind::InsertData: insertData(op, index); return;
    case Kind::DeleteData: deleteData(op); return;
    case Kind::DeleteWhere:
    case Kind::Modify: modify(op, *prepared_.updateWheres.at(index), index); return;
    case Kind::Load: load(op); return;
    case Kind::Clear: clear(op, false); return;
    case Kind::Drop: clear(op, true); return;
    case Kind::Create: create(op); return;
    case Kind::Add:
    case Kind::Move:
    case Kind::Copy: transfer(op); return;
    }
}

void UpdateRun::insertData(const ast::UpdateOperation& op, std::size_t index) {
    // Blank nodes are fresh for each INSERT DATA; one label is one node within it.
    auto id = [&](const ast::VarOrTerm& v) {
        if (v.isBlankVariable())
            return txn_.intern(Term::blank(fmt::format("{}d{}_{}", blankPrefix_, index, v.var.substr(2))));
        return txn_.intern(v.term);
    };
    for (const auto& q : op.insertQuads) {
        QuadIds quad;
        quad.ids = {id(q.triple.subject), id(q.triple.predicate), id(q.triple.object),
                    q.graph ? txn_.intern(q.graph->term) : storage::kDefaultGraph};
        txn_.insert(quad);
    }
}

void UpdateRun::removeEverywhere(const QuadIds& triple) {
    storage::QuadPattern pattern{};
    pattern[storage::kSubject] = triple.s();
    pattern[storage::kPredicate] = triple.p();
    pattern[storage::kObject] = triple.o();
    // One scan per step, re-aimed for each triple (a new iterator per row would cost more than the delete).
    auto view = txn_.read();
    if (!everywhere_ || everywhereView_ != view) {
        everywhere_.emplace(view->scan(pattern));
        everywhereView_ = view;
    } else {
        everywhere_->reset(pattern);
    }
    QuadIds q;
    while (everywhere_->next(q)) txn_.remove(q);
}

void UpdateRun::deleteData(const ast::UpdateOperation& op) {
    for (const auto& q : op.deleteQuads) {
        auto s = txn_.lookup(q.triple.subject.term), p = txn_.lookup(q.triple.predicate.term),
             o = txn_.lookup(q.triple.object.term);
        std::optional<TermId> g = storage::kDefaultGraph;
        if (q.graph) g = txn_.lookup(q.graph->term);
        if (!s || !p || !o || !g) continue; // a term the store never had: no such quad
        QuadIds quad;
        quad.ids = {*s, *p, *o, *g};
        if (!q.graph && options_.unionDefaultGraph) {
            removeEverywhere(quad);
        } else {
            txn_.remove(quad);
        }
    }
}

void UpdateRun::modify(const ast::UpdateOperation& op, const algebra::Query& where, std::size_t index) {
    auto view = txn_.read();
    // WITH names the graph of template triples without GRAPH, and the default
    // graph of the WHERE part unless USING gives a dataset.
    std::optional<executor::DatasetIds> dataset;
    if (op.with && op.using_.empty() && op.usingNamed.empty()) {
        executor::DatasetIds ids;
        ids.defaultMode = executor::DatasetIds::DefaultMode::Graphs;
        if (auto g = view->lookup(*op.with)) ids.defaultGraphs.push_back(*g);
        dataset = ids;
    }
    Execution ex = startExecution(view, options_, where, dataset);
    ExecContext& ctx = *ex.ctx;

    auto compile = [&](const std::vector<ast::QuadPattern>& quads, bool forInsert) {
        std::vector<TemplateQuad> out;
        auto position = [&](const ast::VarOrTerm& v) {
            Position p;
            if (v.isBlankVariable()) {
                p.kind = Position::Kind::Blank;
                p.label = v.var.substr(2);
            } else if (v.isVariable) {
                if (ex.slots.has(v.var)) {
                    p.kind = Position::Kind::Variable;
                    p.slot = ex.slots.slot(v.var);
                } else {
                    p.kind = Position::Kind::Never; // never bound by the WHERE part
                }
            } else if (auto id = forInsert ? std::optional<TermId>(txn_.intern(v.term)) : txn_.lookup(v.term)) {
                p.id = *id;
            } else {
                p.kind = Position::Kind::Never; // a term the store does not have: nothing to delete
            }
            return p;
        };
        for (const auto& q : quads) {
            TemplateQuad t;
            t.at[0] = position(q.triple.subject);
            t.at[1] = position(q.triple.predicate);
            t.at[2] = position(q.triple.object);
            if (q.graph) {
                t.at[3] = position(*q.graph);
            } else if (op.with) {
                t.at[3] = position(ast::VarOrTerm::constant(*op.with));
            } else {
                t.at[3].id = storage::kDefaultGraph;
                t.everyGraph = !forInsert && options_.unionDefaultGraph;
            }
            out.push_back(std::move(t));
        }
        return out;
    };
    const auto deletes = compile(op.deleteQuads, false);
    const auto inserts = compile(op.insertQuads, true);

    auto instantiate = [&](const TemplateQuad& t, const TermId* row, std::uint64_t solution,
                           bool forInsert) -> std::optional<QuadIds> {
        QuadIds q;
        for (int c = 0; c < 4; ++c) {
            const Position& p = t.at[c];
            TermId id = p.id;
            switch (p.kind) {
            case Position::Kind::Never: return std::nullopt;
            case Position::Kind::Constant: break;
            case Position::Kind::Blank:
                id = txn_.intern(Term::blank(fmt::format("{}{}_{}_{}", blankPrefix_, index, solution, p.label)));
                break;
            case Position::Kind::Variable: {
                id = row[p.slot];
                if (id == kUnbound) return std::nullopt;
                if (ExecContext::isLocal(id)) { // computed by the query (BIND, functions)
                    Term term = ctx.resolve(id);
                    auto known = forInsert ? std::optional<TermId>(txn_.intern(term)) : txn_.lookup(term);
                    if (!known) return std::nullopt;
                    id = *known;
                }
                break;
            }
            }
            q.ids[c] = id;
        }
        // Triples that are not RDF (a literal subject, a blank predicate...) are left out.
        if (!isResourceId(q.s()) || !isIriId(q.p())) return std::nullopt;
        if (q.g() != storage::kDefaultGraph && !isIriId(q.g())) return std::nullopt;
        return q;
    };

    ex.root->open(nullptr);
    Batch batch(ctx.width());
    std::uint64_t solution = 0;
    while (ex.root->next(batch)) {
        for (std::size_t i = 0; i < batch.size(); ++i, ++solution) {
            const TermId* row = batch.row(i);
            for (const auto& t : deletes) {
                auto q = instantiate(t, row, solution, false);
                if (!q) continue;
                if (t.everyGraph) {
                    removeEverywhere(*q);
                } else {
                    txn_.remove(*q);
                }
            }
            for (const auto& t : inserts)
                if (auto q = instantiate(t, row, solution, true)) txn_.insert(*q);
        }
        batch.clear();
        ctx.checkCancelled();
    }
    for (const auto& w : ctx.warnings()) warn(w);
}

} // namespace corridor::query::update

namespace corridor::query {

UpdateSummary executeUpdate(storage::Store& store, const PreparedQuery& prepared, const QueryOptions& options,
                            const UpdateOptions& updateOptions) {
    if (!prepared.isUpdate()) throw UsageError("this is a query, not an update request: run it with `corridor query`");
    UpdateSummary summary;
    storage::WriteTxnOptions to;
    to.memoryBudget = updateOptions.memoryBudget;
    storage::WriteTxn txn(store, to);
    update::UpdateRun run(txn, prepared, options, summary);
    const auto& operations = prepared.unit.update->operations;
    for (std::size_t i = 0; i < operations.size(); ++i) {
        if (i > 0) txn.nextStep();
        run.operation(i);
    }
    summary.operations = operations.size();
    storage::CommitSummary commit = txn.commit(updateOptions.dryRun);
    summary.inserted = commit.quadsInserted;
    summary.deleted = commit.quadsDeleted;
    summary.written = commit.written;
    return summary;
}

} // namespace corridor::query
