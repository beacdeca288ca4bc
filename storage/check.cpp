#include "storage/check.h"

#include "storage/error.h"
#include "storage/meta_keys.h"
#include "storage/read_view_impl.h"
#include "storage/statistics_codec.h"
#include "storage/term_codec.h"

#include <fmt/format.h>
#include <map>
#include <unordered_set>
#include <xxhash.h>

namespace corridor::storage {

namespace {

// What one index holds, summarised order-independently: a count and two
// hashes of the quads (in SPOG form), so six indexes compare without sorting.
struct IndexDigest {
    std::uint64_t count = 0, sum = 0, xorSum = 0;
    bool operator==(const IndexDigest&) const = default;
};

std::uint64_t quadHash(const QuadIds& q) {
    char key[kKeySize];
    encodeKey(IndexOrder::SPOG, q, key);
    return XXH3_64bits(key, kKeySize);
}

struct Recount {
    std::uint64_t quads = 0;
    std::map<TermId, std::uint64_t> graphs;
    std::map<TermId, PredicateStatistics> predicates;
    std::map<TermId, std::uint64_t> classes;
};

class Checker {
public:
    explicit Checker(const Store::Impl& store) : store_(store) {
        if (!store.readOnly) { // a secondary instance does not move: it needs no snapshot
            snapshot_ = std::make_unique<rocksdb::ManagedSnapshot>(store.db.get());
            options_.snapshot = snapshot_->snapshot();
        }
        options_.total_order_seek = true;
        rdfType_ = findRdfType(*store.db, store.cf(kTerm2IdCf), options_);
    }

    CheckReport run() {
        IndexDigest reference, namedReference;
        Recount recount;
        for (IndexOrder order : kAllOrders) {
            IndexDigest named;
            IndexDigest digest = scanIndex(order, order == IndexOrder::SPOG ? &recount : nullptr,
                                           order == IndexOrder::POSG ? &recount : nullptr, named);
            if (order == IndexOrder::SPOG) {
                reference = digest;
                namedReference = named;
                report_.quads = digest.count;
            } else if (isGraphFirst(order)) {
                // The G-first orders hold the named graphs' quads only (a format 1 store also the
                // default graph's, which format 2 reads elsewhere and does not check here).
                if (store_.format != 1 && digest.count != named.count)
                    problem(fmt::format("index {} holds {} quads of the default graph, which only the G-last "
                                        "orders should hold",
                                        indexName(order), digest.count - named.count));
                if (!(named == namedReference))
                    problem(fmt::format("index {} does not hold the same named graphs' quads as spog ({} quads "
                                        "against {})",
                                        indexName(order), named.count, namedReference.count));
            } else if (!(digest == reference)) {
                problem(fmt::format("index {} does not hold the same quads as spog ({} quads against {})",
                                    indexName(order), digest.count, reference.count));
            }
        }
        checkDictionary();
        checkStatistics(recount);
        return std::move(report_);
    }

private:
    void problem(std::string message) {
        if (report_.problems.size() < 100) report_.problems.push_back(std::move(message));
    }

    // Every key's digest, and in `named` that of the named graphs' quads alone.
    IndexDigest scanIndex(IndexOrder order, Recount* spog, Recount* posg, IndexDigest& named) {
        IndexDigest digest;
        std::unique_ptr<rocksdb::Iterator> it(store_.db->NewIterator(options_, store_.index(order)));
        std::string lastGroup;
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
            rocksdb::Slice key = it->key();
            if (key.size() != kKeySize) {
                problem(fmt::format("index {} holds a key of {} bytes", indexName(order), key.size()));
                continue;
            }
            QuadIds q = decodeKey(order, std::string_view(key.data(), key.size()));
            std::uint64_t h = quadHash(q);
            ++digest.count;
            digest.sum += h;
            digest.xorSum ^= h;
            if (q.g() != kDefaultGraph) {
                ++named.count;
                named.sum += h;
                named.xorSum ^= h;
            }
            if (spog) {
                ++spog->quads;
                ++spog->graphs[q.g()];
                auto& p = spog->predicates[q.p()];
                ++p.quads;
                if (q.p() == rdfType_) ++spog->classes[q.o()];
                std::string group(key.data(), 16);
                if (group != lastGroup) ++p.distinctSubjects;
                lastGroup = std::move(group);
                for (TermId id : q.ids) checkId(id);
            }
            if (posg) {
                std::string group(key.data(), 16);
                if (group != lastGroup) ++posg->predicates[q.p()].distinctObjects;
                lastGroup = std::move(group);
            }
        }
        if (!it->status().ok())
            problem(fmt::format("index {} cannot be read: {}", indexName(order), it->status().ToString()));
        return digest;
    }

