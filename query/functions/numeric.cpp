#include "query/functions/numeric.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fmt/format.h>

namespace corridor::query::functions {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

std::string_view localName(std::string_view datatype) {
    if (datatype.substr(0, kXsd.size()) != kXsd) return {};
    return datatype.substr(kXsd.size());
}

constexpr std::string_view kIntegerTypes[] = {"integer",
                                              "int",
                                              "long",
                                              "short",
                                              "byte",
                                              "nonNegativeInteger",
                                              "positiveInteger",
                                              "nonPositiveInteger",
                                              "negativeInteger",
                                              "unsignedLong",
                                              "unsignedInt",
                                              "unsignedShort",
                                              "unsignedByte"};

// [+-]?digits ; returns nullopt past 38 digits.
std::optional<Int128> parseInteger(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 38) return std::nullopt;
    Int128 v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return negative ? -v : v;
}

// [+-]? (digits (. digits?)? | . digits) scaled by 10^18 (extra digits truncated).
std::optional<Int128> parseDecimal(std::string_view s) {
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    auto dot = s.find('.');
    std::string_view whole = s.substr(0, dot);
    std::string_view frac = dot == std::string_view::npos ? std::string_view{} : s.substr(dot + 1);
    if (whole.empty() && frac.empty()) return std::nullopt;
    if (whole.size() > 20) return std::nullopt;
    Int128 v = 0;
    for (char c : whole) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    Int128 f = 0;
    int digits = 0;
    for (char c : frac) {
        if (c < '0' || c > '9') return std::nullopt;
        if (digits < 18) {
            f = f * 10 + (c - '0');
            ++digits;
        }
    }
    for (; digits < 18; ++digits) f *= 10;
    Int128 scaled = v * kDecimalScale + f;
    return negative ? -scaled : scaled;
}

std::optional<double> parseDouble(std::string_view s) {
    if (s == "INF" || s == "+INF") return HUGE_VAL;
    if (s == "-INF") return -HUGE_VAL;
    if (s == "NaN") return std::nan("");
    if (s.empty()) return std::nullopt;
    // XSD: [+-]? (digits (. digits?)? | . digits) ([eE] [+-]? digits)?
    std::size_t i = 0;
    if (s[i] == '+' || s[i] == '-') ++i;
    bool mantissa = false;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, mantissa = true;
    if (i < s.size() && s[i] == '.') {
        ++i;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, mantissa = true;
    }
    if (!mantissa) return std::nullopt;
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        bool exp = false;
        while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i, exp = true;
        if (!exp) return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    std::string copy(s);
    return std::strtod(copy.c_str(), nullptr);
}

bool inRange(std::string_view type, Int128 v) {
    if (type == "nonNegativeInteger" || type.substr(0, 8) == "unsigned") {
        if (v < 0) return false;
    }
    if (type == "positiveInteger") return v > 0;
    if (type == "nonPositiveInteger") return v <= 0;
    if (type == "negativeInteger") return v < 0;
    if (type == "long") return v >= INT64_MIN && v <= INT64_MAX;
    if (type == "int") return v >= INT32_MIN && v <= INT32_MAX;
    if (type == "short") return v >= INT16_MIN && v <= INT16_MAX;
    if (type == "byte") return v >= INT8_MIN && v <= INT8_MAX;
    if (type == "unsignedLong") return v <= static_cast<Int128>(UINT64_MAX);
    if (type == "unsignedInt") return v <= UINT32_MAX;
    if (type == "unsignedShort") return v <= UINT16_MAX;
    if (type == "unsignedByte") return v <= UINT8_MAX;
    return true;
}

} // namespace

bool isIntegerDatatype(std::string_view datatype) {
    std::string_view local = localName(datatype);
    for (auto t : kIntegerTypes)
        if (local == t) return true;
    return false;
}

bool isNumericDatatype(std::string_view datatype) {
    std::string_view local = localName(datatype);
    return isIntegerDatatype(datatype) || local == "decimal" || local == "float" || local == "double";
}

std::optional<Numeric> numericValue(const Term& term) {
    if (!term.isLiteral() || !term.lang.empty() || term.datatype.empty()) return std::nullopt;
    std::string_view local = localName(term.datatype);
    if (local.empty()) return std::nullopt;
    std::string_view lex = term.value;
    if (isIntegerDatatype(term.datatype)) {
        auto v = parseInteger(lex);
        if (!v || !inRange(local, *v)) return std::nullopt;
        return Numeric::integer(*v);
    }
    if (local == "decimal") {
        if (lex.find_first_of("eE") != std::string_view::npos) return std::nullopt;
        auto v = parseDecimal(lex);
        if (!v) return std::nullopt;
        return Numeric::decimal(*v);
    }
    if (local == "float" || local == "double") {
        auto v = parseDouble(lex);
        if (!v) return std::nullopt;
        NumType t = local == "float" ? NumType::Float : NumType::Double;
        return Numeric::floating(t, t == NumType::Float ? static_cast<float>(*v) : *v);
    }
    return std::nullopt;
}

double Numeric::toDouble() const {
    switch (type) {
    case NumType::Integer: return static_cast<double>(exact);
    case NumType::Decimal: return static_cast<double>(exact) / 1e18;
    default: return real;
    }
}

Numeric Numeric::promote(NumType to) const {
    if (to == type) return *this;
    if (to == NumType::Decimal && type == NumType::Integer) return decimal(exact * kDecimalScale);
    if (to == NumType::Float) return floating(to, static_cast<float>(toDouble()));
    return floating(to, toDouble());
}

bool Numeric::isZero() const {
    return type <= NumType::Decimal ? exact == 0 : real == 0;
}

