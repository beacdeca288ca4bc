#include "query/executor/group_op.h"

#include "query/executor/id_map.h"
#include "query/functions/compare.h"
#include "query/functions/numeric.h"

#include <algorithm>
#include <deque>
#include <fmt/format.h>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

namespace corridor::query::executor {

namespace {

using functions::Numeric;

struct Accumulator {
    std::uint64_t count = 0;
    bool error = false;
    std::optional<Numeric> sum;
    std::optional<Term> best; // MIN, MAX, SAMPLE
    std::string text;         // GROUP_CONCAT
    bool anyText = false;
    IdSet distinctIds;
    std::set<std::vector<TermId>> distinctRows; // COUNT(DISTINCT *)
};

void accumulate(const CompiledAggregate& agg, Accumulator& acc, const TermId* row, ExecContext& ctx,
                MemoryCharge& memory) {
    if (agg.star) {
        if (agg.distinct) {
            std::vector<TermId> r(row, row + ctx.width());
            if (!acc.distinctRows.insert(std::move(r)).second) return;
            memory.add(ctx.width() * sizeof(TermId) + 64);
        }
        ++acc.count;
        return;
    }
    using Kind = CompiledAggregate::Kind;
    const bool plainVariable = agg.arg->kind == algebra::Expr::Kind::Variable;
    if (plainVariable && (agg.kind == Kind::Count || agg.kind == Kind::Sample)) {
        // Ids suffice: no need to decode the term.
        TermId id = row[agg.arg->slot];
        if (id == kUnbound) return;
        if (agg.distinct) {
            if (!acc.distinctIds.insert(id)) return;
            memory.add(2 * sizeof(TermId));
        }
        if (agg.kind == Kind::Count)
            ++acc.count;
        else if (!acc.best)
            acc.best = ctx.resolve(id);
        return;
    }
    auto value = evaluate(*agg.arg, row, ctx);
    if (!value) {
        if (agg.kind != Kind::Count && agg.kind != Kind::Sample && agg.kind != Kind::Min && agg.kind != Kind::Max)
            acc.error = true;
        return;
    }
    if (agg.distinct) {
        if (!acc.distinctIds.insert(ctx.intern(*value))) return;
        memory.add(2 * sizeof(TermId));
    }
    switch (agg.kind) {
    case Kind::Count: ++acc.count; break;
    case Kind::Sum:
    case Kind::Avg: {
        auto n = functions::numericValue(*value);
        if (!n) {
            acc.error = true;
            return;
        }
        if (!acc.sum) {
            acc.sum = *n;
        } else if (auto s = functions::arithmetic(functions::ArithOp::Add, *acc.sum, *n)) {
            acc.sum = *s;
        } else {
            acc.error = true;
        }
        ++acc.count;
        break;
    }
    case Kind::Min:
    case Kind::Max:
        if (!acc.best) {
            acc.best = *value;
        } else {
            int c = functions::orderCompare(*value, acc.best);
            if ((agg.kind == Kind::Min && c < 0) || (agg.kind == Kind::Max && c > 0)) acc.best = *value;
        }
        break;
    case Kind::Sample:
        if (!acc.best) acc.best = *value;
        break;
    case Kind::GroupConcat: {
        if (!value->isLiteral()) {
            acc.error = true;
            return;
        }
        std::size_t before = acc.text.capacity();
        if (acc.anyText) acc.text += agg.separator;
        acc.text += value->value;
        acc.anyText = true;
        if (acc.text.capacity() > before) memory.add(acc.text.capacity() - before);
        break;
    }
    }
}

std::optional<Term> result(const CompiledAggregate& agg, const Accumulator& acc) {
    if (acc.error) return std::nullopt;
    using Kind = CompiledAggregate::Kind;
    if (agg.kind == Kind::Count) return functions::integerTerm(static_cast<std::int64_t>(acc.count));
    if (agg.kind == Kind::Sum) return functions::numericTerm(acc.sum.value_or(Numeric::integer(0)));
    if (agg.kind == Kind::Avg) {
        if (acc.count == 0) return functions::numericTerm(Numeric::integer(0));
        auto avg = functions::arithmetic(functions::ArithOp::Divide, *acc.sum,
                                         Numeric::integer(static_cast<functions::Int128>(acc.count)));
        if (!avg) return std::nullopt;
        return functions::numericTerm(*avg);
    }
    if (agg.kind == Kind::GroupConcat) return functions::stringTerm(acc.text);
    return acc.best;
}

CompiledAggregate::Kind kindOf(const std::string& function) {
    using Kind = CompiledAggregate::Kind;
    static const std::map<std::string, Kind, std::less<>> kinds = {{"COUNT", Kind::Count},
                                                                   {"SUM", Kind::Sum},
                                                                   {"AVG", Kind::Avg},
                                                                   {"MIN", Kind::Min},
                                                                   {"MAX", Kind::Max},
                                                                   {"SAMPLE", Kind::Sample},
                                                                   {"GROUP_CONCAT", Kind::GroupConcat}};
    auto it = kinds.find(function);
    if (it == kinds.end()) throw std::logic_error("unknown aggregate " + function);
    return it->second;
}

} // namespace

GroupOp::GroupOp(ExecContext& ctx, OperatorPtr input, std::vector<CompiledExpr> keys, std::vector<int> keySlots,
                 std::vector<CompiledAggregate> aggregates)
    : UnaryOp(ctx, std::move(input)), keys_(std::move(keys)), keySlots_(std::move(keySlots)),
      aggregates_(std::move(aggregates)) {
    for (auto& a : aggregates_) a.kind = kindOf(a.function);
}

std::size_t GroupOp::groupOf(const std::vector<TermId>& key, bool& inserted) {
    std::size_t next = singleKeyGroups_.size() + groups_.size() + (unboundGroup_ ? 1 : 0);
    if (key.empty() || (key.size() == 1 && key[0] == kUnbound)) { // no GROUP BY: one group
        inserted = !unboundGroup_;
        if (inserted) unboundGroup_ = next;
        return *unboundGroup_;
    }
    if (key.size() == 1) {
        std::size_t& number = singleKeyGroups_.get(key[0], inserted); // number + 1, 0 when new
        if (inserted) number = next + 1;
        return number - 1;
    }
    auto it = groups_.find(key); // looked up first: emplace would copy the key for every row
    inserted = it == groups_.end();
    if (inserted) it = groups_.emplace(key, next).first;
    return it->second;
}

void GroupOp::open(const TermId* seed) {
    UnaryOp::open(seed);
    std::vector<TermId> base = seedRow(seed, ctx_.width());
    // Per group, one after another: its key values and its accumulators (flat: a GROUP BY of
    // many small groups allocates per group only what an aggregate itself holds).
    std::vector<TermId> keysInOrder;
    std::deque<Accumulator> accs; // grows without moving what it holds
    std::size_t groups = 0;
    const std::size_t nAggs = aggregates_.size();
    std::vector<TermId> key(keys_.size());
    singleKeyGroups_ = {};
    unboundGroup_.reset();
    groups_.clear();
    memory_.reset();
    // Plain counts only (COUNT(*) or COUNT(?v), no DISTINCT): a counter per group and aggregate
    // stands for the accumulator, which a GROUP BY of many small groups made and freed per group.
    const bool plainCounts = std::all_of(aggregates_.begin(), aggregates_.end(), [](const auto& a) {
        return a.kind == CompiledAggregate::Kind::Count && !a.distinct &&
               (a.star || a.arg->kind == algebra::Expr::Kind::Variable);
    });
    std::vector<std::uint64_t> counts; // plainCounts: per group, one per aggregate
    const std::size_t perGroup = nAggs * (plainCounts ? sizeof(std::uint64_t) : sizeof(Accumulator));
    // COUNT(*) alone without GROUP BY needs the number of rows, not the rows.
    const bool countOnly = keys_.empty() && std::all_of(aggregates_.begin(), aggregates_.end(),
                                                        [](const auto& a) { return a.star && !a.distinct; });
    if (countOnly) {
        groups = 1;
        counts.assign(nAggs, input_->countRows());
    }
    while (const TermId* row = countOnly ? nullptr : pull()) {
        for (std::size_t k = 0; k < keys_.size(); ++k) {
            if (keys_[k].kind == algebra::Expr::Kind::Variable) {
                key[k] = row[keys_[k].slot]; // group on the id itself
                continue;
            }
            auto v = evaluate(keys_[k], row, ctx_);
            key[k] = v ? ctx_.intern(*v) : kUnbound;
        }
        bool inserted = false;
        std::size_t group = groupOf(key, inserted);
        if (inserted) {
            ++groups;
            keysInOrder.insert(keysInOrder.end(), key.begin(), key.end());
            if (plainCounts)
                counts.resize(counts.size() + nAggs);
            else
                accs.resize(accs.size() + nAggs);
            memory_.add(2 * key.size() * sizeof(TermId) + perGroup + ctx_.width() * sizeof(TermId) + 96);
        }
        if (plainCounts) {
            for (std::size_t a = 0; a < nAggs; ++a)
                if (aggregates_[a].star || row[aggregates_[a].arg->slot] != kUnbound) ++counts[group * nAggs + a];
            continue;
        }
        for (std::size_t a = 0; a < nAggs; ++a) accumulate(aggregates_[a], accs[group * nAggs + a], row, ctx_, memory_);
    }
    singleKeyGroups_ = {}; // the lookup is done with: its memory goes now
    groups_ = {};
    // Without GROUP BY, an empty input still makes one group (COUNT(*) = 0).
    if (keys_.empty() && groups == 0) {
        groups = 1;
        if (plainCounts)
            counts.resize(nAggs);
        else
            accs.resize(nAggs);
    }
    const std::size_t width = ctx_.width(), nKeys = keys_.size();
    results_.clear();
    results_.reserve(groups * width);
    groupCount_ = groups;
    for (std::size_t g = 0; g < groups; ++g) {
        const std::size_t at = results_.size();
        results_.insert(results_.end(), base.begin(), base.end());
        for (std::size_t k = 0; k < keySlots_.size(); ++k)
            if (TermId v = keysInOrder[g * nKeys + k]; v != kUnbound) results_[at + keySlots_[k]] = v;
        for (std::size_t a = 0; a < nAggs; ++a) {
            std::optional<Term> v = plainCounts
                                        ? functions::integerTerm(static_cast<std::int64_t>(counts[g * nAggs + a]))
                                        : result(aggregates_[a], accs[g * nAggs + a]);
            if (v) results_[at + aggregates_[a].slot] = ctx_.intern(*v);
        }
    }
    pos_ = 0;
}

bool GroupOp::next(Batch& out) {
    std::size_t before = out.size();
    const std::size_t width = ctx_.width();
    while (!out.full() && pos_ < groupCount_) out.push(results_.data() + width * pos_++);
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::string GroupOp::describe() const {
    return fmt::format("group by {} key(s), {} aggregate(s)", keys_.size(), aggregates_.size());
}

} // namespace corridor::query::executor
