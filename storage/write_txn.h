#pragma once
// WriteTxn: one atomic change to the store, made of steps.
//
// - It holds the store's writer lock from construction to destruction.
// - Changes (insert or delete a quad) are staged, not written: memory stays
//   bounded because staged changes spill to sorted files in a temporary folder
//   inside the store. commit() turns them into one SST file per column family
//   and ingests them all in one atomic RocksDB call, so a crash or kill before
//   that leaves the store as it was, and after it the change is durable.
// - Steps order the changes: for one quad, the change of the latest step wins,
//   and within a step an insert wins over a delete. read() returns a view of
//   the store with the changes of the earlier steps applied and those of the
//   current step not yet, which is what SPARQL Update needs (each operation
//   sees the effects of the ones before it; its WHERE part is evaluated before
//   its own changes).
// - Statistics are recomputed exactly for the quads that change.

#include "storage/read_view.h"
#include "storage/store.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace corridor::storage {

struct WriteTxnOptions {
    // Memory for staged changes and new terms together; past it they spill to disk.
    std::size_t memoryBudget = std::size_t{512} << 20;
};

struct CommitSummary {
    std::uint64_t quadsInserted = 0; // quads that were not in the store before
    std::uint64_t quadsDeleted = 0;  // quads that were in the store before
    std::uint64_t newTerms = 0;      // dictionary entries written
    bool written = false;            // false for a dry run, or when nothing changed
};

class WriteTxn {
public:
    // Throws UsageError for a read-only store.
    explicit WriteTxn(Store& store, WriteTxnOptions options = {});
    // Discards everything not committed.
    ~WriteTxn();
    WriteTxn(const WriteTxn&) = delete;
    WriteTxn& operator=(const WriteTxn&) = delete;

    // Starts the next step (the first step starts with the transaction).
    void nextStep();
    std::uint32_t step() const;

    // The id of a term: the store's, this transaction's, or a new one.
    TermId intern(const Term& term);
    // The id of a term the store or this transaction already has.
    std::optional<TermId> lookup(const Term& term) const;

    void insert(const QuadIds& quad);
    void remove(const QuadIds& quad);
    // Changes staged so far (with repetitions).
    std::uint64_t changesStaged() const;

    // The store as it is with the changes of the steps before the current one.
    // The view must not outlive the transaction. Throws Error when those
    // changes no longer fit in memory (they were spilled to disk).
    std::shared_ptr<const ReadView> read();

    // A prefix declaration to record (the store keeps the first one of a name).
    void declarePrefix(const std::string& name, const std::string& iri);

    // Writes every staged change in one atomic step (dryRun: computes what
    // would change without writing). The transaction cannot be used afterwards.
    CommitSummary commit(bool dryRun = false);

    struct Impl;
    Impl& impl() { return *impl_; }

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace corridor::storage
