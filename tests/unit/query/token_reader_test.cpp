// The hand-written token reader against the lexer ANTLR generates from the same grammar: the same
// tokens (type, text, line, column, start and stop) for every query and update of the W3C suites,
// the project's own queries, each of them cut short at several places (unclosed strings, IRIs and
// groups), and inputs chosen for the rules' corners.

#include "CorridorLexer.h"
#include "grammar/token_reader.h"

#include <doctest/doctest.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

using namespace corridor;
namespace fs = std::filesystem;

namespace {

std::string describe(antlr4::Token& t) {
    return fmt::format("{} '{}' {}:{} [{},{}]", t.getType(), t.getText(), t.getLine(), t.getCharPositionInLine(),
                       t.getStartIndex(), t.getStopIndex());
}

// Both lexers' tokens of `text`, up to the first difference; "" if they agree.
std::string difference(const std::string& text) {
    antlr4::ANTLRInputStream generatedInput(text);
    grammar::CorridorLexer generated(&generatedInput);
    generated.removeErrorListeners();
    grammar::CodePointStream readerInput(text);
    grammar::TokenReader reader(readerInput);
    for (int n = 0;; ++n) {
        auto want = generated.nextToken();
        auto got = reader.nextToken();
        std::string a = describe(*want), b = describe(*got);
        if (a != b) return fmt::format("token {}: generated {} | reader {}", n, a, b);
        if (want->getType() == antlr4::Token::EOF) return "";
    }
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The queries and updates under `root` (.rq and .ru files).
std::vector<fs::path> queryFiles(const fs::path& root) {
    std::vector<fs::path> out;
    std::error_code ec;
    if (!fs::exists(root, ec)) return out;
    for (auto it = fs::recursive_directory_iterator(root, ec); it != fs::recursive_directory_iterator(); ++it) {
        const auto ext = it->path().extension();
        if (it->is_regular_file() && (ext == ".rq" || ext == ".ru")) out.push_back(it->path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

bool validUtf8(const std::string& s) {
    // ANTLR's input stream throws on bad UTF-8 before any lexer runs; the suites' bad-UTF-8
    // files are not the lexers' business.
    try {
        antlr4::ANTLRInputStream probe(s);
        return true;
    } catch (...) {
        return false;
    }
}

} // namespace

TEST_CASE("the token reader lexes the W3C suites' and the project's queries as the generated lexer does") {
    std::vector<fs::path> files = queryFiles(fs::path(CORRIDOR_CONFORMANCE_DIR) / "w3c");
    const std::size_t w3c = files.size();
    for (const char* dir : {"tests", "examples", "bench/queries", "docs"})
        for (auto& p : queryFiles(fs::path(CORRIDOR_SOURCE_DIR) / dir)) files.push_back(p);
    CAPTURE(w3c);
    CHECK(w3c > 500); // the SPARQL 1.0 and 1.1 suites are there
    std::size_t texts = 0;
    for (const auto& file : files) {
        const std::string text = readFile(file);
        if (!validUtf8(text)) continue;
        // The whole file, then cut at eight places spread over it (and one code point in).
        std::vector<std::size_t> cuts = {text.size()};
        for (std::size_t k = 1; k <= 8; ++k) cuts.push_back(text.size() * k / 9);
        for (std::size_t cut : cuts) {
            while (cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) ++cut;
            const std::string piece = text.substr(0, cut);
            INFO(file.string(), " cut at ", cut);
            CHECK(difference(piece) == "");
            ++texts;
        }
    }
    MESSAGE(fmt::format("{} files, {} texts compared", files.size(), texts));
}

TEST_CASE("the token reader agrees with the generated lexer in the rules' corners") {
    const std::vector<std::string> inputs = {
        "",
        " ",
        "a",
        "A",
        "ab",
        "a:",
        "a:b",
        "_:",
        "_:b",
        "_:b.",
        "_:b.c",
        "_:1-",
        "select",
        "SeLeCt",
        "selects",
        "minus",
        "MINUS",
        "-",
        "- 1",
        "-1",
        "+1",
        "+.5",
        "-.5e3",
        "1.",
        "1.e",
        "1.e5",
        "1.5e",
        "1.5e+",
        "1.5E-7",
        ".",
        ".5",
        ".e5",
        "..5",
        "1..2",
        "12abc",
        "e5",
        "<",
        "<=",
        "<>",
        "<a b>",
        "<a>b",
        "<\\u0041>",
        "<\\u00>",
        "<a\\n>",
        "<{>",
        "?",
        "?x",
        "?1",
        "?x-y",
        "$",
        "$x",
        "@",
        "@en",
        "@en-",
        "@en-US-x1",
        "@1",
        "'",
        "''",
        "'''",
        "''''",
        "'''''",
        "''''''",
        "'''a''''",
        "'''a''b'''",
        "'a\\'b'",
        "'a\\qb'",
        "'a\nb'",
        "\"\"\"x\"\"\"\"",
        "\"a\\u0041\"",
        "\"\\U0001F600\"",
        "()",
        "( \n )",
        "(x)",
        "[]",
        "[ ]",
        "[x]",
        "ex:a.b",
        "ex:a.",
        "ex:a..",
        "ex.:a",
        "ex.x:a",
        "ex:%41",
        "ex:%4",
        "ex:\\.",
        "ex:\\x",
        "ex:a:b",
        ":a",
        "::",
        "ex:-a",
        "ex:1",
        "^",
        "^^",
        "!",
        "!=",
        "&",
        "&&",
        "|",
        "||",
        "=",
        ">",
        ">=",
        "#c",
        "#c\nx",
        "x#c",
        "a\r\nb",
        "\t",
        "é",
        "ex:é",
        "?é",
        "𝄞",
        "ex:a𝄞b",
        "~",
        "SELECT * WHERE { ?s a ?o ; <p> 'x'@en, 1.5e3 . FILTER(?o != -2) }",
        "TRACE ?p FROM <a> TO ?q STEP ?x ?y { ?y <p> ?x } ALL MAX LENGTH 4 ASCENDING ?y",
        "PREFIX : <http://e/> SELECT (md5(?x) AS ?h) (SHA256(?x) AS ?k) WHERE { ?x :p+/^:q* [] }"};
    for (const auto& input : inputs) {
        INFO("input: ", input);
        CHECK(difference(input) == "");
    }
}
