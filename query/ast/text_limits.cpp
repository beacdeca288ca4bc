#include "query/ast/text_limits.h"

#include "query/error.h"
#include "storage/utf8.h"

#include <fmt/format.h>

namespace corridor::query::ast {

namespace {

// The position of a byte offset (line and column in code points, 1-based).
SourceSpan spanAt(std::string_view text, std::size_t offset) {
    SourceSpan span;
    span.line = 1;
    span.column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++span.line;
            span.column = 1;
        } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
            ++span.column;
        }
    }
    span.offset = offset;
    span.length = 1;
    return span;
}

bool iriChar(unsigned char c) {
    return c > 0x20 && std::string_view("<>\"{}|^`\\").find(static_cast<char>(c)) == std::string_view::npos;
}

} // namespace

void checkRequestText(std::string_view text) {
    if (text.size() > kMaxRequestBytes)
        throw SyntaxError(fmt::format("the request is {:.1f} MiB, more than the {} MiB a query or update may be; "
                                      "put data in a file and LOAD it (or use `corridor load`)",
                                      static_cast<double>(text.size()) / (1 << 20), kMaxRequestBytes >> 20),
                          spanAt(text, 0), {});
    if (auto bad = storage::firstInvalidUtf8(text))
        throw SyntaxError("the text is not valid UTF-8 here (save the query as UTF-8)", spanAt(text, *bad), {});
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '#') { // a comment, to the end of the line
            while (i < text.size() && text[i] != '\n') ++i;
        } else if (c == '"' || c == '\'') { // a string, short or long
            bool triple = text.compare(i, 3, std::string(3, c)) == 0;
            std::size_t j = i + (triple ? 3 : 1);
            for (; j < text.size(); ++j) {
                if (text[j] == '\\') {
                    ++j;
                } else if (text[j] == c && (!triple || text.compare(j, 3, std::string(3, c)) == 0)) {
                    break;
                } else if (!triple && text[j] == '\n') {
                    break;
                }
            }
            i = triple ? j + 2 : j;
        } else if (c == '<') { // an IRI, or the operator
            std::size_t j = i + 1;
            while (j < text.size() && iriChar(static_cast<unsigned char>(text[j]))) ++j;
            if (j < text.size() && text[j] == '>') i = j;
        } else if (c == '(' || c == '[' || c == '{') {
            if (++depth > kMaxNesting)
                throw SyntaxError(fmt::format("brackets nested more than {} levels deep", kMaxNesting), spanAt(text, i),
                                  text);
        } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

} // namespace corridor::query::ast
