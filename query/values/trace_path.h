#pragma once
// A path found by TRACE as a typed value. The executor builds it (nodes and steps
// shared between the paths of one TRACE), the trace: functions and the result
// writers read its fields, and it travels through rows and result sinks as the
// payload of a literal of datatype trace:Path whose lexical form is the path's
// readable text. Only the writers turn it into JSON (path_json.h, docs/trace.md).

#include "storage/term.h"

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query::values {

using storage::Term;

struct PathNode {
    Term term;
    std::string label; // the preferred label (English or untagged first)
    std::string brief; // the shortest label, or the IRI's local name: what the text shows
    std::vector<std::string> types;
    std::optional<std::string> scale; // the scale's IRI, when the node has one
    std::string scaleLabel;
    int rank = 0;
    std::vector<std::string> countries, countryLabels;
};

// A fact behind a step, in its graph (nullopt: the default graph).
struct PathFact {
    Term s, p, o;
    std::optional<Term> g;
};

struct PathStep {
    Term from, to;
    // VIA steps: the property taken, and whether it was followed backwards.
    std::optional<std::string> predicate;
    bool inverse = false;
    // STEP patterns: the step variables' values and their labels, by variable name.
    bool pattern = false;
    std::map<std::string, Term> bindings;
    std::map<std::string, std::string> labels;
    std::string note; // what the text shows on the step's arrow
    std::vector<std::string> graphs, sources;
    std::vector<PathFact> facts;
};

// SAMEAS: a node a step left from that the path did not arrive at.
struct PathMember {
    std::shared_ptr<const PathNode> node;
    Term sameAs; // the node the path arrived at
};

// What a path says beyond its ends and its text: its nodes, members and steps.
struct PathDetail {
    std::vector<std::shared_ptr<const PathNode>> nodes; // start first
    std::vector<PathMember> members;
    std::vector<std::shared_ptr<const PathStep>> steps;
};

// A path's ends and text are always there. Its detail is either given (a path read
// from JSON, a test's) or built on the first read of nodes(), members() or steps()
// by the function the executor hands over: a writer that shows only the text (TSV,
// CSV, a plain table) never pays for the facts, types and sources behind each step.
// The executor builds whatever detail is still unread, of paths still held, before
// its execution ends (docs/decisions.md, "A path's detail is built when read").
class TracePath final : public storage::TermPayload {
public:
    using Builder = std::function<PathDetail()>;
    TracePath() = default;
    TracePath(std::size_t length, Builder build) : length_(length), build_(std::move(build)) {}

    Term start, end;
    std::string text; // "MOFCOM —tax 2006→ TCRIZ"

    std::size_t length() const { return length_ ? *length_ : detail_.steps.size(); }
    const std::vector<std::shared_ptr<const PathNode>>& nodes() const { return detail().nodes; }
    const std::vector<PathMember>& members() const { return detail().members; }
    const std::vector<std::shared_ptr<const PathStep>>& steps() const { return detail().steps; }
    // A path given its detail: filled in place before it is shared.
    PathDetail& edit() { return detail_; }
    // Builds the detail now if it was not yet (what the end of an execution calls).
    void build() const { detail(); }
    // Gives up building: the detail stays empty (the executor's store failed at its end).
    void abandon() const;
    bool built() const;

    // The node or member whose term is `term`, nullptr if none.
    const PathNode* describe(const Term& term) const;
    // The facts behind all steps, in step order.
    std::vector<storage::Quad> facts() const;

private:
    const PathDetail& detail() const;
    std::optional<std::size_t> length_; // set when the detail is built later
    mutable std::mutex mutex_;
    mutable std::atomic<bool> built_{false};
    mutable Builder build_;
    mutable PathDetail detail_;
};

// A literal of datatype trace:Path?
bool isPath(const Term& term);
// The path a term stands for: its payload, or, for a trace:Path literal whose lexical
// form is a path's JSON (a TSV or XML result read back), that JSON read; else nullptr.
std::shared_ptr<const TracePath> pathOf(const Term& term);
// The text people read for a trace:Path literal: its path's text, else its lexical form.
std::string pathText(const Term& term);
// The literal standing for `path`.
Term pathTerm(std::shared_ptr<const TracePath> path);

} // namespace corridor::query::values
