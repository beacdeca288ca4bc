#pragma once
// What a TRACE asks for (docs/trace.md), as the algebra holds it: its ends, its steps and its
// limits. The step pattern and the two end patterns are the Trace node's children (translated
// groups); this is the rest. Built by translate() from the AST's TracePattern.

#include "query/algebra/pattern.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace corridor::query::algebra {

// One end: a node (IRI), a label to look up, or a variable (with or without a pattern over it:
// the Trace node's FROM or TO child, empty when there is none).
struct TraceEnd {
    enum class Kind { Node, Label, Variable } kind = Kind::Variable;
    Term term;              // Node: the IRI; Label: the literal
    std::string var;        // Variable: its name outside the trace
    std::string patternVar; // its name inside the end's pattern (trace-local)
    bool hasPattern = false;
    SourceSpan span;
};

struct TraceSpec {
    std::string pathVar;
    SourceSpan pathVarSpan;
    TraceEnd from, to;
    std::string localPrefix; // trace-local variables are named "<prefix>name"
    // Steps: a property path (predicates, inverses, alternatives), or the step pattern (the Trace
    // node's first child) with designated from/to variables (trace-local names).
    PathPtr via;
    std::string stepFrom, stepTo;
    bool hasStepPattern = false;
    SourceSpan stepSpan;

    enum class Mode { Shortest, AllShortest, KShortest, All } mode = Mode::Shortest;
    std::uint64_t k = 1;
    bool acyclic = false;
    bool sameAs = false;
    std::optional<std::uint64_t> minLength, maxLength, maxStates, maxPaths;
    enum class ScaleOrder { Any, Down, Up } scaleOrder = ScaleOrder::Any;
    std::string orderVar; // trace-local step variable that must not decrease (or increase)
    std::string sameVar;  // trace-local step variable that must have one value on every step
    SourceSpan sameSpan;
    std::vector<std::pair<std::string, SourceSpan>> noteVars; // step variables that label steps in the text
    bool orderDescending = false;
    SourceSpan orderSpan;
    struct CountLimit {
        // COUNTRIES (the country property's values), SCALES (each node's ranked scale), or
        // COUNT DISTINCT <property> (its values): distinct over all nodes of the path.
        enum class What { Countries, Scales, Property } what = What::Countries;
        Term property;  // Property
        std::string op; // = < > <= >=
        std::uint64_t n = 0;
        SourceSpan span;
    };
    std::vector<CountLimit> counts;
    std::vector<Term> labelProperties, scaleRanking;
    std::optional<Term> scaleProperty, countryProperty;
    SourceSpan span;
};

} // namespace corridor::query::algebra
