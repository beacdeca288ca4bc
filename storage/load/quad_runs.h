#pragma once
// Internal to storage/: collects the quads of a load and hands them back sorted
// and distinct in each index order. Memory is bounded: when the buffer is full
// it is sorted six ways into run files, merged at the end (external sort).

#include "storage/key_codec.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace corridor::storage {

class QuadRuns {
public:
    QuadRuns(std::string tempDir, std::size_t budgetBytes);

    void add(const QuadIds& quad);
    std::uint64_t added() const { return added_; }
    std::size_t runCount() const { return runs_; }

    // Call once after the last add() and before forEachSorted().
    void finish();
    // Calls emit(key) for every distinct key of `order` in increasing order;
    // key points at kKeySize bytes. Safe to run for different orders in
    // parallel (each works on its own sorted copy or its own run files).
    void forEachSorted(IndexOrder order, const std::function<void(const char* key)>& emit) const;

private:
    // The buffer's quads as keys of `order` (ids in key order), sorted.
    std::vector<std::array<TermId, 4>> sortedCopy(IndexOrder order) const;
    void flushRun();
    std::string runPath(std::size_t run, IndexOrder order) const;

    std::string tempDir_;
    std::size_t capacity_;
    std::vector<QuadIds> buffer_;
    std::size_t runs_ = 0;
    bool finished_ = false;
    std::uint64_t added_ = 0;
};

} // namespace corridor::storage
