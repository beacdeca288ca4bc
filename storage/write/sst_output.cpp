#include "storage/write/sst_output.h"

#include "storage/rocksdb_util.h"

#include <fmt/format.h>

namespace corridor::storage {

SstOutput::SstOutput(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* cf, std::string base,
                     std::uint64_t maxEntriesPerFile)
    : options_(options), cf_(cf), base_(std::move(base)), maxEntriesPerFile_(maxEntriesPerFile) {}

void SstOutput::openIfNeeded() {
    if (writer_ && (maxEntriesPerFile_ == 0 || inFile_ < maxEntriesPerFile_)) return;
    if (writer_) finishCurrent();
    path_ = finished_.empty() ? base_ + ".sst" : fmt::format("{}-{}.sst", base_, finished_.size());
    writer_ = std::make_unique<rocksdb::SstFileWriter>(rocksdb::EnvOptions(), options_, cf_);
    throwIfError(writer_->Open(path_), "creating {}", path_);
    inFile_ = 0;
}

void SstOutput::finishCurrent() {
    throwIfError(writer_->Finish(), "finishing {}", path_);
    writer_.reset();
    finished_.push_back(path_);
}

void SstOutput::put(const rocksdb::Slice& key, const rocksdb::Slice& value) {
    openIfNeeded();
    throwIfError(writer_->Put(key, value), "writing {}", path_);
    ++inFile_;
    ++puts_;
}

void SstOutput::remove(const rocksdb::Slice& key) {
    openIfNeeded();
    throwIfError(writer_->Delete(key), "writing {}", path_);
    ++inFile_;
    ++removals_;
}

std::vector<std::string> SstOutput::finish() {
    if (writer_) finishCurrent();
    return finished_;
}

} // namespace corridor::storage
