#include "storage/write/term_interner.h"

#include "storage/meta_keys.h"
#include "storage/rocksdb_util.h"
#include "storage/term_codec.h"

#include <algorithm>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>
#include <vector>
#include <xxhash.h>

namespace corridor::storage {

TermInterner::TermInterner(const Store::Impl& store, std::string tempDir, std::size_t budgetBytes)
    : store_(store), tempDir_(std::move(tempDir)), budgetBytes_(budgetBytes),
      // Blocks of keys small beside the budget (a small budget would otherwise spill at once).
      table_(std::clamp<std::size_t>(budgetBytes / 16, 256, std::size_t{1} << 20)) {
    std::string next;
    throwIfError(store_.db->Get(rocksdb::ReadOptions(), store_.cf(kMetaCf), std::string(meta::kNextId), &next),
                 "reading the id counter of {}", store_.path);
    nextId_ = firstId_ = counterBase_ = getBigEndian(next.data());
    storeEmpty_ = nextId_ == 1;
}

TermInterner::~TermInterner() {
    if (spill_) spill_->Close();
}

PreparedTerm TermInterner::prepare(const rdf_io::TermRef& term, std::string& arena) {
    PreparedTerm out;
    if (term.kind == TermKind::Literal && term.lang.empty() &&
        (term.datatype == xsd::kInteger || term.datatype == xsd::kBoolean)) {
        Term full{TermKind::Literal, std::string(term.value), std::string(term.datatype), {}};
        if (auto id = inlineIdFor(full)) {
            out.inlineId = *id;
            return out;
        }
    }
    out.tag = dictionaryTag(term.kind, term.datatype, term.lang);
    const std::size_t at = arena.size();
    thread_local std::string encoded; // its capacity outlives the call
    encodeTermParts(term.kind, term.value, term.datatype, term.lang, encoded);
    arena += encoded;
    if (out.tag == IdTag::LangLiteral) {
        lowerCaseLanguage(encoded);
        arena += encoded;
    }
    if (arena.size() > 0xFFFFFFFFu) throw StorageError("a batch of parsed terms past 4 GiB");
    out.originalAt = static_cast<std::uint32_t>(at);
    out.originalLength = out.keyLength = static_cast<std::uint32_t>(encoded.size());
    out.keyAt = out.tag == IdTag::LangLiteral ? static_cast<std::uint32_t>(at + encoded.size()) : out.originalAt;
    out.hash = TermTable::hash(encoded);
    return out;
}

TermId TermInterner::intern(const PreparedTerm& term, const std::string& arena) {
    if (term.inlineId != 0) return term.inlineId;
    return internEncoded(term.tag, std::string_view(arena).substr(term.keyAt, term.keyLength),
                         std::string_view(arena).substr(term.originalAt, term.originalLength), term.hash);
}

TermId TermInterner::intern(const rdf_io::TermRef& term) {
    scratch_.clear();
    PreparedTerm prepared = prepare(term, scratch_);
    return intern(prepared, scratch_);
}

TermId TermInterner::intern(const Term& term) {
    if (auto id = inlineIdFor(term)) return *id;
    std::string key = encodeTermKey(term);
    return internEncoded(dictionaryTagFor(term), key, encodeTerm(term), TermTable::hash(key));
}

TermId TermInterner::internEncoded(IdTag tag, std::string_view key, std::string_view original, std::uint64_t h) {
    if (const auto* entry = table_.find(key, h)) return entry->id;
    std::optional<TermId> known = findInSpill(key);
    if (!known) known = findInStore(key);
    const std::size_t held = table_.bytes() + newEntries_.capacity() * sizeof(std::uint32_t);
    if (held + key.size() + original.size() + TermTable::kPerEntry > budgetBytes_ && table_.size() > 0) spill();
    if (known) return table_.insert(key, h, {}, *known, false).id;
    TermId id = makeId(tag, nextId_++);
    ++newTerms_;
    newEntries_.push_back(static_cast<std::uint32_t>(table_.size()));
    return table_.insert(key, h, original, id, true).id;
}

std::optional<TermId> TermInterner::find(const Term& term) const {
    if (auto id = inlineIdFor(term)) return id;
    std::string key = encodeTermKey(term);
    if (const auto* entry = table_.find(key, TermTable::hash(key))) return entry->id;
    if (auto id = findInSpill(key)) return id;
    return findInStore(key);
}

std::optional<Term> TermInterner::newTerm(TermId id) const {
    const std::uint64_t counter = payloadOf(id);
    if (!isInline(id) && counter >= counterBase_ && counter - counterBase_ < newEntries_.size())
        return decodeTerm(table_.entries()[newEntries_[counter - counterBase_]].original);
    if (!spill_) return std::nullopt;
    std::string value;
    auto status = spill_->Get(rocksdb::ReadOptions(), "i" + meta::u64(id), &value);
    if (status.IsNotFound()) return std::nullopt;
    throwIfError(status, "reading the transaction's spill database");
    return decodeTerm(value);
}

std::optional<TermId> TermInterner::findInStore(std::string_view encoded) const {
    if (storeEmpty_) return std::nullopt;
    std::string value;
    auto status = store_.db->Get(rocksdb::ReadOptions(), store_.cf(kTerm2IdCf),
                                 rocksdb::Slice(encoded.data(), encoded.size()), &value);
    if (status.IsNotFound()) return std::nullopt;
    throwIfError(status, "looking up a term in {}", store_.path);
    return getBigEndian(value.data());
}

std::optional<TermId> TermInterner::findInSpill(std::string_view encoded) const {
    if (!spill_) return std::nullopt;
    std::string key = "t";
    key += encoded;
    std::string value;
    auto status = spill_->Get(rocksdb::ReadOptions(), key, &value);
    if (status.IsNotFound()) return std::nullopt;
    throwIfError(status, "reading the load's spill database");
    return getBigEndian(value.data());
}

void TermInterner::openSpill() {
    rocksdb::Options options;
    options.create_if_missing = true;
    options.compression = rocksdb::kLZ4Compression;
    // Its memtables count against the load's budget too (RocksDB's default, two of 64 MiB, held
    // a 16 MiB load to 134 MiB): an eighth of the budget each, at least 1 MiB.
    options.write_buffer_size = std::clamp<std::size_t>(budgetBytes_ / 4, std::size_t{1} << 20, std::size_t{64} << 20);
    options.max_write_buffer_number = 2;
    // Compaction builds each output file's filter in memory, 8 bytes a key, until the file is done:
    // files of RocksDB's default size (64 MiB) held 41 MiB of a 16 MiB load.
    options.target_file_size_base = options.write_buffer_size;
    // Every new term is first looked up here, and almost all are not there: a Bloom filter
    // answers those without reading a block (LUBM(10) under a 16 MiB limit: 7.7 s, now faster).
    rocksdb::BlockBasedTableOptions table;
    table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
    // Its filters and indexes stay pinned in memory, about 3 bytes per spilled term: keeping them
    // in a small cache instead made a 9.5M-triple load under 16 MiB run for over 12 minutes
    // (each lookup read its file's filter again).
    options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
    rocksdb::DB* raw = nullptr;
    std::string path = tempDir_ + "/spill";
    throwIfError(rocksdb::DB::Open(options, path, &raw), "creating spill database {}", path);
    spill_.reset(raw);
}

void TermInterner::spill() {
    if (!spill_) openSpill();
    rocksdb::WriteOptions wo;
    wo.disableWAL = true; // scratch data: a crash discards the whole load anyway
    // In batches of a sixteenth of the budget: one batch of the whole table took twice the table's
    // memory again, in the batch and then in a memtable that cannot flush before the batch is in.
    const std::size_t batchBytes = std::max<std::size_t>(budgetBytes_ / 16, std::size_t{256} << 10);
    rocksdb::WriteBatch batch;
    auto write = [&] {
        throwIfError(spill_->Write(wo, &batch), "writing the load's spill database");
        batch.Clear();
    };
    std::string key;
    for (const auto& entry : table_.entries()) {
        if (!entry.isNew) continue;
        std::string idBytes = meta::u64(entry.id);
        key.assign(1, 't').append(entry.key);
        batch.Put(key, idBytes);
        key.assign(1, 'i').append(idBytes);
        batch.Put(key, rocksdb::Slice(entry.original.data(), entry.original.size()));
        if (batch.GetDataSize() >= batchBytes) write();
    }
    if (batch.Count() > 0) write();
    table_.clear();
    newEntries_.clear();
    counterBase_ = nextId_;
    ++spills_;
}

void TermInterner::writeDictionary(SstOutput& term2id, SstOutput& id2term) {
    // New terms still in memory, merged with the spilled ones (both sorted).
    struct Fresh {
        std::string_view key;
        TermId id;
        std::string_view value; // id2term: the original spelling
    };
    std::vector<Fresh> fresh;
    for (const auto& entry : table_.entries())
        if (entry.isNew) fresh.push_back({entry.key, entry.id, entry.original});

    // keyOf and valueOf give views, an id's 8 bytes written into the buffer they are handed.
    auto mergeOut = [&](char tag, auto keyOf, auto valueOf, SstOutput& out) {
        std::unique_ptr<rocksdb::Iterator> it;
        std::string start(1, tag);
        if (spill_) {
            it.reset(spill_->NewIterator(rocksdb::ReadOptions()));
            it->Seek(start);
        }
        auto spillValid = [&] { return it && it->Valid() && it->key().starts_with(start); };
        std::size_t i = 0;
        char keyBytes[8], valueBytes[8];
        while (i < fresh.size() || spillValid()) {
            bool takeSpill = spillValid();
            std::string_view memKey;
            if (i < fresh.size()) {
                memKey = keyOf(fresh[i], keyBytes);
                if (takeSpill) {
                    rocksdb::Slice k = it->key();
                    k.remove_prefix(1);
                    takeSpill = k.compare(rocksdb::Slice(memKey.data(), memKey.size())) < 0;
                }
            }
            if (takeSpill) {
                rocksdb::Slice k = it->key();
                k.remove_prefix(1);
                out.put(k, it->value());
                it->Next();
            } else {
                std::string_view value = valueOf(fresh[i], valueBytes);
                out.put(rocksdb::Slice(memKey.data(), memKey.size()), rocksdb::Slice(value.data(), value.size()));
                ++i;
            }
        }
        if (it) throwIfError(it->status(), "reading the load's spill database");
    };
    auto idBytes = [](const Fresh& e, char* buf) {
        putBigEndian(buf, e.id);
        return std::string_view(buf, 8);
    };
    // The table holds its new terms in the order their ids were handed out.
    if (!std::is_sorted(fresh.begin(), fresh.end(), [](const Fresh& a, const Fresh& b) { return a.id < b.id; }))
        std::sort(fresh.begin(), fresh.end(), [](const Fresh& a, const Fresh& b) { return a.id < b.id; });
    mergeOut(
        'i', idBytes, [](const Fresh& e, char*) { return e.value; }, id2term);
    std::sort(fresh.begin(), fresh.end(), [](const Fresh& a, const Fresh& b) { return a.key < b.key; });
    mergeOut(
        't', [](const Fresh& e, char*) { return e.key; }, idBytes, term2id);
}

} // namespace corridor::storage
