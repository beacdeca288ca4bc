#pragma once
// Internal to storage/: the quad changes of one write transaction, in the
// order they were made, handed back sorted and netted in each index order.
//
// Every change is a record (quad, step, insert or delete). For one quad the
// record of the latest step wins, and within a step an insert wins over a
// delete (SPARQL's DELETE/INSERT deletes first, then inserts). Memory is
// bounded: when the buffer is full it is sorted six ways into run files that
// are merged at the end (external sort), so a load or a drop of millions of
// quads needs no more memory than a small one.

#include "storage/key_codec.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace corridor::storage {

struct StagedRecord {
    QuadIds quad;
    std::uint64_t tag = 0; // step << 1 | (insert ? 1 : 0): larger tags win
    bool insert() const { return (tag & 1) != 0; }
};

inline std::uint64_t stagedTag(std::uint32_t step, bool insert) {
    return (static_cast<std::uint64_t>(step) << 1) | (insert ? 1 : 0);
}

// One net change in key order: a key of kKeySize bytes and what happens to it.
using NetChangeFn = std::function<void(const char* key, bool insert)>;

class StagedQuads {
public:
    StagedQuads(std::string tempDir, std::size_t budgetBytes);

    void add(const QuadIds& quad, std::uint32_t step, bool insert);
    std::uint64_t added() const { return added_; }
    std::size_t runCount() const { return runs_; }
    // The step of the first change (steps never decrease), when there is one.
    std::uint32_t firstStep() const { return firstStep_; }
    // The records still in memory (all of them while runCount() == 0).
    const std::vector<StagedRecord>& buffered() const { return buffer_; }

    // Call once after the last add() and before forEachNet().
    void finish();
    // Calls emit(key, insert) for every distinct key of `order` in increasing order, with the
    // winning change (a G-first order's keys of the default graph left out). Safe to run for
    // different orders in parallel (each works on its own sorted copy or its own run files).
    void forEachNet(IndexOrder order, const NetChangeFn& emit) const;

private:
    // A load into one graph: a G-first order (GSPO) sorts exactly as its G-last twin (SPOG), so
    // the twins share one sort (half the sorting of a load). The first of the two to ask sorts;
    // the second of them to finish frees it.
    struct SharedSort {
        std::once_flag once;
        std::vector<std::array<TermId, 4>> keys; // in the G-last twin's order, one per key
        std::atomic<int> users{2};
    };
    bool sharesSorts() const { return runs_ == 0 && uniform_ && oneGraph_; }
    void forEachSharedNet(IndexOrder order, const NetChangeFn& emit) const;
    void forEachNetOf(IndexOrder order, const NetChangeFn& emit) const; // forEachNet, every graph

    void flushRun();
    std::string runPath(std::size_t run, IndexOrder order) const;

    std::string tempDir_;
    std::size_t capacity_;
    std::vector<StagedRecord> buffer_;
    std::size_t runs_ = 0;
    bool finished_ = false;
    bool uniform_ = false;  // one step, one kind of change (known at finish())
    bool oneGraph_ = false; // one graph (known at finish())
    mutable std::array<SharedSort, 3> shared_;
    std::uint64_t added_ = 0;
    std::uint32_t firstStep_ = 0;
};

// A record's key in `order` followed by its tag: sorting these sorts by key,
// then by tag, so the last of equal keys is the winning change.
using OrderedRecord = std::array<std::uint64_t, 5>;
OrderedRecord orderedRecord(IndexOrder order, const StagedRecord& record);
// The records sorted in `order`, one per key (the winning change).
std::vector<OrderedRecord> sortedNet(IndexOrder order, const std::vector<StagedRecord>& records, std::size_t count);

} // namespace corridor::storage
