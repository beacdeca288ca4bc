#pragma once
// Where the W3C suites are, and how their published IRIs map to local files.

#include <optional>
#include <string>

namespace corridor::conformance {

// $CORRIDOR_CONFORMANCE_DIR, else the folder configured at build time.
std::string conformanceRoot();
inline constexpr const char* kPublishedRoot = "https://w3c.github.io/rdf-tests/";

// "<root>/w3c/<rel>"  <->  "https://w3c.github.io/rdf-tests/<rel>"
std::string publishedIri(const std::string& relativePath);
std::optional<std::string> localPath(const std::string& iri);

// ctest treats this exit code as "skipped" (SKIP_RETURN_CODE).
inline constexpr int kSkipExitCode = 77;

} // namespace corridor::conformance
