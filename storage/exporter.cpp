#include "storage/exporter.h"

#include "storage/error.h"
#include "storage/rdf_io/quad_writer.h"
#include "storage/term_resolver.h"

#include <fmt/format.h>

namespace corridor::storage {

namespace {
// Quads per batch: 4 ids each, well within TermResolver's memo.
constexpr std::size_t kBatch = 4096;
} // namespace

std::uint64_t exportQuads(const ReadView& view, const ExportOptions& options, std::FILE* out) {
    bool quadsFormat = rdf_io::formatHasGraphs(options.format);
    QuadPattern pattern{};
    if (options.graph) pattern[kGraph] = *options.graph;
    if (!quadsFormat && !options.graph && !options.unionGraphs) {
        Statistics stats = view.statistics();
        bool named = false;
        for (const auto& [g, n] : stats.graphQuads) named = named || (g != kDefaultGraph && n > 0);
        if (named)
            throw UsageError(
                fmt::format("the store has named graphs, which {} cannot hold: export as nquads or trig, pick "
                            "one graph with --graph, or merge them with --union",
                            rdf_io::formatName(options.format)));
    }
    rdf_io::QuadWriter writer(options.format, out, view.prefixes());
    TermResolver resolve(view);
    // Graph-first order groups TriG blocks; a union walks SPOG and skips repeats.
    bool unionScan = !quadsFormat && !options.graph;
    QuadScan scan = view.scanIn(unionScan ? IndexOrder::SPOG : IndexOrder::GSPO, pattern);
    std::uint64_t written = 0;
    QuadIds q, previous;
    bool first = true;
    // Quads are taken a batch at a time so that their terms are read together (TermResolver::prefetch).
    std::vector<QuadIds> batch;
    std::vector<TermId> ids;
    for (bool more = true; more;) {
        batch.clear();
        while (batch.size() < kBatch && (more = scan.next(q))) {
            if (unionScan && !first && q.s() == previous.s() && q.p() == previous.p() && q.o() == previous.o())
                continue;
            first = false;
            previous = q;
            batch.push_back(q);
        }
        ids.clear();
        for (const QuadIds& b : batch) {
            ids.insert(ids.end(), {b.s(), b.p(), b.o()});
            if (b.g() != kDefaultGraph) ids.push_back(b.g());
        }
        resolve.prefetch(ids);
        for (const QuadIds& b : batch) {
            const Term &s = resolve(b.s()), &p = resolve(b.p()), &o = resolve(b.o());
            if (quadsFormat && b.g() != kDefaultGraph)
                writer.write(s, p, o, &resolve(b.g()));
            else
                writer.write(s, p, o, nullptr);
            ++written;
        }
    }
    writer.finish();
    return written;
}

} // namespace corridor::storage
