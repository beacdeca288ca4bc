// AST builder: IRIs, prefixed names, literals, variables, blank nodes.

#include "query/ast/ast_builder.h"
#include "storage/rdf_io/iri.h"

#include <fmt/format.h>

namespace corridor::query::ast {

namespace {

constexpr std::string_view kXsd = "http://www.w3.org/2001/XMLSchema#";

void appendUtf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Decodes ECHAR and UCHAR escapes. Returns false on a surrogate code point.
bool unescape(std::string_view in, std::string& out) {
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
        char c = in[i];
        if (c != '\\' || i + 1 >= in.size()) {
            out += c;
            continue;
        }
        char e = in[++i];
        switch (e) {
        case 't': out += '\t'; break;
        case 'b': out += '\b'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 'f': out += '\f'; break;
        case '"': out += '"'; break;
        case '\'': out += '\''; break;
        case '\\': out += '\\'; break;
        case 'u':
        case 'U': {
            std::size_t n = e == 'u' ? 4 : 8;
            std::uint32_t cp = std::stoul(std::string(in.substr(i + 1, n)), nullptr, 16);
            if (cp >= 0xD800 && cp <= 0xDFFF) return false;
            appendUtf8(out, cp);
            i += n;
            break;
        }
        default: out += '\\'; out += e;
        }
    }
    return true;
}

} // namespace

std::string AstBuilder::resolveRelative(std::string_view iri) const {
    if (storage::rdf_io::hasScheme(iri) || base_.empty()) return std::string(iri);
    return storage::rdf_io::resolveIri(base_, iri);
}

Term AstBuilder::iriFromToken(antlr4::tree::TerminalNode* token) {
    std::string raw = token->getText();
    std::string_view inner(raw);
    inner = inner.substr(1, inner.size() - 2);
    std::string decoded;
    if (!unescape(inner, decoded)) fail("escape encodes a UTF-16 surrogate", span(token->getSymbol()));
    for (unsigned char c : decoded)
        if (c <= 0x20 || std::string_view("<>\"{}|^`\\").find(static_cast<char>(c)) != std::string_view::npos)
            fail("character not allowed in an IRI", span(token->getSymbol()));
    // An update must not write a relative IRI into the store (LOAD's source is
    // a path, so it may be relative).
    if (updateOperation_ >= 0 && !loadSource_ && base_.empty() && !storage::rdf_io::hasScheme(decoded))
        fail(fmt::format("<{}> is a relative IRI and the request has no base: write the full IRI, "
                         "or give one with BASE <...> or --base",
                         decoded),
             span(token->getSymbol()));
    return Term::iri(resolveRelative(decoded));
}

Term AstBuilder::prefixedName(antlr4::Token* token) {
    std::string text = token->getText();
    auto colon = text.find(':');
    std::string prefix = text.substr(0, colon);
    auto it = prefixes_.find(prefix);
    if (it == prefixes_.end())
        fail(fmt::format("unknown prefix '{}:' (declare it with PREFIX {}: <...>)", prefix, prefix), span(token));
    std::string local;
    std::string_view raw = std::string_view(text).substr(colon + 1);
    for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size()) ++i; // PN_LOCAL_ESC: drop the backslash
        local += raw[i];
    }
    return Term::iri(it->second + local);
}

Term AstBuilder::iri(P::IriContext* ctx) {
    if (ctx->IRIREF()) return iriFromToken(ctx->IRIREF());
    auto* pn = ctx->prefixedName();
    return prefixedName(pn->PNAME_LN() ? pn->PNAME_LN()->getSymbol() : pn->PNAME_NS()->getSymbol());
}

std::string AstBuilder::stringValue(P::StringLiteralContext* ctx) {
    std::string raw = ctx->getText();
    std::size_t quote = ctx->STRING_LITERAL_LONG1() || ctx->STRING_LITERAL_LONG2() ? 3 : 1;
    std::string out;
    if (!unescape(std::string_view(raw).substr(quote, raw.size() - 2 * quote), out))
        fail("escape encodes a UTF-16 surrogate", span(ctx));
    return out;
}