    void checkId(TermId id) {
        if (id == kDefaultGraph || isInline(id)) return;
        if (seen_.count(id)) return;
        if (seen_.size() > (1u << 22)) seen_.clear(); // bounded memory
        seen_.insert(id);
        std::string value;
        auto status = store_.db->Get(options_, store_.cf(kId2TermCf), meta::u64(id), &value);
        if (status.IsNotFound()) {
            problem(fmt::format("term id {:#x} is used by a quad but not in the dictionary", id));
        } else if (!status.ok()) {
            problem(fmt::format("term id {:#x} cannot be read: {}", id, status.ToString()));
        }
    }

    void checkDictionary() {
        std::unique_ptr<rocksdb::Iterator> it(store_.db->NewIterator(options_, store_.cf(kId2TermCf)));
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
            ++report_.terms;
            if (it->key().size() != 8) {
                problem("the dictionary holds a malformed id");
                continue;
            }
            TermId id = getBigEndian(it->key().data());
            try {
                Term term = decodeTerm(std::string_view(it->value().data(), it->value().size()));
                std::string back;
                auto status = store_.db->Get(options_, store_.cf(kTerm2IdCf), encodeTermKey(term), &back);
                if (!status.ok() || back.size() != 8 || getBigEndian(back.data()) != id)
                    problem(fmt::format("term {} (id {:#x}) has no matching reverse entry", term.toNTriples(), id));
            } catch (const corridor::Error& e) {
                problem(fmt::format("term id {:#x} is malformed: {}", id, e.what()));
            }
        }
        if (!it->status().ok()) problem("the dictionary cannot be read: " + it->status().ToString());
    }

    void checkStatistics(const Recount& actual) {
        Statistics stats = readStatistics(*store_.db, store_.cf(kMetaCf), options_);
        if (stats.quads != actual.quads)
            problem(fmt::format("statistics count {} quads, the indexes hold {}", stats.quads, actual.quads));
        if (stats.graphQuads != actual.graphs) problem("statistics of quads per graph do not match the data");
        for (const auto& [p, counted] : actual.predicates) {
            auto it = stats.predicates.find(p);
            PredicateStatistics recorded = it == stats.predicates.end() ? PredicateStatistics{} : it->second;
            if (!(recorded == counted))
                problem(fmt::format(
                    "statistics of predicate id {:#x}: recorded {}/{}/{} (quads/subjects/objects), actual {}/{}/{}", p,
                    recorded.quads, recorded.distinctSubjects, recorded.distinctObjects, counted.quads,
                    counted.distinctSubjects, counted.distinctObjects));
        }
        for (const auto& [p, recorded] : stats.predicates)
            if (!actual.predicates.count(p))
                problem(fmt::format("statistics list predicate id {:#x}, which no quad uses", p));
        if (store_.format >= 2 && stats.classQuads != actual.classes)
            problem("statistics of quads per class (rdf:type) do not match the data");
    }

    const Store::Impl& store_;
    rocksdb::ReadOptions options_;
    std::optional<TermId> rdfType_; // counted per class when the store has it
    std::unique_ptr<rocksdb::ManagedSnapshot> snapshot_;
    std::unordered_set<TermId> seen_;
    CheckReport report_;
};

} // namespace

CheckReport checkStore(const Store& store) {
    return Checker(store.impl()).run();
}

} // namespace corridor::storage
