#include "query/functions/compare.h"

#include "query/functions/datetime.h"
#include "query/functions/numeric.h"

#include <algorithm>

namespace corridor::query::functions {

namespace {

constexpr std::string_view kBoolean = "http://www.w3.org/2001/XMLSchema#boolean";

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
    return s;
}

// Value spaces the engine understands; different ones never compare equal.
enum class Space { None, Numeric, String, Lang, Boolean, Temporal };

Space spaceOf(const Term& t) {
    if (!t.isLiteral()) return Space::None;
    if (!t.lang.empty()) return Space::Lang;
    if (t.datatype.empty()) return Space::String;
    if (isNumericDatatype(t.datatype)) return numericValue(t) ? Space::Numeric : Space::None;
    if (t.datatype == kBoolean) return booleanValue(t) ? Space::Boolean : Space::None;
    if (temporalValue(t)) return Space::Temporal; // gYear, gYearMonth, date, dateTime
    return Space::None;
}

} // namespace

bool isStringLiteral(const Term& t) {
    return t.isLiteral() && t.lang.empty() && t.datatype.empty();
}

std::optional<bool> booleanValue(const Term& t) {
    if (!t.isLiteral() || t.datatype != kBoolean) return std::nullopt;
    if (t.value == "true" || t.value == "1") return true;
    if (t.value == "false" || t.value == "0") return false;
    return std::nullopt;
}

std::optional<bool> valueEquals(const Term& a, const Term& b) {
    if (!a.isLiteral() || !b.isLiteral()) return a == b;
    // A language-tagged literal equals only the same text with the same tag (any case).
    if (!a.lang.empty() || !b.lang.empty()) return a.value == b.value && lower(a.lang) == lower(b.lang);
    Space sa = spaceOf(a), sb = spaceOf(b);
    if (sa != Space::None && sa == sb) {
        switch (sa) {
        case Space::Numeric: {
            auto c = compareNumeric(*numericValue(a), *numericValue(b));
            return c && *c == 0;
        }
        case Space::String: return a.value == b.value;
        case Space::Lang: return a.value == b.value && lower(a.lang) == lower(b.lang);
        case Space::Boolean: return *booleanValue(a) == *booleanValue(b);
        case Space::Temporal: {
            auto c = comparePeriods(*temporalValue(a), *temporalValue(b));
            if (c) return *c == 0;
            // One with a timezone, one without, too close to tell: an error for
            // two values of one type, "not equal" for two different types.
            if (a.datatype != b.datatype) return false;
            return std::nullopt;
        }
        default: break;
        }
    }
    if (a == b) return true;
    // Two understood but different value spaces: not equal. Anything else is unknown.
    if (sa != Space::None && sb != Space::None) return false;
    return std::nullopt;
}

std::optional<int> valueCompare(const Term& a, const Term& b) {
    Space sa = spaceOf(a), sb = spaceOf(b);
    if (sa != sb) return std::nullopt;
    switch (sa) {
    case Space::Numeric: return compareNumeric(*numericValue(a), *numericValue(b));
    case Space::String: return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
    case Space::Boolean: {
        bool x = *booleanValue(a), y = *booleanValue(b);
        return x < y ? -1 : x > y ? 1 : 0;
    }
    case Space::Temporal: return comparePeriods(*temporalValue(a), *temporalValue(b));
    default: return std::nullopt;
    }
}

int orderCompare(const std::optional<Term>& a, const std::optional<Term>& b) {
    auto rank = [](const std::optional<Term>& t) {
        if (!t) return 0;
        if (t->isBlank()) return 1;
        if (t->isIri()) return 2;
        return 3;
    };
    int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    if (ra == 0) return 0;
    if (ra < 3) return a->value < b->value ? -1 : a->value > b->value ? 1 : 0;
    if (auto c = valueCompare(*a, *b); c && *c != 0) return *c;
    // Not comparable (or equal values with different forms): group by value space,
    // then order by datatype, language and lexical form so the order is total.
    auto space = [](const Term& t) {
        switch (spaceOf(t)) {
        case Space::Numeric: return 0;
        case Space::String: return 1;
        case Space::Boolean: return 2;
        case Space::Temporal: return 3;
        case Space::Lang: return 4;
        default: return 5;
        }
    };
    int sa = space(*a), sb = space(*b);
    // Dates of any precision (year, month, day, instant) that compare as equal
    // or not at all sort by where their period starts, the longer period first
    // (2011 before 2011-01-01), then by datatype and lexical form.
    auto pa = temporalValue(*a), pb = temporalValue(*b);
    if (pa && pb) {
        Int128 x = pa->instant(), y = pb->instant();
        if (x != y) return x < y ? -1 : 1;
        Int128 xe = pa->periodEnd(), ye = pb->periodEnd();
        if (xe != ye) return xe > ye ? -1 : 1;
        if (a->datatype != b->datatype) return a->datatype < b->datatype ? -1 : 1;
        return a->value < b->value ? -1 : a->value > b->value ? 1 : 0;
    }
    if (pa || pb) return pa ? -1 : 1;
    if (sa != sb) return sa < sb ? -1 : 1;
    if (a->datatype != b->datatype) return a->datatype < b->datatype ? -1 : 1;
    if (a->lang != b->lang) return a->lang < b->lang ? -1 : 1;
    return a->value < b->value ? -1 : a->value > b->value ? 1 : 0;
}

OrderKey makeOrderKey(std::optional<Term> term) {
    OrderKey k;
    if (!term) return k;
    k.rank = term->isBlank() ? 1 : term->isIri() ? 2 : 3;
    if (k.rank == 3) {
        Space sp = spaceOf(*term);
        k.space = static_cast<int>(sp);
        if (sp == Space::Numeric) k.number = numericValue(*term);
    }
    k.term = std::move(term);
    return k;
}

int compareOrderKeys(const OrderKey& a, const OrderKey& b) {
    if (a.rank != b.rank) return a.rank < b.rank ? -1 : 1;
    if (a.rank == 0) return 0;
    if (a.number && b.number) {
        auto c = compareNumeric(*a.number, *b.number);
        if (c && *c != 0) return *c;
        if (c) return a.term->value < b.term->value ? -1 : a.term->value > b.term->value ? 1 : 0;
    }
    return orderCompare(a.term, b.term);
}

std::optional<bool> effectiveBooleanValue(const Term& t) {
    if (!t.isLiteral()) return std::nullopt;
    if (t.datatype == kBoolean) return booleanValue(t).value_or(false);
    if (isNumericDatatype(t.datatype)) {
        auto n = numericValue(t);
        if (!n) return false;
        return !n->isZero() && !n->isNaN();
    }
    if (isStringLiteral(t)) return !t.value.empty();
    return std::nullopt;
}

} // namespace corridor::query::functions
