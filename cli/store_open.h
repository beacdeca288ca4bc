#pragma once

#include "cli/commands.h"
#include "storage/store.h"

#include <memory>

namespace corridor::cli {

std::unique_ptr<storage::Store> openStore(const GlobalOptions& global, storage::OpenMode mode);

} // namespace corridor::cli
