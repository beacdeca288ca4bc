#include "storage/load/quad_runs.h"

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

struct FileCloser {
    void operator()(std::FILE* f) const { std::fclose(f); }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

File openFile(const std::string& path, const char* mode) {
    File f(std::fopen(path.c_str(), mode));
    if (!f) throw StorageError(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
    return f;
}

// Reads one run file in large chunks.
class RunReader {
public:
    explicit RunReader(const std::string& path) : file_(openFile(path, "rb")), path_(path) {
        buffer_.resize(kKeySize * 32768);
    }
    // The current key, or nullptr at the end.
    const char* current() {
        if (pos_ == end_) {
            end_ = std::fread(buffer_.data(), 1, buffer_.size(), file_.get());
            pos_ = 0;
            if (end_ % kKeySize != 0) throw StorageError(fmt::format("truncated run file {}", path_));
            if (end_ == 0) return nullptr;
        }
        return buffer_.data() + pos_;
    }
    void advance() { pos_ += kKeySize; }

private:
    File file_;
    std::string path_;
    std::vector<char> buffer_;
    std::size_t pos_ = 0, end_ = 0;
};

} // namespace

QuadRuns::QuadRuns(std::string tempDir, std::size_t budgetBytes)
    : tempDir_(std::move(tempDir)),
      capacity_(std::max<std::size_t>(budgetBytes / sizeof(QuadIds), 1024)) {}

void QuadRuns::add(const QuadIds& quad) {
    if (buffer_.size() >= capacity_) flushRun();
    buffer_.push_back(quad);
    ++added_;
}

std::vector<std::array<TermId, 4>> QuadRuns::sortedCopy(IndexOrder order) const {
    const auto comps = componentsOf(order);
    std::vector<std::array<TermId, 4>> keys;
    keys.reserve(buffer_.size());
    for (const QuadIds& q : buffer_)
        keys.push_back({q.ids[comps[0]], q.ids[comps[1]], q.ids[comps[2]], q.ids[comps[3]]});
    std::sort(keys.begin(), keys.end());
    return keys;
}

static void encodeSorted(const std::array<TermId, 4>& ids, char* out) {
    for (int i = 0; i < 4; ++i) putBigEndian(out + 8 * i, ids[i]);
}

std::string QuadRuns::runPath(std::size_t run, IndexOrder order) const {
    return fmt::format("{}/run-{}-{}.keys", tempDir_, run, indexName(order));
}

void QuadRuns::flushRun() {
    if (buffer_.empty()) return;
    char key[kKeySize];
    char previous[kKeySize];
    for (IndexOrder order : kAllOrders) {
        std::string path = runPath(runs_, order);
        File out = openFile(path, "wb");
        bool first = true;
        for (const auto& ids : sortedCopy(order)) {
            encodeSorted(ids, key);
            if (!first && std::memcmp(key, previous, kKeySize) == 0) continue;
            if (std::fwrite(key, 1, kKeySize, out.get()) != kKeySize)
                throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
            std::memcpy(previous, key, kKeySize);
            first = false;
        }
        if (std::fflush(out.get()) != 0)
            throw StorageError(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
    }
    buffer_.clear();
    ++runs_;
}

void QuadRuns::finish() {
    if (finished_) return;
    finished_ = true;
    if (runs_ > 0) flushRun();
}

void QuadRuns::forEachSorted(IndexOrder order,
                             const std::function<void(const char*)>& emit) const {
    char key[kKeySize];
    char previous[kKeySize];
    bool first = true;
    auto emitDistinct = [&](const char* k) {
        if (!first && std::memcmp(k, previous, kKeySize) == 0) return;
        std::memcpy(previous, k, kKeySize);
        first = false;
        emit(k);
    };
    if (!finished_) throw StorageError("QuadRuns::finish() was not called");
    if (runs_ == 0) {
        for (const auto& ids : sortedCopy(order)) {
            encodeSorted(ids, key);
            emitDistinct(key);
        }
        return;
    }
    std::vector<RunReader> readers;
    readers.reserve(runs_);
    for (std::size_t r = 0; r < runs_; ++r) readers.emplace_back(runPath(r, order));
    auto greater = [&](std::size_t a, std::size_t b) {
        return std::memcmp(readers[a].current(), readers[b].current(), kKeySize) > 0;
    };
    std::priority_queue<std::size_t, std::vector<std::size_t>, decltype(greater)> heap(greater);
    for (std::size_t r = 0; r < readers.size(); ++r)
        if (readers[r].current()) heap.push(r);
    while (!heap.empty()) {
        std::size_t r = heap.top();
        heap.pop();
        emitDistinct(readers[r].current());
        readers[r].advance();
        if (readers[r].current()) heap.push(r);
    }
}

} // namespace corridor::storage
