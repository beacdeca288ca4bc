#include "query/executor/trace/time_key.h"

#include "query/functions/compare.h"
#include "query/functions/datetime.h"

namespace corridor::query::executor::trace {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

// The end of the period a date-like literal stands for (exclusive).
Int128 periodEnd(const storage::Term& term, const functions::DateTime& start) {
    std::string_view type = std::string_view(term.datatype).substr(kXsd.size());
    functions::DateTime end = start;
    if (type == "gYear") {
        end.year += 1;
    } else if (type == "gYearMonth") {
        if (++end.month > 12) {
            end.month = 1;
            end.year += 1;
        }
    } else if (type == "date") {
        return start.instant() + static_cast<Int128>(86400) * functions::kDecimalScale;
    } else {
        return start.instant() + 1; // an instant
    }
    return end.instant();
}

} // namespace

std::optional<TimeKey> timeKeyOf(const storage::Term& term) {
    if (!term.isLiteral()) return std::nullopt;
    if (auto start = functions::periodStart(term)) {
        TimeKey k;
        k.kind = TimeKey::Kind::Period;
        k.start = start->instant();
        k.end = periodEnd(term, *start);
        return k;
    }
    if (auto n = functions::numericValue(term)) {
        TimeKey k;
        k.kind = TimeKey::Kind::Number;
        k.number = n->toDouble();
        return k;
    }
    if (functions::isStringLiteral(term) || !term.lang.empty()) {
        TimeKey k;
        k.kind = TimeKey::Kind::Text;
        k.text = term.value;
        return k;
    }
    return std::nullopt;
}

bool mayFollow(const TimeKey& last, const TimeKey& next, bool descending) {
    if (last.kind != next.kind) return false;
    switch (last.kind) {
    case TimeKey::Kind::Number: return descending ? next.number <= last.number : next.number >= last.number;
    case TimeKey::Kind::Text: return descending ? next.text <= last.text : next.text >= last.text;
    case TimeKey::Kind::Period: return descending ? next.start < last.end : next.end > last.start;
    }
    return false;
}

bool atLeastAsPermissive(const TimeKey& a, const TimeKey& b, bool descending) {
    if (a.kind != b.kind) return false;
    switch (a.kind) {
    case TimeKey::Kind::Number: return descending ? a.number >= b.number : a.number <= b.number;
    case TimeKey::Kind::Text: return descending ? a.text >= b.text : a.text <= b.text;
    case TimeKey::Kind::Period: return descending ? a.end >= b.end : a.start <= b.start;
    }
    return false;
}

} // namespace corridor::query::executor::trace
