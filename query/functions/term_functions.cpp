// Functions on RDF terms (section 17.4.2): LANG, DATATYPE, IRI, BNODE, STRDT,
// STRLANG, UUID, STRUUID, sameTerm, isIRI, isBlank, isLiteral, isNumeric.

#include "query/functions/compare.h"
#include "query/functions/numeric.h"
#include "query/functions/registry.h"
#include "storage/rdf_io/iri.h"

#include <fmt/format.h>

namespace corridor::query::functions {

namespace {
std::string uuid(QueryRandom& rng) {
    std::uint64_t hi = rng(), lo = rng();
    hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL; // version 4
    lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL; // variant 1
    return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", hi >> 32, (hi >> 16) & 0xFFFF, hi & 0xFFFF, lo >> 48,
                       lo & 0xFFFFFFFFFFFFULL);
}
} // namespace

std::optional<Term> fnLang(const std::vector<Term>& a, FunctionContext&) {
    if (!a[0].isLiteral()) return std::nullopt;
    return stringTerm(a[0].lang);
}

std::optional<Term> fnDatatype(const std::vector<Term>& a, FunctionContext&) {
    if (!a[0].isLiteral()) return std::nullopt;
    return Term::iri(std::string(a[0].datatypeIri()));
}

std::optional<Term> fnIri(const std::vector<Term>& a, FunctionContext& ctx) {
    if (a[0].isIri()) return a[0];
    if (!isStringLike(a[0]) || !a[0].lang.empty()) return std::nullopt;
    const std::string& s = a[0].value;
    if (storage::rdf_io::hasScheme(s) || ctx.baseIri.empty()) return Term::iri(s);
    return Term::iri(storage::rdf_io::resolveIri(ctx.baseIri, s));
}

std::optional<Term> fnBnode(const std::vector<Term>& a, FunctionContext& ctx) {
    if (a.empty()) return Term::blank(fmt::format("{}n{}", ctx.blankPrefix, ctx.blankCounter++));
    if (!isStringLike(a[0]) || !a[0].lang.empty()) return std::nullopt;
    auto key = std::make_pair(ctx.rowSerial, a[0].value);
    auto it = ctx.rowBlankNodes.find(key);
    if (it == ctx.rowBlankNodes.end())
        it = ctx.rowBlankNodes.emplace(key, fmt::format("{}n{}", ctx.blankPrefix, ctx.blankCounter++)).first;
    return Term::blank(it->second);
}

std::optional<Term> fnStrdt(const std::vector<Term>& a, FunctionContext&) {
    if (!a[0].isLiteral() || !a[0].lang.empty() || !a[0].datatype.empty() || !a[1].isIri()) return std::nullopt;
    return Term::literal(a[0].value, a[1].value);
}

std::optional<Term> fnStrlang(const std::vector<Term>& a, FunctionContext&) {
    if (!a[0].isLiteral() || !a[0].lang.empty() || !a[0].datatype.empty()) return std::nullopt;
    if (!isStringLike(a[1]) || a[1].value.empty()) return std::nullopt;
    return Term::langLiteral(a[0].value, a[1].value);
}

std::optional<Term> fnUuid(const std::vector<Term>&, FunctionContext& ctx) {
    return Term::iri("urn:uuid:" + uuid(ctx.rng));
}

std::optional<Term> fnStruuid(const std::vector<Term>&, FunctionContext& ctx) {
    return stringTerm(uuid(ctx.rng));
}

std::optional<Term> fnSameTerm(const std::vector<Term>& a, FunctionContext&) {
    return booleanTerm(a[0] == a[1]);
}

std::optional<Term> fnIsIri(const std::vector<Term>& a, FunctionContext&) {
    return booleanTerm(a[0].isIri());
}
std::optional<Term> fnIsBlank(const std::vector<Term>& a, FunctionContext&) {
    return booleanTerm(a[0].isBlank());
}
std::optional<Term> fnIsLiteral(const std::vector<Term>& a, FunctionContext&) {
    return booleanTerm(a[0].isLiteral());
}
std::optional<Term> fnIsNumeric(const std::vector<Term>& a, FunctionContext&) {
    return booleanTerm(numericValue(a[0]).has_value());
}

} // namespace corridor::query::functions
