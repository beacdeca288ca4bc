#pragma once
// COUNT DISTINCT <property> op n (and its shorthands COUNTRIES, SCALES): limits on how many
// distinct values the nodes of a path have. A partial path is dropped as soon as no longer path
// can satisfy a limit again (a count only grows); a finished path must satisfy them all.

#include "storage/term_id.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

namespace corridor::query::executor::trace {

struct CountLimit {
    bool scales = false;
    storage::TermId property = 0; // not scales: 0 when the store has no such property (nothing to count)
    std::string op;               // = < > <= >=
    std::uint64_t n = 0;
};

class CountLimits {
public:
    // `values(limit, node, out)` appends the values `limit` counts on `node`.
    using Values = std::function<void(const CountLimit&, storage::TermId, std::vector<storage::TermId>&)>;
    CountLimits(std::vector<CountLimit> limits, Values values)
        : limits_(std::move(limits)), values_(std::move(values)) {}

    bool empty() const { return limits_.empty(); }
    // Do the limits hold on a path through `nodes`? `final`: all of them (a finished path);
    // else only those that a longer path could not satisfy again.
    bool hold(std::span<const storage::TermId> nodes, bool final) const;

private:
    std::vector<CountLimit> limits_;
    Values values_;
};

} // namespace corridor::query::executor::trace
