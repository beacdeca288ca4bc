#pragma once
// What one TRACE operator shares with the paths it returns: the step expander,
// the vocabulary and node facts, and how to render a path (path_render.cpp).
// Paths keep it alive after the operator is done.

#include "query/executor/scan_op.h"
#include "query/executor/trace/node_facts.h"
#include "query/executor/trace/path_types.h"
#include "query/executor/trace/step_expander.h"
#include "query/executor/trace/time_key.h"
#include "query/values/trace_path.h"

#include <array>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace corridor::query::executor::trace {

// A triple pattern of the step pattern, in terms of the step's values: used to
// find the facts (and their graphs) behind a step of a returned path.
struct StepTemplate {
    struct Position {
        bool constant = false;
        std::optional<TermId> id; // constant: nullopt when the store lacks the term
        int value = -1;           // else: index among the step's values
    };
    std::array<Position, 3> spo;
};

struct NodeLabels {
    std::string label; // the preferred label (English or untagged first)
    std::string brief; // the shortest such label, or the IRI's local name
    bool blank = false;
};

class TraceShared : public PathSource, public std::enable_shared_from_this<TraceShared> {
public:
    TraceShared(ExecContext& ctx, TraceVocabulary vocabulary, GraphSpec graph);

    ExecContext& ctx;
    const TraceVocabulary vocabulary;
    mutable NodeFacts facts;
    GraphSpec graph;
    std::unique_ptr<StepExpander> expander;
    ViaSteps* via = nullptr;         // set for VIA steps
    PatternSteps* pattern = nullptr; // set for STEP patterns
    ProbeMemo probes;                // what the step pattern's scans keep (probe_memo.h)

    // STEP patterns: the step's variables (display names), which of them stand
    // for the step's own node (an n-ary fact: not shown in the path's text; its
    // sources are the step's sources), and which are the ends and the time.
    std::vector<std::string> valueNames;
    std::vector<bool> hub;
    int fromValue = -1, toValue = -1, timeValue = -1, sameValue = -1;
    std::vector<int> noteValues; // NOTE ?v...: the values shown on each step (empty: the default)
    std::vector<StepTemplate> templates;

    // The time value of a step (ASCENDING/DESCENDING), nullptr when it has none.
    const TimeKey* stepTime(std::uint32_t step);
    // The value of the SAME variable at a step (kUnbound when it has none).
    TermId stepSameValue(std::uint32_t step) const {
        return sameValue < 0 ? kUnbound : pattern->value(step, static_cast<std::size_t>(sameValue));
    }

    const NodeLabels& labels(TermId node) const;
    // Rendering (path_render.cpp). A path value gets its ends and text at once; its
    // detail (nodes, steps, their facts and sources) when first read. Nodes and steps
    // are built once per TRACE and shared by the paths.
    storage::Term render(ExecContext& ctx, const FoundPath& path) const override;
    void finish() const noexcept override;
    std::shared_ptr<const values::PathNode> node(TermId node) const;
    // `graph`: the graph the path was found in, when the trace searches each graph in turn.
    std::shared_ptr<const values::PathStep> step(const Hop& hop, std::optional<TermId> graph) const;
    bool inDataset(TermId g) const { return graphInDataset(ctx, graph, g); }

private:
    std::string text(const FoundPath& path) const;
    values::PathDetail detail(const FoundPath& path) const;
    // What a step's arrow shows: the property's label (VIA), the values of the step's
    // variables (STEP patterns; NOTE ?v... chooses them).
    const std::string& note(const Hop& hop) const;
    bool inverse(const Hop& hop) const { return via && via->alternatives()[hop.step].inverse; }

    // Rendering and building a path's detail take turns: a path may be read on another thread.
    mutable std::mutex mutex_;
    // Paths rendered without their detail; finish() builds those still held. Expired ones
    // are dropped whenever the list doubles.
    mutable std::vector<std::weak_ptr<const values::TracePath>> unbuilt_;
    mutable std::size_t pruneAt_ = 64;
    mutable std::unordered_map<std::uint32_t, std::string> notes_; // by Hop::step
    mutable std::unordered_map<TermId, NodeLabels> labels_;
    mutable std::unordered_map<TermId, std::shared_ptr<const values::PathNode>> nodeCache_;
    mutable std::optional<storage::QuadScan> tripleScan_; // reused for every (s, p, o, ?) lookup
    mutable std::map<std::tuple<TermId, TermId, std::uint32_t, TermId>, std::shared_ptr<const values::PathStep>>
        stepCache_;
    std::unordered_map<TermId, std::optional<TimeKey>> times_;
};

} // namespace corridor::query::executor::trace
