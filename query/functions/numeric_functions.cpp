// Numeric functions (section 17.4.4): ABS, ROUND, CEIL, FLOOR, RAND.

#include "query/functions/numeric.h"
#include "query/functions/registry.h"

#include <cmath>

namespace corridor::query::functions {

namespace {

enum class Rounding { Round, Ceil, Floor };

// Decimal rounding of a value scaled by 10^18.
Int128 roundScaled(Int128 v, Rounding mode) {
    Int128 whole = v / kDecimalScale * kDecimalScale;
    Int128 frac = v - whole;
    if (frac == 0) return v;
    switch (mode) {
    case Rounding::Floor: return frac < 0 ? whole - kDecimalScale : whole;
    case Rounding::Ceil: return frac > 0 ? whole + kDecimalScale : whole;
    case Rounding::Round: // half up, towards positive infinity (XPath fn:round)
        if (frac > 0) return frac * 2 >= kDecimalScale ? whole + kDecimalScale : whole;
        return -frac * 2 > kDecimalScale ? whole - kDecimalScale : whole;
    }
    return v;
}

std::optional<Term> rounded(const Term& t, Rounding mode) {
    auto n = numericValue(t);
    if (!n) return std::nullopt;
    switch (n->type) {
    case NumType::Integer: return numericTerm(*n);
    case NumType::Decimal: return numericTerm(Numeric::decimal(roundScaled(n->exact, mode)));
    default: {
        double v = n->real;
        double r = mode == Rounding::Ceil    ? std::ceil(v)
                   : mode == Rounding::Floor ? std::floor(v)
                                             : std::floor(v + 0.5);
        return numericTerm(Numeric::floating(n->type, r));
    }
    }
}

} // namespace

std::optional<Term> fnAbs(const std::vector<Term>& a, FunctionContext&) {
    auto n = numericValue(a[0]);
    if (!n) return std::nullopt;
    if (n->type <= NumType::Decimal ? n->exact < 0 : n->real < 0) return numericTerm(negate(*n));
    return numericTerm(*n);
}

std::optional<Term> fnRound(const std::vector<Term>& a, FunctionContext&) {
    return rounded(a[0], Rounding::Round);
}
std::optional<Term> fnCeil(const std::vector<Term>& a, FunctionContext&) {
    return rounded(a[0], Rounding::Ceil);
}
std::optional<Term> fnFloor(const std::vector<Term>& a, FunctionContext&) {
    return rounded(a[0], Rounding::Floor);
}

std::optional<Term> fnRand(const std::vector<Term>&, FunctionContext& ctx) {
    std::uniform_real_distribution<double> dist(0.0, 1.0);
    return numericTerm(Numeric::floating(NumType::Double, dist(ctx.rng)));
}

} // namespace corridor::query::functions
