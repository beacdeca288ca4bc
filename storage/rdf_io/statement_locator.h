#pragma once
// Finds where in the text a statement that serd accepted (but the glue
// rejected) was written, by re-reading the input one byte at a time up to that
// statement. Only runs after an error, so the normal path pays nothing.

#include "storage/rdf_io/byte_source.h"
#include "storage/rdf_io/rdf_format.h"

#include <cstdint>
#include <string_view>

namespace corridor::storage::rdf_io {

enum class NeedleKind {
    None,            // report where the statement starts
    Text,            // the first occurrence of a given text
    SurrogateEscape, // the first \uD800-\uDFFF (or \U0000D800...) escape
};

struct Position {
    std::uint64_t line = 1;
    std::uint64_t column = 1; // in code points, 1-based
};

// Statement `statementIndex` (0-based, counted from `segmentOffset`, which
// starts line `segmentLine`): the position of the needle in its text.
Position locateInStatement(ByteSource& source, RdfFormat format, std::uint64_t segmentOffset, std::uint64_t segmentLine,
                           std::uint64_t statementIndex, NeedleKind needle, std::string_view needleText);

// Position of the first surrogate escape in `text`, or npos.
std::size_t findSurrogateEscape(std::string_view text);

} // namespace corridor::storage::rdf_io
