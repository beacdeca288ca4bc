#pragma once
// RDF terms as SPARQL 1.1 JSON result terms ({"type": "uri", "value": ...}) and
// back: the form TRACE paths use inside their JSON (docs/trace.md), read by the
// trace: functions and by the result writers.

#include "storage/term.h"

#include <nlohmann/json.hpp>
#include <optional>

namespace corridor::query::functions {

nlohmann::json termToJson(const storage::Term& term);
// nullopt when `j` is not such an object.
std::optional<storage::Term> termFromJson(const nlohmann::json& j);

} // namespace corridor::query::functions
