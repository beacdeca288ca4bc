// XSD casts (section 17.5): xsd:string, boolean, integer, decimal, float,
// double, and the dates: dateTime, date, gYearMonth and gYear.

#include "query/functions/compare.h"
#include "query/functions/datetime.h"
#include "query/functions/numeric.h"
#include "query/functions/registry.h"

#include <charconv>
#include <cmath>

namespace corridor::query::functions {

namespace {

const std::string kXsd = "http://www.w3.org/2001/XMLSchema#";

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

// A literal the cast may read: a typed or simple literal, not a language-tagged one.
bool castable(const Term& t) {
    return t.isLiteral() && t.lang.empty();
}

std::optional<Numeric> fromString(const Term& t, const std::string& type) {
    return numericValue(Term::literal(trim(t.value), kXsd + type));
}

} // namespace

namespace {
// XPath's cast of a float or double to a string: plain decimal notation for
// magnitudes in [1e-6, 1e6), otherwise the canonical E notation.
std::string realToString(double v) {
    if (!std::isfinite(v) || v == 0) return v == 0 ? (std::signbit(v) ? "-0" : "0") : formatDouble(v);
    double m = std::fabs(v);
    if (m < 1e-6 || m >= 1e6) return formatDouble(v);
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed);
    return std::string(buf, end);
}
} // namespace

std::optional<Term> castString(const std::vector<Term>& a, FunctionContext&) {
    const Term& t = a[0];
    if (t.isBlank()) return std::nullopt;
    if (t.isLiteral() && t.lang.empty()) {
        // Typed values are written in their canonical form ("1.0"^^xsd:decimal -> "1").
        if (auto n = numericValue(t)) {
            switch (n->type) {
            case NumType::Integer: return stringTerm(formatInteger(n->exact));
            case NumType::Decimal: {
                std::string d = formatDecimal(n->exact);
                if (d.size() > 2 && d.compare(d.size() - 2, 2, ".0") == 0) d.resize(d.size() - 2);
                return stringTerm(d);
            }
            default: return stringTerm(realToString(n->real));
            }
        }
        if (auto b = booleanValue(t)) return stringTerm(*b ? "true" : "false");
    }
    return stringTerm(t.value);
}

std::optional<Term> castBoolean(const std::vector<Term>& a, FunctionContext&) {
    const Term& t = a[0];
    if (!castable(t)) return std::nullopt;
    if (auto b = booleanValue(t)) return booleanTerm(*b);
    if (auto n = numericValue(t)) return booleanTerm(!n->isZero() && !n->isNaN());
    if (isStringLike(t)) {
        std::string v = trim(t.value);
        if (v == "true" || v == "1") return booleanTerm(true);
        if (v == "false" || v == "0") return booleanTerm(false);
    }
    return std::nullopt;
}

std::optional<Term> castInteger(const std::vector<Term>& a, FunctionContext&) {
    const Term& t = a[0];
    if (!castable(t)) return std::nullopt;
    if (auto b = booleanValue(t)) return integerTerm(*b ? 1 : 0);
    std::optional<Numeric> n = isStringLike(t) ? fromString(t, "integer") : numericValue(t);
    if (!n) return std::nullopt;
    switch (n->type) {
    case NumType::Integer: return numericTerm(*n);
    case NumType::Decimal: return numericTerm(Numeric::integer(n->exact / kDecimalScale));
    default:
        if (!std::isfinite(n->real) || std::fabs(n->real) > 1e38) return std::nullopt;
        return numericTerm(Numeric::integer(static_cast<Int128>(std::trunc(n->real))));
    }
}

std::optional<Term> castDecimal(const std::vector<Term>& a, FunctionContext&) {
    const Term& t = a[0];
    if (!castable(t)) return std::nullopt;
    if (auto b = booleanValue(t)) return numericTerm(Numeric::decimal(*b ? kDecimalScale : 0));
    std::optional<Numeric> n = isStringLike(t) ? fromString(t, "decimal") : numericValue(t);
    if (!n) return std::nullopt;
    if (n->type >= NumType::Float && (!std::isfinite(n->real) || std::fabs(n->real) > 1e20)) return std::nullopt;
    return numericTerm(n->type >= NumType::Float ? Numeric::decimal(static_cast<Int128>(n->real * 1e18))
                                                 : n->promote(NumType::Decimal));
}

namespace {
std::optional<Term> castReal(const Term& t, NumType type) {
    if (!castable(t)) return std::nullopt;
    if (auto b = booleanValue(t)) return numericTerm(Numeric::floating(type, *b ? 1.0 : 0.0));
    std::optional<Numeric> n = isStringLike(t) ? fromString(t, "double") : numericValue(t);
    if (!n) return std::nullopt;
    return numericTerm(n->promote(type));
}
} // namespace

std::optional<Term> castFloat(const std::vector<Term>& a, FunctionContext&) {
    return castReal(a[0], NumType::Float);
}
std::optional<Term> castDouble(const std::vector<Term>& a, FunctionContext&) {
    return castReal(a[0], NumType::Double);
}

namespace {
// A string is read in the target's lexical form. A date value casts to a
// coarser precision by dropping what the target has no room for (XPath's
// casts from xsd:dateTime and xsd:date, extended to gYearMonth); to a finer
// one only from xsd:date to xsd:dateTime (midnight). The timezone stays.
std::optional<Term> castTemporal(const Term& t, Precision target) {
    if (!castable(t)) return std::nullopt;
    if (auto d = temporalValue(t)) {
        bool finer = target > d->precision;
        if (finer && !(d->precision == Precision::Day && target == Precision::Instant)) return std::nullopt;
        return Term::literal(temporalLexical(*d, target), temporalDatatype(target));
    }
    if (!isStringLike(t)) return std::nullopt;
    Term candidate = Term::literal(trim(t.value), temporalDatatype(target));
    if (!temporalValue(candidate)) return std::nullopt;
    return candidate;
}
} // namespace

std::optional<Term> castDateTime(const std::vector<Term>& a, FunctionContext&) {
    return castTemporal(a[0], Precision::Instant);
}
std::optional<Term> castDate(const std::vector<Term>& a, FunctionContext&) {
    return castTemporal(a[0], Precision::Day);
}
std::optional<Term> castGYearMonth(const std::vector<Term>& a, FunctionContext&) {
    return castTemporal(a[0], Precision::Month);
}
std::optional<Term> castGYear(const std::vector<Term>& a, FunctionContext&) {
    return castTemporal(a[0], Precision::Year);
}

} // namespace corridor::query::functions
