#include "query/executor/service_op.h"

#include "query/executor/join_ops.h"

#include <fmt/format.h>
#include <set>

namespace corridor::query::executor {

namespace {
// How long one request may take when the query itself has no deadline.
constexpr std::chrono::seconds kDefaultServiceTimeout{60};
} // namespace

void ServiceOp::fail(const std::string& message) const {
    throw QueryError("service error", message, spec_.span, spec_.text);
}

std::vector<const Operator*> ServiceOp::inputs() const {
    if (left_) return {left_.get()};
    return {};
}

void ServiceOp::open(const TermId* seed) {
    ++opens;
    seed_ = seedRow(seed, ctx_.width());
    batch_.clear();
    output_.clear();
    outputPos_ = 0;
    leftDone_ = false;
    if (left_) left_->open(seed);
}

bool ServiceOp::fillLeft() {
    batch_.clear();
    if (leftDone_) return false;
    if (!left_) {
        batch_.push_back(seed_);
        leftDone_ = true;
        return true;
    }
    Batch in(ctx_.width());
    while (batch_.size() < kBatchRows) {
        in.clear();
        if (!left_->next(in)) {
            leftDone_ = true;
            break;
        }
        for (std::size_t i = 0; i < in.size(); ++i) batch_.emplace_back(in.row(i), in.row(i) + ctx_.width());
    }
    return !batch_.empty();
}

std::optional<std::string> ServiceOp::endpointOf(const std::vector<TermId>& row) {
    if (spec_.endpoint) return spec_.endpoint->value;
    if (row[spec_.endpointSlot] == kUnbound) return std::nullopt;
    Term t = ctx_.resolve(row[spec_.endpointSlot]);
    if (!t.isIri()) return std::nullopt;
    return t.value;
}

// One request to `endpoint` for `rows`: their distinct values for the group's variables go
// along as VALUES. The answers come back as rows of ids; `failed` is set when SILENT
// swallowed a failure.
std::vector<std::vector<TermId>> ServiceOp::ask(const std::string& endpoint,
                                                const std::vector<const std::vector<TermId>*>& rows, bool& failed) {
    std::vector<std::pair<std::string, int>> sent; // the variables some row binds (not to a blank node)
    for (const auto& [name, slot] : spec_.vars)
        for (const auto* row : rows)
            if ((*row)[slot] != kUnbound && !ctx_.resolve((*row)[slot]).isBlank()) {
                sent.emplace_back(name, slot);
                break;
            }
    std::string request = spec_.query;
    if (!sent.empty()) {
        std::set<std::string> tuples;
        for (const auto* row : rows) {
            std::string tuple = "(";
            for (const auto& [name, slot] : sent) {
                TermId id = (*row)[slot];
                Term t = id == kUnbound ? Term{} : ctx_.resolve(id);
                tuple += " " + (id == kUnbound || t.isBlank() ? std::string("UNDEF") : t.toNTriples());
            }
            tuples.insert(tuple + " )");
        }
        request += "\nVALUES (";
        for (const auto& [name, slot] : sent) request += " ?" + name;
        request += " ) {";
        for (const auto& t : tuples) request += "\n  " + t;
        request += "\n}";
    }
    ctx_.checkCancelledNow();
    if (!ctx_.services) fail("SERVICE cannot reach other endpoints here");
    std::chrono::milliseconds timeout = kDefaultServiceTimeout;
    if (ctx_.cancel.deadline) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*ctx_.cancel.deadline -
                                                                          std::chrono::steady_clock::now());
        timeout = std::max(std::chrono::milliseconds(1), std::min(timeout, left));
    }
    ++requests;
    ServiceSolutions answer;
    try {
        answer = ctx_.services->select(endpoint, request, timeout);
    } catch (const ServiceFailure& e) {
        ctx_.checkCancelledNow(); // a request cut short by the query's own deadline is a timeout
        if (!spec_.silent) fail(fmt::format("<{}>: {}", endpoint, e.what()));
        ctx_.warn(fmt::format("SERVICE SILENT <{}> failed and counts as one empty solution: {}", endpoint, e.what()));
        failed = true;
        return {std::vector<TermId>(ctx_.width(), kUnbound)};
    }
    // Columns that are not the group's variables are dropped; blank nodes are renamed per
    // answer so that they never meet the store's or another answer's.
    std::vector<int> slotOf(answer.vars.size(), -1);
    for (std::size_t i = 0; i < answer.vars.size(); ++i)
        for (const auto& [name, slot] : spec_.vars)
            if (name == answer.vars[i]) slotOf[i] = slot;
    std::size_t answerNumber = answered_++;
    std::vector<std::vector<TermId>> out;
    out.reserve(answer.rows.size());
    for (const auto& values : answer.rows) {
        std::vector<TermId> row(ctx_.width(), kUnbound);
        for (std::size_t i = 0; i < values.size() && i < slotOf.size(); ++i) {
            if (!values[i] || slotOf[i] < 0) continue;
            Term t = *values[i];
            if (t.isBlank()) t.value = fmt::format("service{}_{}", answerNumber, t.value);
            row[slotOf[i]] = ctx_.intern(t);
        }
        out.push_back(std::move(row));
    }
    memory_.add(out.size() * ctx_.width() * sizeof(TermId));
    return out;
}

// The batch's rows, grouped by endpoint, each group answered by one request and joined.
void ServiceOp::answerBatch() {
    output_.clear();
    outputPos_ = 0;
    memory_.reset();
    std::map<std::string, std::vector<const std::vector<TermId>*>> byEndpoint;
    std::vector<const std::vector<TermId>*> noEndpoint;
    for (const auto& row : batch_) {
        if (auto e = endpointOf(row))
            byEndpoint[*e].push_back(&row);
        else
            noEndpoint.push_back(&row);
    }
    if (!noEndpoint.empty()) {
        if (!spec_.silent)
            fail("the endpoint of SERVICE is not an IRI here (its variable is unbound or holds a literal)");
        for (const auto* row : noEndpoint) output_.push_back(*row); // one empty solution each
    }
    std::vector<TermId> merged(ctx_.width());
    for (const auto& [endpoint, rows] : byEndpoint) {
        bool failed = false;
        auto answers = ask(endpoint, rows, failed);
        for (const auto* row : rows)
            for (const auto& a : answers) {
                if (!compatible(row->data(), a.data(), ctx_.width())) continue;
                mergeInto(merged.data(), row->data(), a.data(), ctx_.width());
                output_.push_back(merged);
            }
    }
    memory_.add(output_.size() * ctx_.width() * sizeof(TermId));
}

bool ServiceOp::next(Batch& out) {
    std::size_t before = out.size();
    while (!out.full()) {
        if (outputPos_ < output_.size()) {
            out.push(output_[outputPos_++].data());
            continue;
        }
        if (!fillLeft()) break;
        answerBatch();
    }
    rowsProduced += out.size() - before;
    return out.size() > before;
}

std::string ServiceOp::describe() const {
    std::string where = spec_.endpoint ? "<" + spec_.endpoint->value + ">" : "(endpoint from a variable)";
    return fmt::format("service{}{} {} ({} request(s) sent)", left_ ? " bind join" : "", spec_.silent ? " silent" : "",
                       where, requests);
}

} // namespace corridor::query::executor
