#include "grammar/keywords.h"

#include "CorridorLexer.h"
#include "CorridorParser.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

namespace corridor::grammar {

namespace {
std::string lowerAscii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}
} // namespace

std::size_t keywordType(const std::string& word, std::size_t otherwise) {
    // Read once from the generated vocabularies: the parser's token types past the lexer's own.
    static const std::unordered_map<std::string, std::size_t> keywords = [] {
        antlr4::ANTLRInputStream nothing("");
        CorridorLexer lexer(&nothing);
        antlr4::CommonTokenStream tokens(&lexer);
        CorridorParser parser(&tokens);
        const auto& vocabulary = parser.getVocabulary();
        std::unordered_map<std::string, std::size_t> out;
        for (std::size_t type = lexer.getVocabulary().getMaxTokenType() + 1; type <= vocabulary.getMaxTokenType();
             ++type) {
            std::string name = vocabulary.getSymbolicName(type);
            if (name.size() > 3 && name.compare(name.size() - 3, 3, "_KW") == 0) name.resize(name.size() - 3);
            out.emplace(lowerAscii(name), type);
        }
        return out;
    }();
    auto it = keywords.find(lowerAscii(word));
    return it == keywords.end() ? otherwise : it->second;
}

} // namespace corridor::grammar
