#pragma once
// S-expressions for algebra trees, in the style of the SPARQL recommendation's
// examples: (project (?x) (filter (> ?n 3) (bgp (triple ?x <p> ?n)))).
// Used by golden tests and by --explain.

#include "query/algebra/algebra.h"

#include <string>

namespace corridor::query::algebra {

std::string toSExpression(const Node& node);
std::string toSExpression(const Expr& expr);
std::string toSExpression(const Query& query);
std::string termText(const VarOrTerm& t);
// The first line of a TRACE: path variable, ends, steps and options.
std::string traceHeader(const TraceSpec& t);

} // namespace corridor::query::algebra
