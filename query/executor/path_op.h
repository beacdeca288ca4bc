#pragma once
// Property paths that are not plain triple patterns (section 18.4): alternatives,
// *, +, ?, negated property sets, and whatever they contain. Zero-or-more and
// one-or-more reach each node once (breadth-first search over the index);
// alternatives keep duplicates, as the recommendation says.

#include "query/algebra/pattern.h"
#include "query/executor/scan_op.h"

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
    std::string describe() const override { return "property path" + (label.empty() ? "" : " " + label); }

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
    std::vector<std::vector<TermId>> stepBackAll(const std::vector<TermId>& nodes, TermId predicate,
                                                 const Scope& scope);
    // A level of a closure's search this large takes its steps back by one IRI from one sorted walk
    // over the IRI's quads rather than a seek per node (measured: docs/decisions.md, "Closures").
    static constexpr std::size_t kBatchLevel = 64;
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
    std::vector<std::vector<TermId>> results_;
    MemoryCharge memory_{ctx_, "the solutions of a property path"};
    std::size_t pos_ = 0;
};

} // namespace corridor::query::executor
