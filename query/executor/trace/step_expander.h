#pragma once
// Where a TRACE step can go from a node: the edges leaving it (or, searching
// backwards from the end, entering it). Two kinds: VIA predicates (index scans)
// and STEP patterns (an operator tree opened with the step's start bound).

#include "query/executor/operator.h"
#include "query/executor/scan_op.h"
#include "storage/quad_scan.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query::executor::trace {

// Whether quads of `graph` count for a pattern over `spec` (the default graph of
// the query's dataset, or one named graph).
bool graphInDataset(const ExecContext& ctx, const GraphSpec& spec, TermId graph);

// One step found from a node: where it leads, and which step it is (for VIA
// steps the index of the predicate alternative, for STEP patterns the row of
// step values the expander keeps).
struct Edge {
    TermId next;
    std::uint32_t step;
};

class StepExpander {
public:
    virtual ~StepExpander() = default;
    // Appends the steps leaving `node` (backward: entering it; `next` is then
    // where the step starts).
    virtual void expand(TermId node, bool backward, std::vector<Edge>& out) = 0;
    // Every node a step can leave (backward: enter), for traces open at both ends.
    virtual void allOrigins(bool backward, std::vector<TermId>& out) = 0;
    // For --explain.
    virtual std::string describe() const = 0;
    std::uint64_t expansions = 0;
};

// VIA p|^q|...: each alternative a predicate, maybe inverse.
class ViaSteps : public StepExpander {
public:
    struct Alternative {
        std::optional<TermId> predicate; // nullopt: a predicate the store has never seen
        bool inverse = false;
        std::string iri;
    };
    ViaSteps(ExecContext& ctx, std::vector<Alternative> alternatives, GraphSpec graph);
    void expand(TermId node, bool backward, std::vector<Edge>& out) override;
    void allOrigins(bool backward, std::vector<TermId>& out) override;
    std::string describe() const override;
    const std::vector<Alternative>& alternatives() const { return alternatives_; }
    // Inside GRAPH ?g: the graph of the current search.
    void setGraph(GraphSpec graph) { graph_ = graph; }

private:
    ExecContext& ctx_;
    std::vector<Alternative> alternatives_;
    GraphSpec graph_;
    // One reusable scan per alternative and direction (reset() re-seeks).
    std::vector<std::optional<storage::QuadScan>> scans_;
};

// STEP ?from ?to { pattern }: the pattern's solutions with ?from (backward: ?to)
// bound to the node. Keeps the values of the step's variables per step.
class PatternSteps : public StepExpander {
public:
    // `forward` is planned with the from-slot bound, `backward` with the to-slot (null when the
    // search cannot step backwards: it starts from one given node and is no breadth-first search).
    PatternSteps(ExecContext& ctx, OperatorPtr forward, OperatorPtr backward, int fromSlot, int toSlot,
                 std::vector<int> valueSlots);
    void expand(TermId node, bool backward, std::vector<Edge>& out) override;
    void allOrigins(bool backward, std::vector<TermId>& out) override;
    std::string describe() const override;

    // The value of the step's i-th variable (kUnbound when the pattern left it unbound).
    TermId value(std::uint32_t step, std::size_t i) const { return values_[step * valueSlots_.size() + i]; }
    std::size_t valueCount() const { return valueSlots_.size(); }
    const Operator& forwardPlan() const { return *forward_; }
    // A slot every opening of the pattern carries (the active graph inside GRAPH ?g).
    void setSeedValue(int slot, TermId value) { seed_[slot] = value; }

private:
    ExecContext& ctx_;
    OperatorPtr forward_, backward_;
    int fromSlot_, toSlot_;
    std::vector<int> valueSlots_;
    std::vector<TermId> values_; // valueSlots_.size() per step
    std::vector<TermId> seed_;
    Batch batch_;
};

} // namespace corridor::query::executor::trace
