#pragma once
// Where query results go: solutions (SELECT), a boolean (ASK) or triples
// (CONSTRUCT, DESCRIBE). Writers for each output format implement it.

#include "storage/term.h"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query {

using storage::Term;

class ResultSink {
public:
    virtual ~ResultSink() = default;
    virtual void beginSolutions(const std::vector<std::string>& /*variables*/) {}
    virtual void solution(const std::vector<std::optional<Term>>& /*values*/) {}
    virtual void boolean(bool /*value*/) {}
    virtual void beginGraph() {}
    virtual void triple(const Term& /*s*/, const Term& /*p*/, const Term& /*o*/) {}
    virtual void end() {}
    // Something the user should know about the answer (a TRACE cut short...),
    // given after end().
    virtual void warning(const std::string& /*message*/) {}
};

// Collects everything in memory (tests, the conformance runner).
class CollectingSink : public ResultSink {
public:
    enum class Kind { None, Solutions, Boolean, Graph } kind = Kind::None;
    std::vector<std::string> variables;
    std::vector<std::vector<std::optional<Term>>> rows;
    bool value = false;
    std::vector<std::array<Term, 3>> triples;
    std::vector<std::string> warnings;

    void beginSolutions(const std::vector<std::string>& vars) override {
        kind = Kind::Solutions;
        variables = vars;
    }
    void solution(const std::vector<std::optional<Term>>& values) override { rows.push_back(values); }
    void boolean(bool v) override {
        kind = Kind::Boolean;
        value = v;
    }
    void beginGraph() override { kind = Kind::Graph; }
    void triple(const Term& s, const Term& p, const Term& o) override { triples.push_back({s, p, o}); }
    void warning(const std::string& message) override { warnings.push_back(message); }
};

} // namespace corridor::query
