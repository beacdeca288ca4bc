// WriteTxn commit: the staged changes, netted per index order and compared
// with what the store holds, become one SST file per column family (puts for
// new keys, deletion markers for removed ones), the dictionary's new terms,
// exact statistics, all ingested in one atomic IngestExternalFiles call.

#include "storage/meta_keys.h"
#include "storage/rocksdb_util.h"
#include "storage/statistics_codec.h"
#include "storage/vocabulary.h"
#include "storage/write/index_cursor.h"
#include "storage/write/sst_output.h"
#include "storage/write/write_txn_impl.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <functional>
#include <rocksdb/metadata.h>
#include <thread>

namespace corridor::storage {

namespace {

// Writes one index's changes and, for SPOG and POSG, the statistics they move.
//
// Distinct subjects (objects) of a predicate are counted per (s,p) group in
// SPOG ((p,o) group in POSG): a group counts when the store has any key in it.
// For each group a change touches, it counted before when the store had a key
// in it, and counts after when a change inserts into it or a key of the store
// in it survives the deletions. Both are decided while walking the group's
// changes and the store's keys side by side, so deleting a few quads of a
// large group does not read the whole group.
void writeIndex(const Store::Impl& store, const StagedQuads& staged, IndexOrder order, SstOutput& out,
                StatisticsDelta& delta, std::optional<TermId> rdfType) {
    IndexCursor base(store, order);
    const bool groups = order == IndexOrder::SPOG || order == IndexOrder::POSG;
    const std::size_t predicateAt = order == IndexOrder::SPOG ? 8 : 0;
    char group[16];
    bool inGroup = false, before = false, after = false;
    TermId groupPredicate = 0;
    auto closeGroup = [&] {
        if (!inGroup) return;
        if (!after && base.at(group, 16)) after = true; // a store key past the last change survives
        if (before != after) {
            auto& p = delta.predicates[groupPredicate];
            (order == IndexOrder::SPOG ? p.distinctSubjects : p.distinctObjects) += after ? 1 : -1;
        }
        inGroup = false;
    };
    staged.forEachNet(order, [&](const char* key, bool insert) {
        if (groups) {
            if (!inGroup || std::memcmp(group, key, 16) != 0) {
                closeGroup();
                std::memcpy(group, key, 16);
                inGroup = true;
                groupPredicate = getBigEndian(key + predicateAt);
                base.seekAtLeast(group, 16);
                before = base.at(group, 16);
                after = false;
            }
            // A store key before this change is not touched by any change: it survives.
            if (!after && base.at(group, 16) && std::memcmp(base.key(), key, kKeySize) < 0) after = true;
        }
        base.seekAtLeast(key, kKeySize);
        bool exists = base.at(key, kKeySize);
        if (insert) {
            after = true;
            if (exists) return;
            out.put(rocksdb::Slice(key, kKeySize), rocksdb::Slice());
        } else {
            if (!exists) return;
            out.remove(rocksdb::Slice(key, kKeySize));
            base.next(); // past the deleted key: the next one is a candidate survivor
        }
        if (order != IndexOrder::SPOG) return;
        std::int64_t sign = insert ? 1 : -1;
        QuadIds q = decodeKey(order, std::string_view(key, kKeySize));
        delta.quads += sign;
        delta.graphQuads[q.g()] += sign;
        delta.predicates[q.p()].quads += sign;
        if (q.p() == rdfType) delta.classQuads[q.o()] += sign;
    });
    closeGroup();
}

// RocksDB's filter builder holds 8 bytes per key of a file until the file is finished (SPOG's
// prefix filter and the dictionary's; the other orders have none): a file is cut at a number of
// keys that keeps that within an eighth of the write's memory budget. More files than needed
// would cost a compaction (past 48 files a column family is compacted, below).
std::uint64_t maxEntriesPerFile(std::size_t memoryBudget) {
    return std::max<std::uint64_t>(4096, memoryBudget / (8 * 8));
}

// All six indexes on two threads (sorting, merging and compressing dominate), and `extra` (the
// dictionary's files, when there are new terms) as one more task beside them. `extra` goes first:
// it is the longest task of a load (sorting every new term by key), and started last it left one
// thread alone with it for a fifth of the commit (LUBM(10): 0.6 of 2.3 s).
// Each G-first order right after its G-last twin: a load into one graph sorts the two once
// (StagedQuads), and the sorted keys are freed as soon as both are written.
constexpr std::array<IndexOrder, kIndexCount> kTaskOrder = {IndexOrder::SPOG, IndexOrder::GSPO, IndexOrder::POSG,
                                                            IndexOrder::GPOS, IndexOrder::OSPG, IndexOrder::GOSP};

StatisticsDelta writeIndexes(const Store::Impl& store, const StagedQuads& staged,
                             std::vector<std::unique_ptr<SstOutput>>& outputs, const std::function<void()>& extra,
                             std::optional<TermId> rdfType) {
    std::array<StatisticsDelta, kIndexCount> deltas;
    std::atomic<int> nextTask{0};
    std::array<std::exception_ptr, 2> errors;
    auto worker = [&](int w) {
        try {
            for (int i; (i = nextTask++) <= kIndexCount;) {
                if (i == 0) {
                    if (extra) extra();
                } else {
                    IndexOrder order = kTaskOrder[i - 1];
                    int at = static_cast<int>(order);
                    writeIndex(store, staged, order, *outputs[kFirstIndexCf + at], deltas[at], rdfType);
                }
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
    return delta;
}

std::vector<MetaUpdate> metaUpdates(const Store::Impl& store, const StatisticsDelta& delta, std::uint64_t nextId,
                                    const std::map<std::string, std::string>& prefixes) {
    Statistics current = readStatistics(*store.db, store.cf(kMetaCf), rocksdb::ReadOptions());
    auto updates = statisticsUpdates(current, delta);
    updates.emplace_back(std::string(meta::kNextId), meta::u64(nextId));
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
    std::sort(updates.begin(), updates.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return updates;
}

// Every commit ingests one small file per column family. Files that do not overlap are never
// merged by level compaction, so a day of small edits left thousands (1,811 after 300 updates),
// each kept open by every reader: a server ran out of file descriptors. Past this many files a
// column family is compacted into its last level (best effort: the commit has happened).
constexpr std::uint64_t kMaxFilesPerColumnFamily = 48;

void compactIfFragmented(const Store::Impl& store) {
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
        rocksdb::ColumnFamilyMetaData meta;
        store.db->GetColumnFamilyMetaData(store.cf(cf), &meta);
        if (meta.file_count <= kMaxFilesPerColumnFamily) continue;
        rocksdb::CompactRangeOptions options;
        options.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
        (void)store.db->CompactRange(options, store.cf(cf), nullptr, nullptr);
    }
}

} // namespace

CommitSummary WriteTxn::Impl::commit(bool dryRun) {
    staged.finish();
    std::vector<std::unique_ptr<SstOutput>> outputs;
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
        rocksdb::Options sstOptions(store.options, store.cfOptions[cf]);
        // RocksDB's SstFileWriter writes with the bottommost compression when one is set.
        sstOptions.compression = sstOptions.bottommost_compression;
        outputs.push_back(std::make_unique<SstOutput>(sstOptions, store.cf(cf),
                                                      fmt::format("{}/{}", temp.path(), columnFamilyNames()[cf]),
                                                      maxEntriesPerFile(options.memoryBudget)));
    }
    // The dictionary's files are written beside the indexes. New terms belong only with the quads
    // that use them: a transaction that changes no quad leaves the dictionary and the id counter
    // alone, so its dictionary files are dropped below (the outputs are temporary until ingested).
    // rdf:type's id, for the quads per class (none when neither the store nor this write has it).
    const std::optional<TermId> rdfType = interner.find(Term::iri(std::string(vocab::kRdfType)));
    StatisticsDelta delta = writeIndexes(
        store, staged, outputs, [&] { interner.writeDictionary(*outputs[kTerm2IdCf], *outputs[kId2TermCf]); }, rdfType);
    CommitSummary summary;
    summary.quadsInserted = outputs[kFirstIndexCf]->puts();
    summary.quadsDeleted = outputs[kFirstIndexCf]->removals();
    bool quadsChange = summary.quadsInserted + summary.quadsDeleted > 0;
    if (!quadsChange && prefixes.empty()) return summary;
    if (quadsChange) summary.newTerms = interner.newTerms();
    for (const auto& [key, value] :
         metaUpdates(store, delta, quadsChange ? interner.nextId() : interner.firstId(), prefixes)) {
        if (value) {
            outputs[kMetaCf]->put(key, *value);
        } else {
            outputs[kMetaCf]->remove(key);
        }
    }
    std::vector<rocksdb::IngestExternalFileArg> args;
    for (int cf = 0; cf < kColumnFamilyCount; ++cf) {
        auto files = outputs[cf]->finish();
        if (files.empty() || (!quadsChange && (cf == kTerm2IdCf || cf == kId2TermCf))) continue;
        rocksdb::IngestExternalFileArg arg;
        arg.column_family = store.cf(cf);
        arg.external_files = std::move(files);
        arg.options.move_files = true;
        args.push_back(std::move(arg));
    }
    if (dryRun) return summary;
    throwIfError(store.db->IngestExternalFiles(args), "writing into {}", store.path);
    summary.written = true;
    compactIfFragmented(store);
    return summary;
}

} // namespace corridor::storage
