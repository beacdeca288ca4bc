#pragma once
// Triple patterns and property paths as the algebra holds them. translate() builds them from
// the AST's; the planner and the operators read only these, never the AST.

#include "query/error.h"
#include "storage/term.h"

#include <memory>
#include <string>
#include <vector>

namespace corridor::query::algebra {

using storage::Term;

// A position in a triple pattern: a variable (a blank node of the query is a variable whose name
// starts with "_:") or an RDF term.
struct VarOrTerm {
    bool isVariable = false;
    std::string var; // without '?'
    Term term;
    SourceSpan span;

    static VarOrTerm variable(std::string name, SourceSpan span = {}) {
        VarOrTerm v;
        v.isVariable = true;
        v.var = std::move(name);
        v.span = span;
        return v;
    }
    static VarOrTerm constant(Term term, SourceSpan span = {}) {
        VarOrTerm v;
        v.term = std::move(term);
        v.span = span;
        return v;
    }
    bool isBlankVariable() const { return isVariable && var.rfind("_:", 0) == 0; }
};

struct Path;
using PathPtr = std::shared_ptr<const Path>;

// A property path (SPARQL 1.1 section 9) that is more than a chain of IRIs: translate() turns
// IRIs, inverses and sequences into triple patterns, and keeps the rest as Path operators.
struct Path {
    enum class Kind { Iri, Inverse, Sequence, Alternative, ZeroOrMore, OneOrMore, ZeroOrOne, NegatedSet };
    Kind kind = Kind::Iri;
    Term iri;                   // Iri
    std::vector<PathPtr> items; // Inverse/ZeroOrMore/OneOrMore/ZeroOrOne: [0]; Sequence, Alternative;
                                // NegatedSet: Iri or Inverse(Iri) items
    SourceSpan span;
};

// A triple pattern: the predicate is a variable or an IRI, or else `path` is set.
struct TriplePattern {
    VarOrTerm subject;
    VarOrTerm predicate; // unused when path is set
    PathPtr path;
    VarOrTerm object;
    SourceSpan span;
};

} // namespace corridor::query::algebra
