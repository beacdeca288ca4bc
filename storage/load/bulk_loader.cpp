#include "storage/load/bulk_loader.h"

#include "storage/error.h"
#include "storage/load/chunked_parse.h"
#include "storage/rdf_io/iri.h"
#include "storage/rdf_io/rdf_parser.h"
#include "storage/write/write_txn_impl.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <xxhash.h>

namespace fs = std::filesystem;

namespace corridor::storage {

namespace {

std::string hex(std::uint64_t v, int digits) {
    return fmt::format("{:0{}x}", v, digits);
}

// Blank nodes are scoped to their document: every label gets a prefix derived
// from the document's bytes (and target graph), so two documents never share a
// blank node, while loading the very same document again is a no-op.
std::string blankScope(const std::string& path, const std::optional<std::string>& graph) {
    XXH3_state_t* state = XXH3_createState();
    XXH3_64bits_reset(state);
    if (graph) XXH3_64bits_update(state, graph->data(), graph->size());
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f) {
        std::vector<char> buf(1 << 20);
        std::size_t n;
        while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0) XXH3_64bits_update(state, buf.data(), n);
        std::fclose(f);
    }
    std::uint64_t h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return "d" + hex(h >> 16, 12) + "_";
}

} // namespace

struct BulkLoader::State : rdf_io::QuadHandler {
    std::unique_ptr<WriteTxn> ownTxn; // null when loading into the caller's
    WriteTxn& txn;
    WriteTxn::Impl& w;
    LoadOptions options;
    TermId defaultGraph = kDefaultGraph;
    std::set<TermId> graphs;
    TermId lastGraph = ~TermId{0};
    LoadSummary summary;
    bool committed = false;

    State(std::unique_ptr<WriteTxn> own, WriteTxn& t, LoadOptions o)
        : ownTxn(std::move(own)), txn(t), w(t.impl()), options(std::move(o)) {
        // Checked before anything is read: a graph or base the store could not hold
        // (or export again) would poison every later export.
        if (options.graph)
            if (auto problem = rdf_io::absoluteIriProblem(*options.graph))
                throw UsageError(fmt::format("--graph {}: not an absolute IRI: {}", *options.graph, *problem));
        if (options.baseIri)
            if (auto problem = rdf_io::absoluteIriProblem(*options.baseIri))
                throw UsageError(fmt::format("--base {}: not an absolute IRI: {}", *options.baseIri, *problem));
        if (options.graph) defaultGraph = w.interner.intern(Term::iri(*options.graph));
    }

    void add(const QuadIds& q) {
        if (q.g() != lastGraph) {
            graphs.insert(q.g());
            lastGraph = q.g();
        }
        w.staged.add(q, w.step, true);
        ++summary.statements;
    }
    void onQuad(const rdf_io::TermRef& s, const rdf_io::TermRef& p, const rdf_io::TermRef& o,
                const rdf_io::TermRef* g) override {
        QuadIds q;
        q.ids[kSubject] = w.interner.intern(s);
        q.ids[kPredicate] = w.interner.intern(p);
        q.ids[kObject] = w.interner.intern(o);
        q.ids[kGraph] = g ? w.interner.intern(*g) : defaultGraph;
        add(q);
    }
    // The statements of a chunk parsed ahead (chunked_parse.h), in order.
    void addChunk(const ParsedChunk& chunk) {
        for (std::size_t i = 0; i + 4 <= chunk.terms.size(); i += 4) {
            QuadIds q;
            for (int c = 0; c < 3; ++c) q.ids[c] = w.interner.intern(chunk.terms[i + c], chunk.arena);
            const PreparedTerm& g = chunk.terms[i + 3];
            q.ids[kGraph] = isDocumentDefaultGraph(g) ? defaultGraph : w.interner.intern(g, chunk.arena);
            add(q);
        }
    }
    void onPrefix(std::string_view name, std::string_view iri) override {
        w.prefixes.emplace(std::string(name), std::string(iri));
    }

    void parse(const std::string& path, const std::string& sourceName, rdf_io::RdfFormat format,
               const std::string& base);
};

std::string fileIri(const std::string& path) {
    std::error_code ec;
    fs::path absolute = fs::absolute(path, ec);
    std::string out = "file://";
    for (unsigned char c : absolute.string()) {
        if (std::isalnum(c) || std::strchr("/-._~", c)) {
            out += static_cast<char>(c);
        } else {
            out += fmt::format("%{:02X}", c);
        }
    }
    return out;
}

void BulkLoader::State::parse(const std::string& path, const std::string& sourceName, rdf_io::RdfFormat format,
                              const std::string& base) {
    rdf_io::ParseOptions po;
    po.format = format;
    po.baseIri = base;
    po.keepGoing = options.keepGoing;
    po.sourceName = sourceName;
    po.blankPrefix = blankScope(path, options.graph);
    // serd keeps the statement it is reading in memory: one statement may take a quarter of the
    // load's memory (the term table and the quad buffer share the rest).
    po.maxStatementBytes = options.memoryBudget / 4;
    po.statementLimitHint = fmt::format("a load holds at most a quarter of its memory limit ({} MiB) in one "
                                        "statement; raise it with --memory-limit MIB",
                                        options.memoryBudget >> 20);
    std::error_code ec;
    std::uint64_t total = fs::file_size(path, ec);
    if (options.progress) {
        po.progress = [this, &sourceName, total](std::uint64_t bytes) {
            options.progress(LoadProgress{sourceName, bytes, total, summary.statements});
        };
    }
    const std::size_t chunkBytes =
        options.parseChunkBytes != 0
            ? options.parseChunkBytes
            : std::clamp<std::size_t>(options.memoryBudget / 128, std::size_t{64} << 10, std::size_t{4} << 20);
    if (rdf_io::formatIsLineBased(format) && !ec && total >= 2 * chunkBytes) {
        parseInChunks(path, po, chunkBytes, [&](ParsedChunk& chunk) {
            addChunk(chunk);
            for (auto& r : chunk.rejected) summary.rejected.push_back(std::move(r));
            if (po.progress) po.progress(chunk.endOffset);
        });
    } else {
        rdf_io::ParseReport report = rdf_io::parseRdfFile(path, po, *this);
        for (auto& r : report.rejected) summary.rejected.push_back(std::move(r));
    }
    ++summary.files;
}

