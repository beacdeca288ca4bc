#include "storage/quad_scan.h"

#include "storage/quad_scan_impl.h"
#include "storage/rocksdb_util.h"
#include "storage/store_impl.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::storage {

namespace {

// Above every 32-byte key: the bound of a scan over a whole index.
const std::string kNoUpperBound(kKeySize + 1, '\xff');

// Compares the leading `n` ids of an overlay record with `ids`.
bool recordLess(const OrderedRecord& r, const std::array<TermId, 4>& ids, int n) {
    return std::lexicographical_compare(r.begin(), r.begin() + n, ids.begin(), ids.begin() + n);
}
bool idsLess(const std::array<TermId, 4>& ids, const OrderedRecord& r, int n) {
    return std::lexicographical_compare(ids.begin(), ids.begin() + n, r.begin(), r.begin() + n);
}

// How many leading components of `order` the pattern binds (boundPrefix), and their ids.
int leadingIds(IndexOrder order, const QuadPattern& pattern, std::array<TermId, 4>& ids) {
    const int bound = boundPrefix(order, pattern);
    for (int i = 0; i < bound; ++i) ids[i] = *pattern[componentsOf(order)[i]];
    return bound;
}

// The first of changes[from, to) whose leading `n` ids are not below `ids`.
std::size_t firstChangeFrom(const std::vector<OrderedRecord>& changes, std::size_t from, std::size_t to,
                            const std::array<TermId, 4>& ids, int n) {
    auto lo = std::lower_bound(changes.begin() + static_cast<std::ptrdiff_t>(from),
                               changes.begin() + static_cast<std::ptrdiff_t>(to), ids,
                               [&](const OrderedRecord& r, const auto& v) { return recordLess(r, v, n); });
    return static_cast<std::size_t>(lo - changes.begin());
}

} // namespace

