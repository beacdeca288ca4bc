#include "query/executor/trace/time_key.h"

#include "query/functions/compare.h"
#include "query/functions/datetime.h"

namespace corridor::query::executor::trace {

std::optional<TimeKey> timeKeyOf(const storage::Term& term) {
    if (!term.isLiteral()) return std::nullopt;
    if (auto period = functions::temporalValue(term)) { // the periods of functions/datetime.h
        TimeKey k;
        k.kind = TimeKey::Kind::Period;
        k.start = period->instant();
        k.end = period->periodEnd();
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
