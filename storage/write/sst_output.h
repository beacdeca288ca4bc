#pragma once
// Internal to storage/: the SST files being written for one column family.
// Keys must arrive in strictly increasing order. A file holds at most a given
// number of entries and the next one starts past it: RocksDB's filter builder
// keeps a hash of every key until its file is finished, so one file of a large
// load would hold memory in proportion to the load (the files never overlap,
// and are ingested together).

#include <cstdint>
#include <memory>
#include <optional>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_writer.h>
#include <string>
#include <vector>

namespace corridor::storage {

class SstOutput {
public:
    // Files are named `base`.sst, `base`-1.sst, ...; maxEntriesPerFile 0: one file.
    SstOutput(const rocksdb::Options& options, rocksdb::ColumnFamilyHandle* cf, std::string base,
              std::uint64_t maxEntriesPerFile = 0);
    void put(const rocksdb::Slice& key, const rocksdb::Slice& value);
    void remove(const rocksdb::Slice& key);
    // The finished files' paths in key order (none when nothing was written).
    std::vector<std::string> finish();
    std::uint64_t entries() const { return puts_ + removals_; }
    std::uint64_t puts() const { return puts_; }
    std::uint64_t removals() const { return removals_; }

private:
    void openIfNeeded();
    void finishCurrent();
    rocksdb::Options options_;
    rocksdb::ColumnFamilyHandle* cf_;
    std::string base_;
    std::uint64_t maxEntriesPerFile_;
    std::unique_ptr<rocksdb::SstFileWriter> writer_;
    std::string path_;         // of the open file
    std::uint64_t inFile_ = 0; // entries in the open file
    std::vector<std::string> finished_;
    std::uint64_t puts_ = 0, removals_ = 0;
};

} // namespace corridor::storage
