#pragma once
// Numeric values of XSD literals and SPARQL's numeric type promotion
// (integer < decimal < float < double; derived integer types count as integer).
//
// Integers are exact 128-bit values; decimals are 128-bit fixed point with 18
// fractional digits (about +-1.7e20), which covers research data without the
// rounding surprises of binary floating point (0.1 + 0.2 = 0.3).

#include "storage/term.h"

#include <optional>
#include <string>
#include <string_view>

namespace corridor::query::functions {

// GCC/Clang 128-bit integers (__extension__ keeps -Wpedantic quiet).
__extension__ typedef __int128 Int128;
__extension__ typedef unsigned __int128 UInt128;

using storage::Term;

enum class NumType { Integer = 0, Decimal = 1, Float = 2, Double = 3 };

struct Numeric {
    NumType type = NumType::Integer;
    Int128 exact = 0; // Integer: the value; Decimal: value * 10^18
    double real = 0;  // Float, Double

    static Numeric integer(Int128 v) { return {NumType::Integer, v, 0}; }
    static Numeric decimal(Int128 scaled) { return {NumType::Decimal, scaled, 0}; }
    static Numeric floating(NumType t, double v) { return {t, 0, v}; }

    double toDouble() const;
    // Same value in a wider type.
    Numeric promote(NumType to) const;
    bool isZero() const;
    bool isNaN() const { return type >= NumType::Float && real != real; }
};

inline constexpr Int128 kDecimalScale = static_cast<Int128>(1000000000000000000LL);

// The numeric value of a literal with a numeric datatype and a valid lexical
// form; nullopt otherwise (including ill-formed "abc"^^xsd:integer).
std::optional<Numeric> numericValue(const Term& term);
bool isNumericDatatype(std::string_view datatype);
bool isIntegerDatatype(std::string_view datatype);

// A literal for a computed value (xsd:integer, xsd:decimal, xsd:float, xsd:double).
Term numericTerm(const Numeric& n);

// Arithmetic with promotion; nullopt on a type error, overflow or integer
// division by zero. Division of integers yields a decimal (section 17.4.3).
enum class ArithOp { Add, Subtract, Multiply, Divide };
std::optional<Numeric> arithmetic(ArithOp op, const Numeric& a, const Numeric& b);
Numeric negate(const Numeric& n);
// -1, 0, 1; nullopt when unordered (NaN).
std::optional<int> compareNumeric(const Numeric& a, const Numeric& b);

std::string formatInteger(Int128 v);
std::string formatDecimal(Int128 scaled);
std::string formatDouble(double v);

} // namespace corridor::query::functions
