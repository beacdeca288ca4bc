#pragma once
// Property paths that are not plain triple patterns (section 18.4): alternatives,
// *, +, ?, negated property sets, and whatever they contain. Zero-or-more and
// one-or-more reach each node once (breadth-first search over the index);
// alternatives keep duplicates, as the recommendation says.

#include "query/algebra/pattern.h"
#include "query/executor/path_edges.h"
#include "query/executor/scan_op.h"
#include "storage/statistics.h"

#include <map>
#include <set>
#include <unordered_map>

namespace corridor::query::executor {

class PathOp : public Operator {
public:
    PathOp(ExecContext& ctx, PatternSlot subject, algebra::PathPtr path, PatternSlot object, GraphSpec graph);
    ~PathOp() override; // a large memo is freed by a thread of its own (storage/free_later.h)
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;

    // Set by the planner: the rows it expects this operator to yield over all its opens (-1 if
    // unknown) and how many opens, and the store's statistics, which size the IRIs a closure
    // steps by.
    double expectedRows = -1;
    double expectedOpens = 1;
    const storage::Statistics* statistics = nullptr;

    // Graphs a step may read: one graph, the union of all, or a set.
    struct Scope {
        enum class Kind { Fixed, Union, Set } kind = Kind::Union;
        TermId graph = 0;
        std::vector<TermId> graphs;
    };

private:
    void evaluateIn(const Scope& scope, TermId graphValue);
    std::vector<TermId> eval(const algebra::Path& p, TermId node, bool inverse, const Scope& scope);
    std::vector<TermId> step(TermId node, std::optional<TermId> predicate, bool forward, const Scope& scope,
                             const std::set<TermId>* excluded);
    // Adds what the walk cost to `cost`, in entries read (a seek counted as kSeekInEntries).
    std::vector<std::vector<TermId>> stepBackAll(const std::vector<TermId>& nodes, TermId predicate, const Scope& scope,
                                                 double& cost);
    // A level of a closure's search this large takes its steps back by one IRI from one sorted walk
    // over the IRI's quads rather than a seek per node (measured: docs/decisions.md, "Closures").
    static constexpr std::size_t kBatchLevel = 64;
    // A closure stepping by one IRI reads all of the IRI's edges into memory once what its steps
    // have cost, with the level about to be stepped, would pay for reading them, or when the
    // planner expects that many rows from seeks (a step forward, or backward over several opens;
    // one open's large levels backward take the sorted walk, which reads only the edges they
    // need). Costs count entries read; a seek costs about kSeekInEntries of them (measured:
    // docs/decisions.md, "A closure holds its edges in memory").
    static constexpr double kSeekInEntries = 8;
    struct EdgeState {
        double cost = 0; // of the steps taken from the index so far, in entries read
        std::optional<PathEdges> edges;
    };
    // The edges of `predicate` (keyed by subject if `forward`, else by object) if they are held or
    // now worth reading; nullptr while stepping through the index is cheaper.
    const PathEdges* edgesFor(EdgeState& state, TermId predicate, bool forward, const Scope& scope, double levelCost);
    PathEdges readEdges(TermId predicate, bool forward, const Scope& scope);
    // Nodes reachable from `start` in one or more steps of `inner`, memoised per node.
    const std::vector<TermId>& reach(const algebra::Path& inner, TermId start, bool inverse, const Scope& scope);
    std::set<TermId> allNodes(const Scope& scope);
    bool inGraph(TermId node, const Scope& scope);
    std::optional<TermId> iriId(const algebra::Path& p) const;
    void emit(TermId s, TermId o, TermId graphValue);

    PatternSlot subject_, object_;
    algebra::PathPtr path_;
    GraphSpec graph_;
    std::map<std::string, std::optional<TermId>> iris_; // path IRIs -> store ids
    std::vector<TermId> seed_;
    ScanCache cache_;
    struct MemoKey {
        const algebra::Path* path;
        bool inverse;
        TermId node;
        bool operator==(const MemoKey&) const = default;
    };
    struct MemoHash {
        std::size_t operator()(const MemoKey& k) const {
            return std::hash<TermId>()(k.node) ^ (reinterpret_cast<std::uintptr_t>(k.path) << 1) ^ k.inverse;
        }
    };
    static constexpr std::size_t kMemoLimit = 20'000'000; // ids kept across searches
    std::unordered_map<MemoKey, std::vector<TermId>, MemoHash> memo_;
    std::size_t memoSize_ = 0;
    Scope memoScope_;
    std::map<std::pair<TermId, bool>, EdgeState> edges_; // by (IRI, forward), in memoScope_
    MemoryCharge edgeMemory_{ctx_, "the edges of a property path held in memory"};
    std::size_t edgeSetsRead_ = 0, edgesRead_ = 0; // for describe()
    std::vector<std::vector<TermId>> results_;
    MemoryCharge memory_{ctx_, "the solutions of a property path"};
    std::size_t pos_ = 0;
};

} // namespace corridor::query::executor
