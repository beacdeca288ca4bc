#include "storage/load/bulk_loader.h"

#include "storage/load/quad_runs.h"
#include "storage/load/sst_output.h"
#include "storage/load/term_interner.h"
#include "storage/meta_keys.h"
#include "storage/rdf_io/rdf_parser.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/store_impl.h"

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <xxhash.h>

namespace fs = std::filesystem;

namespace corridor::storage {

namespace {

std::string hex(std::uint64_t v, int digits) { return fmt::format("{:0{}x}", v, digits); }

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
        while ((n = std::fread(buf.data(), 1, buf.size(), f)) > 0)
            XXH3_64bits_update(state, buf.data(), n);
        std::fclose(f);
    }
    std::uint64_t h = XXH3_64bits_digest(state);
    XXH3_freeState(state);
    return "d" + hex(h >> 16, 12) + "_";
}

std::string makeTempDir(const std::string& storePath) {
    std::string tmpl = storePath + "/tmp-load-XXXXXX";
    if (!::mkdtemp(tmpl.data()))
        throw StorageError(fmt::format("cannot create a temporary folder in {}: {}", storePath,
                                       std::strerror(errno)));
    return tmpl;
}

// Answers "is this key / any key with this prefix already in the index?"
// for keys visited in increasing order.
class ExistingIndex {
public:
    ExistingIndex(const Store::Impl& store, IndexOrder order)
        : it_(store.db->NewIterator(scanOptions(rocksdb::ReadOptions(), order, 0), store.index(order))) {}
    bool hasPrefix(const char* key, std::size_t length) {
        rocksdb::Slice prefix(key, length);
        it_->Seek(prefix);
        if (!it_->Valid()) {
            throwIfError(it_->status(), "reading the store");
            return false;
        }
        return it_->key().starts_with(prefix);
    }

private:
    std::unique_ptr<rocksdb::Iterator> it_;
};

} // namespace

struct BulkLoader::State : rdf_io::QuadHandler {
    Store::Impl& store;
    LoadOptions options;
    std::unique_lock<std::mutex> lock;
    std::string tempDir;
    TermInterner interner;
    QuadRuns runs;
    TermId defaultGraph = kDefaultGraph;
    std::map<std::string, std::string> prefixes; // first declaration wins
    LoadSummary summary;
    bool committed = false;

    State(Store::Impl& s, LoadOptions o)
        : store(s), options(std::move(o)), lock(s.writerMutex), tempDir(makeTempDir(s.path)),
          interner(s, tempDir, options.memoryBudget / 2), runs(tempDir, options.memoryBudget / 4) {
        if (options.graph) defaultGraph = interner.intern(Term::iri(*options.graph));
    }
    ~State() override {
        std::error_code ec;
        fs::remove_all(tempDir, ec);
    }

    void onQuad(const rdf_io::TermRef& s, const rdf_io::TermRef& p, const rdf_io::TermRef& o,
                const rdf_io::TermRef* g) override {
        QuadIds q;
        q.ids[kSubject] = interner.intern(s);
        q.ids[kPredicate] = interner.intern(p);
        q.ids[kObject] = interner.intern(o);
        q.ids[kGraph] = g ? interner.intern(*g) : defaultGraph;
        runs.add(q);
        ++summary.statements;
    }
    void onPrefix(std::string_view name, std::string_view iri) override {
        prefixes.emplace(std::string(name), std::string(iri));
    }

