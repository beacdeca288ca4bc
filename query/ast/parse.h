#pragma once
// parse(): query text -> AST. The only entry into the ANTLR-generated parser.

#include "query/ast/ast.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::query::ast {

struct ParseOptions {
    std::string baseIri; // relative IRIs resolve against it (BASE overrides)
    // Prefixes known before the query's own PREFIX lines (which override them).
    std::vector<std::pair<std::string, std::string>> prefixes;
};

// Throws SyntaxError or SemanticError (unknown prefix...) with positions.
Unit parse(std::string_view text, const ParseOptions& options = {});

// rdf, rdfs, xsd, owl, prov, skos, schema, dcterms, wd, wdt, and the Corridor
// vocabulary: known without a PREFIX line unless switched off.
const std::vector<std::pair<std::string, std::string>>& builtinPrefixes();

} // namespace corridor::query::ast
