#pragma once
// The RDF 1.1 data model: IRIs, blank nodes and literals, and quads of them.
// Terms are kept exactly as written: "01"^^xsd:integer and "1"^^xsd:integer
// are different terms, and language tags keep their case.

#include <compare>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace corridor::storage {

namespace xsd {
inline constexpr std::string_view kNs = "http://www.w3.org/2001/XMLSchema#";
inline constexpr std::string_view kString = "http://www.w3.org/2001/XMLSchema#string";
inline constexpr std::string_view kInteger = "http://www.w3.org/2001/XMLSchema#integer";
inline constexpr std::string_view kBoolean = "http://www.w3.org/2001/XMLSchema#boolean";
inline constexpr std::string_view kDecimal = "http://www.w3.org/2001/XMLSchema#decimal";
inline constexpr std::string_view kDouble = "http://www.w3.org/2001/XMLSchema#double";
} // namespace xsd

namespace rdf {
inline constexpr std::string_view kLangString = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
}

enum class TermKind : unsigned char { Iri, BlankNode, Literal };

// A structured value a query computed (a TRACE path) that travels with the literal
// standing for it, so the readers that know its type read its fields instead of
// parsing a lexical form. Derived types live with the query; the store never keeps one.
struct TermPayload {
    virtual ~TermPayload() = default;
};

struct Term {
    TermKind kind = TermKind::Iri;
    std::string value;    // the IRI, the blank node label, or the literal's lexical form
    std::string datatype; // literals only: empty means xsd:string (a simple literal)
    std::string lang;     // literals only: language tag, as written (implies rdf:langString)
    // Not part of the term's identity: equal terms may carry different payloads, or none.
    std::shared_ptr<const TermPayload> payload;

    static Term iri(std::string iri) { return Term{TermKind::Iri, std::move(iri), {}, {}}; }
    static Term blank(std::string label) { return Term{TermKind::BlankNode, std::move(label), {}, {}}; }
    // A typed literal. xsd:string is folded into the simple literal (RDF 1.1: same term).
    static Term literal(std::string lexical, std::string datatype = {});
    static Term langLiteral(std::string lexical, std::string lang) {
        return Term{TermKind::Literal, std::move(lexical), {}, std::move(lang)};
    }

    bool isIri() const { return kind == TermKind::Iri; }
    bool isBlank() const { return kind == TermKind::BlankNode; }
    bool isLiteral() const { return kind == TermKind::Literal; }
    // The literal's datatype IRI, with the RDF 1.1 defaults filled in.
    std::string_view datatypeIri() const;

    // N-Triples form: <iri>, _:label, "lexical"@lang or "lexical"^^<dt>.
    std::string toNTriples() const;
    void appendNTriples(std::string& out) const;

    bool operator==(const Term& o) const {
        return kind == o.kind && value == o.value && datatype == o.datatype && lang == o.lang;
    }
    std::strong_ordering operator<=>(const Term& o) const {
        if (auto c = kind <=> o.kind; c != 0) return c;
        if (auto c = value <=> o.value; c != 0) return c;
        if (auto c = datatype <=> o.datatype; c != 0) return c;
        return lang <=> o.lang;
    }
};

// A quad; graph == std::nullopt is the default graph.
struct Quad {
    Term subject;
    Term predicate;
    Term object;
    std::optional<Term> graph;

    bool operator==(const Quad&) const = default;
    auto operator<=>(const Quad&) const = default;
};

// Appends `text` to `out` escaped for an N-Triples string literal body.
void appendEscapedLiteral(std::string& out, std::string_view text);
// Appends an IRI escaped for N-Triples (characters not allowed in IRIREF become \u escapes).
void appendEscapedIri(std::string& out, std::string_view iri);

} // namespace corridor::storage
