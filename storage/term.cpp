#include "storage/term.h"

#include <fmt/format.h>

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
    for (unsigned char c : text) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                out += fmt::format("\\u{:04X}", c);
            } else {
                out += static_cast<char>(c);
            }
        }
    }
}

void appendEscapedIri(std::string& out, std::string_view iri) {
    for (unsigned char c : iri) {
        // IRIREF excludes controls, space and <>"{}|^`\ ; escape them as UCHARs.
        if (c <= 0x20 || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '^' || c == '`' ||
            c == '\\') {
            out += fmt::format("\\u{:04X}", c);
        } else {
            out += static_cast<char>(c);
        }
    }
}

std::string Term::toNTriples() const {
    std::string out;
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
    return out;
}

} // namespace corridor::storage
