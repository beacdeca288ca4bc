// Fuzz target: the serd glue (N-Triples, N-Quads, Turtle, TriG, also with
// --keep-going), and the raptor2 glue for RDF/XML, on arbitrary bytes; the first
// byte picks the format.

#include "storage/error.h"
#include "storage/rdf_io/rdf_parser.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace {
struct Discard : corridor::storage::rdf_io::QuadHandler {
    void onQuad(const corridor::storage::rdf_io::TermRef& s, const corridor::storage::rdf_io::TermRef& p,
                const corridor::storage::rdf_io::TermRef& o, const corridor::storage::rdf_io::TermRef*) override {
        // Touch what the loader would read.
        volatile std::size_t n = s.value.size() + p.value.size() + o.value.size() + o.datatype.size() + o.lang.size();
        (void)n;
    }
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace corridor::storage::rdf_io;
    if (size == 0) return 0;
    ParseOptions options;
    options.format = static_cast<RdfFormat>(data[0] % 5);
    options.keepGoing = (data[0] & 8) != 0;
    options.baseIri = "http://fuzz.example/base/";
    options.sourceName = "fuzz";
    Discard sink;
    try {
        parseRdfString(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1), options, sink);
    } catch (const corridor::Error&) {}
    return 0;
}
