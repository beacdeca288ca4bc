#include "storage/write/staged_quads.h"

#include "storage/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <memory>
#include <optional>
#include <queue>

namespace corridor::storage {

namespace {

constexpr std::size_t kRecordSize = kKeySize + 8; // key, then the tag, big-endian

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openFile(const std::string& path, const char* mode) {
    File f(std::fopen(path.c_str(), mode));
    if (!f) throw StorageError(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    return f;
}

void encodeRecord(const OrderedRecord& r, char* out) {
    for (int i = 0; i < 5; ++i) putBigEndian(out + 8 * i, r[i]);
}

// Reads one run file in large chunks.
class RunReader {
public:
    RunReader(const std::string& path, std::size_t records) : file_(openFile(path, "rb")), path_(path) {
        buffer_.resize(kRecordSize * records);
    }
    // The current record, or nullptr at the end.
    const char* current() {
        if (pos_ == end_) {
            end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
            pos_ = 0;
            if (end_ % kRecordSize != 0) throw StorageError(fmt::format("truncated run file {}", path_));
            if (end_ == 0) return nullptr;
        }
        return buffer_.data() + pos_;
    }
    void advance() { pos_ += kRecordSize; }

private:
    File file_;
    std::string path_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, end_ = 0;
};

} // namespace

OrderedRecord orderedRecord(IndexOrder order, const StagedRecord& record) {
    const auto& comps = componentsOf(order);
    const auto& ids = record.quad.ids;
    return {ids[comps[0]], ids[comps[1]], ids[comps[2]], ids[comps[3]], record.tag};
}

namespace {

// An id as 32 bits that sort as the id does: its tag, then a payload below 2^28 (dictionary ids of
// stores under 268 million terms, booleans; not inline integers, whose payload is offset by 2^59).
constexpr int kPackedPayloadBits = 28;
bool packs32(TermId id) {
    return payloadOf(id) < (std::uint64_t{1} << kPackedPayloadBits);
}
std::uint32_t pack32(TermId id) {
    return static_cast<std::uint32_t>((static_cast<std::uint64_t>(tagOf(id)) << kPackedPayloadBits) | payloadOf(id));
}
TermId unpack32(std::uint32_t v) {
    return makeId(static_cast<IdTag>(v >> kPackedPayloadBits), v & ((std::uint32_t{1} << kPackedPayloadBits) - 1));
}

// The keys of sortedUniqueKeys as pairs of 64-bit numbers, when every id packs into 32 bits:
// sorting 16 bytes a key instead of 32 made a load of LUBM(10) 4% faster (none when an id does
// not pack).
using PackedKey = std::pair<std::uint64_t, std::uint64_t>; // compares as one 128-bit number

std::optional<std::vector<PackedKey>> sortedPackedKeys(IndexOrder order, const std::vector<StagedRecord>& records,
                                                       std::size_t count) {
    for (std::size_t i = 0; i < count; ++i)
        for (TermId id : records[i].quad.ids)
            if (!packs32(id)) return std::nullopt;
    const auto& comps = componentsOf(order);
    std::vector<PackedKey> packed;
    packed.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& ids = records[i].quad.ids;
        packed.push_back({(std::uint64_t{pack32(ids[comps[0]])} << 32) | pack32(ids[comps[1]]),
                          (std::uint64_t{pack32(ids[comps[2]])} << 32) | pack32(ids[comps[3]])});
    }
    std::sort(packed.begin(), packed.end());
    packed.erase(std::unique(packed.begin(), packed.end()), packed.end());
    return packed;
}

// The distinct keys of records that all make the same change, sorted in `order`. (Sorting 32-byte
// keys is markedly faster than 40-byte records.)
std::vector<std::array<TermId, 4>> sortedUniqueKeys(IndexOrder order, const std::vector<StagedRecord>& records,
                                                    std::size_t count) {
    const auto& comps = componentsOf(order);
    std::vector<std::array<TermId, 4>> keys;
    if (auto packed = sortedPackedKeys(order, records, count)) {
        keys.reserve(packed->size());
        for (const auto& [hi, lo] : *packed)
            keys.push_back({unpack32(static_cast<std::uint32_t>(hi >> 32)), unpack32(static_cast<std::uint32_t>(hi)),
                            unpack32(static_cast<std::uint32_t>(lo >> 32)), unpack32(static_cast<std::uint32_t>(lo))});
        return keys;
    }
    keys.reserve(count);
    for (std::size_t i = 0; i < count; ++i) {
        const auto& ids = records[i].quad.ids;
        keys.push_back({ids[comps[0]], ids[comps[1]], ids[comps[2]], ids[comps[3]]});
    }
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    return keys;
}

// Calls emit(ids, tag) for the winning change of each key of `order`, in key order.
template <typename Emit>
void forEachSortedNet(IndexOrder order, const std::vector<StagedRecord>& records, std::size_t count, Emit emit) {
    bool uniform = true; // one step, one kind of change: the common case of a load
    for (std::size_t i = 0; i < count; ++i) uniform = uniform && records[i].tag == records[0].tag;
    if (uniform) {
        for (const auto& key : sortedUniqueKeys(order, records, count)) emit(key, records[0].tag);
        return;
    }
    std::vector<OrderedRecord> sorted;
    sorted.reserve(count);
    for (std::size_t i = 0; i < count; ++i) sorted.push_back(orderedRecord(order, records[i]));
    std::sort(sorted.begin(), sorted.end());
    // The last record of each key is the winning change.
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        bool lastOfKey =
            i + 1 == sorted.size() || !std::equal(sorted[i].begin(), sorted[i].begin() + 4, sorted[i + 1].begin());
        if (lastOfKey)
            emit(std::array<TermId, 4>{sorted[i][0], sorted[i][1], sorted[i][2], sorted[i][3]}, sorted[i][4]);
    }
}

} // namespace

