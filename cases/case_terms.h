#pragma once
// How the cells of a case sheet become RDF terms: node ids, prefixed names,
// source documents, column headers.

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace corridor::cases {

using PrefixList = std::vector<std::pair<std::string, std::string>>;

// Trims spaces, tabs and line ends at both sides.
std::string_view trim(std::string_view s);

// `prefix:local` with a known prefix, expanded; nullopt otherwise.
std::optional<std::string> expandPrefixed(std::string_view text, const PrefixList& prefixes);

// A node id as an IRI: an absolute IRI (with "://" or "urn:") stays as it is,
// a known prefixed name is expanded, anything else goes into the instance
// namespace with characters outside [A-Za-z0-9._~-] and non-ASCII letters kept
// as written, reserved ones percent-encoded. `problem` is set for an id that
// cannot be one.
std::optional<std::string> nodeIri(std::string_view id, const PrefixList& prefixes, std::string& problem);

// The id in the instance namespace, whatever it looks like (reserved characters percent-encoded).
std::string instanceIri(std::string_view id);

// A source_doc cell as the document's IRI: a URL stays, a DOI (10.x/..., doi:...,
// https://doi.org/...) becomes https://doi.org/..., free text gets a stable
// minted IRI in the source namespace (minted = true; keep the text as its title).
std::string sourceDocumentIri(std::string_view text, bool& minted);

// A column header: a name and an optional language tag ("label@zh") or
// datatype ("schema:numberOfEmployees^^xsd:integer", the datatype as written).
struct ColumnName {
    std::string name; // lower-cased for the profile's names, as written otherwise
    std::string lang;
    std::string datatype;
};
ColumnName parseColumnName(std::string_view header);

} // namespace corridor::cases
