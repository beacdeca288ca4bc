#include "query/planner/join_order.h"

#include <algorithm>
#include <array>
#include <map>

namespace corridor::query::planner {

std::vector<JoinStep> orderJoins(const JoinOrderInput& input) {
    const auto& triples = *input.patterns;
    std::set<std::string> bound = input.bound;
    const std::set<std::string> seeded = input.bound;
    std::vector<bool> used(triples.size(), false);
    std::vector<JoinStep> steps;
    // A pattern's estimate depends only on which of its three positions are bound: remembered
    // per pattern, so ordering n patterns costs n^2 cheap comparisons, not n^2 estimates (some of
    // which count matches in the store).
    std::vector<std::array<double, 8>> estimates(triples.size());
    for (auto& e : estimates) e.fill(-1);
    // Variables by number, so the inner loop tests flags, not strings.
    std::map<std::string, int> varNumber;
    std::vector<std::array<int, 3>> varsOf(triples.size());
    for (std::size_t i = 0; i < triples.size(); ++i) {
        const auto& t = triples[i];
        int k = 0;
        for (const auto* v : {&t.subject, &t.predicate, &t.object})
            varsOf[i][k++] =
                v->isVariable ? varNumber.emplace(v->var, static_cast<int>(varNumber.size())).first->second : -1;
    }
    std::vector<char> isBound(varNumber.size(), 0);
    for (const auto& [name, number] : varNumber) isBound[number] = bound.count(name) > 0;
    double rows = 1;
    std::string sortedOn;
    for (std::size_t n = 0; n < triples.size(); ++n) {
        if (input.checkCancelled) input.checkCancelled();
        int best = -1;
        bool bestConnected = false;
        double bestCost = 0, bestRank = 0;
        for (std::size_t i = 0; i < triples.size(); ++i) {
            if (used[i]) continue;
            const auto& t = triples[i];
            bool connected = bound.empty();
            unsigned mask = 0;
            for (int k = 0; k < 3; ++k) {
                int v = varsOf[i][k];
                if (v >= 0 && isBound[static_cast<std::size_t>(v)]) {
                    mask |= 1u << k;
                    if (!(t.path && k == 1)) connected = true;
                }
            }
            double& cost = estimates[i][mask];
            if (cost < 0) cost = input.cardinality->estimate(t, bound);
            // Read first, a path from a constant saves probing it per row later (kPathProbeRows).
            const bool pathFromConstant = t.path && (!t.subject.isVariable || !t.object.isVariable);
            const double rank = steps.empty() && pathFromConstant ? cost / kPathProbeRows : cost;
            if (best < 0 || (connected && !bestConnected) || (connected == bestConnected && rank < bestRank)) {
                best = static_cast<int>(i);
                bestConnected = connected;
                bestCost = cost;
                bestRank = rank;
            }
        }
        used[static_cast<std::size_t>(best)] = true;
        const auto& t = triples[static_cast<std::size_t>(best)];
        JoinStep step;
        step.pattern = static_cast<std::size_t>(best);
        step.patternRows = bestCost;
        const std::string sortVar = t.path ? std::string() : input.sortVariable(t);
        bool merge = false;
        if (!steps.empty() && !sortedOn.empty() && sortVar == sortedOn) {
            // Joined only through the variable both sides are sorted on, and the new side (read
            // whole, its constants bound only) not much longer than the plan so far.
            bool onlyThrough = true;
            for (const auto* v : {&t.subject, &t.predicate, &t.object})
                if (v->isVariable && bound.count(v->var) && v->var != sortedOn) onlyThrough = false;
            merge = onlyThrough && input.cardinality->estimate(t, {}) <= kMergeLengthRatio * std::max(rows, 1.0);
        }
        bool adaptive = false;
        if (!steps.empty() && !merge && !t.path && input.hashJoins) {
            for (const auto* v : {&t.subject, &t.predicate, &t.object})
                if (v->isVariable && bound.count(v->var) && !seeded.count(v->var) &&
                    std::find(step.hashKeys.begin(), step.hashKeys.end(), v->var) == step.hashKeys.end())
                    step.hashKeys.push_back(v->var);
            // A probe costs a seek plus the rows it reads; hashing, one pass over the whole pattern.
            step.wholeRows = input.cardinality->estimate(t, seeded);
            step.hashFromRows = step.wholeRows / (kProbeRows + bestCost);
            adaptive = !step.hashKeys.empty() && rows >= kAdaptiveEstimateFraction * step.hashFromRows;
            if (!adaptive) {
                step.hashKeys.clear();
                step.hashFromRows = 0;
                step.wholeRows = 0;
            } else if (step.hashKeys.size() >= 2) {
                step.probeChoices.push_back({step.hashKeys, kProbeRows + bestCost});
                const unsigned all = (1u << step.hashKeys.size()) - 1;
                for (unsigned subset = all - 1; subset > 0; --subset) {
                    JoinStep::ProbeChoice choice;
                    std::set<std::string> probeBound = seeded;
                    for (std::size_t k = 0; k < step.hashKeys.size(); ++k)
                        if (subset & (1u << k)) {
                            choice.keys.push_back(step.hashKeys[k]);
                            probeBound.insert(step.hashKeys[k]);
                        }
                    choice.costPerProbe = kProbeRows + input.cardinality->estimate(t, probeBound);
                    // Only probes about as cheap as the whole key's: the keys left out are (nearly)
                    // fixed by the others, and fewer distinct keys is then all gain.
                    if (choice.costPerProbe <= kProbeChoiceCostRatio * step.probeChoices.front().costPerProbe)
                        step.probeChoices.push_back(std::move(choice));
                }
            }
        }
        if (steps.empty()) {
            step.kind = JoinStep::Kind::First;
            rows = bestCost;
            sortedOn = sortVar;
        } else {
            step.kind = merge ? JoinStep::Kind::Merge : adaptive ? JoinStep::Kind::Adaptive : JoinStep::Kind::Dependent;
            rows = rows * std::max(bestCost, 1.0);
            if (!merge) sortedOn.clear();
        }
        step.planRows = rows;
        step.sortedOn = sortedOn;
        steps.push_back(std::move(step));
        for (const auto* v : {&t.subject, &t.predicate, &t.object})
            if (v->isVariable && !(t.path && v == &t.predicate)) {
                bound.insert(v->var);
                isBound[static_cast<std::size_t>(varNumber.at(v->var))] = 1;
            }
    }
    return steps;
}

} // namespace corridor::query::planner
