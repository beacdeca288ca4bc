// Loading N-Triples / N-Quads in chunks on two threads (storage/load/chunked_parse.h) gives what a
// sequential parse gives: the same quads, the same ids (export order follows them), the same
// file:line:column in messages.
#include "../test_util.h"
#include "storage/error.h"
#include "storage/load/chunked_parse.h"

#include <algorithm>
#include <doctest/doctest.h>
#include <fmt/format.h>

using namespace corridor;
using namespace corridor::storage;
using corridor::test::TempDir;
using rdf_io::RdfFormat;

namespace {

// Every kind of term, several graphs, blank nodes met again far apart, language tags in two cases.
std::string mixedQuads(int n) {
    std::string out;
    for (int i = 0; i < n; ++i) {
        std::string graph = i % 4 == 0 ? "" : fmt::format(" <http://ex/g{}>", i % 3);
        switch (i % 6) {
        case 0:
            out += fmt::format("<http://ex/s{}> <http://ex/p{}> <http://ex/o{}>{} .\n", i % 97, i % 5, i, graph);
            break;
        case 1:
            out += fmt::format("_:b{} <http://ex/p> \"v{}\"@{}{} .\n", i % 31, i, i % 2 ? "EN" : "en", graph);
            break;
        case 2:
            out += fmt::format("<http://ex/s{}> <http://ex/n> \"{}\"^^<http://www.w3.org/2001/XMLSchema#integer>{} .\n",
                               i % 97, i - 300, graph);
            break;
        case 3:
            out += fmt::format("<http://ex/s{}> <http://ex/d> \"{}.5\"^^<http://ex/dt>{} .\n", i % 13, i, graph);
            break;
        case 4:
            out += fmt::format("# a comment on line {}\n<http://ex/s{}> <http://ex/q> _:b{}{} .\n", i, i % 7, i % 31,
                               graph);
            break;
        default:
            out +=
                fmt::format("<http://ex/s{}>\t<http://ex/t> \"tab\\tand \\\"quotes\\\" {}\"{} .   \r\n", i, i, graph);
        }
    }
    return out;
}

LoadOptions chunked(std::size_t bytes) {
    LoadOptions o;
    o.parseChunkBytes = bytes;
    return o;
}

LoadOptions sequential() {
    return chunked(std::size_t{1} << 30); // no file here is two chunks long
}

std::string failure(Store& store, const std::string& text, LoadOptions options) {
    try {
        test::loadText(store, text, RdfFormat::NQuads, std::move(options));
    } catch (const DataError& e) {
        return e.what();
    }
    return "(loaded)";
}

} // namespace

TEST_CASE("a file parsed in chunks loads exactly as one parsed whole") {
    const std::string text = mixedQuads(4000);
    TempDir dir;
    auto whole = Store::open(dir.file("whole"));
    auto summaryWhole = test::loadText(*whole, text, RdfFormat::NQuads, sequential());
    for (std::size_t bytes : {std::size_t{512}, std::size_t{4096}, std::size_t{65536}}) {
        CAPTURE(bytes);
        auto parts = Store::open(dir.file(fmt::format("parts{}", bytes)));
        auto summary = test::loadText(*parts, text, RdfFormat::NQuads, chunked(bytes));
        CHECK(summary.statements == summaryWhole.statements);
        CHECK(summary.quadsAdded == summaryWhole.quadsAdded);
        CHECK(summary.newTerms == summaryWhole.newTerms);
        // Export order follows the ids: equal text means equal ids too.
        CHECK(test::exportText(*parts) == test::exportText(*whole));
    }
}

TEST_CASE("chunks: --graph, and a load into a store that has terms already") {
    const std::string text = mixedQuads(1500);
    TempDir dir;
    LoadOptions intoGraph = sequential();
    intoGraph.graph = "http://ex/case";
    LoadOptions intoGraphChunked = chunked(1024);
    intoGraphChunked.graph = "http://ex/case";
    auto whole = Store::open(dir.file("whole"));
    auto parts = Store::open(dir.file("parts"));
    test::loadText(*whole, mixedQuads(300), RdfFormat::NQuads, sequential());
    test::loadText(*parts, mixedQuads(300), RdfFormat::NQuads, chunked(1024));
    test::loadText(*whole, text, RdfFormat::NQuads, intoGraph);
    test::loadText(*parts, text, RdfFormat::NQuads, intoGraphChunked);
    CHECK(test::exportText(*parts) == test::exportText(*whole));
}

TEST_CASE("chunks: a bad statement far into the file is reported at its line and column") {
    std::string text = mixedQuads(3000);
    std::size_t lineStart = 0;
    for (int line = 1; line < 2500; ++line) lineStart = text.find('\n', lineStart) + 1;
    text.insert(lineStart, "<http://ex/a> <http://ex/b> \"unterminated .\n");
    TempDir dir;
    auto a = Store::open(dir.file("a"));
    auto b = Store::open(dir.file("b"));
    std::string whole = failure(*a, text, sequential());
    std::string parts = failure(*b, text, chunked(2048));
    CHECK(whole.find("test:2500:") != std::string::npos);
    CHECK(parts == whole);
    CHECK(a->read()->statistics().quads == 0);
    CHECK(b->read()->statistics().quads == 0);
}

