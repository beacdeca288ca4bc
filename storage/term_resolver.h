#pragma once
// TermResolver: ids to terms with a small bounded memo, for writers that walk
// the indexes (subjects, predicates and graphs repeat a lot in index order).
// Blank nodes come out as _:b<number>, stable for a store. Writers that walk many quads
// take them a batch at a time (forEachQuad), so that their terms are read together.

#include "storage/quad_scan.h"
#include "storage/read_view.h"
#include "storage/term.h"

#include <fmt/format.h>
#include <span>
#include <unordered_map>
#include <vector>

namespace corridor::storage {

class TermResolver {
public:
    explicit TermResolver(const ReadView& view) : view_(view) {}
    const Term& operator()(TermId id) {
        if (auto it = memo_.find(id); it != memo_.end()) return it->second;
        if (memo_.size() > kMemoSize) memo_.clear(); // a cache, not a second copy of the store
        return remember(id, view_.resolve(id));
    }
    // Reads the terms of `ids` that are not in the memo in one batch (ReadView::resolveMany):
    // a writer that walks many quads calls it for each batch before asking for the terms.
    // Afterwards every id of the batch is in the memo, so a batch must fit in it.
    void prefetch(std::span<const TermId> ids) {
        missing_.clear();
        for (TermId id : ids)
            if (!memo_.contains(id)) missing_.push_back(id);
        if (missing_.empty()) return;
        if (memo_.size() + missing_.size() > kMemoSize) memo_.clear();
        view_.resolveMany(missing_, terms_);
        for (std::size_t i = 0; i < missing_.size(); ++i)
            if (!memo_.contains(missing_[i])) remember(missing_[i], std::move(terms_[i]));
    }
    static constexpr std::size_t kMemoSize = 100000;

    // Walks `scan` a batch of quads at a time, the batch's terms read together (prefetch), and
    // calls use(quad) for every quad keep(quad) accepts, in scan order; `use` may ask for the
    // quad's terms freely.
    template <typename Keep, typename Use>
    void forEachQuad(QuadScan& scan, Keep keep, Use use) {
        std::vector<QuadIds> batch;
        std::vector<TermId> ids;
        QuadIds q;
        for (bool more = true; more;) {
            batch.clear();
            while (batch.size() < kBatchQuads && (more = scan.next(q)))
                if (keep(q)) batch.push_back(q);
            ids.clear();
            for (const QuadIds& b : batch) {
                ids.insert(ids.end(), {b.s(), b.p(), b.o()});
                if (b.g() != kDefaultGraph) ids.push_back(b.g());
            }
            prefetch(ids);
            for (const QuadIds& b : batch) use(b);
        }
    }
    static constexpr std::size_t kBatchQuads = 4096; // four ids each: well within the memo

private:
    const Term& remember(TermId id, Term t) {
        if (t.isBlank()) t.value = fmt::format("b{}", payloadOf(id));
        return memo_.emplace(id, std::move(t)).first->second;
    }
    const ReadView& view_;
    std::unordered_map<TermId, Term> memo_;
    std::vector<TermId> missing_;
    std::vector<Term> terms_;
};

} // namespace corridor::storage
