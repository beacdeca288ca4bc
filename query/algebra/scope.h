#pragma once
// In-scope variables (section 18.2.1) and variables that every solution binds.

#include "query/algebra/algebra.h"

#include <set>
#include <string>
#include <vector>

namespace corridor::query::algebra {

// In order of first appearance.
std::vector<std::string> inScopeVariables(const Node& node);
// Bound in every solution of `node` (used to choose join keys).
std::set<std::string> certainVariables(const Node& node);
// Variables an expression mentions (outside EXISTS patterns).
void expressionVariables(const Expr& expr, std::set<std::string>& out);
// Every variable an expression mentions, inside its EXISTS patterns too (their filters and BINDs
// included): what an EXISTS needs bound before it runs, since it sees the row's values wherever
// its pattern names them.
void mentionedVariables(const Expr& expr, std::set<std::string>& out);
void mentionedVariables(const Node& node, std::set<std::string>& out);

} // namespace corridor::query::algebra
