#include "query/ast/syntax_errors.h"

#include "CorridorLexer.h"
#include "CorridorParser.h"

#include <fmt/format.h>
#include <set>

namespace corridor::query::ast {

using grammar::CorridorLexer;
using grammar::CorridorParser;

std::string describeTokenType(size_t type, const antlr4::dfa::Vocabulary& vocabulary) {
    switch (type) {
    case antlr4::Token::EOF: return "the end of the query";
    case CorridorLexer::VAR1:
    case CorridorLexer::VAR2: return "a variable";
    case CorridorLexer::IRIREF: return "an IRI";
    case CorridorLexer::PNAME_LN:
    case CorridorLexer::PNAME_NS: return "a prefixed name";
    case CorridorLexer::BLANK_NODE_LABEL:
    case CorridorLexer::ANON: return "a blank node";
    case CorridorLexer::STRING_LITERAL1:
    case CorridorLexer::STRING_LITERAL2:
    case CorridorLexer::STRING_LITERAL_LONG1:
    case CorridorLexer::STRING_LITERAL_LONG2: return "a string";
    case CorridorLexer::INTEGER:
    case CorridorLexer::DECIMAL:
    case CorridorLexer::DOUBLE:
    case CorridorLexer::INTEGER_POSITIVE:
    case CorridorLexer::DECIMAL_POSITIVE:
    case CorridorLexer::DOUBLE_POSITIVE:
    case CorridorLexer::INTEGER_NEGATIVE:
    case CorridorLexer::DECIMAL_NEGATIVE:
    case CorridorLexer::DOUBLE_NEGATIVE: return "a number";
    case CorridorLexer::LANGTAG: return "a language tag";
    case CorridorLexer::NIL: return "'()'";
    case CorridorLexer::A: return "'a'";
    default: break;
    }
    std::string literal = vocabulary.getLiteralName(type);
    if (!literal.empty()) return literal; // punctuation: already quoted, e.g. '{'
    std::string symbolic = vocabulary.getSymbolicName(type);
    if (symbolic == "MINUS_KW") return "MINUS";
    return symbolic; // keywords: SELECT, WHERE, ...
}

namespace {

std::string found(antlr4::Token* token) {
    if (!token || token->getType() == antlr4::Token::EOF) return "the end of the query";
    std::string text = token->getText();
    if (token->getType() == CorridorLexer::UNKNOWN_WORD) return fmt::format("the word '{}'", text);
    if (token->getType() == CorridorLexer::UNEXPECTED_CHAR) {
        if (text == "\"" || text == "'") return "an unterminated string";
        return fmt::format("the character '{}'", text);
    }
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    return fmt::format("'{}'", text);
}

std::string expectedList(const antlr4::misc::IntervalSet& set, const antlr4::dfa::Vocabulary& vocabulary) {
    std::set<std::string> names;
    for (size_t type : set.toList()) {
        if (type == CorridorLexer::UNEXPECTED_CHAR || type == CorridorLexer::UNKNOWN_WORD) continue;
        names.insert(describeTokenType(type, vocabulary));
    }
    if (names.empty()) return {};
    std::vector<std::string> list(names.begin(), names.end());
    // Words first ("a variable"), then keywords, then punctuation.
    std::stable_sort(list.begin(), list.end(), [](const std::string& a, const std::string& b) {
        auto rank = [](const std::string& s) {
            if (s.rfind("a ", 0) == 0 || s.rfind("an ", 0) == 0 || s.rfind("the ", 0) == 0) return 0;
            return s.front() == '\'' ? 2 : 1;
        };
        return rank(a) < rank(b);
    });
    constexpr std::size_t kMax = 8;
    std::string out;
    for (std::size_t i = 0; i < list.size() && i < kMax; ++i) {
        if (i > 0) out += (i + 1 == list.size() || i + 1 == kMax) ? " or " : ", ";
        out += list[i];
    }
    if (list.size() > kMax) out += fmt::format(" (or one of {} more)", list.size() - kMax);
    return out;
}

} // namespace

void ThrowingErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                                        size_t column, const std::string& message, std::exception_ptr) {
    SourceSpan span;
    span.line = line;
    span.column = column + 1;
    span.length = 1;
    if (offending && offending->getType() != antlr4::Token::EOF) {
        span.offset = offending->getStartIndex();
        span.length = offending->getStopIndex() - offending->getStartIndex() + 1;
    }
    std::string text;
    auto* parser = dynamic_cast<antlr4::Parser*>(recognizer);
    if (parser) {
        std::string expected = expectedList(parser->getExpectedTokens(), parser->getVocabulary());
        text = expected.empty() ? fmt::format("unexpected {}", found(offending))
                                : fmt::format("expected {}, found {}", expected, found(offending));
    } else {
        text = message; // lexer errors cannot happen: UNEXPECTED_CHAR catches every character
    }
    throw SyntaxError(text, span, text_);
}

} // namespace corridor::query::ast
