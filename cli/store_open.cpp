#include "cli/store_open.h"

namespace corridor::cli {

std::unique_ptr<storage::Store> openStore(const GlobalOptions& global, storage::OpenMode mode) {
    storage::StoreOptions options;
    options.mode = mode;
    return storage::Store::open(global.store, options);
}

} // namespace corridor::cli
