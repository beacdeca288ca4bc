#include "storage/write/sst_output.h"

#include "storage/rocksdb_util.h"

namespace corridor::storage {

SstOutput::SstOutput(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* cf, std::string path)
    : writer_(rocksdb::EnvOptions(), options, cf), path_(std::move(path)) {}

void SstOutput::openIfNeeded() {
    if (open_) return;
    throwIfError(writer_.Open(path_), "creating {}", path_);
    open_ = true;
}

void SstOutput::put(const rocksdb::Slice& key, const rocksdb::Slice& value) {
    openIfNeeded();
    throwIfError(writer_.Put(key, value), "writing {}", path_);
    ++puts_;
}

void SstOutput::remove(const rocksdb::Slice& key) {
    openIfNeeded();
    throwIfError(writer_.Delete(key), "writing {}", path_);
    ++removals_;
}

std::optional<std::string> SstOutput::finish() {
    if (!open_) return std::nullopt;
    throwIfError(writer_.Finish(), "finishing {}", path_);
    open_ = false;
    return path_;
}

} // namespace corridor::storage
