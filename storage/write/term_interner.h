#pragma once
// Internal to storage/: gives every term of a load its id.
//
// Order of lookups: inline id; this load's table; the spill database (terms
// pushed out of memory earlier in this load); the store's term2id. A term found
// nowhere gets the next counter id. Memory stays bounded: when the table grows
// past its budget, its new terms move to a scratch RocksDB in the load's
// temporary folder and the table starts afresh.

#include "storage/rdf_io/rdf_parser.h"
#include "storage/store_impl.h"
#include "storage/write/sst_output.h"
#include "storage/write/term_table.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::storage {

// A parsed term made ready for TermInterner::intern without touching the interner (so any thread
// may prepare while another interns): its inline id, or its dictionary key and stored spelling,
// encoded into an arena the caller keeps, with the key's hash.
struct PreparedTerm {
    TermId inlineId = 0; // nonzero: the term is inline and this is its id
    IdTag tag = IdTag::None;
    std::uint32_t keyAt = 0, keyLength = 0; // in the arena
    std::uint32_t originalAt = 0, originalLength = 0;
    std::uint64_t hash = 0;
};

class TermInterner {
public:
    // Appends what `term` needs to `arena` (throws past 4 GiB of arena).
    static PreparedTerm prepare(const rdf_io::TermRef& term, std::string& arena);

    TermInterner(const Store::Impl& store, std::string tempDir, std::size_t budgetBytes);
    ~TermInterner();

    TermId intern(const rdf_io::TermRef& term);
    TermId intern(const PreparedTerm& term, const std::string& arena);
    TermId intern(const Term& term);
    // Without interning: the id of a term the store or this table already has.
    std::optional<TermId> find(const Term& term) const;
    // The term of an id this interner handed out (not yet in the store).
    std::optional<Term> newTerm(TermId id) const;

    // Writes every new term to the dictionary SSTs (sorted as RocksDB needs).
    void writeDictionary(SstOutput& term2id, SstOutput& id2term);

    std::uint64_t nextId() const { return nextId_; }
    std::uint64_t firstId() const { return firstId_; } // the counter before this interner
    std::uint64_t newTerms() const { return newTerms_; }
    std::uint64_t spills() const { return spills_; }

private:
    // `key` is the dictionary key (lower-case language tag), `original` the spelling.
    TermId internEncoded(IdTag tag, std::string_view key, std::string_view original, std::uint64_t hash);
    std::optional<TermId> findInSpill(std::string_view encoded) const;
    std::optional<TermId> findInStore(std::string_view encoded) const;
    void spill();
    void openSpill();

    const Store::Impl& store_;
    std::string tempDir_;
    std::size_t budgetBytes_;
    TermTable table_;
    // The table's entry of each new id it holds, by counter value from counterBase_ on (new ids
    // are handed out in order).
    std::vector<std::uint32_t> newEntries_;
    std::uint64_t counterBase_ = 1;
    std::unique_ptr<rocksdb::DB> spill_;
    std::uint64_t nextId_ = 1;
    std::uint64_t firstId_ = 1;
    std::uint64_t newTerms_ = 0;
    std::uint64_t spills_ = 0;
    bool storeEmpty_ = false;
    std::string scratch_;
};

} // namespace corridor::storage
