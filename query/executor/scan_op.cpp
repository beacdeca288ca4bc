#include "query/executor/scan_op.h"

#include "query/algebra/printer.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::query::executor {

using storage::kGraph;
using storage::QuadIds;
using storage::QuadPattern;

std::uint64_t Operator::countRows() {
    Batch batch(ctx_.width());
    std::uint64_t n = 0;
    while (next(batch)) {
        n += batch.size();
        batch.clear();
    }
    return n;
}

std::vector<TermId> seedRow(const TermId* seed, std::size_t width) {
    if (!seed) return std::vector<TermId>(width, kUnbound);
    return std::vector<TermId>(seed, seed + width);
}

ScanOp::ScanOp(ExecContext& ctx, std::array<PatternSlot, 3> spo, GraphSpec graph)
    : Operator(ctx), spo_(spo), graph_(graph) {}

void ScanOp::open(const TermId* seed) {
    ++opens;
    if (seed) {
        seed_.assign(seed, seed + ctx_.width());
    } else {
        seed_.assign(ctx_.width(), kUnbound);
    }
    row_ = seed_;
    scan_ = nullptr;
    replaying_ = false;
    recording_ = false;
    empty_ = false;
    haveLast_ = false;
    dedupe_ = false;
    QuadPattern pattern{};
    for (int i = 0; i < 3; ++i) {
        const PatternSlot& p = spo_[i];
        if (p.isConstant) {
            if (!p.constant) {
                empty_ = true;
                return;
            }
            pattern[i] = *p.constant;
        } else if (seed_[p.slot] != kUnbound) {
            if (ExecContext::isLocal(seed_[p.slot])) {
                empty_ = true; // a computed term the store cannot contain
                return;
            }
            pattern[i] = seed_[p.slot];
        }
    }
    storage::GraphRange range = storage::GraphRange::All;
    const DatasetIds& ds = ctx_.dataset;
    switch (graph_.kind) {
    case GraphSpec::Kind::None: empty_ = true; return;
    case GraphSpec::Kind::Fixed: pattern[kGraph] = graph_.graph; break;
    case GraphSpec::Kind::Variable:
        if (seed_[graph_.slot] != kUnbound) {
            TermId g = seed_[graph_.slot];
            if (g == storage::kDefaultGraph || ExecContext::isLocal(g) ||
                (ds.namedRestricted && !ds.namedGraphs.count(g))) {
                empty_ = true;
                return;
            }
            pattern[kGraph] = g;
        } else {
            range = storage::GraphRange::NamedOnly;
        }
        break;
    case GraphSpec::Kind::Default:
        switch (ds.defaultMode) {
        case DatasetIds::DefaultMode::Union: dedupe_ = true; break;
        case DatasetIds::DefaultMode::StoreDefault: pattern[kGraph] = storage::kDefaultGraph; break;
        case DatasetIds::DefaultMode::Graphs:
            if (ds.defaultGraphs.empty()) {
                empty_ = true;
                return;
            }
            if (ds.defaultGraphs.size() == 1) {
                pattern[kGraph] = ds.defaultGraphs[0];
            } else {
                dedupe_ = true;
            }
            break;
        }
        break;
    }
    pattern_ = pattern;
    range_ = range;
    if (memo_ && !split_) {
        if (auto quads = memo_->find(pattern, range)) {
            replaying_ = true;
            read_.assign(quads->begin(), quads->end()); // a copy: the memo moves as it grows
            replayAt_ = 0;
            ++memoOpens;
            return;
        }
        recording_ = true;
        read_.clear();
    }
    scan_ = &cache_.scan(ctx_.view(), pattern, range);
    if (split_) { // restrictTo(): splitValue() found the pattern's next component free
        QuadPattern at = pattern;
        at[storage::componentsOf(scan_->order())[storage::boundPrefix(scan_->order(), pattern)]] = *split_;
        if (upperPart_)
            scan_->seekWithin(at);
        else
            scan_->stopBefore(at);
    }
}

std::optional<TermId> ScanOp::splitValue(const TermId* seed) {
    restrictTo(std::nullopt, false);
    struct KeepOpens { // looking for the split is not a use of the scan (--explain counts opens)
        std::uint64_t& opens;
        std::uint64_t before;
        ~KeepOpens() { opens = before; }
    } keep{opens, opens};
    ProbeMemo* memo = std::exchange(memo_, nullptr); // the split reads the index itself
    open(seed);
    memo_ = memo;
    if (empty_ || !scan_ || scan_->prefixMode()) return std::nullopt;
    const auto& comps = storage::componentsOf(scan_->order());
    const int bound = storage::boundPrefix(scan_->order(), pattern_);
    if (bound >= 3 || comps[bound] == kGraph) return std::nullopt;
    QuadIds first;
    if (!scan_->next(first)) return std::nullopt;
    auto last = scan_->lastInStore();
    open(seed); // the scan moved: start over for whoever reads it next
    if (!last) return std::nullopt;
    const TermId lo = first.ids[comps[bound]], hi = last->ids[comps[bound]];
    if (hi <= lo) return std::nullopt;
    return lo + (hi - lo + 1) / 2; // above the first value, at most the last: both parts hold quads
}

