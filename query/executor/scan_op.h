#pragma once
// One triple pattern, matched against the active graph(s) by one index prefix scan.

#include "query/executor/operator.h"
#include "query/executor/scan_cache.h"
#include "storage/quad_scan.h"

#include <algorithm>
#include <array>
#include <optional>

namespace corridor::query::executor {

// A position of a pattern: a constant term id, or a variable's slot.
struct PatternSlot {
    bool isConstant = false;
    std::optional<TermId> constant; // nullopt: a term the store has never seen
    int slot = -1;
};

// Which graphs a pattern ranges over.
struct GraphSpec {
    enum class Kind {
        Default,  // the query's default graph (see DatasetIds)
        Fixed,    // one named graph (id), GRAPH <iri>
        Variable, // GRAPH ?g: every named graph, bound to `slot`
        None,     // a graph that does not exist: no matches
    } kind = Kind::Default;
    TermId graph = 0;
    int slot = -1;
};

class ScanOp : public Operator {
public:
    ScanOp(ExecContext& ctx, std::array<PatternSlot, 3> spo, GraphSpec graph);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    // The matches next() would give, counted without building batches of them.
    std::uint64_t countRows() override;
    std::string describe() const override;
    // The slots whose values (in `row`) will form this scan's index prefix, in
    // key order: probing rows sorted on them makes the index seeks move forward.
    std::vector<int> prefixSlots(const TermId* row) const;
    // The slots this scan's rows bind: its variables (and GRAPH ?g's).
    std::vector<int> variableSlots() const;

private:
    bool accept(const storage::QuadIds& q, TermId* row);

    std::array<PatternSlot, 3> spo_;
    GraphSpec graph_;
    std::vector<TermId> seed_;
    ScanCache cache_;
    storage::QuadScan* scan_ = nullptr;
    bool empty_ = false;
    bool dedupe_ = false; // union default graph: skip repeats of (s,p,o) across graphs
    bool haveLast_ = false;
    storage::QuadIds last_;
    std::vector<TermId> row_;
    std::uint64_t examined_ = 0; // quads countRows() has read, for its cancellation checks
};

// Orders `order` (positions of rows, rowAt(i) the row at position i) so that the rows probe
// `scan` in index order: consecutive seeks then move forward through the same blocks.
template <typename RowAt>
void sortProbeOrder(const ScanOp& scan, RowAt rowAt, std::vector<std::size_t>& order) {
    if (order.size() < 2) return;
    std::vector<int> slots = scan.prefixSlots(rowAt(order[0]));
    if (slots.empty()) return;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const TermId* x = rowAt(a);
        const TermId* y = rowAt(b);
        for (int s : slots)
            if (x[s] != y[s]) return x[s] < y[s];
        return false;
    });
}

} // namespace corridor::query::executor
