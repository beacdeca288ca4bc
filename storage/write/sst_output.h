#pragma once
// Internal to storage/: one SST file being written for one column family.
// Keys must arrive in strictly increasing order.

#include <cstdint>
#include <memory>
#include <optional>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <string>

namespace corridor::storage {

class SstOutput {
public:
    SstOutput(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* cf, std::string path);
    void put(const rocksdb::Slice& key, const rocksdb::Slice& value);
    void remove(const rocksdb::Slice& key);
    // The finished file's path, or nullopt when nothing was written (no file).
    std::optional<std::string> finish();
    std::uint64_t entries() const { return puts_ + removals_; }
    std::uint64_t puts() const { return puts_; }
    std::uint64_t removals() const { return removals_; }

private:
    void openIfNeeded();
    rocksdb::SstFileWriter writer_;
    std::string path_;
    bool open_ = false;
    std::uint64_t puts_ = 0, removals_ = 0;
};

} // namespace corridor::storage
