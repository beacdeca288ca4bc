#pragma once
// Internal to storage/: the one place RocksDB statuses become our errors.

#include "storage/error.h"

#include <fmt/format.h>
#include <rocksdb/status.h>
#include <string>

namespace corridor::storage {

[[noreturn]] void throwStatus(const rocksdb::Status& status, const std::string& context);

template <typename... Args>
void throwIfError(const rocksdb::Status& status, fmt::format_string<Args...> context, Args&&... args) {
    if (!status.ok()) throwStatus(status, fmt::format(context, std::forward<Args>(args)...));
}

} // namespace corridor::storage
