#include "grammar/keywords.h"

#include "CorridorLexer.h"
#include "CorridorParser.h"
#include "grammar/token_reader.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>
#include <utility>

namespace corridor::grammar {

namespace {
void lowerAscii(std::string& s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
}
} // namespace

std::size_t keywordType(std::string word, std::size_t otherwise) {
    // Read once from the generated vocabularies: the parser's token types past the lexer's own.
    // The lexer's own types end with UNEXPECTED_CHAR, the catch-all rule, which must stay the
    // grammar's last. Only the enum is used: nothing here makes the generated lexer part of the
    // program (its static tables cost every process ~0.5 ms to build), and token_reader_test.cpp
    // catches a lexer rule the reader does not know.
    static const std::unordered_map<std::string, std::size_t> keywords = [] {
        CodePointStream nothing("");
        TokenReader reader(nothing);
        antlr4::CommonTokenStream tokens(&reader);
        CorridorParser parser(&tokens);
        const auto& vocabulary = parser.getVocabulary();
        std::unordered_map<std::string, std::size_t> out;
        for (std::size_t type = CorridorLexer::UNEXPECTED_CHAR + 1; type <= vocabulary.getMaxTokenType(); ++type) {
            std::string name = vocabulary.getSymbolicName(type);
            if (name.size() > 3 && name.compare(name.size() - 3, 3, "_KW") == 0) name.resize(name.size() - 3);
            lowerAscii(name);
            out.emplace(std::move(name), type);
        }
        return out;
    }();
    lowerAscii(word);
    auto it = keywords.find(word);
    return it == keywords.end() ? otherwise : it->second;
}

} // namespace corridor::grammar
