#pragma once
// A path found by TRACE, and how the execution keeps it: a path value in a row
// is an id (the local tag with bit 59 set) into the execution's path table;
// it becomes a term (a literal of datatype trace:Path carrying the path as a typed
// value, query/values/trace_path.h) only when something reads it.

#include "storage/term.h"
#include "storage/term_id.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace corridor::query::executor {

class ExecContext;

namespace trace {

using storage::TermId;

// One step of a found path, in path order (from the start towards the end).
struct Hop {
    TermId from, to;
    std::uint32_t step; // which step (see StepExpander)
};

struct FoundPath {
    TermId start = 0, end = 0;
    std::vector<Hop> hops;
    // Inside GRAPH ?g: the graph the path was found in (its facts are read there).
    std::optional<TermId> graph;
};

// Renders the paths of one TRACE (it knows the steps, the vocabulary, labels).
class PathSource {
public:
    virtual ~PathSource() = default;
    virtual storage::Term render(ExecContext& ctx, const FoundPath& path) const = 0;
    // The execution ends: build now what rendered paths still held outside will read
    // (their detail is built when first read, and that needs the execution's store).
    // Called for each record; the second and later calls find nothing left to do.
    virtual void finish() const noexcept = 0;
};

struct PathRecord {
    std::shared_ptr<const PathSource> source;
    FoundPath path;
};

} // namespace trace
} // namespace corridor::query::executor
