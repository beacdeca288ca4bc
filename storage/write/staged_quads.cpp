#include "storage/write/staged_quads.h"

#include "storage/error.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <memory>
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
    explicit RunReader(const std::string& path) : file_(openFile(path, "rb")), path_(path) {
        buffer_.resize(kRecordSize * 16384);
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

std::vector<OrderedRecord> sortedNet(IndexOrder order, const std::vector<StagedRecord>& records,
                                     std::size_t count) {
    std::vector<OrderedRecord> sorted;
    sorted.reserve(count);
    for (std::size_t i = 0; i < count; ++i) sorted.push_back(orderedRecord(order, records[i]));
    std::sort(sorted.begin(), sorted.end());
    // Keep the last record of each key: the winning change.
    std::size_t out = 0;
    for (std::size_t i = 0; i < sorted.size(); ++i) {
        bool lastOfKey = i + 1 == sorted.size() ||
                         !std::equal(sorted[i].begin(), sorted[i].begin() + 4, sorted[i + 1].begin());
        if (lastOfKey) sorted[out++] = sorted[i];
    }
    sorted.resize(out);
    return sorted;
}

StagedQuads::StagedQuads(std::string tempDir, std::size_t budgetBytes)
    : tempDir_(std::move(tempDir)),
      capacity_(std::max<std::size_t>(budgetBytes / sizeof(StagedRecord), 1024)) {}

void StagedQuads::add(const QuadIds& quad, std::uint32_t step, bool insert) {
    if (finished_) throw StorageError("internal error: a change after the transaction was finished");
    if (added_ == 0) firstStep_ = step;
    if (buffer_.size() >= capacity_) flushRun();
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
        for (const auto& r : sortedNet(order, buffer_, buffer_.size())) {
            encodeRecord(r, record);
            if (std::fwrite(record, 1, kRecordSize, out.get()) != kRecordSize)
                throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
        }
        if (std::fflush(out.get()) != 0)
            throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    buffer_.clear();
    ++runs_;
}

void StagedQuads::finish() {
    if (finished_) return;
    finished_ = true;
    if (runs_ > 0) flushRun();
}

void StagedQuads::forEachNet(IndexOrder order, const NetChangeFn& emit) const {
    if (!finished_) throw StorageError("internal error: StagedQuads::finish() was not called");
    char key[kRecordSize];
    if (runs_ == 0) {
        for (const auto& r : sortedNet(order, buffer_, buffer_.size())) {
            encodeRecord(r, key);
            emit(key, (r[4] & 1) != 0);
        }
        return;
    }
    std::vector<RunReader> readers;
    readers.reserve(runs_);
    for (std::size_t r = 0; r < runs_; ++r) readers.emplace_back(runPath(r, order));
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
