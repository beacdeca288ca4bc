#include "storage/rocksdb_util.h"

namespace corridor::storage {

void throwStatus(const rocksdb::Status& status, const std::string& context) {
    std::string detail = status.ToString();
    auto says = [&](const char* text) { return detail.find(text) != std::string::npos; };
    if (status.IsCorruption())
        throw StorageError(fmt::format("{}: the store is damaged ({}); restore a backup (`corridor backup` makes "
                                       "one) or load the data into a new store (`corridor check` lists what can "
                                       "still be read)",
                                       context, detail));
    if (status.IsIOError()) {
        // fcntl's EAGAIN on the LOCK file: another process holds the write lock.
        if (says("Resource temporarily unavailable") || says("lock hold by current process"))
            throw StoreBusyError(
                fmt::format("{}: another process is writing to the store; wait for it to finish and try again, or give "
                            "--wait SECONDS "
                            "(commands that only read, such as query, export, stats and check, run meanwhile)",
                            context));
        if (says("Permission denied"))
            throw StorageError(fmt::format("{}: permission denied: the store's files cannot be {} ({})", context,
                                           says("lock") ? "locked for writing" : "read or written", detail));
        if (says("No space left on device"))
            throw StorageError(
                fmt::format("{}: the disk is full; free some space and try again ({})", context, detail));
    }
    throw StorageError(fmt::format("{}: {}", context, detail));
}

} // namespace corridor::storage
