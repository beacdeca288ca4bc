#pragma once
// xsd:dateTime and xsd:date values: parsing, ordering, and the component
// functions of SPARQL (YEAR ... SECONDS, TIMEZONE, TZ).

#include "query/functions/numeric.h"
#include "storage/term.h"

#include <cstdint>
#include <optional>
#include <string>

namespace corridor::query::functions {

struct DateTime {
    std::int64_t year = 0;
    int month = 1, day = 1, hour = 0, minute = 0;
    Int128 seconds = 0;              // scaled by 10^18
    std::optional<int> tzMinutes;      // offset from UTC, when given
    bool hasTime = true;               // false for xsd:date
    // Seconds since 1970-01-01T00:00:00Z, scaled by 10^18 (no timezone: taken as UTC).
    Int128 instant() const;
};

std::optional<DateTime> dateTimeValue(const storage::Term& term);
// The start of the period an xsd:gYear ("2006") or xsd:gYearMonth ("2006-07")
// stands for, or of an xsd:date / xsd:dateTime: used to order dates of mixed
// granularity (the case data dates events by year, month or day).
std::optional<DateTime> periodStart(const storage::Term& term);
// -1, 0, 1; nullopt when one value has a timezone and the other not and they
// are less than 14 hours apart (XPath: the order is indeterminate).
std::optional<int> compareDateTime(const DateTime& a, const DateTime& b);
// "PT1H", "-PT5H30M", "PT0S" (xsd:dayTimeDuration); nullopt without a timezone.
std::optional<std::string> timezoneDuration(const DateTime& d);
// "Z", "-05:00", or "" without a timezone.
std::string timezoneText(const DateTime& d);
// Now, as an xsd:dateTime literal in UTC with milliseconds.
storage::Term nowTerm();

} // namespace corridor::query::functions
