#pragma once
// A TRACE path as JSON (the format is in docs/trace.md): written by the result
// writers (the "path" member of JSON results, the lexical form in TSV and XML),
// and read back when such a literal comes into a query again.

#include "query/values/trace_path.h"

#include <memory>
#include <string>
#include <string_view>

namespace corridor::query::values {

void appendPathJson(std::string& out, const TracePath& path);
// nullptr when `text` is not a path's JSON document.
std::shared_ptr<const TracePath> parsePathJson(std::string_view text);

} // namespace corridor::query::values
