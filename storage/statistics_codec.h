#pragma once
// Internal to storage/: statistics <-> entries of the meta column family.

#include "storage/statistics.h"

#include <optional>
#include <rocksdb/db.h>
#include <string>
#include <utility>
#include <vector>

namespace corridor::storage {

Statistics readStatistics(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* meta, const rocksdb::ReadOptions& options);

// A meta entry to write: a value, or nullopt to delete the key.
using MetaUpdate = std::pair<std::string, std::optional<std::string>>;

// The meta entries that move `current` by `delta`, sorted by key. Counts that
// reach zero are deleted, so an emptied graph disappears from the statistics.
std::vector<MetaUpdate> statisticsUpdates(const Statistics& current, const StatisticsDelta& delta);

// rdf:type's id in the dictionary (term2id), if the store has it: the quads per class count its quads.
std::optional<TermId> findRdfType(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* term2id,
                                  const rocksdb::ReadOptions& options);

} // namespace corridor::storage
