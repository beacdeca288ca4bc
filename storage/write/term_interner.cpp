#include "storage/write/term_interner.h"

#include "storage/meta_keys.h"
#include "storage/rocksdb_util.h"
#include "storage/term_codec.h"

#include <algorithm>
#include <vector>
#include <xxhash.h>

namespace corridor::storage {

namespace {
constexpr std::size_t kEntryOverhead = 64; // node, string header, bucket: a rough figure

} // namespace

std::size_t TermInterner::Hash::operator()(std::string_view s) const {
    return XXH3_64bits(s.data(), s.size());
}

TermInterner::TermInterner(const Store::Impl& store, std::string tempDir, std::size_t budgetBytes)
    : store_(store), tempDir_(std::move(tempDir)), budgetBytes_(budgetBytes) {
    std::string next;
    throwIfError(store_.db->Get(rocksdb::ReadOptions(), store_.cf(kMetaCf), std::string(meta::kNextId), &next),
                 "reading the id counter of {}", store_.path);
    nextId_ = firstId_ = getBigEndian(next.data());
    storeEmpty_ = nextId_ == 1;
}

TermInterner::~TermInterner() {
    if (spill_) spill_->Close();
}

TermId TermInterner::intern(const rdf_io::TermRef& term) {
    if (term.kind == TermKind::Literal && term.lang.empty() &&
        (term.datatype == xsd::kInteger || term.datatype == xsd::kBoolean)) {
        Term full{TermKind::Literal, std::string(term.value), std::string(term.datatype), {}};
        if (auto id = inlineIdFor(full)) return *id;
    }
    IdTag tag = dictionaryTag(term.kind, term.datatype, term.lang);
    encodeTermParts(term.kind, term.value, term.datatype, term.lang, scratch_);
    if (tag != IdTag::LangLiteral) return internEncoded(tag, scratch_, scratch_);
    scratchKey_ = scratch_;
    lowerCaseLanguage(scratchKey_);
    return internEncoded(tag, scratchKey_, scratch_);
}

TermId TermInterner::intern(const Term& term) {
    if (auto id = inlineIdFor(term)) return *id;
    return internEncoded(dictionaryTagFor(term), encodeTermKey(term), encodeTerm(term));
}

TermId TermInterner::internEncoded(IdTag tag, const std::string& key, const std::string& original) {
    if (auto it = table_.find(std::string_view(key)); it != table_.end()) return it->second.id;
    std::optional<TermId> known = findInSpill(key);
    if (!known) known = findInStore(key);
    Entry entry{};
    if (known) {
        entry = Entry{*known, false, {}};
    } else {
        entry = Entry{makeId(tag, nextId_++), true, original == key ? std::string() : original};
        ++newTerms_;
    }
    if (usedBytes_ > budgetBytes_) spill();
    usedBytes_ += key.size() + entry.original.size() + kEntryOverhead;
    auto [it, inserted] = table_.emplace(key, std::move(entry));
    if (it->second.isNew) newById_[it->second.id] = it->second.original.empty() ? &it->first : &it->second.original;
    return it->second.id;
}

std::optional<TermId> TermInterner::find(const Term& term) const {
    if (auto id = inlineIdFor(term)) return id;
    std::string key = encodeTermKey(term);
    if (auto it = table_.find(std::string_view(key)); it != table_.end()) return it->second.id;
    if (auto id = findInSpill(key)) return id;
    return findInStore(key);
}

std::optional<Term> TermInterner::newTerm(TermId id) const {
    if (auto it = newById_.find(id); it != newById_.end()) return decodeTerm(*it->second);
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
    rocksdb::DB* raw = nullptr;
    std::string path = tempDir_ + "/spill";
    throwIfError(rocksdb::DB::Open(options, path, &raw), "creating spill database {}", path);
    spill_.reset(raw);
}

void TermInterner::spill() {
    if (!spill_) openSpill();
    rocksdb::WriteBatch batch;
    for (const auto& [encoded, entry] : table_) {
        if (!entry.isNew) continue;
        std::string idBytes = meta::u64(entry.id);
        batch.Put("t" + encoded, idBytes);
        batch.Put("i" + idBytes, entry.original.empty() ? encoded : entry.original);
    }
    rocksdb::WriteOptions wo;
    wo.disableWAL = true; // scratch data: a crash discards the whole load anyway
    throwIfError(spill_->Write(wo, &batch), "writing the load's spill database");
    table_.clear();
    newById_.clear();
    usedBytes_ = 0;
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
    for (const auto& [encoded, entry] : table_)
        if (entry.isNew)
            fresh.push_back({encoded, entry.id,
                             entry.original.empty() ? std::string_view(encoded) : std::string_view(entry.original)});

    auto mergeOut = [&](char tag, auto keyOf, auto valueOf, SstOutput& out) {
        std::unique_ptr<rocksdb::Iterator> it;
        std::string start(1, tag);
        if (spill_) {
            it.reset(spill_->NewIterator(rocksdb::ReadOptions()));
            it->Seek(start);
        }
        auto spillValid = [&] { return it && it->Valid() && it->key().starts_with(start); };
        std::size_t i = 0;
        std::string memKey;
        while (i < fresh.size() || spillValid()) {
            bool takeSpill = spillValid();
            if (i < fresh.size()) {
                memKey = keyOf(fresh[i]);
                if (takeSpill) {
                    rocksdb::Slice k = it->key();
                    k.remove_prefix(1);
                    takeSpill = k.compare(rocksdb::Slice(memKey)) < 0;
                }
            }
            if (takeSpill) {
                rocksdb::Slice k = it->key();
                k.remove_prefix(1);
                out.put(k, it->value());
                it->Next();
            } else {
                out.put(memKey, valueOf(fresh[i]));
                ++i;
            }
        }
        if (it) throwIfError(it->status(), "reading the load's spill database");
    };
    std::sort(fresh.begin(), fresh.end(), [](const Fresh& a, const Fresh& b) { return a.key < b.key; });
    mergeOut(
        't', [](const Fresh& e) { return std::string(e.key); }, [](const Fresh& e) { return meta::u64(e.id); },
        term2id);
    std::sort(fresh.begin(), fresh.end(), [](const Fresh& a, const Fresh& b) { return a.id < b.id; });
    mergeOut(
        'i', [](const Fresh& e) { return meta::u64(e.id); }, [](const Fresh& e) { return std::string(e.value); },
        id2term);
}

} // namespace corridor::storage