std::vector<OrderedRecord> sortedNet(IndexOrder order, const std::vector<StagedRecord>& records, std::size_t count) {
    std::vector<OrderedRecord> out;
    forEachSortedNet(order, records, count, [&](const std::array<TermId, 4>& k, std::uint64_t tag) {
        out.push_back({k[0], k[1], k[2], k[3], tag});
    });
    return out;
}

StagedQuads::StagedQuads(std::string tempDir, std::size_t budgetBytes)
    : tempDir_(std::move(tempDir)), capacity_(std::max<std::size_t>(budgetBytes / sizeof(StagedRecord), 1024)) {}

void StagedQuads::add(const QuadIds& quad, std::uint32_t step, bool insert) {
    if (finished_) throw StorageError("internal error: a change after the transaction was finished");
    if (added_ == 0) firstStep_ = step;
    if (buffer_.size() >= capacity_) flushRun();
    // Grown by doubling up to the budget, not past it (a vector's own doubling took 21 MB of a
    // 16 MB budget).
    if (buffer_.size() == buffer_.capacity())
        buffer_.reserve(std::min(capacity_, std::max<std::size_t>(1024, 2 * buffer_.capacity())));
    buffer_.push_back(StagedRecord{quad, stagedTag(step, insert)});
    ++added_;
}

std::string StagedQuads::runPath(std::size_t run, IndexOrder order) const {
    return fmt::format("{}/run-{}-{}.records", tempDir_, run, indexName(order));
}

