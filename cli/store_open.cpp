#include "cli/store_open.h"

#include "storage/error.h"

#include <chrono>
#include <thread>

namespace corridor::cli {

std::unique_ptr<storage::Store> openStore(const GlobalOptions& global, storage::OpenMode mode) {
    storage::StoreOptions options;
    options.mode = mode;
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(global.wait);
    for (;;) {
        try {
            return storage::Store::open(global.store, options);
        } catch (const StoreBusyError&) {
            // Another process writes: with --wait, try again until the deadline.
            if (mode != storage::OpenMode::ReadWrite || std::chrono::steady_clock::now() >= deadline) throw;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    }
}

} // namespace corridor::cli
