// The parse stage: the grammar's tokens (grammar/token_reader.h), ANTLR's parser (fast SLL
// first, full LL only when SLL fails), errors thrown by ThrowingErrorListener, then the AST
// builder.

#include "query/ast/parse.h"

#include "CorridorParser.h"
#include "grammar/token_reader.h"
#include "query/ast/ast_builder.h"
#include "query/ast/syntax_errors.h"
#include "query/ast/text_limits.h"
#include "storage/vocabulary.h"

namespace corridor::query::ast {

const std::vector<std::pair<std::string, std::string>>& builtinPrefixes() {
    static const std::vector<std::pair<std::string, std::string>> prefixes = {
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
        {"xsd", "http://www.w3.org/2001/XMLSchema#"},
        {"owl", "http://www.w3.org/2002/07/owl#"},
        {"prov", "http://www.w3.org/ns/prov#"},
        {"skos", "http://www.w3.org/2004/02/skos/core#"},
        {"schema", "https://schema.org/"},
        {"dcterms", "http://purl.org/dc/terms/"},
        {"wd", "http://www.wikidata.org/entity/"},
        {"wdt", "http://www.wikidata.org/prop/direct/"},
        {"pmz", "https://w3id.org/corridor/ns#"},
        {"scale", "https://w3id.org/corridor/scale/"},
        {"element", "https://w3id.org/corridor/element/"},
        {"itype", "https://w3id.org/corridor/instrument/"},
        {"pkind", "https://w3id.org/corridor/partnership/"},
        {"mtype", "https://w3id.org/corridor/milestone/"},
        {"ex", "https://w3id.org/corridor/id/"},
        {"src", "https://w3id.org/corridor/source/"},
        {"trace", std::string(storage::vocab::kTraceNs)},
    };
    return prefixes;
}

Unit parse(std::string_view text, const ParseOptions& options) {
    checkRequestText(text);
    std::string source(text);
    grammar::CodePointStream input(source);
    grammar::TokenReader lexer(input); // the grammar's lexer rules, by hand (token_reader.h)
    ThrowingErrorListener listener(text);
    antlr4::CommonTokenStream tokens(&lexer);
    grammar::CorridorParser parser(&tokens);
    parser.removeErrorListeners();

    grammar::CorridorParser::UnitContext* tree = nullptr;
    auto* interpreter = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    interpreter->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
        tree = parser.unit();
    } catch (const antlr4::ParseCancellationException&) {
        // Either a real error or an input SLL cannot decide: retry with full LL
        // and the error listener, which throws a SyntaxError with a position.
        tokens.seek(0);
        parser.reset();
        parser.addErrorListener(&listener);
        parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        interpreter->setPredictionMode(antlr4::atn::PredictionMode::LL);
        tree = parser.unit();
    }
    AstBuilder builder(text, options.baseIri, options.prefixes);
    return builder.build(tree);
}

} // namespace corridor::query::ast
