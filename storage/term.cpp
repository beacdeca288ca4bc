#include "storage/term.h"

#include "storage/text_escape.h"

#include <array>

namespace corridor::storage {

Term Term::literal(std::string lexical, std::string datatype) {
    if (datatype == xsd::kString) datatype.clear();
    return Term{TermKind::Literal, std::move(lexical), std::move(datatype), {}};
}

std::string_view Term::datatypeIri() const {
    if (!lang.empty()) return rdf::kLangString;
    if (datatype.empty()) return xsd::kString;
    return datatype;
}

void appendEscapedLiteral(std::string& out, std::string_view text) {
    appendReplacing(out, text, [](unsigned char c) -> const char* {
        switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        case '\n': return "\\n";
        case '\r': return "\\r";
        default: return c < 0x20 || c == 0x7f ? unicodeEscape(c) : nullptr;
        }
    });
}

void appendEscapedIri(std::string& out, std::string_view iri) {
    // IRIREF excludes controls, space and <>"{}|^`\ ; they become UCHARs. A table, not ten
    // comparisons a byte: a large result writes millions of IRI bytes (8% of L8 as TSV).
    static constexpr auto kExcluded = [] {
        std::array<bool, 256> t{};
        for (int c = 0; c <= 0x20; ++c) t[static_cast<std::size_t>(c)] = true;
        for (unsigned char c : std::string_view("<>\"{}|^`\\")) t[c] = true;
        return t;
    }();
    appendReplacing(out, iri, [](unsigned char c) -> const char* { return kExcluded[c] ? unicodeEscape(c) : nullptr; });
}

std::string Term::toNTriples() const {
    std::string out;
    appendNTriples(out);
    return out;
}

void Term::appendNTriples(std::string& out) const {
    switch (kind) {
    case TermKind::Iri:
        out += '<';
        appendEscapedIri(out, value);
        out += '>';
        break;
    case TermKind::BlankNode:
        out += "_:";
        out += value;
        break;
    case TermKind::Literal:
        out += '"';
        appendEscapedLiteral(out, value);
        out += '"';
        if (!lang.empty()) {
            out += '@';
            out += lang;
        } else if (!datatype.empty()) {
            out += "^^<";
            appendEscapedIri(out, datatype);
            out += '>';
        }
        break;
    }
}

} // namespace corridor::storage