TEST_CASE("chunks: --keep-going rejects the same statements and loads the rest") {
    std::string text = mixedQuads(2000);
    std::string bad;
    std::size_t at = 0;
    for (int k = 0; k < 6; ++k) {
        at = text.find('\n', at + 9000) + 1;
        text.insert(at, k % 2 ? "<http://ex/a> <http://ex/b> .\n"
                              : "<http://ex/a> \"literal predicate\" <http://ex/c> .\n");
    }
    TempDir dir;
    auto a = Store::open(dir.file("a"));
    auto b = Store::open(dir.file("b"));
    LoadOptions keep = sequential();
    keep.keepGoing = true;
    LoadOptions keepChunked = chunked(1500);
    keepChunked.keepGoing = true;
    auto whole = test::loadText(*a, text, RdfFormat::NQuads, keep);
    auto parts = test::loadText(*b, text, RdfFormat::NQuads, keepChunked);
    CHECK(whole.rejected.size() == 6);
    CHECK(parts.rejected == whole.rejected);
    CHECK(test::exportText(*b) == test::exportText(*a));
}

TEST_CASE("chunks end only after a statement: one spread over lines, long lines, CR line ends") {
    std::string text;
    for (int i = 0; i < 800; ++i) {
        // serd reads a statement spread over lines; a cut after its first line would break it.
        text += fmt::format("<http://ex/s{}> <http://ex/p>\n   <http://ex/o{}> .\n", i, i);
        if (i % 100 == 0) text += fmt::format("<http://ex/long> <http://ex/p> \"{}\" .\n", std::string(5000, 'x'));
        if (i % 3 == 0) text += fmt::format("<http://ex/cr{}> <http://ex/p> \"cr\" .\r", i);
    }
    TempDir dir;
    auto a = Store::open(dir.file("a"));
    auto b = Store::open(dir.file("b"));
    auto whole = test::loadText(*a, text, RdfFormat::NTriples, sequential());
    auto parts = test::loadText(*b, text, RdfFormat::NTriples, chunked(700));
    CHECK(whole.statements == 800 + 8 + 267);
    CHECK(parts.statements == whole.statements);
    CHECK(test::exportText(*b) == test::exportText(*a));
}

TEST_CASE("chunks: every line ending with a comment") {
    std::string text;
    for (int i = 0; i < 3000; ++i)
        text += fmt::format("<http://ex/s{}> <http://ex/p> <http://ex/o#{}> . # statement {}\n", i, i, i);
    TempDir dir;
    auto a = Store::open(dir.file("a"));
    auto b = Store::open(dir.file("b"));
    // A small budget bounds a statement's text at 16 KiB: no chunk may grow to that looking for a
    // line that ends with '.'.
    LoadOptions small = sequential();
    small.memoryBudget = 64 * 1024;
    LoadOptions smallChunked = chunked(1000);
    smallChunked.memoryBudget = 64 * 1024;
    auto whole = test::loadText(*a, text, RdfFormat::NTriples, small);
    auto parts = test::loadText(*b, text, RdfFormat::NTriples, smallChunked);
    CHECK(whole.statements == 3000);
    CHECK(parts.statements == 3000);
    CHECK(test::exportText(*b) == test::exportText(*a));
}

TEST_CASE("parseInChunks hands the chunks over in file order, all of them once") {
    TempDir dir;
    std::string text;
    for (int i = 0; i < 20000; ++i) text += fmt::format("<http://ex/s{}> <http://ex/p> \"{}\" .\n", i, i);
    std::string path = dir.write("many.nt", text);
    rdf_io::ParseOptions po;
    po.format = RdfFormat::NTriples;
    po.sourceName = "many.nt";
    // Which thread finishes a chunk first varies: several rounds give disorder its chances.
    for (int round = 0; round < 4; ++round) {
        std::uint64_t lastEnd = 0, statements = 0;
        bool ordered = true;
        parseInChunks(path, po, 256, [&](ParsedChunk& chunk) {
            ordered = ordered && chunk.endOffset > lastEnd;
            lastEnd = chunk.endOffset;
            statements += chunk.terms.size() / 4;
            // The first statement of each chunk comes right after the last of the one before.
            std::string_view subject(chunk.arena.data() + chunk.terms[0].keyAt, chunk.terms[0].keyLength);
            ordered = ordered && subject.ends_with(fmt::format("/s{}", statements - chunk.terms.size() / 4));
        });
        CHECK(ordered);
        CHECK(lastEnd == text.size());
        CHECK(statements == 20000);
    }
}
