#pragma once
// Reading N-Triples, N-Quads, Turtle and TriG with serd (libserd 0.30).
//
// serd does the grammar; this glue resolves IRIs (RFC 3986 with dot segments,
// which serd 0.30 skips), expands prefixed names, scopes blank nodes to the
// document, rejects what serd lets through (UTF-16 surrogate escapes,
// undefined prefixes) and turns every problem into "file:line:column: message".

#include "storage/rdf_io/rdf_format.h"
#include "storage/term.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::storage::rdf_io {

// A term as the parser hands it out: views into buffers valid during the call.
struct TermRef {
    TermKind kind = TermKind::Iri;
    std::string_view value;
    std::string_view datatype; // empty: xsd:string (or rdf:langString when lang is set)
    std::string_view lang;

    Term toTerm() const;
};

class QuadHandler {
public:
    virtual ~QuadHandler() = default;
    // graph == nullptr: the document's default graph.
    virtual void onQuad(const TermRef& s, const TermRef& p, const TermRef& o, const TermRef* graph) = 0;
    virtual void onPrefix(std::string_view /*name*/, std::string_view /*iri*/) {}
};

struct ParseOptions {
    RdfFormat format = RdfFormat::NTriples;
    std::string baseIri;                                   // relative IRIs resolve against it; may be empty
    std::string blankPrefix;                               // prepended to every blank node label
    bool keepGoing = false;                                // skip bad statements (serd's lax mode) instead of stopping
    std::string sourceName;                                // shown in messages: "sourceName:line:column: ..."
    std::function<void(std::uint64_t bytesRead)> progress; // called every page, optional
    // serd holds a statement's text until the statement ends: past this many bytes read without
    // one ending, the parse stops with `statementLimitHint` in its message (0: no bound).
    std::uint64_t maxStatementBytes = 0;
    std::string statementLimitHint;
    // The line number of the text's first line in messages (a part of a longer file).
    std::uint64_t firstLine = 1;
};

struct ParseReport {
    std::uint64_t statements = 0;      // quads handed to the handler
    std::vector<std::string> rejected; // keepGoing only: one "file:line:col: message" each
};

// Parses a file. Throws DataError("file:line:col: message") on the first problem
// unless keepGoing; throws DataError if the file cannot be read. Exceptions thrown
// by the handler propagate unchanged.
ParseReport parseRdfFile(const std::string& path, const ParseOptions& options, QuadHandler& handler);

// Same, for text in memory (tests, the shell).
ParseReport parseRdfString(std::string_view text, const ParseOptions& options, QuadHandler& handler);

} // namespace corridor::storage::rdf_io
