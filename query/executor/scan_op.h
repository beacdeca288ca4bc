#pragma once
// One triple pattern, matched against the active graph(s) by one index prefix scan.

#include "query/executor/operator.h"
#include "query/executor/probe_memo.h"
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

    // Splitting one scan between threads (a hash join's build): a value of the index component
    // after the pattern's bound ones, between the first and last quads the scan would read for
    // `seed`, so that [first, split) and [split, last] each hold part of the range; none when
    // the range is empty, one value wide, or cannot be split (a filtered prefix, or the graph next).
    std::optional<TermId> splitValue(const TermId* seed);
    // Until cleared, open() reads only the part of the pattern's quads before `split` (`upper`
    // false) or from it on (true).
    void restrictTo(std::optional<TermId> split, bool upper) {
        split_ = split;
        upperPart_ = upper;
    }
    // A scan of the same pattern, graph and context (and memo), unopened.
    std::unique_ptr<ScanOp> twin() const {
        auto t = std::make_unique<ScanOp>(ctx_, spo_, graph_);
        t->memoize(memo_);
        return t;
    }
    // Probes read from and kept in `memo` (a TRACE step pattern's: probe_memo.h); nullptr: none.
    void memoize(ProbeMemo* memo) { memo_ = memo; }

private:
    bool accept(const storage::QuadIds& q, TermId* row);
    // The next quad of the open probe: from the memo, or from the index (kept for the memo
    // when the probe proves small).
    bool pull(storage::QuadIds& q);

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
    storage::QuadPattern pattern_{}; // what open() asked the index for
    std::optional<TermId> split_;    // restrictTo()
    bool upperPart_ = false;
    std::uint64_t examined_ = 0; // quads countRows() has read, for its cancellation checks
    ProbeMemo* memo_ = nullptr;
    storage::GraphRange range_ = storage::GraphRange::All;
    // The open probe's quads in read_: copied from the memo and read back from replayAt_
    // (replaying_), or being read from the index for it (recording_).
    bool replaying_ = false;
    std::size_t replayAt_ = 0;
    bool recording_ = false;
    std::vector<storage::QuadIds> read_;
};

// Orders `order` (positions of rows, rowAt(i) the row at position i) on `slots`, those of an index
// prefix in key order (ScanOp::prefixSlots), so that the rows probe in index order: consecutive
// seeks then move forward through the same blocks.
template <typename RowAt>
void sortProbeOrderOn(const std::vector<int>& slots, RowAt rowAt, std::vector<std::size_t>& order) {
    if (order.size() < 2 || slots.empty()) return;
    auto less = [&](std::size_t a, std::size_t b) {
        const TermId* x = rowAt(a);
        const TermId* y = rowAt(b);
        for (int s : slots)
            if (x[s] != y[s]) return x[s] < y[s];
        return false;
    };
    // Rows often come in that order already: from a scan of the same index, or from a join that
    // probed in it.
    if (std::is_sorted(order.begin(), order.end(), less)) return;
    std::stable_sort(order.begin(), order.end(), less);
}
// The same on the prefix `scan` reads for the slots the first row binds.
template <typename RowAt>
void sortProbeOrder(const ScanOp& scan, RowAt rowAt, std::vector<std::size_t>& order) {
    if (order.size() < 2) return;
    sortProbeOrderOn(scan.prefixSlots(rowAt(order[0])), rowAt, order);
}

} // namespace corridor::query::executor
