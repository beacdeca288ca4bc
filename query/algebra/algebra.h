#pragma once
// The SPARQL algebra (SPARQL 1.1 section 18): what translate() makes of the
// AST, what the rewrites transform and the planner turns into operators.
// Variables are named here; the planner assigns them row slots.

#include "query/algebra/pattern.h"
#include "query/algebra/trace_spec.h"
#include "query/expression_kind.h"
#include "query/query_form.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query::algebra {

// VALUES: variables and rows; an absent value is UNDEF.
struct Table {
    std::vector<std::string> vars;
    std::vector<std::vector<std::optional<Term>>> rows;
    SourceSpan span;
};

struct Node;
using NodePtr = std::shared_ptr<const Node>;
struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

// Expressions: the AST's kinds, with EXISTS patterns translated and aggregates
// replaced by the variables the Group node binds them to.
struct Expr {
    using Kind = ExpressionKind;
    Kind kind = Kind::Constant;
    std::string var;
    Term constant;
    std::string name;
    std::vector<ExprPtr> args;
    NodePtr pattern; // Exists / NotExists
    SourceSpan span;
};

struct Aggregate {
    std::string function; // COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT
    bool distinct = false;
    bool star = false;
    std::string separator = " ";
    ExprPtr arg; // null for COUNT(*)
    std::string outVar;
};

struct OrderKey {
    ExprPtr expr;
    bool descending = false;
};

enum class Op {
    Bgp,      // triples
    Path,     // path (subject, path, object)
    Join,     // children[0], children[1]
    LeftJoin, // children[0], children[1], exprs = condition (conjunction, may be empty)
    Filter,   // exprs (conjunction), children[0]
    Union,    // children[0], children[1]
    Minus,    // children[0], children[1]
    Graph,    // graph, children[0]
    Extend,   // var := expr over children[0]
    Values,   // values (a table), no children
    Group,    // groupKeys/groupVars, aggregates over children[0]
    OrderBy,  // order over children[0]
    Project,  // projection over children[0]
    Distinct, // children[0]
    Reduced,  // children[0]
    Slice,    // offset, limit over children[0]
    Service,  // graph = endpoint, children[0] (not evaluated)
    Trace,    // trace; children = step pattern, from-end pattern, to-end pattern
              // (each an empty BGP when absent; trace-local variables)
};

struct Node {
    Op op = Op::Bgp;
    std::vector<NodePtr> children;
    std::vector<TriplePattern> triples;     // Bgp; Path: triples[0] with .path set
    std::vector<ExprPtr> exprs;             // Filter, LeftJoin
    std::string var;                        // Extend
    ExprPtr expr;                           // Extend
    VarOrTerm graph;                        // Graph, Service
    bool silent = false;                    // Service
    std::string serviceQuery;               // Service: the request (without VALUES)
    std::shared_ptr<const Table> values;    // Values
    std::vector<ExprPtr> groupKeys;         // Group
    std::vector<std::string> groupVars;     // Group: the variable each key binds
    std::vector<Aggregate> aggregates;      // Group
    std::vector<OrderKey> order;            // OrderBy
    std::vector<std::string> projection;    // Project
    std::uint64_t offset = 0;               // Slice
    std::optional<std::uint64_t> limit;     // Slice; OrderBy: only the first rows are needed
    std::shared_ptr<const TraceSpec> trace; // Trace
    SourceSpan span;
};

struct Dataset {
    bool specified = false; // FROM / FROM NAMED present
    std::vector<Term> from;
    std::vector<Term> fromNamed;
};

// A translated query: the algebra plus what the query form needs.
struct Query {
    QueryForm form = QueryForm::Select;
    NodePtr root;
    std::vector<std::string> projection; // SELECT: result variables, in order
    std::vector<TriplePattern> constructTemplate;
    std::vector<VarOrTerm> describe;
    Dataset dataset;
    std::string baseIri; // IRI() resolves relative strings against it
    std::string text;    // the query source, for error messages
};

// Small constructors used by translate() and the rewrites.
NodePtr makeJoin(NodePtr left, NodePtr right);
NodePtr withChildren(const Node& node, std::vector<NodePtr> children); // a copy, other children
NodePtr makeFilter(std::vector<ExprPtr> conjuncts, NodePtr child);
NodePtr emptyBgp(); // the identity of Join: one solution, no bindings
bool isEmptyBgp(const NodePtr& node);

} // namespace corridor::query::algebra
