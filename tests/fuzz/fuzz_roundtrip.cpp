// Fuzz target: what the writers write, the parser reads back as the same term.
// The input becomes a literal (and, where it is one, an IRI); each is written
// as N-Quads and parsed again.

#include "storage/error.h"
#include "storage/rdf_io/iri.h"
#include "storage/rdf_io/quad_writer.h"
#include "storage/rdf_io/rdf_parser.h"
#include "storage/utf8.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
struct Collect : corridor::storage::rdf_io::QuadHandler {
    std::vector<corridor::storage::Term> objects;
    void onQuad(const corridor::storage::rdf_io::TermRef&, const corridor::storage::rdf_io::TermRef&,
                const corridor::storage::rdf_io::TermRef& o, const corridor::storage::rdf_io::TermRef*) override {
        objects.push_back(o.toTerm());
    }
};

std::string write(const corridor::storage::Term& object) {
    using namespace corridor::storage;
    char* buf = nullptr;
    std::size_t len = 0;
    std::FILE* f = ::open_memstream(&buf, &len);
    {
        rdf_io::QuadWriter writer(rdf_io::RdfFormat::NQuads, f);
        writer.write(Term::iri("http://s.example/"), Term::iri("http://p.example/"), object, nullptr);
        writer.finish();
    }
    std::fclose(f);
    std::string out(buf, len);
    std::free(buf);
    return out;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace corridor::storage;
    std::string text(reinterpret_cast<const char*>(data), size);
    if (!validUtf8(text)) return 0; // the store holds UTF-8 only
    for (unsigned char c : text)
        if (c == 0xED) return 0; // encoded surrogates are refused on the way in
    std::vector<Term> terms = {Term::literal(text), Term::langLiteral(text, "en-GB"),
                               Term::literal(text, "http://www.w3.org/2001/XMLSchema#date")};
    if (!rdf_io::absoluteIriProblem(text)) terms.push_back(Term::iri(text));
    for (const Term& t : terms) {
        std::string nq = write(t);
        Collect back;
        rdf_io::ParseOptions options;
        options.format = rdf_io::RdfFormat::NQuads;
        options.sourceName = "roundtrip";
        rdf_io::parseRdfString(nq, options, back); // throws (and fails the run) if our own output does not parse
        if (back.objects.size() != 1 || !(back.objects[0] == t)) std::abort();
    }
    return 0;
}
