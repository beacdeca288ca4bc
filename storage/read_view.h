#pragma once
// ReadView: a consistent snapshot of the store for the life of the object.

#include "storage/quad_scan.h"
#include "storage/statistics.h"
#include "storage/term.h"

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace corridor::storage {

class Store;

class ReadView {
public:
    ~ReadView();
    ReadView(const ReadView&) = delete;
    ReadView& operator=(const ReadView&) = delete;

    // The id of a term, if the store has ever seen it (inline ids always exist).
    std::optional<TermId> lookup(const Term& term) const;
    // The term of an id. Throws StorageError for an id the store never issued.
    Term resolve(TermId id) const;
    // The terms of many ids at once (out[i] for ids[i]; repeats allowed): one
    // sorted batch read of the dictionary instead of a lookup per id. Throws as
    // resolve() does.
    void resolveMany(std::span<const TermId> ids, std::vector<Term>& out) const;

    // Quads matching the pattern. A free graph ranges over `graphs`.
    QuadScan scan(const QuadPattern& pattern, GraphRange graphs = GraphRange::All) const;
    // Same, walking a given index; its leading components must be the bound ones (a G-first
    // order serves a free graph over named graphs only, and the default graph through its twin).
    QuadScan scanIn(IndexOrder order, const QuadPattern& pattern, GraphRange graphs = GraphRange::All) const;
    // Quads matching the pattern grouped by graph, in GSPO order: read the scans one after the
    // other (the default graph's quads, then the named graphs').
    std::vector<QuadScan> scanByGraph(const QuadPattern& pattern) const;
    bool contains(const QuadIds& quad) const;

    // Statistics of the store (a write transaction's view: as committed, without its changes).
    Statistics statistics() const;
    // The graphs that hold at least one quad in this view (kDefaultGraph included), sorted.
    std::vector<TermId> graphs() const;
    // Prefixes declared by loaded Turtle/TriG files (first declaration wins).
    std::vector<std::pair<std::string, std::string>> prefixes() const;

    struct Impl;
    explicit ReadView(std::unique_ptr<Impl> impl);

private:
    std::unique_ptr<Impl> impl_;
};

} // namespace corridor::storage
