#include "grammar/token_reader.h"

#include "CorridorLexer.h"
#include "grammar/keywords.h"

#include <algorithm>
#include <utility>

namespace corridor::grammar {

namespace {

using L = CorridorLexer;

// Character classes of the grammar's fragments (SPARQL 1.1, section 19.8).
bool isDigit(char32_t c) {
    return c >= '0' && c <= '9';
}
bool isAsciiLetter(char32_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool isHex(char32_t c) {
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
bool isPnCharsBase(char32_t c) {
    return isAsciiLetter(c) || (c >= 0xC0 && c <= 0xD6) || (c >= 0xD8 && c <= 0xF6) || (c >= 0xF8 && c <= 0x2FF) ||
           (c >= 0x370 && c <= 0x37D) || (c >= 0x37F && c <= 0x1FFF) || (c >= 0x200C && c <= 0x200D) ||
           (c >= 0x2070 && c <= 0x218F) || (c >= 0x2C00 && c <= 0x2FEF) || (c >= 0x3001 && c <= 0xD7FF) ||
           (c >= 0xF900 && c <= 0xFDCF) || (c >= 0xFDF0 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0xEFFFF);
}
bool isPnCharsU(char32_t c) {
    return isPnCharsBase(c) || c == '_';
}
// VARNAME's later characters: PN_CHARS without '-'.
bool isVarChar(char32_t c) {
    return isPnCharsU(c) || isDigit(c) || c == 0xB7 || (c >= 0x300 && c <= 0x36F) || (c >= 0x203F && c <= 0x2040);
}
bool isPnChars(char32_t c) {
    return isVarChar(c) || c == '-';
}
bool isWsChar(char32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool isWordStart(char32_t c) {
    return isAsciiLetter(c) || c == '_';
}
bool isWordChar(char32_t c) {
    return isWordStart(c) || isDigit(c);
}

// The code points a rule reads, with the input's end as 0 (no rule takes a NUL except inside
// strings and comments, which check the end themselves).
class Text {
public:
    explicit Text(const std::u32string& s) : s_(s) {}
    size_t size() const { return s_.size(); }
    bool has(size_t i) const { return i < s_.size(); }
    char32_t at(size_t i) const { return i < s_.size() ? s_[i] : 0; }

    size_t digits(size_t i) const { // [0-9]* from i: where it stops
        while (has(i) && isDigit(at(i))) ++i;
        return i;
    }
    // UCHAR at i: its length, or 0.
    size_t uchar(size_t i) const {
        if (at(i) != '\\' || (at(i + 1) != 'u' && at(i + 1) != 'U')) return 0;
        const size_t hex = at(i + 1) == 'u' ? 4 : 8;
        for (size_t k = 0; k < hex; ++k)
            if (!has(i + 2 + k) || !isHex(at(i + 2 + k))) return 0;
        return 2 + hex;
    }
    // ECHAR at i: 2, or 0.
    size_t echar(size_t i) const {
        if (at(i) != '\\' || !has(i + 1)) return 0;
        switch (at(i + 1)) {
        case 't':
        case 'b':
        case 'n':
        case 'r':
        case 'f':
        case '"':
        case '\'':
        case '\\': return 2;
        default: return 0;
        }
    }
    // EXPONENT at i: its length, or 0.
    size_t exponent(size_t i) const {
        if (at(i) != 'e' && at(i) != 'E') return 0;
        size_t j = i + 1;
        if (at(j) == '+' || at(j) == '-') ++j;
        size_t end = digits(j);
        return end > j ? end - i : 0;
    }
    // PN_PREFIX? ':' at i (PNAME_NS): its length, or 0.
    size_t pnameNs(size_t i) const {
        if (at(i) == ':') return 1;
        if (!has(i) || !isPnCharsBase(at(i))) return 0;
        size_t j = i + 1;
        while (has(j) && (isPnChars(at(j)) || at(j) == '.')) ++j;
        return at(j) == ':' && at(j - 1) != '.' ? j + 1 - i : 0;
    }
    // One unit of PN_LOCAL's middle at i (PN_CHARS, '.', ':' or PLX): its length, or 0.
    size_t localUnit(size_t i) const {
        if (!has(i)) return 0;
        const char32_t c = at(i);
        if (isPnChars(c) || c == '.' || c == ':') return 1;
        if (c == '%') return has(i + 2) && isHex(at(i + 1)) && isHex(at(i + 2)) ? 3 : 0;
        if (c == '\\') {
            static const std::u32string escaped = U"_~.-!$&'()*+,;=/?#@%";
            return has(i + 1) && escaped.find(at(i + 1)) != std::u32string::npos ? 2 : 0;
        }
        return 0;
    }
    // PN_LOCAL at i: the length of its longest match, or 0.
    size_t pnLocal(size_t i) const {
        const char32_t c = at(i);
        size_t first = 0;
        if (has(i) && (isPnCharsU(c) || c == ':' || isDigit(c)))
            first = 1;
        else if (c == '%' || c == '\\')
            first = localUnit(i);
        if (first == 0) return 0;
        size_t j = i + first, best = j;
        while (size_t unit = localUnit(j)) {
            j += unit;
            if (at(j - 1) != '.' || unit > 1) best = j; // it may not end with '.'
        }
        return best - i;
    }
    // A short string: quote, then characters that are no quote, backslash or line end, or
    // escapes, up to the closing quote.
    size_t shortString(size_t i, char32_t quote) const {
        if (at(i) != quote) return 0;
        for (size_t j = i + 1; has(j);) {
            const char32_t c = at(j);
            if (c == quote) return j + 1 - i;
            if (c == '\n' || c == '\r') return 0;
            if (c == '\\') {
                size_t e = std::max(echar(j), uchar(j));
                if (e == 0) return 0;
                j += e;
            } else {
                ++j;
            }
        }
        return 0;
    }
    // A long string: three quotes, then units of up to two quotes and a character that is no
    // quote or backslash (or an escape), up to three quotes.
    size_t longString(size_t i, char32_t quote) const {
        for (size_t k = 0; k < 3; ++k)
            if (at(i + k) != quote || !has(i + k)) return 0;
        for (size_t j = i + 3; has(j);) {
            size_t quotes = 0;
            while (quotes < 3 && has(j + quotes) && at(j + quotes) == quote) ++quotes;
            if (quotes == 3) return j + 3 - i;
            const size_t k = j + quotes;
            if (!has(k)) return 0;
            if (at(k) == '\\') {
                size_t e = std::max(echar(k), uchar(k));
                if (e == 0) return 0;
                j = k + e;
            } else {
                j = k + 1;
            }
        }
        return 0;
    }

private:
    const std::u32string& s_;
};

struct Best {
    size_t length = 0, type = 0;
    // Rules are offered in the grammar's order: a later one wins only if strictly longer.
    void offer(size_t len, size_t t) {
        if (len > length) {
            length = len;
            type = t;
        }
    }
};

} // namespace

TokenReader::Match TokenReader::match(size_t at) const {
    const Text t(text_);
    if (!t.has(at)) return {};
    const char32_t c = t.at(at);
    Best best;
    if (c == 'a') best.offer(1, L::A);
    if (c == '<') {
        for (size_t j = at + 1; t.has(j);) {
            const char32_t d = t.at(j);
            if (d == '>') {
                best.offer(j + 1 - at, L::IRIREF);
                break;
            }
            if (d == '\\') {
                size_t u = t.uchar(j);
                if (u == 0) break;
                j += u;
                continue;
            }
            if (d <= 0x20 || d == '<' || d == '"' || d == '{' || d == '}' || d == '|' || d == '^' || d == '`') break;
            ++j;
        }
    }
    if (size_t ns = t.pnameNs(at)) {
        best.offer(ns, L::PNAME_NS);
        if (size_t local = t.pnLocal(at + ns)) best.offer(ns + local, L::PNAME_LN);
    }
    if (c == '_' && t.at(at + 1) == ':' && t.has(at + 2) && (isPnCharsU(t.at(at + 2)) || isDigit(t.at(at + 2)))) {
        size_t j = at + 3, end = j;
        while (t.has(j) && (isPnChars(t.at(j)) || t.at(j) == '.')) {
            ++j;
            if (t.at(j - 1) != '.') end = j;
        }
        best.offer(end - at, L::BLANK_NODE_LABEL);
    }
    if ((c == '?' || c == '$') && t.has(at + 1) && (isPnCharsU(t.at(at + 1)) || isDigit(t.at(at + 1)))) {
        size_t j = at + 2;
        while (t.has(j) && isVarChar(t.at(j))) ++j;
        best.offer(j - at, c == '?' ? L::VAR1 : L::VAR2);
    }
    if (c == '@' && isAsciiLetter(t.at(at + 1))) {
        size_t j = at + 1;
        while (isAsciiLetter(t.at(j))) ++j;
        while (t.at(j) == '-' && t.has(j + 1) && (isAsciiLetter(t.at(j + 1)) || isDigit(t.at(j + 1)))) {
            j += 1;
            while (isAsciiLetter(t.at(j)) || isDigit(t.at(j))) ++j;
        }
        best.offer(j - at, L::LANGTAG);
    }
    // Numbers, unsigned and then signed (INTEGER, DECIMAL, DOUBLE; each with '+' and '-').
    auto number = [&](size_t i, size_t sign, size_t integer, size_t decimal, size_t dbl) {
        const size_t intEnd = t.digits(i);
        if (intEnd > i) best.offer(sign + intEnd - i, integer);
        if (t.at(intEnd) == '.') {
            const size_t fracEnd = t.digits(intEnd + 1);
            if (fracEnd > intEnd + 1) best.offer(sign + fracEnd - i, decimal);
            // [0-9]+ '.' [0-9]* EXPONENT, or '.' [0-9]+ EXPONENT
            if (size_t e = t.exponent(fracEnd); e > 0 && (intEnd > i || fracEnd > intEnd + 1))
                best.offer(sign + fracEnd + e - i, dbl);
        }
        if (intEnd > i)
            if (size_t e = t.exponent(intEnd)) best.offer(sign + intEnd + e - i, dbl);
    };
    number(at, 0, L::INTEGER, L::DECIMAL, L::DOUBLE);
    if (c == '+') number(at + 1, 1, L::INTEGER_POSITIVE, L::DECIMAL_POSITIVE, L::DOUBLE_POSITIVE);
    if (c == '-') number(at + 1, 1, L::INTEGER_NEGATIVE, L::DECIMAL_NEGATIVE, L::DOUBLE_NEGATIVE);
    if (c == '\'') best.offer(t.shortString(at, '\''), L::STRING_LITERAL1);
    if (c == '"') best.offer(t.shortString(at, '"'), L::STRING_LITERAL2);
    if (c == '\'') best.offer(t.longString(at, '\''), L::STRING_LITERAL_LONG1);
    if (c == '"') best.offer(t.longString(at, '"'), L::STRING_LITERAL_LONG2);
    if (c == '(' || c == '[') {
        size_t j = at + 1;
        while (t.has(j) && isWsChar(t.at(j))) ++j;
        if (t.at(j) == (c == '(' ? U')' : U']')) best.offer(j + 1 - at, c == '(' ? L::NIL : L::ANON);
    }
    if (isWsChar(c)) {
        size_t j = at + 1;
        while (t.has(j) && isWsChar(t.at(j))) ++j;
        best.offer(j - at, L::WS);
    }
    if (c == '#') {
        size_t j = at + 1;
        while (t.has(j) && t.at(j) != '\r' && t.at(j) != '\n') ++j;
        best.offer(j - at, L::COMMENT);
    }
    // Punctuation: one character, or two (second != 0).
    struct Punctuation {
        char32_t first, second;
        size_t type;
    };
    static constexpr Punctuation kPunctuation[] = {
        {'{', 0, L::LBRACE},   {'}', 0, L::RBRACE}, {'(', 0, L::LPAREN},    {')', 0, L::RPAREN}, {'[', 0, L::LBRACKET},
        {']', 0, L::RBRACKET}, {'.', 0, L::DOT},    {';', 0, L::SEMICOLON}, {',', 0, L::COMMA},  {'*', 0, L::STAR},
        {'/', 0, L::SLASH},    {'|', 0, L::PIPE},   {'|', '|', L::OR},      {'^', 0, L::CARET},  {'^', '^', L::DTYPE},
        {'?', 0, L::QUESTION}, {'+', 0, L::PLUS},   {'-', 0, L::MINUS},     {'!', 0, L::BANG},   {'!', '=', L::NEQ},
        {'=', 0, L::EQ},       {'<', 0, L::LT},     {'<', '=', L::LE},      {'>', 0, L::GT},     {'>', '=', L::GE},
        {'&', '&', L::AND}};
    for (const auto& p : kPunctuation)
        if (c == p.first && (p.second == 0 || t.at(at + 1) == p.second)) best.offer(p.second == 0 ? 1 : 2, p.type);
    if (isWordStart(c)) {
        size_t j = at + 1;
        while (t.has(j) && isWordChar(t.at(j))) ++j;
        if (j - at > best.length) {
            std::string word;
            for (size_t k = at; k < j; ++k) word.push_back(static_cast<char>(t.at(k)));
            best.offer(j - at, keywordType(std::move(word), L::UNKNOWN_WORD));
        }
    }
    best.offer(1, L::UNEXPECTED_CHAR);
    return {best.length, best.type};
}

void TokenReader::advance(size_t count) {
    for (size_t k = 0; k < count; ++k, ++pos_) {
        if (text_[pos_] == '\n') {
            ++line_;
            column_ = 0;
        } else {
            ++column_;
        }
    }
}

std::unique_ptr<antlr4::Token> TokenReader::nextToken() {
    for (;;) {
        const size_t line = line_, column = column_, start = pos_;
        const Match m = match(pos_);
        if (m.length == 0) { // the end, as the generated lexer gives it
            auto eof = std::make_unique<antlr4::CommonToken>(std::make_pair(this, &input_), antlr4::Token::EOF,
                                                             antlr4::Token::DEFAULT_CHANNEL, pos_, pos_ - 1);
            eof->setLine(line);
            eof->setCharPositionInLine(column);
            eof->setText("<EOF>");
            input_.seek(pos_);
            return eof;
        }
        advance(m.length);
        if (m.type == L::WS || m.type == L::COMMENT) continue;
        auto token = std::make_unique<antlr4::CommonToken>(std::make_pair(this, &input_), m.type,
                                                           antlr4::Token::DEFAULT_CHANNEL, start, pos_ - 1);
        token->setLine(line);
        token->setCharPositionInLine(column);
        input_.seek(pos_);
        return token;
    }
}

} // namespace corridor::grammar
