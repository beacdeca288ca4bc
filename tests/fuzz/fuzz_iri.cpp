// Fuzz target: RFC 3986 reference resolution and the absolute-IRI check. The
// input is a base and a reference separated by the first newline.

#include "storage/rdf_io/iri.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace corridor::storage::rdf_io;
    std::string_view in(reinterpret_cast<const char*>(data), size);
    auto nl = in.find('\n');
    std::string_view base = nl == std::string_view::npos ? std::string_view("http://a/b/c/d;p?q") : in.substr(0, nl);
    std::string_view ref = nl == std::string_view::npos ? in : in.substr(nl + 1);
    (void)absoluteIriProblem(base);
    if (hasScheme(base)) (void)resolveIri(base, ref);
    (void)removeDotSegments(ref);
    return 0;
}
