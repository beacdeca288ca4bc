#pragma once
// Rows of term ids, batched. Every row has one slot per query variable; a slot
// holds kUnbound when the variable has no value in that solution.

#include "storage/term_id.h"

#include <algorithm>
#include <cstddef>
#include <limits>
#include <vector>

namespace corridor::query::executor {

using storage::TermId;

inline constexpr TermId kUnbound = std::numeric_limits<TermId>::max();
inline constexpr std::size_t kBatchRows = 1024;
// A batch holds at most this many bytes of ids (and at least 16 rows): with
// hundreds of variables (deeply nested OPTIONALs), 1,024 rows a batch in every
// operator took 11.6 MB a level.
inline constexpr std::size_t kBatchBytes = 128 << 10;

class Batch {
public:
    explicit Batch(std::size_t width = 0)
        : width_(width),
          capacity_(width == 0
                        ? kBatchRows
                        : std::max<std::size_t>(16, std::min(kBatchRows, kBatchBytes / (width * sizeof(TermId))))) {}
    std::size_t width() const { return width_; }
    std::size_t size() const { return width_ ? data_.size() / width_ : rows_; }
    bool empty() const { return size() == 0; }
    bool full() const { return size() >= capacity_; }
    const TermId* row(std::size_t i) const { return data_.data() + i * width_; }
    TermId* row(std::size_t i) { return data_.data() + i * width_; }
    // Appends a copy of `values` (width slots).
    void push(const TermId* values) {
        if (width_ == 0) {
            ++rows_;
            return;
        }
        data_.insert(data_.end(), values, values + width_);
    }
    void clear() {
        data_.clear();
        rows_ = 0;
    }

private:
    std::size_t width_;
    std::size_t capacity_; // rows
    std::vector<TermId> data_;
    std::size_t rows_ = 0; // for width 0 (queries without variables)
};

} // namespace corridor::query::executor