Term AstBuilder::rdfLiteral(P::RdfLiteralContext* ctx) {
    std::string lexical = stringValue(ctx->stringLiteral());
    if (ctx->LANGTAG()) return Term::langLiteral(lexical, ctx->LANGTAG()->getText().substr(1));
    if (ctx->iri()) return Term::literal(lexical, iri(ctx->iri()).value);
    return Term::literal(lexical);
}

Term AstBuilder::numericToken(antlr4::Token* token) {
    std::string text = token->getText();
    std::string type;
    switch (token->getType()) {
    case P::INTEGER:
    case P::INTEGER_POSITIVE:
    case P::INTEGER_NEGATIVE: type = "integer"; break;
    case P::DECIMAL:
    case P::DECIMAL_POSITIVE:
    case P::DECIMAL_NEGATIVE: type = "decimal"; break;
    default: type = "double";
    }
    return Term::literal(text, std::string(kXsd) + type);
}

Term AstBuilder::numericLiteral(P::NumericLiteralContext* ctx) {
    antlr4::ParserRuleContext* inner = ctx->numericLiteralUnsigned();
    if (!inner) inner = ctx->numericLiteralPositive();
    if (!inner) inner = ctx->numericLiteralNegative();
    return numericToken(inner->getStart());
}

Term AstBuilder::booleanLiteral(P::BooleanLiteralContext* ctx) {
    return Term::literal(ctx->TRUE() ? "true" : "false", std::string(kXsd) + "boolean");
}

std::string AstBuilder::varName(P::VarContext* ctx) const {
    return localPrefix_ + ctx->getText().substr(1);
}

VarOrTerm AstBuilder::var(P::VarContext* ctx) {
    return VarOrTerm::variable(varName(ctx), span(ctx));
}

VarOrTerm AstBuilder::freshBlank(antlr4::ParserRuleContext* ctx) {
    return VarOrTerm::variable(fmt::format("_:anon{}", freshCounter_++), span(ctx));
}

VarOrTerm AstBuilder::blankNode(P::BlankNodeContext* ctx) {
    if (ctx->ANON()) return freshBlank(ctx);
    std::string label = ctx->BLANK_NODE_LABEL()->getText().substr(2);
    noteBlankLabel(label, span(ctx));
    return VarOrTerm::variable("_:b_" + label, span(ctx));
}

VarOrTerm AstBuilder::graphTerm(P::GraphTermContext* ctx) {
    if (ctx->iri()) return VarOrTerm::constant(iri(ctx->iri()), span(ctx));
    if (ctx->rdfLiteral()) return VarOrTerm::constant(rdfLiteral(ctx->rdfLiteral()), span(ctx));
    if (ctx->numericLiteral()) return VarOrTerm::constant(numericLiteral(ctx->numericLiteral()), span(ctx));
    if (ctx->booleanLiteral()) return VarOrTerm::constant(booleanLiteral(ctx->booleanLiteral()), span(ctx));
    if (ctx->blankNode()) return blankNode(ctx->blankNode());
    // NIL: rdf:nil
    return VarOrTerm::constant(Term::iri("http://www.w3.org/1999/02/22-rdf-syntax-ns#nil"), span(ctx));
}

VarOrTerm AstBuilder::varOrTerm(P::VarOrTermContext* ctx) {
    return ctx->var() ? var(ctx->var()) : graphTerm(ctx->graphTerm());
}

VarOrTerm AstBuilder::varOrIri(P::VarOrIriContext* ctx) {
    return ctx->var() ? var(ctx->var()) : VarOrTerm::constant(iri(ctx->iri()), span(ctx));
}

void AstBuilder::noteBlankLabel(const std::string& label, const SourceSpan& where) {
    if (updateOperation_ >= 0 && !templateLabels_) {
        auto [it, inserted] = updateLabelOperation_.emplace(label, updateOperation_);
        if (!inserted && it->second != updateOperation_)
            fail(fmt::format("blank node _:{} is used in two operations of one update request", label), where);
    }
    if (inTemplate_) return;
    auto [it, inserted] = blankLabelBgp_.emplace(label, bgpCounter_);
    if (!inserted && it->second != bgpCounter_)
        fail(fmt::format("blank node _:{} is used in two different basic graph patterns; use a "
                         "variable to join them",
                         label),
             where);
}

} // namespace corridor::query::ast
