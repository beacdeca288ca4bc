#pragma once
// translate(): AST -> SPARQL algebra (section 18.2), with the static checks of
// section 18.2.1 and 19.6 (variable scope of BIND and SELECT expressions,
// grouping rules), which throw SemanticError with the position.

#include "query/algebra/algebra.h"
#include "query/ast/ast.h"

namespace corridor::query::algebra {

Query translate(const ast::Query& query, const std::string& text);

} // namespace corridor::query::algebra
