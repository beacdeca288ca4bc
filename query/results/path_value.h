#pragma once
// TRACE paths in results: a literal of datatype trace:Path whose lexical form is
// the path as JSON (docs/trace.md). Writers show its "text" to people, embed the
// JSON in JSON results, or (path_writers.cpp) turn paths into step tables and graphs.

#include "storage/term.h"

#include <string>
#include <vector>

namespace corridor::query::results {

bool isPath(const storage::Term& term);
// The readable rendering: "MOFCOM —tax 2006→ TCRIZ".
std::string pathText(const storage::Term& term);
// The facts that make the path's steps, each with its graph.
std::vector<storage::Quad> pathFacts(const storage::Term& term);
// SAMEAS paths: the pairs (node the path arrived at, the member a step left from).
std::vector<std::pair<storage::Term, storage::Term>> pathSameAs(const storage::Term& term);

} // namespace corridor::query::results
