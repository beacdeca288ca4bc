#pragma once
// The abstract syntax tree: what the query says, with every prefixed name and
// relative IRI already resolved, and a SourceSpan on every node for error
// messages. Built from ANTLR's parse tree by ast_builder_*.cpp; nothing past
// this point knows ANTLR exists.

#include "query/error.h"
#include "query/expression_kind.h"
#include "query/query_form.h"
#include "storage/term.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query::ast {

using query::QueryForm;
using storage::Term;

// A position in a triple pattern: a variable or an RDF term. Blank nodes in
// patterns become variables whose names start with "_:" (they cannot be
// projected, as SPARQL says).
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

// A property path (SPARQL 1.1 section 9).
struct Path {
    enum class Kind { Iri, Inverse, Sequence, Alternative, ZeroOrMore, OneOrMore, ZeroOrOne, NegatedSet };
    Kind kind = Kind::Iri;
    Term iri;                   // Iri
    std::vector<PathPtr> items; // Inverse/ZeroOrMore/OneOrMore/ZeroOrOne: [0]; Sequence, Alternative;
                                // NegatedSet: Iri or Inverse(Iri) items
    SourceSpan span;
};

// A triple pattern. The predicate is a variable or IRI, or else a path.
struct TriplePattern {
    VarOrTerm subject;
    VarOrTerm predicate; // unused when path is set
    PathPtr path;
    VarOrTerm object;
    SourceSpan span;
};

struct GroupPattern;
struct Query;
struct Expression;
using ExprPtr = std::shared_ptr<const Expression>;

struct Expression {
    using Kind = ExpressionKind;
    Kind kind = Kind::Constant;
    std::string var;
    Term constant;
    std::string name;
    std::vector<ExprPtr> args;
    bool distinct = false;                       // aggregates
    bool star = false;                           // COUNT(*)
    std::optional<std::string> separator;        // GROUP_CONCAT
    std::shared_ptr<const GroupPattern> pattern; // EXISTS
    int depth = 1;                               // of the tree below, this node included
    SourceSpan span;
};

// VALUES: variables and rows; an absent value is UNDEF.
struct InlineData {
    std::vector<std::string> vars;
    std::vector<std::vector<std::optional<Term>>> rows;
    SourceSpan span;
};

// ---- TRACE (docs/trace.md) ------------------------------------------------------------

// One end of a TRACE: a node (IRI), a label to look up, or a variable, optionally
// constrained by a pattern over it (an open end without one).
struct TraceEnd {
    enum class Kind { Node, Label, Variable } kind = Kind::Variable;
    Term term;                                   // Node: the IRI; Label: the literal
    std::string var;                             // Variable: its name outside the trace
    std::string patternVar;                      // its name inside `pattern` (trace-local)
    std::shared_ptr<const GroupPattern> pattern; // may be null
    SourceSpan span;
};

struct TracePattern {
    std::string pathVar;
    SourceSpan pathVarSpan;
    TraceEnd from, to;
    std::string localPrefix; // trace-local variables are renamed "<prefix>name"
    // Steps: a property path (predicates, inverses, alternatives), or a pattern
    // with designated from/to variables (trace-local names).
    PathPtr via;
    std::string stepFrom, stepTo;
    std::shared_ptr<const GroupPattern> step;
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

struct PatternElement {
    enum class Kind { Triples, Filter, Optional, Minus, Union, Graph, Service, Bind, Values, SubSelect, Group, Trace };
    Kind kind = Kind::Triples;
    std::vector<TriplePattern> triples;                      // Triples
    ExprPtr expr;                                            // Filter, Bind
    std::string var;                                         // Bind target
    std::vector<std::shared_ptr<const GroupPattern>> groups; // Union: each branch; others: [0]
    VarOrTerm graph;                                         // Graph, Service
    bool silent = false;                                     // Service
    std::string serviceQuery; // Service: the request sent (prologue, SELECT * WHERE and the group's text)
    std::shared_ptr<const InlineData> values;  // Values
    std::shared_ptr<const Query> subquery;     // SubSelect
    std::shared_ptr<const TracePattern> trace; // Trace
    SourceSpan span;
};

struct GroupPattern {
    std::vector<PatternElement> elements;
    SourceSpan span;
};

struct SelectItem {
    std::string var;
    ExprPtr expr; // null for a plain variable
    SourceSpan span;
};

struct GroupCondition {
    ExprPtr expr;
    std::string var; // the AS variable, or the variable itself for a plain one
    SourceSpan span;
};

struct OrderCondition {
    ExprPtr expr;
    bool descending = false;
};

struct Query {
    QueryForm form = QueryForm::Select;
    bool distinct = false;
    bool reduced = false;
    bool selectAll = false; // SELECT * / DESCRIBE *
    std::vector<SelectItem> select;
    std::vector<Term> from;
    std::vector<Term> fromNamed;
    std::shared_ptr<const GroupPattern> where; // null: DESCRIBE without WHERE
    std::vector<GroupCondition> groupBy;
    std::vector<ExprPtr> having;
    std::vector<OrderCondition> orderBy;
    std::optional<std::uint64_t> limit;
    std::uint64_t offset = 0;
    std::shared_ptr<const InlineData> values; // trailing VALUES
    std::vector<TriplePattern> constructTemplate;
    std::vector<VarOrTerm> describe;
    std::string baseIri; // after BASE declarations: IRI() resolves against it
    SourceSpan span;
};

// ---- update -------------------------------------------------------------------------

// A triple in a graph (nullopt: the default graph, or WITH's graph).
struct QuadPattern {
    std::optional<VarOrTerm> graph;
    TriplePattern triple;
};

struct GraphTarget {
    enum class Kind { Default, Named, All, Graph };
    Kind kind = Kind::Default;
    Term iri; // Graph
};

struct UpdateOperation {
    enum class Kind { Load, Clear, Drop, Create, Add, Move, Copy, InsertData, DeleteData, DeleteWhere, Modify };
    Kind kind = Kind::InsertData;
    bool silent = false;
    Term source;              // Load: the document IRI
    std::optional<Term> into; // Load INTO GRAPH
    GraphTarget target;       // Clear, Drop, Create; Add/Move/Copy destination
    GraphTarget from;         // Add/Move/Copy source
    std::vector<QuadPattern> deleteQuads;
    std::vector<QuadPattern> insertQuads;
    std::optional<Term> with;
    std::vector<Term> using_;
    std::vector<Term> usingNamed;
    std::shared_ptr<const GroupPattern> where;
    SourceSpan span;
};

struct Update {
    std::vector<UpdateOperation> operations;
};

// A parsed request: a query or an update.
struct Unit {
    std::shared_ptr<const Query> query;   // set for a query
    std::shared_ptr<const Update> update; // set for an update
    std::string text;                     // the source, for error messages later on
    // PREFIX declarations the text made (in order), e.g. for a shell session to keep.
    std::vector<std::pair<std::string, std::string>> declaredPrefixes;
};

} // namespace corridor::query::ast
