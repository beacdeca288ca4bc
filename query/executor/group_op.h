#pragma once
// GROUP BY with aggregates (section 18.5): COUNT, SUM, AVG, MIN, MAX, SAMPLE,
// GROUP_CONCAT, each optionally DISTINCT.

#include "query/executor/expression.h"
#include "query/executor/id_map.h"
#include "query/executor/row_ops.h"

#include <optional>
#include <unordered_map>
#include <vector>

namespace corridor::query::executor {

struct CompiledAggregate {
    std::string function; // COUNT, SUM, AVG, MIN, MAX, SAMPLE or GROUP_CONCAT
    // The same, for the per-row loop (set by GroupOp from `function`).
    enum class Kind { Count, Sum, Avg, Min, Max, Sample, GroupConcat } kind = Kind::Count;
    bool distinct = false;
    bool star = false;
    std::string separator = " ";
    std::optional<CompiledExpr> arg;
    int slot = -1; // where the result goes
};

struct KeyHash {
    std::size_t operator()(const std::vector<TermId>& k) const {
        std::size_t h = 1469598103934665603ULL;
        for (TermId id : k) h = (h ^ id) * 1099511628211ULL;
        return h;
    }
};

class GroupOp : public UnaryOp {
public:
    GroupOp(ExecContext& ctx, OperatorPtr input, std::vector<CompiledExpr> keys, std::vector<int> keySlots,
            std::vector<CompiledAggregate> aggregates);
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::string describe() const override;

private:
    std::vector<CompiledExpr> keys_;
    std::vector<int> keySlots_;
    std::vector<CompiledAggregate> aggregates_;
    std::vector<TermId> results_; // the groups' rows, one after another
    std::size_t groupCount_ = 0;
    // The group of a key: its number in the order groups were first seen.
    std::size_t groupOf(const std::vector<TermId>& key, bool& inserted);
    IdMap<std::size_t> singleKeyGroups_;      // one key that is a term id: number + 1
    std::optional<std::size_t> unboundGroup_; // no keys, or one key unbound (kUnbound cannot go in an IdMap)
    std::unordered_map<std::vector<TermId>, std::size_t, KeyHash> groups_; // several keys
    MemoryCharge memory_{ctx_, "the groups of a GROUP BY"};
    std::size_t pos_ = 0;
};

} // namespace corridor::query::executor
