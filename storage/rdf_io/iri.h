#pragma once
// RFC 3986 reference resolution (section 5.2), including remove_dot_segments,
// which serd 0.30 leaves out. Absolute IRIs are never normalised otherwise.

#include <optional>
#include <string>
#include <string_view>

namespace corridor::storage::rdf_io {

// True when `iri` starts with a scheme ("http:", "urn:", ...).
bool hasScheme(std::string_view iri);

// Why `iri` is not an absolute IRI a store can hold (no scheme, a space or
// another character IRIs do not allow); nullopt when it is one.
std::optional<std::string> absoluteIriProblem(std::string_view iri);

// Resolves `reference` against the absolute IRI `base`. A reference with a
// scheme is returned with only its dot segments removed (RFC 3986 5.2.2).
std::string resolveIri(std::string_view base, std::string_view reference);

// RFC 3986 5.2.4.
std::string removeDotSegments(std::string_view path);

} // namespace corridor::storage::rdf_io
