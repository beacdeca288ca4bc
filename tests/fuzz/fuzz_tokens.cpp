// Fuzz target: the hand-written token reader (grammar/token_reader.h) against the lexer ANTLR
// generates from the same grammar, on arbitrary text. Any difference in a token's type, text,
// line, column, start or stop aborts (a crash for libFuzzer); text ANTLR's input stream refuses
// (bad UTF-8) is skipped, since neither lexer sees it.

#include "CorridorLexer.h"
#include "grammar/token_reader.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace corridor;
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        antlr4::ANTLRInputStream generatedInput(text);
        grammar::CorridorLexer generated(&generatedInput);
        generated.removeErrorListeners();
        grammar::CodePointStream readerInput(text);
        grammar::TokenReader reader(readerInput);
        for (;;) {
            auto want = generated.nextToken();
            auto got = reader.nextToken();
            if (want->getType() != got->getType() || want->getText() != got->getText() ||
                want->getLine() != got->getLine() || want->getCharPositionInLine() != got->getCharPositionInLine() ||
                want->getStartIndex() != got->getStartIndex() || want->getStopIndex() != got->getStopIndex()) {
                std::fprintf(stderr, "token readers differ: generated %s, reader %s\n", want->toString().c_str(),
                             got->toString().c_str());
                std::abort();
            }
            if (want->getType() == antlr4::Token::EOF) break;
        }
    } catch (const std::exception&) {
        // ANTLR's input stream refuses text that is not UTF-8
    }
    return 0;
}
