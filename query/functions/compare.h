#pragma once
// SPARQL comparison: = and != with value equality (section 17.4.1.7 and the
// operator mapping), < > <= >=, the ORDER BY order (section 15.1) and the
// effective boolean value (section 17.2.2). nullopt means a type error.

#include "query/functions/numeric.h"
#include "storage/term.h"

#include <optional>

namespace corridor::query::functions {

using storage::Term;

std::optional<bool> valueEquals(const Term& a, const Term& b);
// -1, 0, 1 for < = >; nullopt when the two are not comparable.
std::optional<int> valueCompare(const Term& a, const Term& b);
// A total order for ORDER BY: unbound < blank nodes < IRIs < literals.
int orderCompare(const std::optional<Term>& a, const std::optional<Term>& b);
std::optional<bool> effectiveBooleanValue(const Term& t);

// A value prepared once for many ORDER BY comparisons (parsing numbers and
// dates once instead of at every comparison). Orders exactly like orderCompare.
struct OrderKey {
    std::optional<Term> term;
    int rank = 0;  // unbound, blank, IRI, literal
    int space = 0; // value space of a literal (see orderCompare)
    std::optional<Numeric> number;
};
OrderKey makeOrderKey(std::optional<Term> term);
int compareOrderKeys(const OrderKey& a, const OrderKey& b);

// Literals whose lexical form is a string value: simple literals and xsd:string.
bool isStringLiteral(const Term& t);
// Boolean value of a valid xsd:boolean literal.
std::optional<bool> booleanValue(const Term& t);

} // namespace corridor::query::functions
