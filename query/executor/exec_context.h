#pragma once
// Everything operators share during one execution: the read snapshot, terms
// computed by expressions (ids with the local tag), the dataset, cancellation,
// and the function context.

#include "query/executor/batch.h"
#include "query/executor/deadline_watch.h"
#include "query/executor/trace/path_types.h"
#include "query/functions/regex.h"
#include "query/functions/registry.h"
#include "storage/read_view.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

namespace corridor::query::executor {

using storage::Term;

// Terms that are not in the store (computed by BIND, casts, BNODE...) get ids
// with this tag. An id of a term in the store is never given to a local term,
// so id equality stays term equality.
inline constexpr unsigned kLocalTag = static_cast<unsigned>(storage::IdTag::Local);

// The RDF dataset of a query, as graph ids.
struct DatasetIds {
    // Default graph: union of all graphs (no FROM, union mode), the store's
    // default graph (strict mode), or the FROM graphs.
    enum class DefaultMode { Union, StoreDefault, Graphs } defaultMode = DefaultMode::Union;
    std::vector<TermId> defaultGraphs; // Graphs mode (ids in the store; missing ones dropped)
    bool namedRestricted = false;      // FROM NAMED given
    std::set<TermId> namedGraphs;      // when restricted
};

struct CancelState {
    std::optional<std::chrono::steady_clock::time_point> deadline;
    std::chrono::milliseconds timeout{0};
    const std::atomic<bool>* interrupt = nullptr;
    // What the query's operators may hold at once (hash tables, sorts, groups,
    // distinct sets, path closures, computed terms); 0: no limit.
    std::size_t memoryBudget = 0;
};

class ExecContext {
public:
    ExecContext(std::shared_ptr<const storage::ReadView> view, std::size_t width);
    // Builds the detail of the paths still held outside (trace/path_types.h): it needs the store.
    ~ExecContext();
    ExecContext(const ExecContext&) = delete;
    ExecContext& operator=(const ExecContext&) = delete;

    const storage::ReadView& view() const { return *view_; }
    std::size_t width() const { return width_; }

    Term resolve(TermId id);
    // The terms of many ids (out[i] for ids[i]); the store's are read in one batch.
    void resolveMany(std::span<const TermId> ids, std::vector<Term>& out);
    TermId intern(const Term& term);
    // The store's id of a term, nullopt when the store has never seen it.
    std::optional<TermId> storeId(const Term& term) const { return view_->lookup(term); }
    static bool isLocal(TermId id) { return (id >> 60) == kLocalTag; }
    static bool isPath(TermId id) { return isLocal(id) && (id & kPathBit) != 0; }

    // Paths found by TRACE (see trace/path_types.h).
    TermId addPath(trace::PathRecord record);
    const trace::PathRecord& path(TermId id) const { return paths_.at(id & kPathIndexMask); }
    // Things the user should know about the answer (a TRACE cut short...).
    void warn(std::string message);
    const std::vector<std::string>& warnings() const { return warnings_; }

    DatasetIds dataset;
    CancelState cancel;
    class ServiceClient* services = nullptr; // how SERVICE reaches other endpoints (none: it cannot)
    // The query stops `timeout` after `from`.
    void setDeadline(std::chrono::steady_clock::time_point from, std::chrono::milliseconds timeout);
    // Throws CancelledError when the deadline passed or Ctrl-C was pressed.
    // Cheap (two flags are read): call it as often as every row.
    void checkCancelled() {
        if (deadlineWatch_.passed() || (cancel.interrupt && cancel.interrupt->load(std::memory_order_relaxed)))
            checkCancelledNow();
    }
    // The same, looking now: for work that is costly per call.
    void checkCancelledNow();
    // An operator takes `bytes` more memory (what it buffers or tables); throws
    // ResourceError, naming `what` and the limit, past the query's budget.
    void charge(std::size_t bytes, const char* what);
    // The error charge() throws past the budget, for work that counts its memory apart (a thread).
    [[noreturn]] void throwOverBudget(const char* what) const;
    // It gives them back.
    void release(std::size_t bytes) { memoryUsed_ -= std::min(bytes, memoryUsed_); }
    std::size_t memoryUsed() const { return memoryUsed_; }
    // What a thread of an operator's own may hold, counting apart (it cannot charge): half of what
    // the budget has left when it starts; nullopt without a budget.
    std::optional<std::size_t> sideThreadAllowance() const {
        if (cancel.memoryBudget == 0) return std::nullopt;
        return cancel.memoryBudget > memoryUsed_ ? (cancel.memoryBudget - memoryUsed_) / 2 : 0;
    }
    std::size_t memoryPeak() const { return memoryPeak_; }

    functions::FunctionContext& functions() { return functions_; }

    // Slots that carry evaluation context (the active graph of GRAPH ?g), not
    // query variables: MINUS does not count them as shared.
    void markContextSlot(int slot) { contextSlots_.at(static_cast<std::size_t>(slot)) = true; }
    bool isContextSlot(std::size_t slot) const { return contextSlots_[slot]; }

private:
    static constexpr TermId kPathBit = TermId{1} << 59;
    static constexpr TermId kPathIndexMask = kPathBit - 1;
    std::shared_ptr<const storage::ReadView> view_;
    std::size_t width_;
    std::vector<Term> locals_;
    std::map<Term, TermId> localIds_;
    functions::RegexCache regexes_;
    functions::FunctionContext functions_;
    DeadlineWatch deadlineWatch_;
    std::size_t memoryUsed_ = 0, memoryPeak_ = 0;
    std::vector<bool> contextSlots_;
    std::vector<trace::PathRecord> paths_;
    std::vector<std::string> warnings_;
};

// Memory one operator holds, charged to its query: grows with add(), given
// back by reset() and on destruction.
class MemoryCharge {
public:
    MemoryCharge(ExecContext& ctx, const char* what) : ctx_(ctx), what_(what) {}
    ~MemoryCharge() { reset(); }
    MemoryCharge(const MemoryCharge&) = delete;
    MemoryCharge& operator=(const MemoryCharge&) = delete;
    void add(std::size_t bytes) {
        ctx_.charge(bytes, what_);
        held_ += bytes;
    }
    void reset() {
        ctx_.release(held_);
        held_ = 0;
    }

private:
    ExecContext& ctx_;
    const char* what_;
    std::size_t held_ = 0;
};

} // namespace corridor::query::executor
