#include "storage/exporter.h"

#include "storage/error.h"
#include "storage/rdf_io/quad_writer.h"
#include "storage/term_resolver.h"

#include <fmt/format.h>

namespace corridor::storage {

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
    std::vector<QuadScan> scans;
    if (unionScan) {
        scans.push_back(view.scanIn(IndexOrder::SPOG, pattern));
    } else {
        scans = view.scanByGraph(pattern);
    }
    std::uint64_t written = 0;
    QuadIds previous;
    bool first = true;
    auto keep = [&](const QuadIds& q) {
        if (unionScan && !first && q.s() == previous.s() && q.p() == previous.p() && q.o() == previous.o())
            return false; // the same triple in another graph
        first = false;
        previous = q;
        return true;
    };
    for (QuadScan& scan : scans)
        resolve.forEachQuad(scan, keep, [&](const QuadIds& q) {
            const Term &s = resolve(q.s()), &p = resolve(q.p()), &o = resolve(q.o());
            if (quadsFormat && q.g() != kDefaultGraph)
                writer.write(s, p, o, &resolve(q.g()));
            else
                writer.write(s, p, o, nullptr);
            ++written;
        });
    writer.finish();
    return written;
}

} // namespace corridor::storage
