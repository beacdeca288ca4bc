#include "storage/statistics_codec.h"

#include "storage/meta_keys.h"
#include "storage/rocksdb_util.h"
#include "storage/term.h"
#include "storage/term_codec.h"
#include "storage/vocabulary.h"

#include <algorithm>
#include <memory>

namespace corridor::storage {

namespace {

std::uint64_t readU64(const rocksdb::Slice& s, std::size_t at = 0) {
    if (s.size() < at + 8) throw StorageError("corrupted statistics entry");
    return getBigEndian(s.data() + at);
}

std::uint64_t applySigned(std::uint64_t value, std::int64_t delta) {
    if (delta < 0 && static_cast<std::uint64_t>(-delta) > value) return 0; // never underflow
    return value + static_cast<std::uint64_t>(delta);
}

} // namespace

Statistics readStatistics(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* meta, const rocksdb::ReadOptions& options) {
    Statistics stats;
    std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options, meta));
    std::string graphPrefix(meta::kGraphPrefix), predicatePrefix(meta::kPredicatePrefix),
        classPrefix(meta::kClassPrefix);
    for (it->Seek(std::string(meta::kStatsPrefix)); it->Valid() && it->key().starts_with("s:"); it->Next()) {
        rocksdb::Slice key = it->key();
        if (key == rocksdb::Slice(meta::kQuads.data(), meta::kQuads.size())) {
            stats.quads = readU64(it->value());
        } else if (key.starts_with(graphPrefix) && key.size() == graphPrefix.size() + 8) {
            stats.graphQuads[getBigEndian(key.data() + graphPrefix.size())] = readU64(it->value());
        } else if (key.starts_with(classPrefix) && key.size() == classPrefix.size() + 8) {
            stats.classQuads[getBigEndian(key.data() + classPrefix.size())] = readU64(it->value());
        } else if (key.starts_with(predicatePrefix) && key.size() == predicatePrefix.size() + 8) {
            PredicateStatistics p;
            p.quads = readU64(it->value(), 0);
            p.distinctSubjects = readU64(it->value(), 8);
            p.distinctObjects = readU64(it->value(), 16);
            stats.predicates[getBigEndian(key.data() + predicatePrefix.size())] = p;
        }
    }
    throwIfError(it->status(), "reading statistics");
    std::string next;
    auto status = db.Get(options, meta, std::string(meta::kNextId), &next);
    if (!status.IsNotFound()) {
        throwIfError(status, "reading the id counter");
        stats.termsAllocated = readU64(next) - 1;
    }
    return stats;
}

std::vector<MetaUpdate> statisticsUpdates(const Statistics& current, const StatisticsDelta& delta) {
    std::vector<MetaUpdate> updates;
    auto put = [&](std::string key, std::uint64_t value) {
        updates.emplace_back(std::move(key), value ? std::optional<std::string>(meta::u64(value)) : std::nullopt);
    };
    if (delta.quads != 0) put(std::string(meta::kQuads), applySigned(current.quads, delta.quads));
    for (const auto& [graph, d] : delta.graphQuads) {
        if (d == 0) continue;
        auto it = current.graphQuads.find(graph);
        std::uint64_t before = it == current.graphQuads.end() ? 0 : it->second;
        put(meta::idKey(meta::kGraphPrefix, graph), applySigned(before, d));
    }
    for (const auto& [c, d] : delta.classQuads) {
        if (d == 0) continue;
        auto it = current.classQuads.find(c);
        std::uint64_t before = it == current.classQuads.end() ? 0 : it->second;
        put(meta::idKey(meta::kClassPrefix, c), applySigned(before, d));
    }
    for (const auto& [predicate, d] : delta.predicates) {
        auto it = current.predicates.find(predicate);
        PredicateStatistics before = it == current.predicates.end() ? PredicateStatistics{} : it->second;
        PredicateStatistics after{applySigned(before.quads, d.quads),
                                  applySigned(before.distinctSubjects, d.distinctSubjects),
                                  applySigned(before.distinctObjects, d.distinctObjects)};
        if (after == before) continue;
        std::string key = meta::idKey(meta::kPredicatePrefix, predicate);
        if (after.quads == 0) {
            updates.emplace_back(std::move(key), std::nullopt);
        } else {
            updates.emplace_back(std::move(key), meta::u64(after.quads) + meta::u64(after.distinctSubjects) +
                                                     meta::u64(after.distinctObjects));
        }
    }
    std::sort(updates.begin(), updates.end(),
              [](const MetaUpdate& a, const MetaUpdate& b) { return a.first < b.first; });
    return updates;
}

std::optional<TermId> findRdfType(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* term2id,
                                  const rocksdb::ReadOptions& options) {
    std::string value;
    auto status = db.Get(options, term2id, encodeTermKey(Term::iri(std::string(vocab::kRdfType))), &value);
    if (status.IsNotFound()) return std::nullopt;
    throwIfError(status, "reading the dictionary");
    return readU64(value);
}

} // namespace corridor::storage
