#pragma once
// The value a time-respecting TRACE compares from step to step (ASCENDING ?v /
// DESCENDING ?v). Dates of mixed granularity are periods: "2015"^^xsd:gYear is
// the whole year, "2015-06"^^xsd:gYearMonth a month, an xsd:date a day, an
// xsd:dateTime an instant. A step may follow another when it can have happened
// at or after it: its period ends after the other's starts. Numbers compare as
// numbers and strings as strings; values of different kinds do not compare, and
// a step that would compare them is not taken.

#include "query/functions/numeric.h"
#include "storage/term.h"

#include <optional>
#include <string>

namespace corridor::query::executor::trace {

using functions::Int128;

struct TimeKey {
    enum class Kind { Number, Period, Text } kind = Kind::Number;
    double number = 0;
    Int128 start = 0, end = 0; // Period: [start, end) in scaled seconds
    std::string text;
};

// nullopt when the term is none of the comparable kinds.
std::optional<TimeKey> timeKeyOf(const storage::Term& term);

// May a step at `next` follow one at `last` (ascending), resp. precede it in
// time while following it on the path (descending)? False when they do not compare.
bool mayFollow(const TimeKey& last, const TimeKey& next, bool descending);

// Is every step that may follow `a` also allowed after `b`? (a is at least as
// permissive as b; used to prune dominated partial paths.)
bool atLeastAsPermissive(const TimeKey& a, const TimeKey& b, bool descending);

} // namespace corridor::query::executor::trace
