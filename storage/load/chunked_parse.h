#pragma once
// Internal to storage/: parses a line-based file (N-Triples, N-Quads) on two
// threads, in file order.
//
// serd is single-threaded and was half of a load's time while the second core
// idled. One statement per line lets a file be cut into chunks of whole lines;
// each chunk is parsed on its own (by this thread or a helper, whichever is
// free), its terms prepared for interning (encoded and hashed) into the chunk's
// own arena, and the chunks are handed to `consume` strictly in file order, so
// terms get the same ids as a sequential parse would give them and messages
// the same file:line:column. At most a few chunks are parsed ahead.

#include "storage/rdf_io/rdf_parser.h"
#include "storage/write/term_interner.h"

#include <exception>
#include <functional>
#include <string>
#include <vector>

namespace corridor::storage {

struct ParsedChunk {
    std::string arena;
    // Four terms per statement: subject, predicate, object, graph (graph: tag None and no inline
    // id for the document's default graph).
    std::vector<PreparedTerm> terms;
    std::vector<std::string> rejected; // keepGoing
    std::exception_ptr error;          // the parse stopped here (rethrown by the consumer)
    std::uint64_t endOffset = 0;       // bytes of the file up to the chunk's end
};

// Whether a graph term of a ParsedChunk stands for the document's default graph.
inline bool isDocumentDefaultGraph(const PreparedTerm& t) {
    return t.inlineId == 0 && t.tag == IdTag::None;
}

// Parses `path` in chunks of about `chunkBytes` (whole lines), calling `consume` for each chunk
// in order on this thread. `options` as for parseRdfFile (its progress is not called). Throws the
// first parse error in file order, or what `consume` throws, after stopping the helper.
void parseInChunks(const std::string& path, const rdf_io::ParseOptions& options, std::size_t chunkBytes,
                   const std::function<void(ParsedChunk&)>& consume);

} // namespace corridor::storage
