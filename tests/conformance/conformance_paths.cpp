#include "tests/conformance/conformance_paths.h"

#include <cstdlib>

#ifndef CORRIDOR_CONFORMANCE_DIR
#define CORRIDOR_CONFORMANCE_DIR "../shared/conformance"
#endif

namespace corridor::conformance {

std::string conformanceRoot() {
    if (const char* env = std::getenv("CORRIDOR_CONFORMANCE_DIR"); env && *env) return env;
    return CORRIDOR_CONFORMANCE_DIR;
}

std::string publishedIri(const std::string& relativePath) {
    return std::string(kPublishedRoot) + relativePath;
}

std::optional<std::string> localPath(const std::string& iri) {
    std::string root = kPublishedRoot;
    if (iri.compare(0, root.size(), root) != 0) return std::nullopt;
    std::string rel = iri.substr(root.size());
    if (auto hash = rel.find('#'); hash != std::string::npos) rel.erase(hash);
    return conformanceRoot() + "/w3c/" + rel;
}

} // namespace corridor::conformance
