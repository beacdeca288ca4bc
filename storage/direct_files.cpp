#include "storage/direct_files.h"

#include <algorithm>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table_properties.h>

namespace corridor::storage {

std::shared_ptr<const DirectFiles> DirectFiles::open(const rocksdb::Options& options,
                                                     const rocksdb::ColumnFamilyMetaData& family) {
    auto out = std::make_shared<DirectFiles>();
    for (const auto& level : family.levels)
        for (const auto& file : level.files) {
            File f;
            f.smallest = file.smallestkey;
            f.largest = file.largestkey;
            f.reader = std::make_unique<rocksdb::SstFileReader>(options);
            if (!f.reader->Open(file.directory + "/" + file.relative_filename).ok()) return nullptr;
            auto properties = f.reader->GetTableProperties();
            if (!properties || properties->num_range_deletions != 0) return nullptr;
            out->files_.push_back(std::move(f));
        }
    if (out->files_.empty()) return nullptr;
    std::sort(out->files_.begin(), out->files_.end(),
              [](const File& a, const File& b) { return a.smallest < b.smallest; });
    for (std::size_t i = 1; i < out->files_.size(); ++i)
        if (out->files_[i - 1].largest >= out->files_[i].smallest) return nullptr; // RocksDB must merge them
    out->prefix_ = options.prefix_extractor;
    return out;
}

// Reads the files in turn: a move that runs off one file's end goes on in the next when the
// next could hold what the scan still wants (below the upper bound, in the same prefix).
class DirectFilesIterator final : public rocksdb::Iterator {
public:
    DirectFilesIterator(const DirectFiles& files, const rocksdb::ReadOptions& options)
        : files_(files.files_), prefix_(files.prefix_), options_(options), iterators_(files.files_.size()),
          current_(files.files_.size()) {}

    bool Valid() const override { return current_ < files_.size() && at().Valid(); }
    rocksdb::Slice key() const override { return at().key(); }
    rocksdb::Slice value() const override { return at().value(); }
    rocksdb::Status status() const override { return current_ < files_.size() ? at().status() : rocksdb::Status::OK(); }

    void Seek(const rocksdb::Slice& target) override {
        samePrefix_.clear();
        if (!options_.total_order_seek && options_.prefix_same_as_start && prefix_ && prefix_->InDomain(target))
            samePrefix_ = prefix_->Transform(target).ToString();
        // The first file whose largest key is not below the target.
        auto it = std::lower_bound(files_.begin(), files_.end(), target,
                                   [](const DirectFiles::File& f, const rocksdb::Slice& t) {
                                       return rocksdb::Slice(f.largest).compare(t) < 0;
                                   });
        current_ = static_cast<std::size_t>(it - files_.begin());
        if (current_ == files_.size()) return;
        iterator(current_).Seek(target);
        forward();
    }
    void SeekToFirst() override {
        samePrefix_.clear();
        current_ = 0;
        iterator(0).SeekToFirst();
        forward();
    }
    void Next() override {
        at().Next();
        forward();
    }
    void SeekForPrev(const rocksdb::Slice& target) override {
        // The last file whose smallest key is not above the target.
        auto it = std::upper_bound(files_.begin(), files_.end(), target,
                                   [](const rocksdb::Slice& t, const DirectFiles::File& f) {
                                       return t.compare(rocksdb::Slice(f.smallest)) < 0;
                                   });
        if (it == files_.begin()) {
            current_ = files_.size();
            return;
        }
        current_ = static_cast<std::size_t>(it - files_.begin()) - 1;
        iterator(current_).SeekForPrev(target);
        backward();
    }
    void SeekToLast() override {
        current_ = files_.size() - 1;
        iterator(current_).SeekToLast();
        backward();
    }
    void Prev() override {
        at().Prev();
        backward();
    }

private:
    rocksdb::Iterator& iterator(std::size_t i) {
        if (!iterators_[i]) iterators_[i].reset(files_[i].reader->NewIterator(options_));
        return *iterators_[i];
    }
    const rocksdb::Iterator& at() const { return *iterators_[current_]; }
    rocksdb::Iterator& at() { return *iterators_[current_]; }

    // Past the current file's end: on to the next file's first key, if the scan may reach it.
    void forward() {
        while (!at().Valid() && at().status().ok() && current_ + 1 < files_.size()) {
            const std::string& next = files_[current_ + 1].smallest;
            if (options_.iterate_upper_bound && rocksdb::Slice(next).compare(*options_.iterate_upper_bound) >= 0)
                return;
            if (!samePrefix_.empty() && !rocksdb::Slice(next).starts_with(samePrefix_)) return;
            ++current_;
            iterator(current_).Seek(next);
        }
    }
    // Before the current file's start: on to the previous file's last key.
    void backward() {
        while (!at().Valid() && at().status().ok() && current_ > 0) {
            const std::string& previous = files_[current_ - 1].largest;
            if (options_.iterate_lower_bound && rocksdb::Slice(previous).compare(*options_.iterate_lower_bound) < 0)
                return;
            --current_;
            iterator(current_).SeekForPrev(previous);
        }
    }

    const std::vector<DirectFiles::File>& files_;
    std::shared_ptr<const rocksdb::SliceTransform> prefix_;
    rocksdb::ReadOptions options_;
    std::vector<std::unique_ptr<rocksdb::Iterator>> iterators_; // opened as reached
    std::size_t current_;                                       // files_.size(): on no file
    std::string samePrefix_;                                    // prefix_same_as_start: the prefix a scan stays in
};

std::unique_ptr<rocksdb::Iterator> DirectFiles::newIterator(const rocksdb::ReadOptions& options) const {
    // One file: its own iterator, with nothing in between.
    if (files_.size() == 1) return std::unique_ptr<rocksdb::Iterator>(files_[0].reader->NewIterator(options));
    return std::make_unique<DirectFilesIterator>(*this, options);
}

} // namespace corridor::storage
