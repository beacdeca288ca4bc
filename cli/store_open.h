#pragma once

#include "cli/commands.h"
#include "storage/read_view.h"
#include "storage/store.h"

#include <memory>
#include <optional>
#include <string>

namespace corridor::cli {

std::unique_ptr<storage::Store> openStore(const GlobalOptions& global, storage::OpenMode mode);

// A --graph argument: "default" is the default graph, anything else a graph IRI; nullopt when the
// store holds no quad in that graph (cmd_export.cpp).
std::optional<storage::TermId> resolveGraphArgument(const storage::ReadView& view, const std::string& graph);

} // namespace corridor::cli