BulkLoader::BulkLoader(Store& store, LoadOptions options) {
    WriteTxnOptions to;
    to.memoryBudget = options.memoryBudget;
    auto txn = std::make_unique<WriteTxn>(store, to);
    WriteTxn& ref = *txn;
    state_ = std::make_unique<State>(std::move(txn), ref, std::move(options));
}

BulkLoader::BulkLoader(WriteTxn& txn, LoadOptions options)
    : state_(std::make_unique<State>(nullptr, txn, std::move(options))) {}

BulkLoader::~BulkLoader() = default;

namespace {

// Copies a stream that can be read only once (standard input, a pipe) into a
// file, so that it can be hashed and then parsed. Stops after a run of 4,096
// NUL bytes, which no RDF text holds (the parser reports them), so that
// `cat /dev/zero | corridor load -` ends.
void spool(std::FILE* in, const std::string& path, const std::string& what) {
    std::FILE* out = std::fopen(path.c_str(), "wb");
    if (!out) throw StorageError(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
    std::vector<char> buf(1 << 20);
    std::size_t n;
    bool ok = true;
    std::size_t nulRun = 0;
    bool stop = false;
    while (ok && !stop && (n = std::fread(buf.data(), 1, buf.size(), in)) > 0) {
        std::size_t keep = n;
        for (std::size_t i = 0; i < n; ++i) {
            nulRun = buf[i] == '\0' ? nulRun + 1 : 0;
            if (nulRun >= 4096) {
                keep = i + 1;
                stop = true;
                break;
            }
        }
        ok = std::fwrite(buf.data(), 1, keep, out) == keep;
    }
    int error = errno;
    if (std::fclose(out) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (!ok)
        throw StorageError(fmt::format("cannot keep a copy of {} in the store's folder while loading it: {}", what,
                                       std::strerror(error)));
}

} // namespace

void BulkLoader::addFile(const std::string& path, std::optional<rdf_io::RdfFormat> format) {
    if (path == "-") {
        if (!format) throw UsageError("reading standard input needs --format");
        std::string copy = fmt::format("{}/stdin-{}", state_->w.temp.path(), state_->summary.files);
        spool(stdin, copy, "standard input");
        state_->parse(copy, "<stdin>", *format, state_->options.baseIri.value_or(""));
        return;
    }
    if (!format) format = rdf_io::formatFromPath(path);
    if (!format)
        throw UsageError(
            fmt::format("cannot tell the format of {} from its extension (.nt .nq .ttl .trig); use --format", path));
    std::error_code ec;
    auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw DataError(fmt::format("{}: cannot read the file: no such file", path));
    if (fs::is_directory(status)) throw DataError(fmt::format("{}: is a folder, not a file", path));
    if (fs::is_character_file(status) || fs::is_block_file(status))
        throw DataError(fmt::format("{}: is a device, not a file", path));
    if (!fs::is_regular_file(status)) { // a named pipe: read once, like standard input
        std::string copy = fmt::format("{}/pipe-{}", state_->w.temp.path(), state_->summary.files);
        std::FILE* in = std::fopen(path.c_str(), "rb");
        if (!in) throw DataError(fmt::format("{}: cannot read the file: {}", path, std::strerror(errno)));
        spool(in, copy, path);
        std::fclose(in);
        state_->parse(copy, path, *format, state_->options.baseIri.value_or(fileIri(path)));
        return;
    }
    state_->parse(path, path, *format, state_->options.baseIri.value_or(fileIri(path)));
}

void BulkLoader::addText(std::string_view text, rdf_io::RdfFormat format, const std::string& sourceName) {
    std::string copy = fmt::format("{}/text-{}", state_->w.temp.path(), state_->summary.files);
    std::FILE* out = std::fopen(copy.c_str(), "wb");
    if (!out) throw StorageError(fmt::format("cannot create {}: {}", copy, std::strerror(errno)));
    bool ok = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (std::fclose(out) != 0 || !ok)
        throw StorageError(fmt::format("cannot write {}: {}", copy, std::strerror(errno)));
    state_->parse(copy, sourceName, format, state_->options.baseIri.value_or(""));
}

namespace {
class DiscardQuads : public rdf_io::QuadHandler {
public:
    void onQuad(const rdf_io::TermRef&, const rdf_io::TermRef&, const rdf_io::TermRef&,
                const rdf_io::TermRef*) override {}
};
} // namespace

void checkRdfFile(const std::string& path, rdf_io::RdfFormat format) {
    DiscardQuads discard;
    rdf_io::ParseOptions po;
    po.format = format;
    po.baseIri = fileIri(path);
    po.sourceName = path;
    rdf_io::parseRdfFile(path, po, discard);
}

const std::set<TermId>& BulkLoader::graphs() const {
    return state_->graphs;
}

LoadSummary BulkLoader::commit() {
    State& s = *state_;
    if (s.committed) throw UsageError("this load was already committed");
    s.committed = true;
    if (!s.ownTxn) return s.summary;
    CommitSummary c = s.ownTxn->commit();
    s.summary.quadsAdded = c.quadsInserted;
    s.summary.newTerms = c.newTerms;
    return s.summary;
}

} // namespace corridor::storage
