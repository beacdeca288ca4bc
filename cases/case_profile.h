#pragma once
// The spreadsheet profile of the vocabulary (docs/import.md; after
// shared/domain/vocabulary.md section 8): which relation of an edge sheet
// becomes which property, which node types are fact nodes, where an edge's
// year goes, and the controlled values a target may name. Data only; the
// import (cases/case_import.h) applies it.

#include "storage/term.h"
#include "storage/vocabulary.h"

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::cases {

namespace iri {
inline constexpr std::string_view kPmz = storage::vocab::kPmz;
inline constexpr std::string_view kId = "https://w3id.org/corridor/id/";
inline constexpr std::string_view kSource = "https://w3id.org/corridor/source/";
// Columns with no mapping are kept under this namespace (never dropped).
inline constexpr std::string_view kColumn = "https://w3id.org/corridor/column/";
inline constexpr std::string_view kRdfType = storage::vocab::kRdfType;
inline constexpr std::string_view kRdfsLabel = storage::vocab::kRdfsLabel;
inline constexpr std::string_view kSchemaIdentifier = "https://schema.org/identifier";
inline constexpr std::string_view kDctermsTitle = "http://purl.org/dc/terms/title";
inline constexpr std::string_view kXsd = storage::xsd::kNs;
} // namespace iri

// The n-ary fact nodes of the vocabulary; None for an entity.
enum class FactKind { None, Partnership, PolicyTransfer, Milestone, Policy };

FactKind factKindOfClass(std::string_view classIri);
// The property an edge's year fills on a fact node (validFrom or atTime).
std::string_view timePropertyOf(FactKind kind);

struct RelationRule {
    std::string_view relation; // as written in the sheet
    std::string_view property; // full IRI
    // Fact kinds the edge's source may be; empty: any node.
    std::vector<FactKind> sources;
    // Targets are controlled values: the namespaces allowed (empty: a node).
    std::vector<std::string_view> valueNamespaces;
    bool yearIgnored = false; // applies_to: a year there is not the policy's start
};

const RelationRule* findRelation(std::string_view relation);
const std::vector<RelationRule>& relationRules();

// Class local names of the vocabulary (Zone, GovernmentBody, ...).
const std::vector<std::string_view>& classNames();
// Controlled values: the full IRIs the vocabulary defines (scales, elements,
// instrument types, partnership kinds and models, milestone types).
bool isControlledValue(std::string_view iri);
// The controlled values in one namespace, as local names (for messages).
std::vector<std::string_view> controlledValuesIn(std::string_view ns);
std::string_view scaleNamespace();

// Prefixes a sheet may use in ids, types and targets (pmz, scale, element,
// itype, pkind, mtype, ex, src, rdf, rdfs, owl, skos, schema, dcterms, xsd, wd, prov, org).
const std::vector<std::pair<std::string_view, std::string_view>>& builtinPrefixes();

// A year cell (YYYY, YYYY-MM or YYYY-MM-DD) as its xsd datatype IRI, or the
// reason it is not one.
struct YearValue {
    std::string lexical;
    std::string datatype;
};
std::optional<YearValue> parseYear(std::string_view text, std::string& problem);

} // namespace corridor::cases
