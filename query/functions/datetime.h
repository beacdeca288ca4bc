#pragma once
// Dates and times: xsd:gYear, xsd:gYearMonth, xsd:date and xsd:dateTime
// values, the periods they denote, the one rule by which they compare, and the
// component functions of SPARQL (YEAR ... SECONDS, TIMEZONE, TZ).
//
// Dates as periods (docs/decisions.md). Research cases are dated by year,
// month or day, so each value denotes a period: "2010"^^xsd:gYear is all of
// 2010, "2010-07"^^xsd:gYearMonth July 2010, an xsd:date one day, an
// xsd:dateTime an instant. Two values compare by their periods:
//   - a < b when a's period ends before b's starts (2009 < 2011-12-31);
//   - a > b when it starts after b's ends (2013-07 > 2011-12-31);
//   - a = b when one period lies within the other: the year 2011 and the day
//     2011-06-01 are equal, as they are when both are read at the coarser
//     precision.
// Without timezones (or with the same one) periods of these types nest or are
// disjoint, so this is comparing at the coarser of the two precisions, and it
// is the rule TRACE's ASCENDING uses (a step may follow another unless its
// period ends before the other's starts).
// Two values of the same type compare exactly as XPath orders them (by their
// starting instants), which for periods of equal length is the same rule.
// Timezones follow XPath: a value without one may lie anywhere from -14:00 to
// +14:00, so against a value with one the answer is given only when every such
// shift gives the same answer, otherwise the comparison is an error (and =
// between two different types is then false, as SPARQL has it for literals of
// different known types). Two values with different offsets whose periods
// overlap without nesting compare by where they start.

#include "query/functions/numeric.h"
#include "storage/term.h"

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

namespace corridor::query::functions {

enum class Precision { Year, Month, Day, Instant }; // gYear, gYearMonth, date, dateTime

struct DateTime {
    std::int64_t year = 0;
    int month = 1, day = 1, hour = 0, minute = 0;
    Int128 seconds = 0;           // scaled by 10^18
    std::optional<int> tzMinutes; // offset from UTC, when given
    Precision precision = Precision::Instant;
    bool hasTime() const { return precision == Precision::Instant; }
    // Where the period starts: seconds since 1970-01-01T00:00:00Z, scaled by
    // 10^18 (no timezone: taken as UTC).
    Int128 instant() const;
    // Where the period ends (exclusive); an instant's period is one unit long.
    Int128 periodEnd() const;
};

// The value of an xsd:gYear, xsd:gYearMonth, xsd:date or xsd:dateTime literal
// with a valid lexical form; nullopt for anything else.
std::optional<DateTime> temporalValue(const storage::Term& term);
// The XSD datatype IRI of a precision.
std::string temporalDatatype(Precision precision);
// The canonical lexical form of a value at a precision (at most the value's own).
std::string temporalLexical(const DateTime& d, Precision precision);

// -1, 0, 1 by the rule above; nullopt when a timezone makes it indeterminate.
std::optional<int> comparePeriods(const DateTime& a, const DateTime& b);

// "PT1H", "-PT5H30M", "PT0S" (xsd:dayTimeDuration); nullopt without a timezone.
std::optional<std::string> timezoneDuration(const DateTime& d);
// "Z", "-05:00", or "" without a timezone.
std::string timezoneText(const DateTime& d);
// A moment, as an xsd:dateTime literal in UTC with milliseconds.
storage::Term nowTerm(std::chrono::system_clock::time_point at = std::chrono::system_clock::now());

} // namespace corridor::query::functions
