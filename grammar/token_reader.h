#pragma once
// The tokens the parser reads: the lexer rules of Corridor.g4, written out by hand. ANTLR's
// generated lexer builds its DFA as it meets characters, so a new process paid about a
// millisecond to lex its first query (each new character of an IRI or a comment cost an ATN
// simulation); this reader has no such start-up and lexes a warm query several times faster
// (docs/decisions.md, "The parser reads tokens lexed by hand"). It follows the generated lexer
// exactly: the longest match of any rule, the rule written first on a tie, WS and COMMENT
// skipped, keywords named by keywordType, positions in code points, lines counted at '\n'. The
// generated CorridorLexer stays the specification: token_reader_test.cpp and the fuzz target
// fuzz_tokens.cpp compare the two.

#include "antlr4-runtime.h"

#include <memory>
#include <string>

namespace corridor::grammar {

// ANTLR's input stream, its code points readable at once.
class CodePointStream : public antlr4::ANTLRInputStream {
public:
    using antlr4::ANTLRInputStream::ANTLRInputStream;
    const std::u32string& codePoints() const { return _data; }
};

class TokenReader : public antlr4::TokenSource {
public:
    // Reads `input` (which must outlive the reader) from its start.
    explicit TokenReader(CodePointStream& input) : input_(input), text_(input.codePoints()) {}

    std::unique_ptr<antlr4::Token> nextToken() override;
    size_t getLine() const override { return line_; }
    size_t getCharPositionInLine() override { return column_; }
    antlr4::CharStream* getInputStream() override { return &input_; }
    std::string getSourceName() override { return input_.getSourceName(); }
    antlr4::TokenFactory<antlr4::CommonToken>* getTokenFactory() override {
        return antlr4::CommonTokenFactory::DEFAULT.get();
    }

    // The length of the longest token at `at` and its type (the generated lexer's numbering);
    // 0 at the end. WS and COMMENT come back as such (nextToken skips them).
    struct Match {
        size_t length = 0;
        size_t type = 0;
    };
    Match match(size_t at) const;

private:
    void advance(size_t count); // moves past `count` code points, counting lines

    CodePointStream& input_;
    const std::u32string& text_;
    size_t pos_ = 0;
    size_t line_ = 1, column_ = 0;
};

} // namespace corridor::grammar
