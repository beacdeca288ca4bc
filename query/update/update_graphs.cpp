// Graph management operations: LOAD, CLEAR, DROP, CREATE, ADD, MOVE, COPY.

#include "query/update/update_run.h"
#include "storage/load/bulk_loader.h"

#include <filesystem>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace corridor::query::update {

using storage::QuadIds;

namespace {

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string percentDecode(std::string_view s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0) {
            out += static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

// The local path a LOAD IRI names: a file: IRI, or a relative reference (a path
// from the working folder). nullopt for any other scheme.
std::optional<std::string> localPath(const std::string& iri) {
    if (iri.rfind("file://", 0) == 0) {
        std::string_view rest = std::string_view(iri).substr(7);
        if (rest.rfind("localhost/", 0) == 0) rest.remove_prefix(9);
        if (rest.empty() || rest[0] != '/') return std::nullopt; // file://host/...: another machine
        return percentDecode(rest);
    }
    if (iri.rfind("file:", 0) == 0) return percentDecode(std::string_view(iri).substr(5));
    auto colon = iri.find(':');
    auto slash = iri.find('/');
    if (colon != std::string::npos && (slash == std::string::npos || colon < slash)) return std::nullopt;
    return percentDecode(iri);
}

} // namespace

std::optional<TermId> UpdateRun::nonEmptyGraph(const Term& iri) {
    auto view = txn_.read();
    auto id = view->lookup(iri);
    if (!id) return std::nullopt;
    storage::QuadPattern pattern{};
    pattern[storage::kGraph] = *id;
    QuadIds q;
    if (!view->scan(pattern).next(q)) return std::nullopt;
    return id;
}

std::uint64_t UpdateRun::removeGraph(TermId graph) {
    storage::QuadPattern pattern{};
    pattern[storage::kGraph] = graph;
    storage::QuadScan scan = txn_.read()->scan(pattern);
    QuadIds q;
    std::uint64_t n = 0;
    while (scan.next(q)) {
        txn_.remove(q);
        ++n;
    }
    return n;
}

std::vector<TermId> UpdateRun::graphsOf(const ast::GraphTarget& target) {
    using Kind = ast::GraphTarget::Kind;
    if (target.kind == Kind::Default) return {storage::kDefaultGraph};
    if (target.kind == Kind::Graph) {
        if (auto id = nonEmptyGraph(target.iri)) return {*id};
        return {};
    }
    std::vector<TermId> out;
    for (TermId g : txn_.read()->graphs())
        if (target.kind == Kind::All || g != storage::kDefaultGraph) out.push_back(g);
    return out;
}

std::string UpdateRun::graphName(const ast::GraphTarget& target) const {
    switch (target.kind) {
    case ast::GraphTarget::Kind::Default: return "the default graph";
    case ast::GraphTarget::Kind::Named: return "the named graphs";
    case ast::GraphTarget::Kind::All: return "all graphs";
    case ast::GraphTarget::Kind::Graph: return "graph " + target.iri.toNTriples();
    }
    return {};
}

void UpdateRun::load(const ast::UpdateOperation& op) {
    const std::string& iri = op.source.value;
    auto path = localPath(iri);
    auto problem = [&](const std::string& message) {
        if (!op.silent) fail(message, op);
        warn("LOAD SILENT skipped " + op.source.toNTriples() + ": " + message);
    };
    if (!path) {
        problem(fmt::format("{} is not a local file: LOAD reads file: IRIs and paths only (Corridor "
                            "does not fetch from the network; download the file and load it)",
                            op.source.toNTriples()));
        return;
    }
    std::error_code ec;
    if (!fs::is_regular_file(*path, ec)) {
        problem(fmt::format("cannot read {}: no such file", *path));
        return;
    }
    auto format = storage::rdf_io::formatFromPath(*path);
    if (!format) {
        problem(fmt::format("cannot tell the format of {} from its extension (.nt .nq .ttl .trig)", *path));
        return;
    }
    storage::LoadOptions options;
    if (op.into) options.graph = op.into->value;
    if (op.silent) {
        try {
            storage::checkRdfFile(*path, *format);
        } catch (const DataError& e) {
            problem(e.what());
            return;
        }
    }
    storage::BulkLoader loader(txn_, options);
    loader.addFile(*path, format);
    loader.commit();
}

void UpdateRun::clear(const ast::UpdateOperation& op, bool drop) {
    // The store keeps no empty graphs, so DROP is CLEAR.
    auto graphs = graphsOf(op.target);
    if (graphs.empty() && op.target.kind == ast::GraphTarget::Kind::Graph && !op.silent)
        warn(fmt::format("{} {}: it holds no quads", drop ? "nothing to drop in" : "nothing to clear in",
                         graphName(op.target)));
    for (TermId g : graphs) removeGraph(g);
}

void UpdateRun::create(const ast::UpdateOperation& op) {
    if (nonEmptyGraph(op.target.iri) && !op.silent)
        fail(fmt::format("{} already exists (it holds quads); CREATE SILENT ignores that", graphName(op.target)), op);
    // Nothing to record: a graph exists once it holds a quad.
}

void UpdateRun::transfer(const ast::UpdateOperation& op) {
    using Kind = ast::UpdateOperation::Kind;
    const auto& from = op.from;
    const auto& to = op.target;
    bool sameGraph = from.kind == to.kind && (from.kind == ast::GraphTarget::Kind::Default || from.iri == to.iri);
    if (sameGraph) return; // ADD, MOVE or COPY of a graph onto itself changes nothing
    std::optional<TermId> source = storage::kDefaultGraph;
    if (from.kind == ast::GraphTarget::Kind::Graph) source = nonEmptyGraph(from.iri);
    if (!source && !op.silent)
        warn(fmt::format("{} holds no quads: {} copies nothing", graphName(from),
                         op.kind == Kind::Add    ? "ADD"
                         : op.kind == Kind::Move ? "MOVE"
                                                 : "COPY"));
    TermId target = to.kind == ast::GraphTarget::Kind::Default ? storage::kDefaultGraph : txn_.intern(to.iri);
    if (op.kind != Kind::Add) removeGraph(target); // COPY and MOVE replace the target
    if (!source) return;
    storage::QuadPattern pattern{};
    pattern[storage::kGraph] = *source;
    storage::QuadScan scan = txn_.read()->scan(pattern);
    QuadIds q;
    while (scan.next(q)) {
        QuadIds copy = q;
        copy.ids[storage::kGraph] = target;
        txn_.insert(copy);
        if (op.kind == Kind::Move) txn_.remove(q);
    }
}

} // namespace corridor::query::update
