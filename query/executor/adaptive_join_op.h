#pragma once
// A join of the plan so far with one triple pattern that chooses at run time how
// to read the pattern. It first gathers left rows and sorts them into index order:
// if they hold fewer than `hashFrom` distinct join keys, each key probes the index
// once (as DependentJoinOp does, in index order) and every left row with that key
// takes its matches; from `hashFrom` keys on, the pattern is read whole into a hash
// table (as HashJoinOp does) and every left row looks its matches up there. The
// planner sets `hashFrom` from the whole pattern's row count: past it, one probe
// per key would cost more than one pass over the pattern. Deciding on the real rows
// rather than the estimate keeps a badly estimated join from the wrong choice. Memory
// is bounded: a threshold above kMaxGatherRows is never reached by gathering; the
// rows then probe in gathered batches of that size.
//
// When hashing pays and the whole left side turns out smaller than the pattern
// (`patternRows`, its rows with only the seed bound), the smaller side is hashed: the
// left rows go into the table and the pattern is read past it (on two threads when
// large), keeping its rows that have a match. Those rows are then joined with their
// matches in the order the pattern gave them.
//
// Probing need not bind every key. The planner may offer other ways to probe: a subset of the
// keys bound, the rest checked against each match, with what one probe costs in rows read (the
// seek included). The join counts the distinct keys of each among the rows it gathered and
// probes the way that reads least: LUBM's Q2 (L3) checks (?X memberOf ?Z) for 4,517 distinct
// (?X, ?Z) pairs but only 297 distinct ?X, each a member of one department.

#include "query/executor/join_ops.h"
#include "query/executor/scan_op.h"

namespace corridor::query::executor {

// A way to probe: these key slots bound, at this cost per probe (in rows read, the seek included).
struct ProbeKeys {
    std::vector<int> slots;
    double costPerProbe = 0;
};

class AdaptiveJoinOp : public Operator {
public:
    // `probeChoices`: the ways to probe, the whole key among them; with fewer than two, the
    // probes bind every key.
    AdaptiveJoinOp(ExecContext& ctx, OperatorPtr left, std::unique_ptr<ScanOp> right, std::vector<int> keys,
                   std::size_t hashFrom, std::size_t patternRows = 0, std::vector<ProbeKeys> probeChoices = {});
    void open(const TermId* seed) override;
    bool next(Batch& out) override;
    std::uint64_t countRows() override;
    std::string describe() const override;
    std::vector<const Operator*> inputs() const override { return {left_.get(), right_.get()}; }

    // At most this many left rows are held at once (32 MiB at a row width of 16).
    static constexpr std::size_t kMaxGatherRows = std::size_t{1} << 18;
    // Hashing a pattern from this threshold on reads it on two threads (the threshold is about a
    // quarter of the pattern's rows: patterns of 65,000 rows and up).
    static constexpr std::size_t kSplitBuildFrom = 16384;
    // Counting this many distinct keys or more, the upper half is counted on another thread.
    static constexpr std::size_t kSplitCountFrom = 256;
    // Below this many gathered rows the probes bind every key: choosing would cost more than it saves.
    static constexpr std::size_t kChooseKeysFrom = 32;

private:
    enum class Mode { Undecided, Probe, Hash, HashLeft };
    void decide();
    void buildTable();
    void hashLeft(); // HashLeft: the gathered rows into table_, the pattern's matched rows into hits_
    std::optional<std::uint64_t> countByKeys();
    bool gather(std::size_t upTo);
    void sortGathered();              // into the order the probe keys seek forward in
    std::size_t distinctKeys() const; // of the whole key among the gathered rows, once sorted
    std::size_t distinctOn(const std::vector<int>& slots) const; // among the gathered rows
    bool leadSortOrder(const std::vector<int>& slots) const;     // they are the first of sortedOn_
    void chooseProbeKeys();
    void useProbeKeys(std::vector<int> slots);
    bool sameKey(const TermId* a, const TermId* b, const std::vector<int>& keys) const;
    bool sameKey(const TermId* row) const; // row's probe key is that of matched_
    // Every match of row's key agrees with row: it binds none of the slots they may differ on.
    bool takesAllMatches(const TermId* row) const;
    void probe(const TermId* row);      // reads the matches of row's key into matched_
    void countProbe(const TermId* row); // counts them into matchedCount_, matched_ left empty
    // Hand each compatible (left row, match) pair to `emit` until emit.full() or the rows end.
    template <typename Emit>
    void walkProbing(Emit& emit);
    template <typename Emit>
    void walkHashing(Emit& emit);
    template <typename Emit>
    void walkHits(Emit& emit);

    OperatorPtr left_;
    std::unique_ptr<ScanOp> right_;
    std::unique_ptr<ScanOp> rightTwin_; // reads the second part of a split build
    std::vector<int> keys_;
    std::vector<ProbeKeys> probeChoices_;
    std::vector<int> probeKeys_;      // the keys a probe binds: keys_ or one of probeChoices_
    std::vector<int> otherSlots_;     // what the pattern's rows bind besides the probe keys
    std::size_t fewestProbeKeys_ = 0; // for --explain: the fewest keys a probe bound, if fewer than all
    std::size_t hashFrom_;
    std::size_t patternRows_; // 0: not known, the left side is never hashed
    Mode mode_ = Mode::Undecided;
    bool hashedOnce_ = false, probedOnce_ = false, hashedLeftOnce_ = false; // for --explain
    std::vector<TermId> seed_;
    std::vector<TermId> gathered_;   // left rows read while deciding, one after another
    std::vector<std::size_t> order_; // Probe: the order gathered rows probe in
    std::vector<int> sortedOn_;      // the slots order_ is sorted on, in sort order (empty: unsorted)
    std::size_t pos_ = 0;            // next gathered row
    bool leftMore_ = false;          // the left side has rows not gathered yet

    // Probe: the matches of the last key probed (seed and pattern values only), and which of
    // them the current left row takes next.
    std::vector<TermId> probeRow_, matchedKey_, matched_;
    bool matchedValid_ = false;
    // The number of matches of the key probed last; matched_ holds them only when matchedRows_.
    std::size_t matchedCount_ = 0;
    bool matchedRows_ = false;
    std::size_t matchedCharged_ = 0; // bytes of matched_'s buffer charged so far
    std::size_t matchedPos_ = 0;
    Batch probeBatch_{0};
    MemoryCharge matchedMemory_{ctx_, "the matches of one key of an adaptive join"};

    HashTable table_;
    RowCursor leftRows_; // Hash: the left rows after the gathered ones
    HashTable::Matches matches_;
    std::size_t matchPos_ = 0;
    const TermId* current_ = nullptr; // the left row being matched
    bool fromGathered_ = true;
    std::vector<TermId> merged_;
    MemoryCharge memory_{ctx_, "the rows an adaptive join gathers"};

    // HashLeft: the pattern's rows with a match in table_ (the left rows), one after another, and
    // the next of them to join.
    std::vector<TermId> hits_;
    std::size_t hitPos_ = 0;
    MemoryCharge hitsMemory_{ctx_, "the pattern's rows an adaptive join matched"};
};

} // namespace corridor::query::executor
