#pragma once
// Query-stage errors. Each carries where in the query text it happened, and
// renders Kuzu/DuckDB style:
//
//   syntax error at line 1, column 26: expected a variable or a term, found '.'
//     SELECT ?s WHERE { ?s <p> . }
//                              ^
//
// Expression errors during evaluation are *values* (unbound / false), never
// exceptions (SPARQL 1.1 section 17.3).

#include "storage/error.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace corridor::query {

struct SourceSpan {
    std::size_t offset = 0; // in code points from the start of the query
    std::size_t length = 0;
    std::size_t line = 0;   // 1-based; 0 = unknown
    std::size_t column = 0; // 1-based, in code points
};

class QueryError : public Error {
public:
    QueryError(std::string stage, std::string message, SourceSpan span, std::string_view text);
    const std::string& message() const { return message_; }
    const SourceSpan& span() const { return span_; }
    // The first line of what(): "stage at line L, column C: message".
    const std::string& headline() const { return headline_; }

private:
    std::string message_;
    SourceSpan span_;
    std::string headline_;
};

// Malformed text.
class SyntaxError : public QueryError {
public:
    SyntaxError(std::string message, SourceSpan span, std::string_view text)
        : QueryError("syntax error", std::move(message), span, text) {}
};

// Well-formed text that means nothing: unknown prefix, bad variable scope...
class SemanticError : public QueryError {
public:
    SemanticError(std::string message, SourceSpan span, std::string_view text)
        : QueryError("query error", std::move(message), span, text) {}
};

// A feature the engine parses but does not evaluate yet.
class UnsupportedError : public QueryError {
public:
    UnsupportedError(std::string message, SourceSpan span, std::string_view text)
        : QueryError("not supported yet", std::move(message), span, text) {}
};

// Stopped by --timeout or Ctrl-C.
class CancelledError : public Error {
public:
    explicit CancelledError(const std::string& why) : Error("query stopped: " + why) {}
    int exitCode() const override { return kExitInterrupted; }
};

// Stopped by the query's memory limit, before the machine ran out.
class ResourceError : public Error {
public:
    explicit ResourceError(const std::string& why) : Error("query stopped: " + why) {}
    int exitCode() const override { return kExitInterrupted; }
};

// The source line under a span with a caret (or carets) beneath the span.
std::string renderCaret(std::string_view text, const SourceSpan& span);

} // namespace corridor::query
