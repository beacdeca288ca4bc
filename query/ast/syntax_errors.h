#pragma once
// Internal to query/ast: an ANTLR error listener that throws SyntaxError with a
// message in words a researcher understands.

#include "query/error.h"

#include <antlr4-runtime.h>
#include <string>
#include <string_view>

namespace corridor::query::ast {

class ThrowingErrorListener : public antlr4::BaseErrorListener {
public:
    explicit ThrowingErrorListener(std::string_view text) : text_(text) {}
    void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line, size_t column,
                     const std::string& message, std::exception_ptr error) override;

private:
    std::string_view text_;
};

// A readable name for a token type ("a variable", "WHERE", "'{'").
std::string describeTokenType(size_t type, const antlr4::dfa::Vocabulary& vocabulary);

} // namespace corridor::query::ast
