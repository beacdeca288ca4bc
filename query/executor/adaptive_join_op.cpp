#include "query/executor/adaptive_join_op.h"

#include "query/executor/side_thread.h"

#include <algorithm>
#include <atomic>
#include <fmt/format.h>

namespace corridor::query::executor {

namespace {

// A pattern read in two parts: the scan reads the part before `split`, its twin the rest, and the
// scan reads whole again afterwards (it probes whole), however the read ends.
struct SplitRead {
    ScanOp& scan;
    SplitRead(ScanOp& lower, ScanOp& upper, TermId split) : scan(lower) {
        lower.restrictTo(split, false);
        upper.restrictTo(split, true);
    }
    SplitRead(const SplitRead&) = delete;
    SplitRead& operator=(const SplitRead&) = delete;
    ~SplitRead() { scan.restrictTo(std::nullopt, false); }
};

} // namespace

AdaptiveJoinOp::AdaptiveJoinOp(ExecContext& ctx, OperatorPtr left, std::unique_ptr<ScanOp> right, std::vector<int> keys,
                               std::size_t hashFrom, std::size_t patternRows, std::vector<ProbeKeys> probeChoices)
    : Operator(ctx), left_(std::move(left)), right_(std::move(right)), keys_(std::move(keys)),
      probeChoices_(std::move(probeChoices)), hashFrom_(std::max<std::size_t>(hashFrom, 1)), patternRows_(patternRows),
      probeBatch_(ctx.width()), leftRows_(ctx, *left_), merged_(ctx.width()) {
    useProbeKeys(keys_);
}

void AdaptiveJoinOp::useProbeKeys(std::vector<int> slots) {
    probeKeys_ = std::move(slots);
    otherSlots_.clear();
    for (int slot : right_->variableSlots())
        if (std::find(probeKeys_.begin(), probeKeys_.end(), slot) == probeKeys_.end()) otherSlots_.push_back(slot);
    matchedKey_.assign(probeKeys_.size(), kUnbound);
    matchedValid_ = false;
}

void AdaptiveJoinOp::open(const TermId* seed) {
    ++opens;
    left_->open(seed);
    seed_ = seedRow(seed, ctx_.width());
    mode_ = Mode::Undecided;
    gathered_.clear();
    order_.clear();
    memory_.reset();
    pos_ = 0;
    leftMore_ = false;
    // decide() chooses the probe keys again: these rows may favour others.
    if (probeKeys_ != keys_) {
        useProbeKeys(keys_);
    } else {
        matchedValid_ = false; // the seed may differ: so may the matches
        matchedKey_.assign(keys_.size(), kUnbound);
    }
    probeRow_ = seed_;
    matches_ = {};
    current_ = nullptr;
    fromGathered_ = true;
    hits_.clear();
    hitsMemory_.reset();
    hitPos_ = 0;
}

// Appends left rows to gathered_ until it holds `upTo` rows or the left side ends; false at its end.
bool AdaptiveJoinOp::gather(std::size_t upTo) {
    const std::size_t width = ctx_.width();
    Batch batch(width);
    while (gathered_.size() / width < upTo) {
        if (!left_->next(batch)) return false;
        ctx_.checkCancelled();
        memory_.add(batch.size() * width * sizeof(TermId));
        for (std::size_t i = 0; i < batch.size(); ++i)
            gathered_.insert(gathered_.end(), batch.row(i), batch.row(i) + width);
        batch.clear();
    }
    return true;
}

void AdaptiveJoinOp::decide() {
    // Gathering is bounded: past kMaxGatherRows (below the threshold) the rows probe, a gathered
    // batch at a time, as a dependent join's would, and memory stays what one batch holds.
    leftMore_ = gather(std::min(hashFrom_, kMaxGatherRows));
    sortGathered();
    if (gathered_.size() / ctx_.width() >= hashFrom_ && distinctKeys() >= hashFrom_) {
        // One pass over the pattern pays: hash the smaller side. The left side is smaller if it
        // ends before it has as many rows as the pattern (within what gathering may hold).
        if (leftMore_ && patternRows_ > 0) leftMore_ = gather(std::min(patternRows_, kMaxGatherRows));
        if (!leftMore_ && gathered_.size() / ctx_.width() < patternRows_) {
            mode_ = Mode::HashLeft;
            hashedLeftOnce_ = true;
            hashLeft();
            return;
        }
        mode_ = Mode::Hash;
        hashedOnce_ = true;
        buildTable();
        leftRows_.reset(); // the left rows after those gathered
        return;
    }
    mode_ = Mode::Probe;
    probedOnce_ = true;
    chooseProbeKeys();
}

// The way to probe whose distinct keys among the gathered rows, times its cost per probe, is least.
void AdaptiveJoinOp::chooseProbeKeys() {
    if (probeChoices_.size() < 2 || gathered_.size() / ctx_.width() < kChooseKeysFrom) return;
    const ProbeKeys* best = nullptr;
    double bestCost = 0;
    for (const ProbeKeys& choice : probeChoices_) {
        const double cost = static_cast<double>(distinctOn(choice.slots)) * choice.costPerProbe;
        if (!best || cost < bestCost) {
            best = &choice;
            bestCost = cost;
        }
    }
    if (best->slots == probeKeys_) return;
    useProbeKeys(best->slots);
    if (fewestProbeKeys_ == 0 || probeKeys_.size() < fewestProbeKeys_) fewestProbeKeys_ = probeKeys_.size();
    if (!leadSortOrder(probeKeys_)) sortGathered(); // else rows of one probe key follow each other already
}

bool AdaptiveJoinOp::leadSortOrder(const std::vector<int>& slots) const {
    if (slots.size() > sortedOn_.size()) return false;
    for (int s : slots)
        if (std::find(sortedOn_.begin(), sortedOn_.begin() + static_cast<std::ptrdiff_t>(slots.size()), s) ==
            sortedOn_.begin() + static_cast<std::ptrdiff_t>(slots.size()))
            return false;
    return true;
}

// Keys that lead the order the rows are sorted in (in any order among themselves) are counted in
// one pass; others by sorting the rows on them.
std::size_t AdaptiveJoinOp::distinctOn(const std::vector<int>& slots) const {
    const std::size_t width = ctx_.width();
    if (leadSortOrder(slots)) {
        std::size_t n = 0;
        for (std::size_t r = 0; r < order_.size(); ++r)
            if (r == 0 ||
                !sameKey(gathered_.data() + order_[r - 1] * width, gathered_.data() + order_[r] * width, slots))
                ++n;
        return n;
    }
    std::vector<const TermId*> rows(gathered_.size() / width);
    for (std::size_t i = 0; i < rows.size(); ++i) rows[i] = gathered_.data() + i * width;
    std::sort(rows.begin(), rows.end(), [&](const TermId* a, const TermId* b) {
        for (int s : slots)
            if (a[s] != b[s]) return a[s] < b[s];
        return false;
    });
    std::size_t n = 0;
    for (std::size_t i = 0; i < rows.size(); ++i)
        if (i == 0 || !sameKey(rows[i - 1], rows[i], slots)) ++n;
    return n;
}

// A pattern this large is read on two cores: its range split in two (ScanOp::splitValue), the
// second part by a twin of the scan on a thread of its own.
void AdaptiveJoinOp::buildTable() {
    std::optional<TermId> split;
    if (hashFrom_ >= kSplitBuildFrom) split = right_->splitValue(seed_.data());
    if (!split) {
        table_.build(ctx_, *right_, seed_.data(), ctx_.width(), keys_);
        return;
    }
    if (!rightTwin_) rightTwin_ = right_->twin();
    SplitRead splitRead(*right_, *rightTwin_, *split);
    const std::uint64_t before = rightTwin_->rowsProduced;
    table_.build(ctx_, *right_, seed_.data(), ctx_.width(), keys_, rightTwin_.get());
    right_->rowsProduced += rightTwin_->rowsProduced - before; // --explain shows the pattern's rows as one
}

namespace {

// The rows of `scan` (opened with `seed`) that have a candidate in `table`, appended to `out` and
// charged to `charge`; or, on a side thread (no charge), held to at most `allowance` bytes.
void keepMatched(ExecContext& ctx, ScanOp& scan, const TermId* seed, const HashTable& table, std::vector<TermId>& out,
                 const std::atomic<bool>& stop, MemoryCharge* charge, std::optional<std::size_t> allowance) {
    const std::size_t width = ctx.width();
    Batch batch(width);
    scan.open(seed);
    while (!stop.load(std::memory_order_relaxed) && scan.next(batch)) {
        ctx.checkCancelled();
        const std::size_t before = out.size();
        for (std::size_t i = 0; i < batch.size(); ++i)
            if (!table.candidates(batch.row(i)).empty()) out.insert(out.end(), batch.row(i), batch.row(i) + width);
        if (charge) charge->add((out.size() - before) * sizeof(TermId));
        if (allowance && out.size() * sizeof(TermId) > *allowance)
            ctx.throwOverBudget("the pattern's rows an adaptive join matched");
        batch.clear();
    }
}

} // namespace

// A large pattern is read on two cores, as buildTable() does; the second part's matched rows
// follow the first's. Both threads only read the table.
void AdaptiveJoinOp::hashLeft() {
    const std::size_t width = ctx_.width();
    table_.build(ctx_, gathered_.data(), gathered_.size() / width, width, keys_);
    std::vector<TermId>().swap(gathered_); // the table holds a copy
    order_.clear();
    memory_.reset();
    std::optional<TermId> split;
    if (patternRows_ >= kSplitBuildFrom) split = right_->splitValue(seed_.data());
    std::atomic<bool> stop{false};
    if (!split) {
        keepMatched(ctx_, *right_, seed_.data(), table_, hits_, stop, &hitsMemory_, std::nullopt);
        return;
    }
    if (!rightTwin_) rightTwin_ = right_->twin();
    SplitRead splitRead(*right_, *rightTwin_, *split);
    const std::uint64_t rowsBefore = rightTwin_->rowsProduced;
    const std::optional<std::size_t> allowance = ctx_.sideThreadAllowance();
    std::future<std::vector<TermId>> upper = startSideThread([&] {
        std::vector<TermId> part;
        keepMatched(ctx_, *rightTwin_, seed_.data(), table_, part, stop, nullptr, allowance);
        return part;
    });
    StopAndWait<std::vector<TermId>> wait{stop, upper};
    keepMatched(ctx_, *right_, seed_.data(), table_, hits_, stop, &hitsMemory_, std::nullopt);
    if (upper.valid()) {
        std::vector<TermId> part = upper.get();
        hitsMemory_.add(part.size() * sizeof(TermId));
        hits_.insert(hits_.end(), part.begin(), part.end());
    } else { // no thread to be had: this one reads the second part too
        keepMatched(ctx_, *rightTwin_, seed_.data(), table_, hits_, stop, &hitsMemory_, std::nullopt);
    }
    right_->rowsProduced += rightTwin_->rowsProduced - rowsBefore; // --explain shows the pattern's rows as one
}

// The gathered rows probe in index order: that of the prefix a probe with the probe keys reads.
void AdaptiveJoinOp::sortGathered() {
    const std::size_t width = ctx_.width();
    const std::size_t rows = gathered_.size() / width;
    order_.resize(rows);
    for (std::size_t i = 0; i < rows; ++i) order_[i] = i;
    pos_ = 0;
    sortedOn_.clear();
    if (rows < 2) return;
    std::vector<TermId> probe = seed_; // the first row's probe
    for (int k : probeKeys_) probe[static_cast<std::size_t>(k)] = gathered_[static_cast<std::size_t>(k)];
    sortedOn_ = right_->prefixSlots(probe.data());
    sortProbeOrderOn(
        sortedOn_, [&](std::size_t i) { return gathered_.data() + i * width; }, order_);
}

bool AdaptiveJoinOp::sameKey(const TermId* a, const TermId* b, const std::vector<int>& keys) const {
    for (int k : keys)
        if (a[k] != b[k]) return false;
    return true;
}

std::size_t AdaptiveJoinOp::distinctKeys() const {
    const std::size_t width = ctx_.width();
    std::size_t n = 0;
    const TermId* previous = nullptr;
    for (std::size_t i : order_) {
        const TermId* row = gathered_.data() + i * width;
        if (!previous || !sameKey(previous, row, keys_)) ++n;
        previous = row;
    }
    return n;
}

// The matches depend only on the seed and the probe key slots (the planner makes every pattern
// variable the left side binds a key; a probe may bind fewer), so the probe row holds just those.
// Keys the probe leaves out are checked against each match when it joins (compatible()).
void AdaptiveJoinOp::probe(const TermId* row) {
    const std::size_t width = ctx_.width();
    for (std::size_t i = 0; i < probeKeys_.size(); ++i) probeRow_[probeKeys_[i]] = matchedKey_[i] = row[probeKeys_[i]];
    matched_.clear();
    right_->open(probeRow_.data());
    while (right_->next(probeBatch_)) {
        matched_.insert(matched_.end(), probeBatch_.row(0), probeBatch_.row(0) + probeBatch_.size() * width);
        probeBatch_.clear();
        ctx_.checkCancelled();
    }
    if (std::size_t bytes = matched_.capacity() * sizeof(TermId); bytes > matchedCharged_) {
        matchedMemory_.add(bytes - matchedCharged_); // charged as the buffer grows, not per probe
        matchedCharged_ = bytes;
    }
    matchedValid_ = true;
    matchedRows_ = true;
    matchedCount_ = matched_.size() / width;
}

void AdaptiveJoinOp::countProbe(const TermId* row) {
    for (std::size_t i = 0; i < probeKeys_.size(); ++i) probeRow_[probeKeys_[i]] = matchedKey_[i] = row[probeKeys_[i]];
    matched_.clear();
    right_->open(probeRow_.data());
    matchedCount_ = right_->countRows();
    matchedValid_ = true;
    matchedRows_ = false;
}

bool AdaptiveJoinOp::sameKey(const TermId* row) const {
    for (std::size_t i = 0; i < probeKeys_.size(); ++i)
        if (row[probeKeys_[i]] != matchedKey_[i]) return false;
    return true;
}

bool AdaptiveJoinOp::takesAllMatches(const TermId* row) const {
    // A match holds the probe's seed and key values and the pattern's own: where the row binds
    // one of the pattern's other slots, only a seed value there is the same in every match.
    for (int s : otherSlots_)
        if (row[s] != kUnbound && (seed_[s] == kUnbound || row[s] != seed_[s])) return false;
    return true;
}

namespace {

// What the walks hand each compatible (left row, match) pair to: next() builds the joined row,
// countRows() counts it.
struct BatchEmit {
    static constexpr bool kCounting = false;
    Batch& out;
    std::vector<TermId>& merged;
    std::size_t width;
    bool full() const { return out.full(); }
    void operator()(const TermId* left, const TermId* match) {
        mergeInto(merged.data(), left, match, width);
        out.push(merged.data());
    }
};

struct CountEmit {
    static constexpr bool kCounting = true;
    std::uint64_t n = 0;
    bool full() const { return false; }
    void operator()(const TermId*, const TermId*) { ++n; }
};

} // namespace

// Rows in index order: those with one key follow each other, and the key probes once for all.
// Both walks resume where the last call stopped.
template <typename Emit>
void AdaptiveJoinOp::walkProbing(Emit& emit) {
    const std::size_t width = ctx_.width();
    while (!emit.full()) {
        if (current_) {
            if constexpr (Emit::kCounting) {
                // Counting a row whose every match agrees with it: their number, not a walk.
                if (matchedPos_ == 0 && takesAllMatches(current_)) {
                    emit.n += matchedCount_;
                    matchedPos_ = matched_.size();
                }
            }
            if (matchedPos_ < matched_.size()) {
                const TermId* r = matched_.data() + matchedPos_;
                matchedPos_ += width;
                if (compatible(current_, r, width)) emit(current_, r);
                continue;
            }
            current_ = nullptr;
            ++pos_;
        }
        if (pos_ >= order_.size()) {
            if (!leftMore_) break;
            gathered_.clear(); // the next rows of a long left side
            memory_.reset();
            leftMore_ = gather(kMaxGatherRows);
            sortGathered();
            if (order_.empty()) break;
        }
        ctx_.checkCancelled(); // two flag reads: cheap enough for every probe
        const TermId* row = gathered_.data() + order_[pos_] * width;
        if (!matchedValid_ || !sameKey(row)) {
            // Counting rows that take every match needs how many there are, not the matches.
            if (Emit::kCounting && takesAllMatches(row))
                countProbe(row);
            else
                probe(row);
        } else if (!matchedRows_ && !(Emit::kCounting && takesAllMatches(row))) {
            probe(row); // the key was counted for an earlier row: this one needs the matches
        }
        current_ = row;
        matchedPos_ = 0;
    }
}

template <typename Emit>
void AdaptiveJoinOp::walkHashing(Emit& emit) {
    const std::size_t width = ctx_.width();
    while (!emit.full()) {
        if (matchPos_ < matches_.size()) {
            const TermId* r = table_.row(matches_[matchPos_++]);
            if (compatible(current_, r, width)) emit(current_, r);
            continue;
        }
        // The next left row: the gathered ones first, then the rest of the left side.
        if (current_ && !fromGathered_) leftRows_.advance();
        if (fromGathered_ && pos_ < gathered_.size() / width) {
            current_ = gathered_.data() + pos_++ * width;
        } else {
            fromGathered_ = false;
            current_ = leftRows_.current();
            if (!current_) break;
        }
        ctx_.checkCancelled();
        matches_ = table_.candidates(current_);
        matchPos_ = 0;
    }
}

// HashLeft: each matched row of the pattern with its left rows, in the pattern's order.
template <typename Emit>
void AdaptiveJoinOp::walkHits(Emit& emit) {
    const std::size_t width = ctx_.width();
    while (!emit.full()) {
        if (matchPos_ < matches_.size()) {
            const TermId* left = table_.row(matches_[matchPos_++]);
            if (compatible(left, current_, width)) emit(left, current_);
            continue;
        }
        if (hitPos_ >= hits_.size()) break;
        ctx_.checkCancelled();
        current_ = hits_.data() + hitPos_;
        hitPos_ += width;
        matches_ = table_.candidates(current_);
        matchPos_ = 0;
    }
}

bool AdaptiveJoinOp::next(Batch& out) {
    if (mode_ == Mode::Undecided) decide();
    std::size_t before = out.size();
    BatchEmit emit{out, merged_, ctx_.width()};
    if (mode_ == Mode::Probe)
        walkProbing(emit);
    else if (mode_ == Mode::HashLeft)
        walkHits(emit);
    else
        walkHashing(emit);
    rowsProduced += out.size() - before;
    return out.size() > before;
}

// The rows next() would give, counted: the same walk, no row built.
// Counting when every gathered row takes all its key's matches (COUNT(*) over a fan-out, P3's last
// step): the number of matches of each distinct key, times its rows. With many keys, the upper
// half of them is counted by a twin of the scan on another thread at the same time. Empty when
// the rows do not qualify: the walk counts them.
std::optional<std::uint64_t> AdaptiveJoinOp::countByKeys() {
    const std::size_t width = ctx_.width();
    if (mode_ != Mode::Probe || pos_ != 0 || current_) return std::nullopt;
    if (leftMore_) { // deciding gathered as many rows as the threshold: the rest, as the walk would
        leftMore_ = gather(kMaxGatherRows);
        sortGathered();
        if (leftMore_) return std::nullopt; // more than one gathering holds: the walk takes them in turn
    }
    if (order_.empty()) return std::nullopt;
    for (std::size_t i : order_)
        if (!takesAllMatches(gathered_.data() + i * width)) return std::nullopt;
    // Runs of rows with one key, in probe order: [starts[k], starts[k + 1]).
    std::vector<std::size_t> starts;
    for (std::size_t r = 0; r < order_.size(); ++r) {
        const TermId* row = gathered_.data() + order_[r] * width;
        if (r == 0 || !sameKey(gathered_.data() + order_[r - 1] * width, row, probeKeys_)) starts.push_back(r);
    }
    starts.push_back(order_.size());
    const std::size_t keyCount = starts.size() - 1;
    std::atomic<bool> stop{false};
    auto countKeys = [&](ScanOp& scan, std::size_t from, std::size_t to) {
        std::vector<TermId> probe = seed_;
        std::uint64_t n = 0;
        for (std::size_t k = from; k < to && !stop.load(std::memory_order_relaxed); ++k) {
            ctx_.checkCancelled();
            const TermId* row = gathered_.data() + order_[starts[k]] * width;
            for (int slot : probeKeys_) probe[static_cast<std::size_t>(slot)] = row[slot];
            scan.open(probe.data());
            n += scan.countRows() * (starts[k + 1] - starts[k]);
        }
        return n;
    };
    std::size_t half = keyCount >= kSplitCountFrom ? keyCount / 2 : keyCount;
    if (half < keyCount && !rightTwin_) rightTwin_ = right_->twin();
    // Read before the other thread starts: from then on, the twin is its alone until it is joined.
    const std::uint64_t opensBefore = rightTwin_ ? rightTwin_->opens : 0;
    const std::uint64_t rowsBefore = rightTwin_ ? rightTwin_->rowsProduced : 0;
    std::future<std::uint64_t> upper;
    if (half < keyCount) {
        const std::size_t from = half; // the thread's own copy: `half` may change below
        upper = startSideThread([&, from] { return countKeys(*rightTwin_, from, keyCount); });
        if (!upper.valid()) half = keyCount; // no thread to be had: this one counts every key
    }
    StopAndWait<std::uint64_t> wait{stop, upper};
    std::uint64_t n = countKeys(*right_, 0, half);
    if (upper.valid()) {
        n += upper.get();
        right_->opens += rightTwin_->opens - opensBefore; // --explain shows the pattern's work as one
        right_->rowsProduced += rightTwin_->rowsProduced - rowsBefore;
    }
    probedOnce_ = true;
    pos_ = order_.size(); // every gathered row is counted
    return n;
}

std::uint64_t AdaptiveJoinOp::countRows() {
    if (mode_ == Mode::Undecided) decide();
    if (auto byKeys = countByKeys()) {
        rowsProduced += *byKeys;
        return *byKeys;
    }
    CountEmit count;
    if (mode_ == Mode::Probe)
        walkProbing(count);
    else if (mode_ == Mode::HashLeft)
        walkHits(count);
    else
        walkHashing(count);
    rowsProduced += count.n;
    return count.n;
}

std::string AdaptiveJoinOp::describe() const {
    std::string how;
    const std::string probed =
        fewestProbeKeys_ ? fmt::format("probed the index on {} of its keys", fewestProbeKeys_) : "probed the index";
    for (auto [done, what] : {std::pair{probedOnce_, probed}, std::pair{hashedOnce_, std::string("hashed the pattern")},
                              std::pair{hashedLeftOnce_, std::string("hashed the left side")}})
        if (done) how += (how.empty() ? "" : " or ") + what;
    if (how.empty()) how = "not run";
    return fmt::format("adaptive join on {} key(s), hashing from {} rows: {}", keys_.size(), hashFrom_, how);
}

} // namespace corridor::query::executor