std::string formatInteger(Int128 v) {
    if (v == 0) return "0";
    bool negative = v < 0;
    UInt128 u = negative ? static_cast<UInt128>(-(v + 1)) + 1 : static_cast<UInt128>(v);
    std::string digits;
    while (u > 0) {
        digits += static_cast<char>('0' + static_cast<int>(u % 10));
        u /= 10;
    }
    if (negative) digits += '-';
    return std::string(digits.rbegin(), digits.rend());
}

std::string formatDecimal(Int128 scaled) {
    bool negative = scaled < 0;
    Int128 a = negative ? -scaled : scaled;
    Int128 whole = a / kDecimalScale;
    Int128 frac = a % kDecimalScale;
    std::string out = (negative ? "-" : "") + formatInteger(whole) + ".";
    if (frac == 0) return out + "0";
    std::string f = formatInteger(frac);
    f = std::string(18 - f.size(), '0') + f;
    while (f.size() > 1 && f.back() == '0') f.pop_back();
    return out + f;
}

std::string formatDouble(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "INF" : "-INF";
    if (v == 0) return std::signbit(v) ? "-0.0E0" : "0.0E0";
    // Shortest round-trip digits, written as d.dddE±n (the XSD canonical shape).
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string s(buf, end);
    auto e = s.find('e');
    std::string mantissa = s.substr(0, e);
    int exponent = std::stoi(s.substr(e + 1));
    if (mantissa.find('.') == std::string::npos) mantissa += ".0";
    return fmt::format("{}E{}", mantissa, exponent);
}

Term numericTerm(const Numeric& n) {
    std::string xsd(kXsd);
    switch (n.type) {
    case NumType::Integer: return Term::literal(formatInteger(n.exact), xsd + "integer");
    case NumType::Decimal: return Term::literal(formatDecimal(n.exact), xsd + "decimal");
    case NumType::Float: return Term::literal(formatDouble(static_cast<float>(n.real)), xsd + "float");
    default: return Term::literal(formatDouble(n.real), xsd + "double");
    }
}

std::optional<Numeric> arithmetic(ArithOp op, const Numeric& a0, const Numeric& b0) {
    NumType t = std::max(a0.type, b0.type);
    if (op == ArithOp::Divide && t == NumType::Integer) t = NumType::Decimal;
    Numeric a = a0.promote(t), b = b0.promote(t);
    constexpr Int128 kLimit = (static_cast<Int128>(1) << 125);
    switch (t) {
    case NumType::Integer: {
        Int128 r = 0;
        switch (op) {
        case ArithOp::Add: r = a.exact + b.exact; break;
        case ArithOp::Subtract: r = a.exact - b.exact; break;
        case ArithOp::Multiply:
            if (__builtin_mul_overflow(a.exact, b.exact, &r)) return std::nullopt;
            break;
        default: return std::nullopt;
        }
        if (r > kLimit || r < -kLimit) return std::nullopt;
        return Numeric::integer(r);
    }
    case NumType::Decimal: {
        Int128 r = 0;
        switch (op) {
        case ArithOp::Add: r = a.exact + b.exact; break;
        case ArithOp::Subtract: r = a.exact - b.exact; break;
        case ArithOp::Multiply: {
            // (a/S)*(b/S)*S = a*b/S, split to stay in range.
            Int128 ah = a.exact / kDecimalScale, al = a.exact % kDecimalScale;
            Int128 p1, p2;
            if (__builtin_mul_overflow(ah, b.exact, &p1)) return std::nullopt;
            if (__builtin_mul_overflow(al, b.exact / kDecimalScale, &p2)) return std::nullopt;
            r = p1 + p2 + (al * (b.exact % kDecimalScale)) / kDecimalScale;
            break;
        }
        case ArithOp::Divide: {
            if (b.exact == 0) return std::nullopt;
            // a/b * S with long division to keep 18 fractional digits.
            bool negative = (a.exact < 0) != (b.exact < 0);
            Int128 x = a.exact < 0 ? -a.exact : a.exact;
            Int128 y = b.exact < 0 ? -b.exact : b.exact;
            Int128 q = x / y, rem = x % y;
            Int128 result = q;
            for (int i = 0; i < 18; ++i) {
                rem *= 10;
                result = result * 10 + rem / y;
                rem %= y;
                if (result > kLimit) return std::nullopt;
            }
            r = negative ? -result : result;
            break;
        }
        }
        return Numeric::decimal(r);
    }
    default: {
        double x = a.real, y = b.real, r = 0;
        switch (op) {
        case ArithOp::Add: r = x + y; break;
        case ArithOp::Subtract: r = x - y; break;
        case ArithOp::Multiply: r = x * y; break;
        case ArithOp::Divide: r = x / y; break;
        }
        if (t == NumType::Float) r = static_cast<float>(r);
        return Numeric::floating(t, r);
    }
    }
}

Numeric negate(const Numeric& n) {
    Numeric r = n;
    if (n.type <= NumType::Decimal) {
        r.exact = -n.exact;
    } else {
        r.real = -n.real;
    }
    return r;
}

std::optional<int> compareNumeric(const Numeric& a0, const Numeric& b0) {
    NumType t = std::max(a0.type, b0.type);
    Numeric a = a0.promote(t), b = b0.promote(t);
    if (t <= NumType::Decimal) return a.exact < b.exact ? -1 : a.exact > b.exact ? 1 : 0;
    if (a.real != a.real || b.real != b.real) return std::nullopt;
    return a.real < b.real ? -1 : a.real > b.real ? 1 : 0;
}

} // namespace corridor::query::functions