    void parse(const std::string& path, const std::string& sourceName, rdf_io::RdfFormat format,
               const std::string& base);
    void writeIndex(IndexOrder order, SstOutput& out, StatisticsDelta& delta,
                    bool storeEmpty) const;
    StatisticsDelta writeIndexes(std::vector<std::unique_ptr<SstOutput>>& outputs, bool storeEmpty);
    std::vector<std::pair<std::string, std::optional<std::string>>>
    metaUpdates(const StatisticsDelta& delta);
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

void BulkLoader::State::parse(const std::string& path, const std::string& sourceName,
                              rdf_io::RdfFormat format, const std::string& base) {
    rdf_io::ParseOptions po;
    po.format = format;
    po.baseIri = base;
    po.keepGoing = options.keepGoing;
    po.sourceName = sourceName;
    po.blankPrefix = blankScope(path, options.graph);
    std::error_code ec;
    std::uint64_t total = fs::file_size(path, ec);
    if (options.progress) {
        po.progress = [this, &sourceName, total](std::uint64_t bytes) {
            options.progress(LoadProgress{sourceName, bytes, total, summary.statements});
        };
    }
    rdf_io::ParseReport report = rdf_io::parseRdfFile(path, po, *this);
    for (auto& r : report.rejected) summary.rejected.push_back(std::move(r));
    ++summary.files;
}

BulkLoader::BulkLoader(Store& store, LoadOptions options) {
    store.impl().checkWritable();
    state_ = std::make_unique<State>(store.impl(), std::move(options));
}

BulkLoader::~BulkLoader() = default;

void BulkLoader::addFile(const std::string& path, std::optional<rdf_io::RdfFormat> format) {
    if (path == "-") {
        if (!format) throw UsageError("reading standard input needs --format");
        std::string spool = state_->tempDir + "/stdin";
        std::FILE* out = std::fopen(spool.c_str(), "wb");
        if (!out) throw StorageError(fmt::format("cannot create {}", spool));
        std::vector<char> buf(1 << 20);
        std::size_t n;
        while ((n = std::fread(buf.data(), 1, buf.size(), stdin)) > 0) std::fwrite(buf.data(), 1, n, out);
        std::fclose(out);
        state_->parse(spool, "<stdin>", *format, state_->options.baseIri.value_or(""));
        return;
    }
    if (!format) format = rdf_io::formatFromPath(path);
    if (!format)
        throw UsageError(fmt::format(
            "cannot tell the format of {} from its extension (.nt .nq .ttl .trig); use --format",
            path));
    state_->parse(path, path, *format, state_->options.baseIri.value_or(fileIri(path)));
}

void BulkLoader::addText(std::string_view text, rdf_io::RdfFormat format,
                         const std::string& sourceName) {
    std::string spool = fmt::format("{}/text-{}", state_->tempDir, state_->summary.files);
    std::FILE* out = std::fopen(spool.c_str(), "wb");
    if (!out) throw StorageError(fmt::format("cannot create {}", spool));
    std::fwrite(text.data(), 1, text.size(), out);
    std::fclose(out);
    state_->parse(spool, sourceName, format, state_->options.baseIri.value_or(""));
}

void BulkLoader::State::writeIndex(IndexOrder order, SstOutput& out, StatisticsDelta& delta,
                                   bool storeEmpty) const {
    std::optional<ExistingIndex> existing;
    if (!storeEmpty) existing.emplace(store, order);
    char groupKey[16] = {};
    bool haveGroup = false;
    runs.forEachSorted(order, [&](const char* key) {
        if (existing && existing->hasPrefix(key, kKeySize)) return;
        out.put(rocksdb::Slice(key, kKeySize), rocksdb::Slice());
        if (order != IndexOrder::SPOG && order != IndexOrder::POSG) return;
        QuadIds q = decodeKey(order, std::string_view(key, kKeySize));
        if (order == IndexOrder::SPOG) {
            ++delta.quads;
            ++delta.graphQuads[q.g()];
            ++delta.predicates[q.p()].quads;
        }
        // A new (s,p) or (p,o) group counts a distinct subject / object for p
        // unless the store already had it.
        if (!haveGroup || std::memcmp(groupKey, key, 16) != 0) {
            std::memcpy(groupKey, key, 16);
            haveGroup = true;
            if (!existing || !existing->hasPrefix(key, 16)) {
                auto& p = delta.predicates[q.p()];
                ++(order == IndexOrder::SPOG ? p.distinctSubjects : p.distinctObjects);
            }
        }
    });
}

// Builds the six index SSTs on two threads (sorting and compressing dominate).
StatisticsDelta BulkLoader::State::writeIndexes(std::vector<std::unique_ptr<SstOutput>>& outputs,
                                                bool storeEmpty) {
    runs.finish();
    std::array<StatisticsDelta, kIndexCount> deltas;
    std::atomic<int> nextOrder{0};
    std::array<std::exception_ptr, 2> errors;
    auto worker = [&](int w) {
        try {
            for (int i; (i = nextOrder++) < kIndexCount;) {
                IndexOrder order = kAllOrders[i];
                writeIndex(order, *outputs[kFirstIndexCf + i], deltas[i], storeEmpty);
            }
        } catch (...) {
            errors[w] = std::current_exception();
        }
    };
    std::thread helper(worker, 1);
    worker(0);
    helper.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
    StatisticsDelta delta = std::move(deltas[static_cast<int>(IndexOrder::SPOG)]);
    for (const auto& [p, d] : deltas[static_cast<int>(IndexOrder::POSG)].predicates)
        delta.predicates[p].distinctObjects += d.distinctObjects;
    summary.quadsAdded = static_cast<std::uint64_t>(delta.quads);
    return delta;
}

std::vector<std::pair<std::string, std::optional<std::string>>>
BulkLoader::State::metaUpdates(const StatisticsDelta& delta) {
    Statistics current = readStatistics(*store.db, store.cf(kMetaCf), rocksdb::ReadOptions());
    auto updates = statisticsUpdates(current, delta);
    updates.emplace_back(std::string(meta::kNextId), meta::u64(interner.nextId()));
    for (const auto& [name, iri] : prefixes) {
        std::string key = std::string(meta::kPrefixPrefix) + name;
        std::string existing;
        auto status = store.db->Get(rocksdb::ReadOptions(), store.cf(kMetaCf), key, &existing);
        if (status.IsNotFound()) {
            updates.emplace_back(std::move(key), iri);
        } else {
            throwIfError(status, "reading prefixes of {}", store.path);
        }
    }
    std::sort(updates.begin(), updates.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return updates;
}

LoadSummary BulkLoader::commit() {
    State& s = *state_;
    if (s.committed) throw UsageError("this load was already committed");
    s.committed = true;
    std::vector<std::unique_ptr<SstOutput>> outputs;
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
        rocksdb::Options sstOptions(s.store.options, s.store.cfOptions[cf]);
        sstOptions.compression = rocksdb::kZSTD;
        outputs.push_back(std::make_unique<SstOutput>(
            sstOptions, s.store.cf(cf), fmt::format("{}/{}.sst", s.tempDir, columnFamilyNames()[cf])));
    }
    s.interner.writeDictionary(*outputs[kTerm2IdCf], *outputs[kId2TermCf]);
    s.summary.newTerms = s.interner.newTerms();

    Statistics before = readStatistics(*s.store.db, s.store.cf(kMetaCf), rocksdb::ReadOptions());
    StatisticsDelta delta = s.writeIndexes(outputs, before.quads == 0);
    for (const auto& [key, value] : s.metaUpdates(delta)) {
        if (value) {
            outputs[kMetaCf]->put(key, *value);
        } else {
            outputs[kMetaCf]->remove(key);
        }
    }

    std::vector<rocksdb::IngestExternalFileArg> args;
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
        auto file = outputs[cf]->finish();
        if (!file) continue;
        rocksdb::IngestExternalFileArg arg;
        arg.column_family = s.store.cf(cf);
        arg.external_files.push_back(*file);
        arg.options.move_files = true;
        args.push_back(std::move(arg));
    }
    if (s.summary.quadsAdded == 0 && s.summary.newTerms == 0 && s.prefixes.empty()) return s.summary;
    throwIfError(s.store.db->IngestExternalFiles(args), "writing the load into {}", s.store.path);
    return s.summary;
}

} // namespace corridor::storage