QuadScan::QuadScan(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
QuadScan::QuadScan(QuadScan&&) noexcept = default;
QuadScan& QuadScan::operator=(QuadScan&&) noexcept = default;
QuadScan::~QuadScan() = default;

IndexOrder QuadScan::order() const {
    return impl_->order;
}
bool QuadScan::prefixMode() const {
    return impl_->prefixMode;
}

void QuadScan::reset(const QuadPattern& pattern, GraphRange graphs) {
    Impl& s = *impl_;
    s.addWorkToStore();
    const auto& comps = componentsOf(s.order);
    std::array<TermId, 4> ids{};
    const int bound = leadingIds(s.order, pattern, ids);
    // The default graph's quads are in the G-last orders only: there the graph may be a filter
    // after the prefix; a G-first order serves named graphs only.
    const bool defaultGraph = pattern[kGraph] == kDefaultGraph;
    if (defaultGraph && isGraphFirst(s.order))
        throw StorageError(
            fmt::format("internal error: index {} holds no quad of the default graph", indexName(s.order)));
    if (isGraphFirst(s.order) && !pattern[kGraph] && graphs == GraphRange::All)
        throw StorageError(fmt::format("internal error: index {} holds named graphs only", indexName(s.order)));
    for (int i = bound; i < 4; ++i)
        if (pattern[comps[i]] && !(comps[i] == kGraph && defaultGraph))
            throw StorageError(fmt::format("index {} cannot serve this pattern", indexName(s.order)));
    s.defaultGraphOnly = defaultGraph && bound < 4;
    s.prefix = prefixFor(s.order, pattern, bound);
    if (s.prefixMode && s.prefix.size() < filterPrefixSize(s.order))
        throw StorageError("internal error: a prefix-filtered scan cannot serve a shorter prefix");
    s.upper = upperBound(s.prefix).value_or(kNoUpperBound);
    s.upperSlice = rocksdb::Slice(s.upper);
    s.namedGraphsOnly = graphs == GraphRange::NamedOnly && !pattern[kGraph];
    s.stop.clear();
    s.started = false;
    s.positioned = false;
    s.exhausted = false;
    s.baseLoaded = false;
    if (s.overlay) {
        const auto& changes = *s.overlay;
        s.overlayPos = firstChangeFrom(changes, 0, changes.size(), ids, bound);
        auto hi = std::upper_bound(changes.begin() + static_cast<std::ptrdiff_t>(s.overlayPos), changes.end(), ids,
                                   [&](const auto& v, const OrderedRecord& r) { return idsLess(v, r, bound); });
        s.overlayEnd = static_cast<std::size_t>(hi - changes.begin());
    }
}

void QuadScan::seekWithin(const QuadPattern& target) {
    Impl& s = *impl_;
    std::array<TermId, 4> ids{};
    const int bound = leadingIds(s.order, target, ids);
    std::string from = prefixFor(s.order, target, bound);
    if (from.size() < s.prefix.size() || from.compare(0, s.prefix.size(), s.prefix) != 0)
        throw StorageError("internal error: a scan cannot seek outside its pattern");
    s.goDirect(Impl::kSeekWork, false);
    s.iterator->Seek(from);
    s.started = true;
    s.positioned = true;
    s.exhausted = false;
    s.baseLoaded = false;
    if (s.overlay) s.overlayPos = firstChangeFrom(*s.overlay, s.overlayPos, s.overlayEnd, ids, bound);
}

void QuadScan::stopBefore(const QuadPattern& target) {
    Impl& s = *impl_;
    std::array<TermId, 4> ids{};
    const int bound = leadingIds(s.order, target, ids);
    std::string to = prefixFor(s.order, target, bound);
    if (to.size() <= s.prefix.size() || to.compare(0, s.prefix.size(), s.prefix) != 0)
        throw StorageError("internal error: a scan cannot stop outside its pattern");
    s.stop = std::move(to);
    if (s.overlay) s.overlayEnd = firstChangeFrom(*s.overlay, s.overlayPos, s.overlayEnd, ids, bound);
}

std::optional<QuadIds> QuadScan::lastInStore() {
    Impl& s = *impl_;
    auto& it = *s.iterator;
    s.started = true;
    s.positioned = false;
    s.exhausted = true;                    // until reset()
    if (s.prefixMode) return std::nullopt; // a prefix-filtered iterator cannot seek backwards across prefixes
    // Keys of the prefix sort below its upper bound, and every longer key above it.
    if (s.upper == kNoUpperBound)
        it.SeekToLast();
    else
        it.SeekForPrev(s.upper);
    throwIfError(it.status(), "scanning index {}", indexName(s.order));
    if (!it.Valid() || !it.key().starts_with(s.prefix)) return std::nullopt;
    return decodeKey(s.order, std::string_view(it.key().data(), it.key().size()));
}

// Opening a table file costs 0.1-0.2 ms on a small store (its tail, index and filter), about 2 ms
// for pm10000's SPOG; a seek through the database's iterators about 0.5 us more than through the
// file's own, a step some 30 ns more. A lookup that reads a few keys never opens one; once the
// scans of an order have done kDirectAfter units of work (a seek kSeekWork), its files are opened
// on another thread (Store::Impl::directTableSoon), and a scan goes on in them from the same key
// at its first move after they are open.
void QuadScan::Impl::goDirect(std::uint64_t units, bool reposition) {
    if (!store) return;
    work += units;
    if (work + store->scanWork[static_cast<std::size_t>(order)].load(std::memory_order_relaxed) < kDirectAfter ||
        (reposition && !iterator->Valid()))
        return;
    if (store->directTableOpening(order)) return; // on another thread: go on through the database meanwhile
    auto decided = store->directTableSoon(order);
    if (!decided) return; // its opening has just started
    work = 0;             // the file's reads are not counted
    table = std::move(*decided);
    store = nullptr; // decided
    if (!table) return;
    std::unique_ptr<rocksdb::Iterator> direct = table->newIterator(options);
    if (reposition && iterator->Valid()) direct->Seek(iterator->key());
    iterator = std::move(direct);
}

void QuadScan::Impl::addWorkToStore() {
    if (store && work > 0) store->scanWork[static_cast<std::size_t>(order)].fetch_add(work, std::memory_order_relaxed);
    work = 0;
}

bool QuadScan::Impl::nextBase(QuadIds& out) {
    if (exhausted) return false;
    if (!started) {
        goDirect(kSeekWork, false);
        iterator->Seek(prefix);
        started = true;
    } else if (positioned) {
        positioned = false; // seekWithin() has done the move
    } else {
        goDirect(1, true);
        iterator->Next();
    }
    auto& it = *iterator;
    if (!it.Valid()) {
        exhausted = true;
        throwIfError(it.status(), "scanning index {}", indexName(order));
        return false;
    }
    rocksdb::Slice key = it.key();
    if (!key.starts_with(prefix) || (!stop.empty() && key.compare(stop) >= 0)) {
        exhausted = true;
        return false;
    }
    out = decodeKey(order, std::string_view(key.data(), key.size()));
    return true;
}

bool QuadScan::next(QuadIds& out) {
    Impl& s = *impl_;
    for (;;) {
        if (!s.overlay) {
            if (!s.nextBase(out)) return false;
        } else {
            // Merge the store's quads with the transaction's changes, both in key order.
            if (!s.baseLoaded) {
                s.baseValid = s.nextBase(s.baseQuad);
                s.baseLoaded = true;
            }
            const OrderedRecord* change = s.overlayPos < s.overlayEnd ? &(*s.overlay)[s.overlayPos] : nullptr;
            if (!s.baseValid && !change) return false;
            const auto& comps = componentsOf(s.order);
            int cmp = 1; // base < change: -1; equal: 0; change first: 1
            if (s.baseValid && change) {
                cmp = 0;
                for (int i = 0; i < 4 && cmp == 0; ++i) {
                    TermId b = s.baseQuad.ids[comps[i]];
                    cmp = b < (*change)[i] ? -1 : b > (*change)[i] ? 1 : 0;
                }
            } else if (s.baseValid) {
                cmp = -1;
            }
            if (cmp < 0) {
                out = s.baseQuad;
                s.baseLoaded = false;
            } else {
                ++s.overlayPos;
                if (cmp == 0) s.baseLoaded = false;
                if (((*change)[4] & 1) == 0) continue; // deleted
                for (int i = 0; i < 4; ++i) out.ids[comps[i]] = (*change)[i];
            }
        }
        if (s.namedGraphsOnly && out.g() == kDefaultGraph) continue;
        if (s.defaultGraphOnly && out.g() != kDefaultGraph) continue;
        return true;
    }
}

} // namespace corridor::storage
