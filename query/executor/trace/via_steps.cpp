#include "query/executor/trace/step_expander.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

namespace corridor::query::executor::trace {

using storage::QuadIds;
using storage::QuadPattern;

ViaSteps::ViaSteps(ExecContext& ctx, std::vector<Alternative> alternatives, GraphSpec graph)
    : ctx_(ctx), alternatives_(std::move(alternatives)), graph_(graph), scans_(2 * alternatives_.size()) {}

bool graphInDataset(const ExecContext& ctx, const GraphSpec& spec, TermId graph) {
    if (spec.kind == GraphSpec::Kind::Fixed) return graph == spec.graph;
    if (spec.kind == GraphSpec::Kind::None) return false;
    const DatasetIds& ds = ctx.dataset;
    switch (ds.defaultMode) {
    case DatasetIds::DefaultMode::Union: return true;
    case DatasetIds::DefaultMode::StoreDefault: return graph == storage::kDefaultGraph;
    case DatasetIds::DefaultMode::Graphs:
        return std::find(ds.defaultGraphs.begin(), ds.defaultGraphs.end(), graph) != ds.defaultGraphs.end();
    }
    return false;
}

void ViaSteps::expand(TermId node, bool backward, std::vector<Edge>& out) {
    ++expansions;
    if (ExecContext::isLocal(node)) return;
    for (std::size_t i = 0; i < alternatives_.size(); ++i) {
        const Alternative& alt = alternatives_[i];
        if (!alt.predicate) continue;
        // Subject to object, unless the alternative is inverse or the search runs backwards (not both).
        bool towardsSubject = alt.inverse != backward;
        QuadPattern pattern{};
        pattern[storage::kPredicate] = *alt.predicate;
        pattern[towardsSubject ? storage::kObject : storage::kSubject] = node;
        auto& scan = scans_[2 * i + (towardsSubject ? 1 : 0)];
        if (scan)
            scan->reset(pattern);
        else
            scan.emplace(ctx_.view().scan(pattern));
        QuadIds q;
        TermId last = kUnbound;
        while (scan->next(q)) {
            if (!graphInDataset(ctx_, graph_, q.g())) continue;
            TermId next = towardsSubject ? q.s() : q.o();
            if (next == last) continue; // the same triple in another graph
            last = next;
            out.push_back({next, static_cast<std::uint32_t>(i)});
        }
    }
    ctx_.checkCancelled();
}

void ViaSteps::allOrigins(bool backward, std::vector<TermId>& out) {
    std::set<TermId> seen;
    for (const auto& alt : alternatives_) {
        if (!alt.predicate) continue;
        bool fromObject = alt.inverse != backward;
        QuadPattern pattern{};
        pattern[storage::kPredicate] = *alt.predicate;
        auto scan = ctx_.view().scan(pattern);
        QuadIds q;
        std::uint64_t n = 0;
        while (scan.next(q)) {
            if (!graphInDataset(ctx_, graph_, q.g())) continue;
            if (seen.insert(fromObject ? q.o() : q.s()).second) out.push_back(fromObject ? q.o() : q.s());
            if ((++n & 4095) == 0) ctx_.checkCancelled();
        }
    }
}

std::string ViaSteps::describe() const {
    std::string out;
    for (const auto& alt : alternatives_)
        out += fmt::format("{}{}<{}>", out.empty() ? "" : "|", alt.inverse ? "^" : "", alt.iri);
    return "index scans per node over " + out;
}

} // namespace corridor::query::executor::trace