void StagedQuads::flushRun() {
    if (buffer_.empty()) return;
    char record[kRecordSize];
    for (IndexOrder order : kAllOrders) {
        std::string path = runPath(runs_, order);
        File out = openFile(path, "wb");
        forEachSortedNet(order, buffer_, buffer_.size(), [&](const std::array<TermId, 4>& k, std::uint64_t tag) {
            encodeRecord({k[0], k[1], k[2], k[3], tag}, record);
            if (std::fwrite(record, 1, kRecordSize, out.get()) != kRecordSize)
                throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
        });
        if (std::fflush(out.get()) != 0)
            throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    buffer_.clear();
    ++runs_;
}

void StagedQuads::finish() {
    if (finished_) return;
    finished_ = true;
    uniform_ = oneGraph_ = !buffer_.empty();
    for (const StagedRecord& r : buffer_) {
        uniform_ = uniform_ && r.tag == buffer_[0].tag;
        oneGraph_ = oneGraph_ && r.quad.g() == buffer_[0].quad.g();
    }
    if (runs_ > 0) {
        flushRun();
        // The merge's read buffers take the place of the records' buffer.
        buffer_ = {};
    }
}

void StagedQuads::forEachSharedNet(IndexOrder order, const NetChangeFn& emit) const {
    const IndexOrder twin = gLastTwin(order);
    const bool isTwin = twin == order;
    SharedSort& shared = shared_[static_cast<int>(twin)];
    std::call_once(shared.once, [&] { shared.keys = sortedUniqueKeys(twin, buffer_, buffer_.size()); });
    const bool insert = buffer_[0].insert();
    char key[kKeySize];
    for (const auto& k : shared.keys) {
        // A G-last key (x, y, z, g) is the G-first key (g, x, y, z).
        for (int i = 0; i < 4; ++i) putBigEndian(key + 8 * i, isTwin ? k[i] : k[(i + 3) % 4]);
        emit(key, insert);
    }
    if (--shared.users == 0) shared.keys = {};
}

// A G-first order holds no quad of the default graph (key_codec.h): its changes are dropped here,
// and a write into the default graph alone leaves the G-first orders untouched (no sort).
void StagedQuads::forEachNet(IndexOrder order, const NetChangeFn& emit) const {
    if (!finished_) throw StorageError("internal error: StagedQuads::finish() was not called");
    if (!isGraphFirst(order)) {
        forEachNetOf(order, emit);
        return;
    }
    if (sharesSorts() && buffer_[0].quad.g() == kDefaultGraph) {
        SharedSort& shared = shared_[static_cast<int>(gLastTwin(order))];
        if (--shared.users == 0) shared.keys = {}; // the twin has written its keys
        return;
    }
    forEachNetOf(order, [&](const char* key, bool insert) {
        if (getBigEndian(key) != kDefaultGraph) emit(key, insert);
    });
}

void StagedQuads::forEachNetOf(IndexOrder order, const NetChangeFn& emit) const {
    if (sharesSorts()) {
        forEachSharedNet(order, emit);
        return;
    }
    char key[kRecordSize];
    if (runs_ == 0) {
        forEachSortedNet(order, buffer_, buffer_.size(), [&](const std::array<TermId, 4>& k, std::uint64_t tag) {
            for (int i = 0; i < 4; ++i) putBigEndian(key + 8 * i, k[i]);
            emit(key, (tag & 1) != 0);
        });
        return;
    }
    std::vector<RunReader> readers;
    readers.reserve(runs_);
    // Two orders are merged at a time (commit.cpp): together their buffers take what the records
    // took while they were staged, between 256 and 16,384 records a run.
    const std::size_t records =
        std::clamp<std::size_t>(capacity_ * sizeof(StagedRecord) / (2 * runs_ * kRecordSize), 256, 16384);
    for (std::size_t r = 0; r < runs_; ++r) readers.emplace_back(runPath(r, order), records);
    // Records compare by key, then tag; equal keys come out in tag order, so
    // the last one of a key is the winner.
    auto greater = [&](std::size_t a, std::size_t b) {
        return std::memcmp(readers[a].current(), readers[b].current(), kRecordSize) > 0;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(greater)> heap(greater);
    for (std::size_t r = 0; r < readers.size(); ++r)
        if (readers[r].current()) heap.push(r);
    char pending[kRecordSize];
    bool havePending = false;
    while (!heap.empty()) {
        std::size_t r = heap.top();
        heap.pop();
        const char* rec = readers[r].current();
        if (havePending && std::memcmp(pending, rec, kKeySize) != 0)
            emit(pending, (static_cast<unsigned char>(pending[kRecordSize - 1]) & 1) != 0);
        std::memcpy(pending, rec, kRecordSize);
        havePending = true;
        readers[r].advance();
        if (readers[r].current()) heap.push(r);
    }
    if (havePending) emit(pending, (static_cast<unsigned char>(pending[kRecordSize - 1]) & 1) != 0);
}

} // namespace corridor::storage
