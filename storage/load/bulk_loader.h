#pragma once
// BulkLoader: loads RDF files into the store in one atomic step.
//
// Files are parsed (serd) and every term interned as it streams past; quads
// are staged in a write transaction (storage/write_txn.h), whose commit writes
// one SST file per column family and ingests them all in one atomic call, so a
// load lands entirely or not at all. Loading quads the store already has
// changes nothing (set semantics). A loader either runs its own transaction
// (`corridor load`) or adds to the caller's (SPARQL LOAD, `load --replace`).

#include "storage/rdf_io/rdf_format.h"
#include "storage/store.h"
#include "storage/write_txn.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace corridor::storage {

struct LoadProgress {
    std::string source;          // the file being read
    std::uint64_t bytesRead = 0; // of that file
    std::uint64_t bytesTotal = 0;
    std::uint64_t statements = 0; // over all files so far
};

struct LoadOptions {
    // Triples of a document's default graph go into this named graph instead.
    std::optional<std::string> graph;
    // Base IRI for relative IRIs; default: the file's own file:// IRI.
    std::optional<std::string> baseIri;
    // Skip bad statements and report them, instead of rejecting the whole load.
    bool keepGoing = false;
    // Memory for the term table and the quad buffer together (own transaction
    // only); past it they spill to disk.
    std::size_t memoryBudget = std::size_t{512} << 20;
    std::function<void(const LoadProgress&)> progress;
    // N-Triples and N-Quads files of at least two chunks are parsed on two threads in chunks of
    // about this many bytes of whole lines (0: a 128th of memoryBudget, between 64 KiB and 4 MiB).
    std::size_t parseChunkBytes = 0;
};

struct LoadSummary {
    std::uint64_t files = 0;
    std::uint64_t statements = 0; // read from the input (with duplicates)
    std::uint64_t quadsAdded = 0; // not in the store before
    std::uint64_t newTerms = 0;
    std::vector<std::string> rejected; // keepGoing: "file:line:col: message" per skipped statement
};

class BulkLoader {
public:
    // Loads in a transaction of its own, which takes the store's writer lock
    // until destruction; commit() writes it.
    BulkLoader(Store& store, LoadOptions options);
    // Adds the statements to the caller's transaction, in its current step.
    BulkLoader(WriteTxn& txn, LoadOptions options);
    ~BulkLoader();
    BulkLoader(const BulkLoader&) = delete;
    BulkLoader& operator=(const BulkLoader&) = delete;

    // Parses a file ("-" reads standard input). The format comes from the
    // extension unless given. Throws DataError("file:line:col: ...") on bad input
    // (unless keepGoing); nothing reaches the store before commit().
    void addFile(const std::string& path, std::optional<rdf_io::RdfFormat> format = std::nullopt);
    // Parses text held in memory; `sourceName` is used in messages.
    void addText(std::string_view text, rdf_io::RdfFormat format, const std::string& sourceName);

    // Own transaction: writes everything parsed so far in one atomic step.
    // Caller's transaction: only reports what was read (the caller commits).
    LoadSummary commit();

    // The graphs the statements read so far went to.
    const std::set<TermId>& graphs() const;

    struct State;

private:
    std::unique_ptr<State> state_;
};

// Parses a file without loading anything (throws DataError at its first
// problem): LOAD SILENT checks a file before any of it is staged.
void checkRdfFile(const std::string& path, rdf_io::RdfFormat format);

// The file:// IRI of a local path (made absolute), used as the default base.
std::string fileIri(const std::string& path);

} // namespace corridor::storage
