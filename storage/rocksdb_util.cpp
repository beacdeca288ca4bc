#include "storage/rocksdb_util.h"

namespace corridor::storage {

void throwStatus(const rocksdb::Status& status, const std::string& context) {
    std::string detail = status.ToString();
    if (status.IsCorruption())
        throw StorageError(fmt::format("{}: the store is corrupted ({})", context, detail));
    if (status.IsIOError() && (detail.find("lock") != std::string::npos ||
                               detail.find("Resource temporarily unavailable") != std::string::npos))
        throw StoreBusyError(fmt::format(
            "{}: another process is writing to the store; wait for it to finish, or read "
            "with --read-only",
            context));
    throw StorageError(fmt::format("{}: {}", context, detail));
}

} // namespace corridor::storage
