#pragma once
// Internal to storage/: a read-only column family's table files, read through their own
// iterators instead of the database's (DBIter over a merging iterator over level
// iterators). Only for files whose key ranges do not overlap and that hold no range
// deletions, so each key is in one file at most and a scan reads the files one after
// the other. A large load writes an index as several such files (write/commit.cpp cuts
// them to bound the filter builder's memory).

#include <memory>
#include <rocksdb/iterator.h>
#include <rocksdb/metadata.h>
#include <rocksdb/options.h>
#include <rocksdb/sst_file_reader.h>
#include <string>
#include <vector>

namespace corridor::storage {

class DirectFiles {
public:
    // The family's files opened, or null when they cannot be read this way (none, overlapping
    // key ranges, range deletions, a file that does not open).
    static std::shared_ptr<const DirectFiles> open(const rocksdb::Options& options,
                                                   const rocksdb::ColumnFamilyMetaData& family);

    // An iterator over all the files, honouring `options`' upper bound and, without
    // total_order_seek, prefix_same_as_start (by the family's prefix extractor). It reads
    // `options.iterate_upper_bound` at each move, as RocksDB's own iterators do, and must not
    // outlive this object.
    std::unique_ptr<rocksdb::Iterator> newIterator(const rocksdb::ReadOptions& options) const;

    std::size_t fileCount() const { return files_.size(); }

private:
    friend class DirectFilesIterator;
    struct File {
        std::unique_ptr<rocksdb::SstFileReader> reader;
        std::string smallest, largest; // user keys
    };
    std::vector<File> files_; // in key order
    std::shared_ptr<const rocksdb::SliceTransform> prefix_;
};

} // namespace corridor::storage