std::vector<int> ScanOp::prefixSlots(const TermId* row) const {
    QuadPattern pattern{};
    std::array<int, 4> slotOf = {-1, -1, -1, -1};
    for (int i = 0; i < 3; ++i) {
        const PatternSlot& p = spo_[i];
        if (p.isConstant) {
            pattern[i] = 0;
        } else if (row[p.slot] != kUnbound) {
            pattern[i] = 0;
            slotOf[i] = p.slot;
        }
    }
    if (graph_.kind == GraphSpec::Kind::Fixed) pattern[kGraph] = graph_.graph; // the default graph's is G-last
    std::vector<int> out;
    const auto& comps = storage::componentsOf(storage::chooseIndex(pattern).order);
    for (auto c : comps)
        if (slotOf[c] >= 0) out.push_back(slotOf[c]);
    return out;
}

std::vector<int> ScanOp::variableSlots() const {
    std::vector<int> out;
    for (const PatternSlot& p : spo_)
        if (!p.isConstant && std::find(out.begin(), out.end(), p.slot) == out.end()) out.push_back(p.slot);
    if (graph_.kind == GraphSpec::Kind::Variable && std::find(out.begin(), out.end(), graph_.slot) == out.end())
        out.push_back(graph_.slot);
    return out;
}

bool ScanOp::accept(const QuadIds& q, TermId* row) {
    const DatasetIds& ds = ctx_.dataset;
    if (graph_.kind == GraphSpec::Kind::Default && ds.defaultMode == DatasetIds::DefaultMode::Graphs &&
        ds.defaultGraphs.size() > 1 &&
        std::find(ds.defaultGraphs.begin(), ds.defaultGraphs.end(), q.g()) == ds.defaultGraphs.end())
        return false;
    if (graph_.kind == GraphSpec::Kind::Variable && ds.namedRestricted && !ds.namedGraphs.count(q.g())) return false;
    if (dedupe_) {
        if (haveLast_ && last_.s() == q.s() && last_.p() == q.p() && last_.o() == q.o()) return false;
        last_ = q;
        haveLast_ = true;
    }
    // Bind variables; a variable repeated in the pattern must get one value.
    std::copy(seed_.begin(), seed_.end(), row);
    for (int i = 0; i < 3; ++i) {
        const PatternSlot& p = spo_[i];
        if (p.isConstant) continue;
        TermId& slot = row[p.slot];
        if (slot == kUnbound) {
            slot = q.ids[i];
        } else if (slot != q.ids[i]) {
            return false;
        }
    }
    if (graph_.kind == GraphSpec::Kind::Variable) {
        TermId& slot = row[graph_.slot];
        if (slot == kUnbound) {
            slot = q.g();
        } else if (slot != q.g()) {
            return false;
        }
    }
    return true;
}

bool ScanOp::pull(QuadIds& q) {
    if (replaying_) {
        if (replayAt_ == read_.size()) return false;
        q = read_[replayAt_++];
        return true;
    }
    if (!scan_->next(q)) {
        if (recording_) memo_->keep(pattern_, range_, read_);
        recording_ = false;
        return false;
    }
    if (recording_) {
        if (read_.size() == ProbeMemo::kMaxQuadsPerProbe)
            recording_ = false; // too many to keep
        else
            read_.push_back(q);
    }
    return true;
}

bool ScanOp::next(Batch& out) {
    if (empty_ || (!scan_ && !replaying_)) return false;
    std::size_t before = out.size();
    QuadIds q;
    while (!out.full() && pull(q)) {
        if (accept(q, row_.data())) {
            out.push(row_.data());
            ++rowsProduced;
        }
        if ((rowsProduced & 1023) == 0) ctx_.checkCancelled();
    }
    return out.size() > before;
}

std::uint64_t ScanOp::countRows() {
    if (empty_ || (!scan_ && !replaying_)) return 0;
    std::uint64_t n = 0;
    QuadIds q;
    while (pull(q)) {
        if (accept(q, row_.data())) ++n; // the same checks as next(): graphs, repeats, repeated variables
        if ((++examined_ & 1023) == 0) ctx_.checkCancelled();
    }
    rowsProduced += n;
    return n;
}

std::string ScanOp::describe() const {
    auto pos = [&](const PatternSlot& p) {
        if (!p.isConstant) return fmt::format("?{}", p.slot);
        return p.constant ? fmt::format("#{:x}", *p.constant) : std::string("(unknown term)");
    };
    std::string graph;
    switch (graph_.kind) {
    case GraphSpec::Kind::Default: graph = "default graph"; break;
    case GraphSpec::Kind::Fixed: graph = fmt::format("graph #{:x}", graph_.graph); break;
    case GraphSpec::Kind::Variable: graph = fmt::format("graph ?{}", graph_.slot); break;
    case GraphSpec::Kind::None: graph = "no graph"; break;
    }
    if (!label.empty()) return fmt::format("scan {} in {}", label, graph);
    return fmt::format("scan ({} {} {}) in {}", pos(spo_[0]), pos(spo_[1]), pos(spo_[2]), graph);
}

} // namespace corridor::query::executor
