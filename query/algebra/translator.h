#pragma once
// Internal to query/algebra: the state of one translation.

#include "query/algebra/algebra.h"
#include "query/ast/ast.h"

#include <map>
#include <string>
#include <vector>

namespace corridor::query::algebra {

// The AST's leaf structures in the algebra's own types (translate_terms.cpp).
VarOrTerm toAlgebra(const ast::VarOrTerm& v);
PathPtr toAlgebra(const ast::PathPtr& p);
TriplePattern toAlgebra(const ast::TriplePattern& t);
std::shared_ptr<const TraceSpec> toAlgebra(const ast::TracePattern& t);
std::shared_ptr<const Table> toAlgebra(const std::shared_ptr<const ast::InlineData>& values);

class Translator {
public:
    explicit Translator(const std::string& text) : text_(text) {}

    Query query(const ast::Query& q);

    // translate_pattern.cpp
    NodePtr group(const ast::GroupPattern& g);
    NodePtr triples(const std::vector<ast::TriplePattern>& triples);
    void path(const VarOrTerm& s, const PathPtr& p, const VarOrTerm& o, std::vector<TriplePattern>& bgp,
              std::vector<NodePtr>& paths);
    NodePtr subquery(const ast::Query& q);
    NodePtr trace(const std::shared_ptr<const ast::TracePattern>& pattern);

    // translate_expression.cpp
    // Aggregates inside become variables of the enclosing Group (collected in
    // aggregates_) when allowed, else SemanticError.
    ExprPtr expression(const ast::Expression& e, bool allowAggregates);

    [[noreturn]] void fail(const std::string& message, const SourceSpan& where) const;
    [[noreturn]] void unsupported(const std::string& message, const SourceSpan& where) const;
    std::string freshVar(const char* stem);

    std::vector<Aggregate> aggregates_;

private:
    Query selectLike(const ast::Query& q, NodePtr pattern, Query out);
    const std::string& text_;
    int fresh_ = 0;
};

} // namespace corridor::query::algebra
