#pragma once
// RDF terms as SPARQL 1.1 JSON result terms ({"type": "uri", "value": ...}) and
// back: the form terms take inside a TRACE path's JSON (docs/trace.md).

#include "storage/term.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace corridor::query::values {

nlohmann::json termToJson(const storage::Term& term);
// nullopt when `j` is not such an object.
std::optional<storage::Term> termFromJson(const nlohmann::json& j);

} // namespace corridor::query::values
