#pragma once
// Internal to rdf_io: small helpers shared by the serd-based reader and writer.

#include "storage/rdf_io/rdf_format.h"

#include <serd/serd.h>
#include <string_view>

namespace corridor::storage::rdf_io {

SerdSyntax serdSyntax(RdfFormat format);

inline std::string_view nodeText(const SerdNode* node) {
    return {reinterpret_cast<const char*>(node->buf), node->n_bytes};
}

} // namespace corridor::storage::rdf_io
