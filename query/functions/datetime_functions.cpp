// Date and time functions (section 17.4.5).

#include "query/functions/datetime.h"
#include "query/functions/numeric.h"
#include "query/functions/registry.h"

namespace corridor::query::functions {

namespace {
// YEAR works on every date type, MONTH on those with a month (xsd:gYearMonth,
// xsd:date, xsd:dateTime), DAY on xsd:date and xsd:dateTime, HOURS, MINUTES and
// SECONDS on xsd:dateTime; otherwise the value is an error (unbound).
std::optional<Term> component(const Term& t, int which) {
    auto d = temporalValue(t);
    if (!d) return std::nullopt;
    switch (which) {
    case 0: return numericTerm(Numeric::integer(d->year));
    case 1: return d->precision >= Precision::Month ? std::optional<Term>(integerTerm(d->month)) : std::nullopt;
    case 2: return d->precision >= Precision::Day ? std::optional<Term>(integerTerm(d->day)) : std::nullopt;
    case 3: return d->hasTime() ? std::optional<Term>(integerTerm(d->hour)) : std::nullopt;
    case 4: return d->hasTime() ? std::optional<Term>(integerTerm(d->minute)) : std::nullopt;
    default: return d->hasTime() ? std::optional<Term>(numericTerm(Numeric::decimal(d->seconds))) : std::nullopt;
    }
}
} // namespace

std::optional<Term> fnYear(const std::vector<Term>& a, FunctionContext&) {
    return component(a[0], 0);
}
std::optional<Term> fnMonth(const std::vector<Term>& a, FunctionContext&) {
    return component(a[0], 1);
}
std::optional<Term> fnDay(const std::vector<Term>& a, FunctionContext&) {
    return component(a[0], 2);
}
std::optional<Term> fnHours(const std::vector<Term>& a, FunctionContext&) {
    return component(a[0], 3);
}
std::optional<Term> fnMinutes(const std::vector<Term>& a, FunctionContext&) {
    return component(a[0], 4);
}
std::optional<Term> fnSeconds(const std::vector<Term>& a, FunctionContext&) {
    return component(a[0], 5);
}

std::optional<Term> fnTimezone(const std::vector<Term>& a, FunctionContext&) {
    auto d = temporalValue(a[0]);
    if (!d) return std::nullopt;
    auto tz = timezoneDuration(*d);
    if (!tz) return std::nullopt;
    return Term::literal(*tz, "http://www.w3.org/2001/XMLSchema#dayTimeDuration");
}

std::optional<Term> fnTz(const std::vector<Term>& a, FunctionContext&) {
    auto d = temporalValue(a[0]);
    if (!d) return std::nullopt;
    return stringTerm(timezoneText(*d));
}

std::optional<Term> fnNow(const std::vector<Term>&, FunctionContext& ctx) {
    return ctx.now();
}

} // namespace corridor::query::functions
