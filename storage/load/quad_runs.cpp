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

void QuadRuns::sortBuffer(IndexOrder order) {
    const auto comps = componentsOf(order);
    std::sort(buffer_.begin(), buffer_.end(), [&comps](const QuadIds& a, const QuadIds& b) {
        for (Component c : comps)
            if (a.ids[c] != b.ids[c]) return a.ids[c] < b.ids[c];
        return false;
    });
}

std::string QuadRuns::runPath(std::size_t run, IndexOrder order) const {
    return fmt::format("{}/run-{}-{}.keys", tempDir_, run, indexName(order));
}

void QuadRuns::flushRun() {
    if (buffer_.empty()) return;
    char key[kKeySize];
    char previous[kKeySize];
    for (IndexOrder order : kAllOrders) {
        sortBuffer(order);
        std::string path = runPath(runs_, order);
        File out = openFile(path, "wb");
        bool first = true;
        for (const QuadIds& q : buffer_) {
            encodeKey(order, q, key);
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

void QuadRuns::forEachSorted(IndexOrder order, const std::function<void(const char*)>& emit) {
    char key[kKeySize];
    char previous[kKeySize];
    bool first = true;
    auto emitDistinct = [&](const char* k) {
        if (!first && std::memcmp(k, previous, kKeySize) == 0) return;
        std::memcpy(previous, k, kKeySize);
        first = false;
        emit(k);
    };
    if (runs_ == 0) {
        sortBuffer(order);
        for (const QuadIds& q : buffer_) {
            encodeKey(order, q, key);
            emitDistinct(key);
        }
        return;
    }
    if (!finalFlushDone_) {
        flushRun();
        finalFlushDone_ = true;
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
