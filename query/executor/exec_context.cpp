#include "query/executor/exec_context.h"

#include "query/error.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::query::executor {

ExecContext::ExecContext(std::shared_ptr<const storage::ReadView> view, std::size_t width)
    : view_(std::move(view)), width_(width), contextSlots_(width, false) {
    functions_.regexes = &regexes_;
    functions_.blankPrefix = fmt::format("q{:x}", functions_.rng() & 0xffffffffULL);
    functions_.checkCancelled = [this] { checkCancelledNow(); };
    functions_.warn = [this](std::string message) { warn(std::move(message)); };
}

ExecContext::~ExecContext() {
    const trace::PathSource* last = nullptr;
    for (const auto& record : paths_) // one TRACE's paths are added together, mostly
        if (record.source.get() != last) {
            last = record.source.get();
            last->finish();
        }
}

Term ExecContext::resolve(TermId id) {
    if (isPath(id)) {
        // Built each time it is read (from nodes and steps the TRACE shares), not kept: a
        // result of many long paths would otherwise hold all of them at once.
        const trace::PathRecord& record = paths_.at(id & kPathIndexMask);
        return record.source->render(*this, record.path);
    }
    if (isLocal(id)) return locals_.at(id & storage::kPayloadMask);
    return view_->resolve(id);
}

void ExecContext::resolveMany(std::span<const TermId> ids, std::vector<Term>& out) {
    if (std::none_of(ids.begin(), ids.end(), isLocal)) return view_->resolveMany(ids, out);
    std::vector<TermId> stored;
    for (TermId id : ids)
        if (!isLocal(id)) stored.push_back(id);
    std::vector<Term> terms;
    view_->resolveMany(stored, terms);
    out.assign(ids.size(), Term{});
    for (std::size_t i = 0, s = 0; i < ids.size(); ++i)
        out[i] = isLocal(ids[i]) ? resolve(ids[i]) : std::move(terms[s++]);
}

void ExecContext::charge(std::size_t bytes, const char* what) {
    memoryUsed_ += bytes;
    memoryPeak_ = std::max(memoryPeak_, memoryUsed_);
    if (cancel.memoryBudget && memoryUsed_ > cancel.memoryBudget) throwOverBudget(what);
}

void ExecContext::throwOverBudget(const char* what) const {
    throw ResourceError(fmt::format("the query needs more than its memory limit of {} MiB ({}); raise it with "
                                    "--memory-limit MIB, or narrow the query (a LIMIT, a more selective pattern)",
                                    cancel.memoryBudget >> 20, what));
}

TermId ExecContext::intern(const Term& term) {
    // A term with a payload (a path) is a value of its own: a stored or computed term
    // with the same lexical form lacks the payload or carries another, so it is never shared.
    bool own = term.payload != nullptr;
    if (!own)
        if (auto id = view_->lookup(term)) return *id;
    auto it = own ? localIds_.end() : localIds_.find(term);
    if (it != localIds_.end()) return it->second;
    charge(2 * (sizeof(Term) + term.value.size() + term.datatype.size() + term.lang.size()) + 64,
           "values computed by the query");
    TermId id = (static_cast<TermId>(kLocalTag) << 60) | locals_.size();
    locals_.push_back(term);
    if (!own) localIds_.emplace(term, id);
    return id;
}

TermId ExecContext::addPath(trace::PathRecord record) {
    TermId id = (static_cast<TermId>(kLocalTag) << 60) | kPathBit | paths_.size();
    paths_.push_back(std::move(record));
    return id;
}

void ExecContext::warn(std::string message) {
    if (std::find(warnings_.begin(), warnings_.end(), message) == warnings_.end())
        warnings_.push_back(std::move(message));
}

void ExecContext::setDeadline(std::chrono::steady_clock::time_point from, std::chrono::milliseconds timeout) {
    cancel.timeout = timeout;
    cancel.deadline = from + timeout;
    deadlineWatch_.start(*cancel.deadline);
}

void ExecContext::checkCancelledNow() {
    if (cancel.interrupt && cancel.interrupt->load()) throw CancelledError("interrupted (Ctrl-C)");
    if (cancel.deadline && std::chrono::steady_clock::now() > *cancel.deadline)
        throw CancelledError(
            fmt::format("the timeout of {} s was reached (raise it with --timeout)", cancel.timeout.count() / 1000.0));
}

} // namespace corridor::query::executor
